import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/render-4EVRASH5.js
import{a,b,c,d,e,f}from"./chunk-WLNJNPL4.js";import"./chunk-IGUIOPXQ.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
========
import{a,b,c,d,e,f}from"./chunk-32WUU63C.js";import"./chunk-PQQTELZM.js";import"./chunk-WVULGLVI.js";import"./chunk-KH3MHD7M.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{c as describeSecret,b as headline,e as renderScanJson,f as renderScanMarkdown,d as renderScanText,a as safe};
>>>>>>>> d47a96f (template.NAME: --template NAME[:LANG,…] (Action input templates, fleet key templates); one message_templates item per name and WABA in the first wave, cursor paging capped; the WABA of an expected number when no WABA is given; a name missing here is looked for in the other WABAs the token reaches; emulator templates in every status):dist/chunks/render-ELOLDB2O.js
