import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-EJM3OAHY.js";import"./chunk-VYD3OAU7.js";export{b as daysWord,a as fleetRow,c as totalsLine};
