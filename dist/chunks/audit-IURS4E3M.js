import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/audit-IURS4E3M.js
import{A as b,B as c,z as a}from"./chunk-MRZTIR5T.js";import"./chunk-GYAAMWCC.js";import"./chunk-WVULGLVI.js";import"./chunk-B6755EMR.js";import"./chunk-I5XUO2WH.js";import"./chunk-FCTHWIFN.js";import"./chunk-OOYCAGQE.js";import"./chunk-AD2Y3R5A.js";import"./chunk-6ZFBVCS6.js";import"./chunk-GPLVMUN2.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,b as judged,c as notJudgedBy};
========
import{D as a,E as b,F as c}from"./chunk-LCO7BA34.js";import"./chunk-GYAAMWCC.js";import"./chunk-WVULGLVI.js";import"./chunk-B6755EMR.js";import"./chunk-RIEGWN73.js";import"./chunk-WHL2CPCZ.js";import"./chunk-OOYCAGQE.js";import"./chunk-TMPAUWJL.js";import"./chunk-6XPZ2AT5.js";import"./chunk-BMLPBNSR.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,b as judged,c as notJudgedBy};
>>>>>>>> e6e1023 (tests: the sendability files follow the suite's layout (test/dist, Node 24 for the Action) and its timeouts; dist: rebuild):dist/chunks/audit-PIJ4PW6M.js
