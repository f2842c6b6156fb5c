// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif). What GitHub needs, after its SARIF
// support page (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
// stable rule ids; every result located (file and line: a file with one unlocated result is refused); stable
// `partialFingerprints` so an alert keeps its identity across runs (ours: rule + file + the secret's fingerprint,
// never the line, so moving the code does not open a new alert). No secret in any field.
import { createHash } from 'node:crypto';
import { describeSecret, safe } from './render.js';
import { type Finding, RULES, type ScanDocument, type SecretStatus } from './scan.js';

const LEVEL: Record<SecretStatus, 'error' | 'warning' | 'note'> = {
  live: 'error',
  'not-judged': 'warning',
  unverified: 'warning',
  dead: 'note',
};

const STATUS_TEXT: Record<SecretStatus, string> = {
  live: 'is live',
  dead: 'is no longer valid',
  'not-judged': 'could not be verified',
  unverified: 'was not verified (--no-verify)',
};

const SARIF_FINGERPRINT_KEY = 'waTokenAuditSecret/v1';

/** `src/a b.ts` -> `src/a%20b.ts`: SARIF locations are URI references, relative to the repository root. */
function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function partialFingerprint(f: Pick<Finding, 'ruleId' | 'file' | 'fingerprint'>): string {
  return createHash('sha256').update(`${f.ruleId}\0${f.file}\0${f.fingerprint}`).digest('hex').slice(0, 32);
}

export function renderSarif(doc: ScanDocument, version = '0.1.0', now = new Date(doc.generatedAt)): string {
  const kinds = Object.keys(RULES) as (keyof typeof RULES)[];
  const rules = kinds.map((k) => ({
    id: RULES[k].id,
    name: RULES[k].name,
    shortDescription: { text: RULES[k].description },
    fullDescription: {
      text: `${RULES[k].description}. wa-token-audit asks Graph whether it is live and, for a live one, what it can do.`,
    },
    help: {
      text: 'Revoke the credential (a system-user token: Business Settings > System Users; an app secret: App Dashboard > Settings > Basic > Reset), remove it from the code and the history, and load it from a secret store.',
      markdown:
        'Revoke the credential (a system-user token: **Business Settings > System Users**; an app secret: **App Dashboard > Settings > Basic > Reset**), remove it from the code and the history, and load it from a secret store.',
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret', 'meta', 'whatsapp'], precision: 'high', 'security-severity': '9.0' },
  }));
  const secretOf = new Map(doc.secrets.map((s) => [`${s.kind}\0${s.fingerprint}`, s]));
  const results = doc.findings.map((f) => {
    const s = secretOf.get(`${f.kind}\0${f.fingerprint}`);
    const what = s ? describeSecret(s, now) : '';
    const where = f.source === 'history' ? ` (in the git history${f.commit ? `, commit ${f.commit.slice(0, 12)}` : ''})` : '';
    return {
      ruleId: f.ruleId,
      ruleIndex: kinds.indexOf(f.kind),
      level: LEVEL[f.status],
      message: {
        text: safe(`${RULES[f.kind].name} ${f.fingerprint} ${STATUS_TEXT[f.status]}${where}${what ? `: ${what}` : ''}.`, 1000),
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(f.file) },
            region: { startLine: f.line, startColumn: f.column },
          },
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: partialFingerprint(f) },
      properties: {
        status: f.status,
        fingerprint: f.fingerprint,
        source: f.source,
        ...(f.blob ? { blob: f.blob } : {}),
        ...(f.commit ? { commit: f.commit } : {}),
      },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wa-token-audit',
            version,
            informationUri: 'https://github.com/wa-token-audit/wa-token-audit',
            rules,
          },
        },
        results,
        properties: { totals: doc.totals, verified: doc.verified },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
