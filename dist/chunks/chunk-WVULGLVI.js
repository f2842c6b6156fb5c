import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import{createHash as r}from"node:crypto";function i(t){return`sha256:${r("sha256").update(t,"utf8").digest("hex").slice(0,8)}`}export{i as a};
