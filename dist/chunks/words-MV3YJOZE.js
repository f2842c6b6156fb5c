import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-LT45RBFL.js";import"./chunk-VYD3OAU7.js";export{e as notJudgedWhy,f as outcome,a as printable,g as redirectTarget,c as seconds,b as shownUrl,d as tlsWhy};
