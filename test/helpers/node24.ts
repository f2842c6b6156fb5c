// A real Node 24 binary (what GitHub's runners use for `node24` actions), for the tests that run the bundled
// Action under it. Resolved once per run by test/helpers/dist-setup.ts (resolveNode24); test files read it with
// `node24()`.
import { inject } from 'vitest';

/** The binary, or why the Node 24 tests are skipped on this machine. */
export type Node24 = { path: string; version: string } | { skip: string };

/** In a test file of the dist project: the Node 24 this run resolved. */
export function node24(): Node24 {
  return inject('node24');
}

/** The Node 24 binary; only call it inside tests that are skipped when `node24()` has no path. */
export function node24Path(): string {
  const n = node24();
  if ('skip' in n) throw new Error(n.skip);
  return n.path;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh bundle of the sources (same bytes as dist/ once the setup has brought dist/ up to date). */
    bundleDir: string;
    node24: Node24;
  }
}
