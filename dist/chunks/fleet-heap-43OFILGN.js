import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-YONVUFKK.js";import"./chunk-VYD3OAU7.js";export{c as collect,b as runInFleetHeap,a as wantsFleetHeap};
