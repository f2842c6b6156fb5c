import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-F4UTB7F2.js";import"./chunk-GJQYF3RJ.js";import"./chunk-VYD3OAU7.js";export{d as fleetJunitWriter,c as renderFleetJunit,a as renderJUnit,b as renderJunit};
