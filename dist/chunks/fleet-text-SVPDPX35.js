import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b}from"./chunk-3XLQB5XD.js";import"./chunk-TTBT4VAA.js";import"./chunk-KH3MHD7M.js";import"./chunk-PZZMPNWV.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as renderFleetText};
