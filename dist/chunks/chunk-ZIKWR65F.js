import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
var t={start:4,max:16},o={default:1e4,min:100,max:12e4},E="https://graph.facebook.com",_="v26.0",s={pageSize:100,maxPages:10},c=64*1024,e=4*1024*1024,n=5e3;export{t as a,o as b,E as c,_ as d,s as e,c as f,e as g,n as h};
