import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<<< HEAD:dist/chunks/scan-AS4ARQSP.js
import{a,b}from"./chunk-H76SL6BS.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as RULES,b as runScan};
========
import{a,b}from"./chunk-LVZYKFQQ.js";import"./chunk-WVULGLVI.js";import"./chunk-A3VD6MYT.js";import"./chunk-VYD3OAU7.js";export{a as RULES,b as runScan};
>>>>>>>> 296bd87 (webhook.route: where each number's messages webhooks go (its own alternate callback > its WABA's for the app > the app's callback URL), read in the first wave (webhook_configuration rides in the phone item); --callback-url (Action input callback-url, fleet key callbackUrl) fails a number routed elsewhere, naming the level and how to change it; discovery and the Action summary show each number's effective callback; emulator: per-app overrides, another app's alternates, a query string on the phone override; bench counts the one request; README):dist/chunks/scan-LHHJGN72.js
