import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<< HEAD:dist/chunks/render-AXAVEUEF.js
<<<<<<<< HEAD:dist/chunks/render-6H54NWKU.js
import{a,b,c,d,e,f}from"./chunk-XNOYLJAS.js";import"./chunk-I6QV4OXB.js";import"./chunk-KH3MHD7M.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
========
import{a,b,c,d,e,f}from"./chunk-O2N3I5MM.js";import"./chunk-GMR4ACLX.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>>> d2f57b3 (dist: rebuild):dist/chunks/render-AXAVEUEF.js
=======
import{a,b,c,d,e,f}from"./chunk-Z5RTRWTR.js";import"./chunk-KNN3PHTN.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>> 33f4bb0 (template.NAME: remediation names each front's setting; fleet defaults may name templates before entries give the WABA; Action summary lists templates; conformance covers message_templates; bench deep audit carries two templates):dist/chunks/render-LLS67FY2.js
