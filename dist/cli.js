#!/usr/bin/env node
import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);
import e from"node:module";import{setFlagsFromString as o}from"node:v8";e.enableCompileCache?.();o("--liftoff-only");var{runCli:s}=await import("./chunks/program-JTYJGOWK.js"),{processIO:i}=await import("./chunks/io-3PNFJ4WN.js");process.exitCode=await s(process.argv.slice(2),i());(process.exitCode===130||process.exitCode===143)&&process.exit(process.exitCode);
