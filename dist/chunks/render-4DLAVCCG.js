import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/render-4DLAVCCG.js
import{a,b,c,d,e,f}from"./chunk-CKYKC2R4.js";import"./chunk-CJVW4HJK.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
========
import{a,b,c,d,e,f}from"./chunk-GJXUBDTK.js";import"./chunk-4UOFDIQE.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>>> fb32229 (dist: rebuild):dist/chunks/render-L65OFZKI.js
