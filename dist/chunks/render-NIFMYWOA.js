import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/render-IP7LS4VY.js
import{a,b,c,d,e,f}from"./chunk-CIFERR7P.js";import"./chunk-L77DSU4K.js";import"./chunk-KH3MHD7M.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
========
import{a,b,c,d,e,f}from"./chunk-D6LRZZ6E.js";import"./chunk-447CHDQU.js";import"./chunk-KH3MHD7M.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>>> a13c10c (Fleet heap: `fleet` runs in a child Node with --max-semi-space-size=8 and --expose-gc (signals passed on, its exit code kept; not when the user gave Node flags) and collects every 2,000 entries, so peak RSS stays near what is live (30k entries: 185 -> 122 MB on Node 20, ~290 -> 145 MB on Node 24); SIGTERM mid-fleet test):dist/chunks/render-NIFMYWOA.js
