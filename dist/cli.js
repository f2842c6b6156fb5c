#!/usr/bin/env node
import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
<<<<<<< HEAD
import o from"node:module";import{setFlagsFromString as e}from"node:v8";o.enableCompileCache?.();e("--liftoff-only");var{runCli:i}=await import("./chunks/program-BJRWNOW6.js"),{processIO:a}=await import("./chunks/io-DA2TVGQI.js");process.exitCode=await i(process.argv.slice(2),a());
=======
import o from"node:module";import{setFlagsFromString as e}from"node:v8";o.enableCompileCache?.();e("--liftoff-only");var{runCli:i}=await import("./chunks/program-R4NQX4FO.js"),{processIO:a}=await import("./chunks/io-DA2TVGQI.js");process.exitCode=await i(process.argv.slice(2),a());
>>>>>>> 1c52fe7 (webhook-test: the report's shapes live in src/core/webhook-test.ts, so its renderers read core types only)
