// The corpus of answers recorded from the real Graph API (and Meta's published examples), test/fixtures/real/.
// Each file is the answer body with two keys added: `_source` (where it comes from: repository and path, or page
// URL, and which request it answers) and `_http` (the HTTP status, when known). A batch or other array body sits
// under `_body`. `recorded()` strips them and gives back what Graph sent.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/real');

interface Source {
  kind: string;
  /** Which request the body answers, e.g. `GET /debug_token`, `GET /{phone-number-id}`. */
  answers: string;
  repo?: string;
  path?: string;
  commit?: string;
  url?: string;
  notes?: string;
}

export interface Recorded {
  /** Path under test/fixtures/real, e.g. `debug-token/user-expired-463.json`. */
  name: string;
  source: Source;
  status: number;
  body: unknown;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

export function corpus(): Recorded[] {
  return walk(CORPUS_DIR)
    .sort()
    .map((file) => {
      const { _source, _http, _body, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return {
        name: relative(CORPUS_DIR, file),
        source: _source as Source,
        status: (_http as { status: number }).status,
        body: _body === undefined ? rest : _body,
      };
    });
}

export function recorded(name: string): Recorded {
  const found = corpus().find((r) => r.name === name || r.name === `${name}.json`);
  if (!found) throw new Error(`no recorded answer ${name}`);
  return found;
}
