import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{a as l,b as a}from"./chunk-4QTGJWZI.js";import"./chunk-VYD3OAU7.js";function c(e,t,o){return{schemaVersion:1,ok:t.ok,exitCode:t.exitCode,totals:t.totals,graph:{requests:t.requests,throttledMs:Math.round(t.throttledMs)},entries:[...e].sort((n,s)=>n.index-s.index).map(n=>({name:n.name,exitCode:n.exitCode,report:n.report})),generatedAt:o.toISOString()}}function g(e,t){let o=a(e),n=0,s=l(t,r=>{o.write(`${n++===0?"":","}
    ${r}`)});return e(`{
  "schemaVersion": 1,
  "entries": [`),{entry(r){let i=JSON.stringify({name:r.name,exitCode:r.exitCode,report:r.report},null,2);s.push(r.index,i.replaceAll(`
`,`
    `))},end(r,i){s.flush();let u=JSON.stringify(d(r,i),null,2);o.write(`${n===0?"]":`
  ]`},
${u.slice(2)}
`),o.flush()},dispose(){}}}function d(e,t){return{ok:e.ok,exitCode:e.exitCode,totals:e.totals,graph:{requests:e.requests,throttledMs:Math.round(e.throttledMs)},generatedAt:t.toISOString()}}function f(e){return{entry:t=>e(p(t)),end:(t,o)=>e(x(t,o)),dispose(){}}}function p(e){return`${JSON.stringify({kind:"entry",index:e.index,name:e.name,exitCode:e.exitCode,report:e.report})}
`}function x(e,t){return`${JSON.stringify({kind:"totals",schemaVersion:1,...d(e,t)})}
`}export{c as fleetDocument,g as fleetJsonWriter,f as fleetJsonlWriter,p as jsonlEntry,x as jsonlTotals};
