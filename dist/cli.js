#!/usr/bin/env node
import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import e from"node:module";e.enableCompileCache?.();var{runCli:o}=await import("./chunks/program-3WEMKSYO.js"),{processIO:a}=await import("./chunks/io-ORGMC73A.js");process.exitCode=await o(process.argv.slice(2),a());
