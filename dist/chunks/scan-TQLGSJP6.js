import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/scan-Z5MHDIUX.js
import{a,b,c,d}from"./chunk-IGUIOPXQ.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as DEFAULT_MAX_FILE_BYTES,b as RULES,c as runScan,d as scanExitCode};
========
import{a,b,c,d}from"./chunk-PQQTELZM.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as DEFAULT_MAX_FILE_BYTES,b as RULES,c as runScan,d as scanExitCode};
>>>>>>>> d47a96f (template.NAME: --template NAME[:LANG,…] (Action input templates, fleet key templates); one message_templates item per name and WABA in the first wave, cursor paging capped; the WABA of an expected number when no WABA is given; a name missing here is looked for in the other WABAs the token reaches; emulator templates in every status):dist/chunks/scan-TQLGSJP6.js
