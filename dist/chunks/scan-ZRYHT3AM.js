import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-KNN3PHTN.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as DEFAULT_MAX_FILE_BYTES,b as RULES,c as runScan,d as scanExitCode};
