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

export function expectNoSecrets(outputs: Record<string, string | undefined>, set: SecretSet): void {
  const all = needles(set);
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
  }
}
