import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{w as a,x as b,y as c,z as d}from"./chunk-VCUQIOCN.js";import"./chunk-Z3JO2ZLK.js";import"./chunk-W4ZP34GI.js";import"./chunk-CCWLBXZO.js";import"./chunk-U6LBDSZ7.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,c as batchedInspection,b as planAudit,d as runSecrets};
