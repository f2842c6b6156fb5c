import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b}from"./chunk-KF3RTONC.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as RULES,b as runScan};
