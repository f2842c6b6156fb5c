import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
var t={default:4,max:16},o={default:1e4,min:100,max:12e4},E="https://graph.facebook.com",_="v26.0",s={pageSize:100,maxPages:10},e=64*1024,c=4*1024*1024,n=5e3;export{t as a,o as b,E as c,_ as d,s as e,e as f,c as g,n as h};
