// The process environment, read once. A fleet has one variable per client token, and every `process.env` read
// (a lookup, an enumeration, a spread) goes through libuv to the C environment, which is scanned linearly: with
// 50,000 variables, enumerating it costs seconds (yargs-parser enumerates it on every parse, looking each name up
// again) and the `yaml` parser checks `process.env.LOG_TOKENS` once per token (yaml's dist/parse/parser.js). Both
// entries (CLI, Action) replace `process.env` with this plain-object copy before loading anything else, so every
// later read, ours and our dependencies', is a property lookup.
import { readFileSync } from 'node:fs';

/** Below this many variables, copying `process.env` key by key is cheap and exactly current. */
const SMALL_ENVIRONMENT = 2000;

/**
 * A plain-object copy of the environment. On Linux a large environment is read in one pass from
 * /proc/self/environ (the environment the process started with; nothing in this tool changes it before the
 * snapshot); elsewhere, or when /proc is unavailable, it is copied from `process.env`.
 */
export function snapshotEnv(): Record<string, string> {
  const fromProc = process.platform === 'linux' ? readProcEnviron() : undefined;
  if (fromProc && Object.keys(fromProc).length >= SMALL_ENVIRONMENT) return fromProc;
  const copy: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) copy[k] = v;
  return copy;
}

function readProcEnviron(): Record<string, string> | undefined {
  let raw: string;
  try {
    raw = readFileSync('/proc/self/environ', 'utf8');
  } catch {
    return undefined;
  }
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of raw.split('\0')) {
    const eq = pair.indexOf('=', 1);
    if (eq > 0 && !(pair.slice(0, eq) in env)) env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}
