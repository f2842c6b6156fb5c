import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
var t={default:4,max:16},o={default:1e4,min:100,max:12e4},s="https://graph.facebook.com",E="v26.0",e={pageSize:100,maxPages:10};export{t as a,o as b,s as c,E as d,e};
