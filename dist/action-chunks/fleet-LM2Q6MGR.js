import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{da as a}from"./chunk-764F3ITD.js";import"./chunk-ZBUYULM5.js";import"./chunk-4PO5B55R.js";import"./chunk-O4IMAJ5P.js";export{a as runFleet};
