import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/fleet-text-3TCL3BHD.js
import{a,b}from"./chunk-4DX6HAKU.js";import"./chunk-VYWLF4YH.js";import"./chunk-KH3MHD7M.js";import"./chunk-64RULGUJ.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as renderFleetText};
========
import{a,b}from"./chunk-5TYNEMIS.js";import"./chunk-ZFTGV4BO.js";import"./chunk-KH3MHD7M.js";import"./chunk-64RULGUJ.js";import"./chunk-VYD3OAU7.js";export{b as detail,a as renderFleetText};
>>>>>>>> 5553550 (Sendability: phone.status, phone.health, phone.messaging-limit and waba.health on the house (plan items, reader, registry); version-aware fields in the first batch wave, refused fields asked again without them; --require-live, --min-messaging-limit, Action inputs, fleet keys; fleet totals count numbers that cannot send; discovery shows health and state; untrusted() for Graph-supplied text; emulator models real numbers):dist/chunks/fleet-text-F2FTQ7ZS.js
