import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-TTBT4VAA.js";import"./chunk-VYD3OAU7.js";export{b as daysLeft,c as daysWord,a as fleetRow,d as totalsLine};
