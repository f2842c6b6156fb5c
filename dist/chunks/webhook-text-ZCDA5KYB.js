import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-P67RFYUX.js";import"./chunk-KH3MHD7M.js";import"./chunk-VVFZDXP5.js";import"./chunk-VYD3OAU7.js";export{c as renderDryRunText,b as renderWebhookText,a as webhookVerdictLine};
