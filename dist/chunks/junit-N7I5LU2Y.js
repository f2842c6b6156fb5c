import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-QTKKHYYW.js";import"./chunk-4QTGJWZI.js";import"./chunk-VYD3OAU7.js";export{d as fleetJunitWriter,c as renderFleetJunit,a as renderJUnit,b as renderJunit};
