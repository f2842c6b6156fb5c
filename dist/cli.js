#!/usr/bin/env node
import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import i from"node:module";import{setFlagsFromString as t}from"node:v8";i.enableCompileCache?.();t("--liftoff-only");var[e=0,n=0]=process.versions.node.split(".").map(Number);if(e<20||e===20&&n<19)process.stderr.write(`wa-token-audit: needs Node.js 20.19 or newer (this is ${process.version}); see https://nodejs.org/en/download.
<<<<<<< HEAD
`),process.exitCode=2;else{let{snapshotEnv:o}=await import("./chunks/environment-JUS3BKKJ.js");process.env=o();let{runCli:s}=await import("./chunks/program-DUDQDDEX.js"),{processIO:r}=await import("./chunks/io-WAFXGD6A.js");process.exitCode=await s(process.argv.slice(2),r()),(process.exitCode===130||process.exitCode===143)&&process.exit(process.exitCode)}
=======
`),process.exitCode=2;else{let{snapshotEnv:o}=await import("./chunks/environment-JUS3BKKJ.js");process.env=o();let{runCli:s}=await import("./chunks/program-ZFFLY7P5.js"),{processIO:r}=await import("./chunks/io-WAFXGD6A.js");process.exitCode=await s(process.argv.slice(2),r()),(process.exitCode===130||process.exitCode===143)&&process.exit(process.exitCode)}
>>>>>>> d46a962 (dist: rebuild)
