// What `webhook-test` reports (the shapes its renderers read): the same check shape and verdicts as the audit, about a callback URL.
import type { Check, Verdict } from './types.js';

export const WEBHOOK_CHECK_IDS = [
  'webhook.tls',
  'webhook.handshake',
  'webhook.handshake-refuses',
  'webhook.unsigned-refused',
  'webhook.forged-refused',
  'webhook.signed-accepted',
] as const;
export type WebhookCheckId = (typeof WEBHOOK_CHECK_IDS)[number];

export interface WebhookCheck extends Check {
  id: WebhookCheckId;
}

export interface WebhookReport {
  schemaVersion: 1;
  kind: 'webhook-test';
  /** The callback URL as shown: scheme, host, port and path; a query string the user gave is never shown. */
  url: string;
  /** true for pass and warn. */
  ok: boolean;
  /** pass | warn | fail | error (not judged: the test could not be made, e.g. a proxy refused the tunnel). */
  verdict: Verdict;
  error?: { message: string };
  checks: WebhookCheck[];
  /** What was posted: the test message ID and the payload's size in bytes (the payload itself is in README). */
  payload: { messageId: string; bytes: number };
  /** Each request's time limit, in milliseconds. */
  timeoutMs: number;
  generatedAt: string;
}

/** One request as `--dry-run` prints it: secrets masked. */
export interface PlannedRequest {
  check: WebhookCheckId;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}
