import type { PlannedRequest, WebhookReport } from '../core/webhook-test.js';

/** `webhook-test --format json`: the report as one document (schemaVersion 1; keys may be added, never renamed). */
export function renderWebhookJson(r: WebhookReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** `--dry-run --format json`. */
export function renderDryRunJson(url: string, requests: PlannedRequest[]): string {
  return `${JSON.stringify({ schemaVersion: 1, kind: 'webhook-test-dry-run', url, requests }, null, 2)}\n`;
}
