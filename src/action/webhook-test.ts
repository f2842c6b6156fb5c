// The Action's `webhook-url` (with `verify-token`): after the audit, test the release's webhook endpoint and add a
// "WhatsApp webhook test" section to the job summary, beside the audit. The app secret (input `app-secret`) only
// signs the test notification. A failed test fails the step, like a failed audit. The inputs themselves are read
// (and the verify token masked) by src/action/inputs.ts, with every other input.
import * as core from '@actions/core';
import { UsageError } from '../core/errors.js';
import { renderWebhookJson } from '../report/webhook-json.js';
import { renderWebhookMarkdown } from '../report/webhook-markdown.js';
import { VERDICT_WORD } from '../report/words.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, MAX_WEBHOOK_TIMEOUT_MS, parseCallbackUrl, runWebhookTest } from '../webhook-test/run.js';
import type { WebhookReport } from '../core/webhook-test.js';

export interface WebhookActionSettings {
  url: string;
  verifyToken: string;
  timeoutMs: number;
}

/** From the raw inputs: nothing when `webhook-url` is empty; a bad value is a usage error naming the input. */
export function webhookSettings(
  url: string | undefined,
  verifyToken: string,
  timeoutRaw: string | undefined,
): { webhook?: WebhookActionSettings } {
  if (url === undefined) return {};
  parseCallbackUrl(url, "input 'webhook-url'");
  if (verifyToken === '')
    throw new UsageError("input 'webhook-url' needs input 'verify-token' (the verify token set in the App Dashboard, from a secret).");
  let timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS;
  if (timeoutRaw !== undefined) {
    timeoutMs = Number(timeoutRaw);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > MAX_WEBHOOK_TIMEOUT_MS)
      throw new UsageError(
        `input 'webhook-timeout-ms': expected milliseconds between 100 and ${MAX_WEBHOOK_TIMEOUT_MS}, got "${timeoutRaw.slice(0, 20)}".`,
      );
  }
  return { webhook: { url, verifyToken, timeoutMs } };
}

export async function publishWebhookTest(
  w: WebhookActionSettings,
  run: { appSecret?: string; onOutage: 'fail' | 'warn' },
  /** The job summary's sections, written once by the Action at the end of the run. */
  summary: string[],
): Promise<WebhookReport> {
  const report = await runWebhookTest({
    url: w.url,
    verifyToken: w.verifyToken,
    ...(run.appSecret ? { appSecret: run.appSecret } : {}),
    verifyTokenName: "input 'verify-token'",
    appSecretName: "input 'app-secret'",
    timeoutMs: w.timeoutMs,
  });
  summary.push(renderWebhookMarkdown(report));
  core.setOutput('webhook-verdict', report.verdict);
  core.setOutput('webhook-report', renderWebhookJson(report).trim());
  for (const c of report.checks) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const text = `${c.message}${c.remediation?.length ? ` To fix: ${c.remediation.join(' ')}` : ''}`;
    if (c.status === 'fail') core.error(text, { title: c.id });
    else core.warning(text, { title: c.id });
  }
  if (report.verdict === 'error') {
    const message = `The webhook endpoint was not tested: ${report.error?.message ?? ''}`.trim();
    if (run.onOutage === 'warn') core.warning(message, { title: 'wa-token-audit webhook-test: not judged' });
    else core.setFailed(message);
  } else if (!report.ok) {
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    core.setFailed(`The webhook test of ${report.url} failed: ${failed.join(', ')}.`);
  } else {
    core.info(`wa-token-audit webhook-test ${report.url}: ${VERDICT_WORD[report.verdict]}`);
  }
  return report;
}
