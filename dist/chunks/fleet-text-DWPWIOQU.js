import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{d as a,e as b}from"./chunk-LTB6STRR.js";import"./chunk-KH3MHD7M.js";import"./chunk-VVFZDXP5.js";import"./chunk-4QTGJWZI.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as fleetTextWriter};
