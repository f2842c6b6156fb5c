import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a}from"./chunk-ZYLGT2XB.js";import"./chunk-TG44OP5E.js";import"./chunk-OOYCAGQE.js";import"./chunk-34AR6H5L.js";import"./chunk-TMPAUWJL.js";import"./chunk-H7ARWYDH.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as evaluateSavedResponse};
