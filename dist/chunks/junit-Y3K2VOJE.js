import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-YVE5GZCB.js";import"./chunk-VYD3OAU7.js";export{c as renderFleetJunit,a as renderJUnit,b as renderJunit};
