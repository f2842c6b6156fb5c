import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import"./chunk-VYD3OAU7.js";function s(e,t,n){return{schemaVersion:1,ok:t.ok,exitCode:t.exitCode,totals:t.totals,graph:{requests:t.requests,throttledMs:Math.round(t.throttledMs)},entries:[...e].sort((r,o)=>r.index-o.index).map(r=>({name:r.name,exitCode:r.exitCode,report:r.report})),generatedAt:n.toISOString()}}function i(e){return`${JSON.stringify(e,null,2)}
`}function l(e){return`${JSON.stringify({kind:"entry",index:e.index,name:e.name,exitCode:e.exitCode,report:e.report})}
`}function a(e,t){return`${JSON.stringify({kind:"totals",schemaVersion:1,ok:e.ok,exitCode:e.exitCode,totals:e.totals,graph:{requests:e.requests,throttledMs:Math.round(e.throttledMs)},generatedAt:t.toISOString()})}
`}export{s as fleetDocument,l as jsonlEntry,a as jsonlTotals,i as renderFleetJson};
