// The Action front: read every input once (masking the secrets first), run the mode (a single audit, with
// optional discovery and expiry watch, or a fleet), then outputs, annotations and the job summary. One catch for
// every mode, and ONE job-summary write, in `finally` and guarded: a summary that cannot be written warns, it
// never changes the step's outcome.
import * as core from '@actions/core';
import { NotJudgedError, UsageError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { VERDICT_WORD } from '../report/words.js';
import { auditToken } from '../run/audit.js';
import { publishDiscovery } from './discover.js';
import { errorDocsUrl } from './docs-url.js';
import { cancelledSection, onCancel } from './cancel.js';
import { EXPIRY_WATCH_MIN_MS, ExpiryWatchError, watchExpiry } from './expiry-watch.js';
import { runFleetAction } from './fleet.js';
import {
  type ActionSettings,
  actionSettingName,
  EmptyTokenError,
  graphOptionsOf,
  readInputs,
  type SingleSettings,
} from './inputs.js';
import { publishWebhookTest } from './webhook-test.js';
import { runScanAction } from './scan.js';
import { withinSummaryLimit } from './summary-limit.js';

/** Markdown sections for the job summary, in order; each mode adds its own; written once, at the end. */
type SummarySink = string[];

export async function run(): Promise<void> {
  const startedAt = Date.now();
  const summary: SummarySink = [];
  let settings: ActionSettings | undefined;
  // A cancelled run (the runner sends SIGINT, then SIGTERM) still leaves its summary: what was judged so far.
  onCancel(async (signal) => {
    core.setFailed(`wa-token-audit was cancelled (${signal}) before it finished; what was not judged was not judged.`);
    if (settings?.summary !== false) await writeSummary(`${summary.join('')}${cancelledSection(signal)}`);
  });
  try {
    settings = readInputs();
    if (settings.mode === 'fleet') await runFleetAction(settings, summary);
    else if (settings.mode === 'scan') await runScanAction(settings, summary);
    else await runSingle(settings, summary, startedAt);
  } catch (err) {
    if (err instanceof EmptyTokenError) core.setFailed(await whyEmpty(err));
    else if (err instanceof UsageError || err instanceof NotJudgedError) core.setFailed(err.message);
    else {
      const what =
        settings?.mode === 'fleet' ? 'the tokens were' : settings?.mode === 'scan' ? 'the scan did not finish' : 'the token was';
      core.setFailed(
        `wa-token-audit: internal error (${err instanceof Error ? err.name : typeof err}); ${what}${settings?.mode === 'scan' ? '' : ' not judged'}.`,
      );
    }
  } finally {
    // The summary is written whatever happened above, like any report a user needs to read after a failure.
    if (settings?.summary && summary.length > 0) await writeSummary(summary.join(''));
  }
}

async function runSingle(settings: SingleSettings, summary: SummarySink, startedAt: number): Promise<void> {
  const { report } = await auditToken({
    token: settings.token,
    appSecret: settings.appSecret,
    settingName: actionSettingName,
    policy: settings.policy,
    graph: graphOptionsOf(settings),
  });
  publish(report, settings, summary);
  if (settings.discover) await publishDiscovery(settings, report, summary);
  // The watch has until the run's deadline, and at least EXPIRY_WATCH_MIN_MS after a slow audit.
  const watchUntil = Math.max(startedAt + settings.deadlineMs, Date.now() + EXPIRY_WATCH_MIN_MS);
  if (settings.expiryIssue) await expiryWatch(report, settings.expiryIssue, watchUntil);
  if (settings.webhook) await publishWebhookTest(settings.webhook, settings, summary);
}

function publish(report: Report, settings: SingleSettings, summary: SummarySink): void {
  summary.push(renderMarkdown(report, { errorDocsUrl: errorDocsUrl() }));
  setOutputs(report, settings);
  annotate(report);
  if (report.verdict === 'error') {
    const message = `The token was not judged (Graph could not be asked): ${report.error?.message ?? ''}`.trim();
    if (settings.onOutage === 'warn') core.warning(message, { title: 'wa-token-audit: not judged' });
    else core.setFailed(message);
  } else if (!report.ok) {
    core.setFailed(failureLine(report));
  } else {
    core.info(`wa-token-audit: ${VERDICT_WORD[report.verdict]}`);
  }
}

/** The watch is a convenience: a GitHub API problem warns, it never changes the token's verdict. */
async function expiryWatch(
  report: Report,
  watch: NonNullable<SingleSettings['expiryIssue']>,
  deadlineAt: number,
): Promise<void> {
  // @actions/github (octokit) loads here, for the watch alone: a run without it never pays for it.
  const { context } = await import('@actions/github');
  const { owner, repo } = context.repo;
  try {
    const result = await watchExpiry(report, { ...watch, owner, repo, deadlineAt });
    core.setOutput('expiry-issue', result.action === 'none' ? '' : String(result.number));
    if (result.action === 'none') core.info(`Expiry watch: nothing to do (${result.reason}).`);
    else core.info(`Expiry watch: ${result.action} issue #${result.number}.`);
  } catch (err) {
    const status = (err as { status?: number }).status;
    const why = err instanceof ExpiryWatchError ? `: ${err.message}` : '';
    core.warning(
      `Expiry watch could not update its GitHub issue${why}${status ? ` (HTTP ${status})` : ''}: give the job 'permissions: issues: write' and pass github-token.`,
      { title: 'wa-token-audit: expiry watch' },
    );
  }
}

/** Why the token input is empty, from the event that started the run (@actions/github reads it, loaded now). */
async function whyEmpty(err: EmptyTokenError): Promise<string> {
  try {
    const [{ context }, { whyTokenIsEmpty }] = await Promise.all([import('@actions/github'), import('./why-empty.js')]);
    return whyTokenIsEmpty(context);
  } catch {
    return err.message;
  }
}

/** Outside a runner (or with the summary file gone) the summary is skipped with a warning, never a failure. */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(withinSummaryLimit(markdown)).write();
  } catch (err) {
    core.warning(`The job summary was not written: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function setOutputs(report: Report, settings: SingleSettings): void {
  const missing = settings.policy.scopes.filter((s) =>
    report.checks.some((c) => c.id === `scope.${s}` && c.status === 'fail'),
  );
  core.setOutput('ok', String(report.ok));
  core.setOutput('verdict', report.verdict);
  // One line of JSON, as the fleet's `report` output is: the same shape of output in every mode.
  core.setOutput('report', renderJson(report, { compact: true }).trim());
  core.setOutput('app-id', report.token.appId ?? '');
  core.setOutput('token-type', report.token.type ?? '');
  core.setOutput('expires-at', report.token.expiresAt ?? '');
  core.setOutput('missing-scopes', missing.join(','));
  core.setOutput('fingerprint', report.token.fingerprint ?? '');
}

function annotate(report: Report): void {
  for (const c of report.checks) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const steps = c.remediation?.length ? ` To fix: ${c.remediation.join(' ')}` : '';
    const explain = c.graphError ? ` (wa-token-audit explain ${c.graphError})` : '';
    const text = `${c.message}${explain}${steps}`;
    if (c.status === 'fail') core.error(text, { title: c.id });
    else core.warning(text, { title: c.id });
  }
}

function failureLine(report: Report): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return 'The token audit failed: warnings fail because fail-on-warning is true.';
  return `The token audit failed: ${failed.map((c) => `${c.id} (${c.message})`).join('; ')}`;
}
