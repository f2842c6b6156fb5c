import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a}from"./chunk-HJT3JG7Z.js";import"./chunk-ZOYW3DQG.js";import"./chunk-OOYCAGQE.js";import"./chunk-4HTREOWH.js";import"./chunk-TMPAUWJL.js";import"./chunk-6DW7D763.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as evaluateSavedResponse};
