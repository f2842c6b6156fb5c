import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a}from"./chunk-CSHMOCNL.js";import"./chunk-HEZP6SPC.js";import"./chunk-OOYCAGQE.js";import"./chunk-7XKFL6KI.js";import"./chunk-TMPAUWJL.js";import"./chunk-DF63XFA5.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as evaluateSavedResponse};
