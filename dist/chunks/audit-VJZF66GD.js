import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{w as a,x as b,y as c,z as d}from"./chunk-S5RQXA5A.js";import"./chunk-XGMJT3QV.js";import"./chunk-QM2RIHWK.js";import"./chunk-QLF25FJF.js";import"./chunk-U6LBDSZ7.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,c as batchedInspection,b as planAudit,d as runSecrets};
