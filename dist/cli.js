#!/usr/bin/env node
import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import o from"node:module";import{setFlagsFromString as e}from"node:v8";o.enableCompileCache?.();e("--liftoff-only");var{runCli:i}=await import("./chunks/program-W76KHXPW.js"),{processIO:a}=await import("./chunks/io-DA2TVGQI.js");process.exitCode=await i(process.argv.slice(2),a());
