// The one leak scanner every integration and e2e test uses: no secret, in any encoding, in anything we emit.
import { expect } from 'vitest';
import { runSecrets } from '../../src/graph/proof.js';
import { secretForms } from '../../src/graph/redact.js';

export interface SecretSet {
  token: string;
  appId: string;
  appSecret?: string;
  /** Other secrets the run holds (e.g. the Action's github-token), scanned in the same forms. */
  extra?: string[];
}

/** Every form of every secret of a run: raw, URL-encoded, form-encoded; app token and appsecret_proofs too. */
export function needles(set: SecretSet): string[] {
  return [
    ...new Set(
      [...runSecrets(set.token, set.appId, set.appSecret), ...(set.extra ?? [])].flatMap(secretForms),
    ),
  ];
}

/** Count of outputs scanned, for the README's Reliability figures. */
export const leakScan = { outputs: 0, scans: 0 };

/** Fragments this long of any secret form are a leak (the redactor cuts copies of 20+ characters). */
const FRAGMENT = 24;

/**
 * Pieces of every secret, also base64/base64url-encoded, lower-cased: a text (separators removed, lower-cased)
 * holding one holds a copy of at least FRAGMENT + 3 characters of a secret, however it was split or cased.
 * Written independently of src/graph/redact.ts, so the scanner does not grade the redactor with its own code.
 */
function fragments(all: string[]): string[] {
  const forms = all.flatMap((n) => [n, Buffer.from(n).toString('base64'), Buffer.from(n).toString('base64url')]);
  const out = new Set<string>();
  for (const f of forms.map((x) => x.toLowerCase())) {
    if (f.length <= FRAGMENT) out.add(f);
    else for (let i = 0; i + FRAGMENT <= f.length; i += 3) out.add(f.slice(i, i + FRAGMENT));
  }
  return [...out];
}

/** Whitespace, zero-width characters and ANSI sequences removed, lower-cased. */
function squeeze(text: string): string {
  return text
    .replace(/\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?)/g, '')
    .replace(/[\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g, '')
    .toLowerCase();
}

export function expectNoSecrets(outputs: Record<string, string | undefined>, set: SecretSet): void {
  const all = needles(set);
  const pieces = fragments(all);
  leakScan.scans++;
  for (const [where, text] of Object.entries(outputs)) {
    if (text === undefined) continue;
    leakScan.outputs++;
    for (const n of all) {
      if (text.includes(n)) {
        // Never print the secret itself in the assertion message either.
        expect.fail(`a secret (${n.length} chars) appears in ${where}`);
      }
    }
    const squeezed = squeeze(text);
    for (const p of pieces) {
      if (squeezed.includes(p)) expect.fail(`a piece of a secret (${p.length} chars, split, cased or encoded) appears in ${where}`);
    }
  }
}
