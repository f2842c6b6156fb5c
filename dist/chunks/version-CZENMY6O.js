import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a}from"./chunk-EJYXWZFI.js";import"./chunk-VYD3OAU7.js";export{a as VERSION};
