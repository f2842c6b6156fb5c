// The committed, test-only self-signed pair (see certs/README.md). Read at call time so that bundling main.ts
// does not need the files.
import { readFileSync } from 'node:fs';

export function loadTestCerts(): { key: string; cert: string } {
  const dir = new URL('./certs/', import.meta.url);
  return {
    key: readFileSync(new URL('key.pem', dir), 'utf8'),
    cert: readFileSync(new URL('cert.pem', dir), 'utf8'),
  };
}
