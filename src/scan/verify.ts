// Asks Graph about each distinct credential a scan found, once, through the fleet's batching (up to 50
// debug_token calls per POST, bounded concurrency, one deadline, the Graph client's back-off and redaction).
// This module is the only seam between the scan and the fleet: it turns credentials into fleet entries and the
// fleet's reports back into live / dead / not judged.
//
// Each token inspects itself (`input_token` = `access_token`): that needs no app secret and works for tokens of
// any app (Meta's debug_token reference allows a token to inspect itself, as public tools do; a dead token answers 190). An app
// token `APP_ID|SECRET` inspects itself the same way: a wrong secret is Graph's 190 "Invalid OAuth access token".
import { checkPolicy, WHATSAPP_SCOPES, type Policy } from '../core/policy.js';
import type { Report } from '../core/types.js';
import type { GraphClientOptions } from '../graph/client.js';
import type { SecretKind } from './finders.js';

export interface Candidate {
  secret: string;
  kind: SecretKind;
  /** The app of an app token, or the app ID paired with an app secret. */
  appId?: string;
}

export type Verification =
  | { status: 'live'; facts: LiveFacts }
  | { status: 'dead'; reason: string; graphError?: string; appId?: string; type?: string }
  | { status: 'not-judged'; reason: string };

export interface LiveFacts {
  appId?: string;
  /** The app's name as Graph gives it: untrusted text, sanitised by each renderer. */
  application?: string;
  type?: string;
  /** ISO 8601, or null: never expires. */
  expiresAt?: string | null;
  dataAccessExpiresAt?: string | null;
  scopes: string[];
  /** The WhatsApp permissions it carries and the WABAs they reach; `allWabas` when a grant has no target_ids. */
  whatsapp: { scopes: string[]; wabas: string[]; allWabas: boolean };
}

export interface VerifyOutcome {
  results: Map<string, Verification>;
  /** HTTP requests sent, retries included. */
  requests: number;
}

export interface VerifyOptions {
  graph?: Omit<GraphClientOptions, 'secrets'>;
  concurrency?: number;
  now?: () => Date;
}

/** The credential Graph is asked about: an app secret travels as its app token. */
function asToken(c: Candidate): string | undefined {
  if (c.kind === 'app-secret') return c.appId ? `${c.appId}|${c.secret}` : undefined;
  return c.secret;
}

export async function verifyCandidates(candidates: Candidate[], opts: VerifyOptions = {}): Promise<VerifyOutcome> {
  const results = new Map<string, Verification>();
  const entries: { index: number; name: string; token: string; policy: Policy }[] = [];
  const byToken = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (results.has(c.secret)) continue;
    const token = asToken(c);
    if (!token) {
      results.set(c.secret, {
        status: 'not-judged',
        reason:
          'An app secret can only be checked together with its app ID, and none was found near it (give it with --app-id).',
      });
      continue;
    }
    const list = byToken.get(token);
    if (list) {
      list.push(c);
      continue;
    }
    byToken.set(token, [c]);
    entries.push({ index: entries.length, name: `secret-${entries.length}`, token, policy: policyFor(c) });
  }
  if (entries.length === 0) return { results, requests: 0 };

  const { runFleet } = await import('../run/fleet.js');
  const outcome = await runFleet({
    entries,
    ...(opts.graph ? { graph: opts.graph } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    onEntry: (r) => {
      const entry = entries[r.index]!;
      const v = readReport(r.report, r.exitCode);
      for (const c of byToken.get(entry.token) ?? []) results.set(c.secret, v);
    },
  });
  return { results, requests: outcome.requests };
}

/**
 * A policy only to satisfy the audit planner: the scan reads facts and validity, not the policy's checks. Built by
 * the one policy parser with nothing but the app ID, so every other setting is its default, whatever is added later.
 */
function policyFor(c: Candidate): Policy {
  const { policy, problems } = checkPolicy({ appId: c.appId ?? '0' });
  if (!policy) throw new Error(`the scan's verification policy is invalid: ${problems.join('; ')}`);
  return policy;
}

const WA_GRANTS: readonly string[] = WHATSAPP_SCOPES;

function readReport(report: Report, exitCode: number): Verification {
  if (report.verdict === 'error') {
    const message = report.error?.message ?? 'Graph could not be asked.';
    return {
      status: 'not-judged',
      reason:
        exitCode === 2 && /appsecret_proof/i.test(message)
          ? `Its app requires appsecret_proof ("Require App Secret"), and no app secret for it is known: the token cannot inspect itself.`
          : message,
    };
  }
  const valid = report.checks.find((c) => c.id === 'token.valid');
  if (!valid) return { status: 'not-judged', reason: 'Graph did not say whether the token is valid.' };
  const t = report.token;
  if (valid.status !== 'pass') {
    return {
      status: 'dead',
      reason: valid.message.replace(/^The token is not valid\.\s*/, ''),
      ...(valid.graphError ? { graphError: valid.graphError } : {}),
      ...(t.appId ? { appId: t.appId } : {}),
      ...(t.type ? { type: t.type } : {}),
    };
  }
  const grants = t.granularScopes.filter((g) => WA_GRANTS.includes(g.scope));
  const waScopes = t.scopes.filter((s) => s.startsWith('whatsapp_'));
  const wabas = [...new Set(grants.flatMap((g) => g.targetIds ?? []))].sort();
  // A WhatsApp permission granted without target_ids (or only listed in scopes) covers every WABA the user reaches.
  const allWabas =
    grants.some((g) => g.targetIds === undefined) ||
    WA_GRANTS.some((s) => t.scopes.includes(s) && !grants.some((g) => g.scope === s));
  return {
    status: 'live',
    facts: {
      ...(t.appId ? { appId: t.appId } : {}),
      ...(t.application ? { application: t.application } : {}),
      ...(t.type ? { type: t.type } : {}),
      ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}),
      ...(t.dataAccessExpiresAt !== undefined ? { dataAccessExpiresAt: t.dataAccessExpiresAt } : {}),
      scopes: t.scopes,
      whatsapp: { scopes: waScopes, wabas, allWabas },
    },
  };
}
