import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b}from"./chunk-AMGTVKKP.js";import"./chunk-EJM3OAHY.js";import"./chunk-KH3MHD7M.js";import"./chunk-64RULGUJ.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as renderFleetText};
