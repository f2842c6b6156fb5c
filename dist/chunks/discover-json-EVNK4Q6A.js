import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import"./chunk-VYD3OAU7.js";function e(r){return`${JSON.stringify(r,null,2)}
`}export{e as renderDiscoveryJson};
