import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{w as a,x as b,y as c,z as d}from"./chunk-FW4HUH23.js";import"./chunk-XGMJT3QV.js";import"./chunk-ZR6BEMRL.js";import"./chunk-AQHMQNPN.js";import"./chunk-EIGRY6WP.js";import"./chunk-VYD3OAU7.js";export{a as auditToken,c as batchedInspection,b as planAudit,d as runSecrets};
