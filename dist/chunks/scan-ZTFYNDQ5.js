import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/scan-ZTFYNDQ5.js
import{a,b}from"./chunk-L77DSU4K.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as RULES,b as runScan};
========
import{a,b}from"./chunk-447CHDQU.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as RULES,b as runScan};
>>>>>>>> a13c10c (Fleet heap: `fleet` runs in a child Node with --max-semi-space-size=8 and --expose-gc (signals passed on, its exit code kept; not when the user gave Node flags) and collects every 2,000 entries, so peak RSS stays near what is live (30k entries: 185 -> 122 MB on Node 20, ~290 -> 145 MB on Node 24); SIGTERM mid-fleet test):dist/chunks/scan-3BI7HLA4.js
