import * as core from '@actions/core';
import { secretForms } from '../graph/redact.js';

/** The runner hides exact strings only: register every form a secret takes (raw, URL- and form-encoded). */
export function maskSecrets(secrets: Iterable<string | undefined>): void {
  for (const s of secrets) if (s) for (const form of secretForms(s)) core.setSecret(form);
}
