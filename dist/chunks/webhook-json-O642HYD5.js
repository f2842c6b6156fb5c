import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import"./chunk-VYD3OAU7.js";function r(e){return`${JSON.stringify(e,null,2)}
`}function o(e,n){return`${JSON.stringify({schemaVersion:1,kind:"webhook-test-dry-run",url:e,requests:n},null,2)}
`}export{o as renderDryRunJson,r as renderWebhookJson};
