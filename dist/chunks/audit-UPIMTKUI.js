import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{w as a,x as b,y as c,z as d}from"./chunk-YS6FQYFZ.js";import"./chunk-XGMJT3QV.js";import"./chunk-QHBGVHWY.js";import"./chunk-AQHMQNPN.js";import"./chunk-EIGRY6WP.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,c as batchedInspection,b as planAudit,d as runSecrets};
