import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{B as a,C as b,D as c}from"./chunk-IYCJIJJM.js";import"./chunk-DB7ISEOA.js";import"./chunk-DJHYAF5I.js";import"./chunk-D6DQII6M.js";import"./chunk-PURIPMEH.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,b as judged,c as notJudgedBy};
