import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b}from"./chunk-UUEBHTTH.js";import"./chunk-EJM3OAHY.js";import"./chunk-KH3MHD7M.js";import"./chunk-VVFZDXP5.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as renderFleetText};
