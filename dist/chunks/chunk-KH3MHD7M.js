import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{styleText as o}from"node:util";function a(e){return e?(t,r)=>o(t,r):(t,r)=>r}function i(e,t){return t.NO_COLOR?!1:t.FORCE_COLOR&&t.FORCE_COLOR!=="0"?!0:!!e&&t.TERM!=="dumb"}export{a,i as b};
