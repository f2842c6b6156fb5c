import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/render-N3QIJDEX.js
import{a,b,c,d,e,f}from"./chunk-EVHVYNTY.js";import"./chunk-ONRN36PK.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
========
import{a,b,c,d,e,f}from"./chunk-CXVGTQMG.js";import"./chunk-YPJ4NRWQ.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>>> e6e1023 (tests: the sendability files follow the suite's layout (test/dist, Node 24 for the Action) and its timeouts; dist: rebuild):dist/chunks/render-KGJ7PWBE.js
