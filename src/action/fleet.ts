// The Action's fleet mode (`fleet-file`): the same loader and runner as `wa-token-audit fleet`, every token masked
// before anything is logged. Everything stays inside GitHub's limits, however large the fleet:
// - the full JSON report (the document of `wa-token-audit fleet --format json`) is written to a file, as the
//   fleet runs, whose path is the `report-file` output (ready for actions/upload-artifact);
// - the `report` output is a digest: totals and the entries that did not pass cleanly, cut with a note past
//   REPORT_OUTPUT_MAX_ENTRIES (GitHub allows about 1 MB of outputs per job: docs.github.com, "Workflow syntax for
//   GitHub Actions" > jobs.<job_id>.outputs);
// - the job summary is the fleet table within its byte budget (src/report/fleet-markdown.ts).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import { ExitCode, UsageError } from '../core/errors.js';
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';
import { fleetSettingName, loadFleet } from '../fleet/load.js';
import { runSecrets } from '../graph/proof.js';
import { fleetJsonWriter } from '../report/fleet-json.js';
import { fleetMarkdownWriter } from '../report/fleet-markdown.js';
import { type FleetRow, fleetRow, totalsLine } from '../report/fleet-rows.js';
import { BoundedLines, inFileOrder } from '../report/fleet-stream.js';
import { detail } from '../report/fleet-text.js';
import { runFleet } from '../run/fleet.js';
import { actionSettingName, type FleetSettings, graphOptionsOf } from './inputs.js';
import { INPUT_FILE_MAX_BYTES } from '../core/limits.js';
import { readBounded } from '../run/read-bounded.js';
import { maskSecrets } from './mask.js';

/** GitHub shows at most 10 error annotations per step: name the first failing entries, count the rest. */
const MAX_ANNOTATIONS = 10;
/** The `report` output lists at most this many entries, within this many bytes (UTF-8): well under the 1 MB
 * GitHub allows for all of a job's outputs. */
const REPORT_OUTPUT_MAX_ENTRIES = 200;
const REPORT_OUTPUT_MAX_BYTES = 256 * 1024;

export async function runFleetAction(settings: FleetSettings, summary: string[]): Promise<void> {
  const entries = await loadFleet(settings.fleetFile, {
    readFile: (p, maxBytes = INPUT_FILE_MAX_BYTES) => readBounded(p, { maxBytes }),
    readStdin: async () => {
      throw new UsageError("input 'fleet-file': standard input is not available in an Action.");
    },
    env: process.env,
    ...(settings.appSecret ? { defaultAppSecret: settings.appSecret } : {}),
  });
  // Tokens read from files are not known to the runner: mask every form of every secret first.
  for (const e of entries) maskSecrets(runSecrets(e.token, e.policy.appId, e.appSecret));

  const order = entries.map((e) => e.index);
  const reportFile = reportFilePath();
  const file = openReportFile(reportFile);
  const now = () => new Date();
  const document = fleetJsonWriter(file.write, order);
  const markdown = fleetMarkdownWriter(order, now, { fullReport: "the report file (output 'report-file')" });
  const digest = fleetDigest(order, now);
  let outcome: FleetOutcome;
  try {
    outcome = await runFleet({
      entries,
      settingName: fleetSettingName(actionSettingName),
      graph: graphOptionsOf(settings),
      onEntry: (r) => {
        document.entry(r);
        markdown.entry(r);
        digest.entry(r);
      },
    });
    await document.end(outcome, now());
  } finally {
    file.close();
  }
  summary.push(markdown.render(outcome));
  core.setOutput('ok', String(outcome.ok));
  core.setOutput('verdict', outcome.verdict);
  core.setOutput('report', digest.render(outcome, reportFile, now()));
  core.setOutput('report-file', reportFile);
  digest.annotate();
  const line = totalsLine(outcome.totals);
  if (outcome.exitCode === ExitCode.failed) core.setFailed(`The fleet audit failed: ${line}.`);
  else if (outcome.exitCode === ExitCode.notJudged) {
    const message = `Some tokens were not judged (Graph could not be asked): ${line}.`;
    if (settings.onOutage === 'warn') core.warning(message, { title: 'wa-token-audit: not judged' });
    else core.setFailed(message);
  } else if (outcome.exitCode === ExitCode.usage) core.setFailed(`Some entries could not be audited: ${line}.`);
  else core.info(`wa-token-audit fleet: ${line}.`);
}

/**
 * $RUNNER_TEMP/wa-token-audit/fleet-report-<step>.json: RUNNER_TEMP is emptied at the start and end of each
 * job; GITHUB_ACTION names the step, uniquely within the job (docs.github.com, "Store information in
 * variables" > default environment variables).
 */
function reportFilePath(): string {
  const step = (process.env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100) || String(process.pid);
  return join(process.env.RUNNER_TEMP || tmpdir(), 'wa-token-audit', `fleet-report-${step}.json`);
}

function openReportFile(path: string) {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'w', 0o644);
  } catch (err) {
    throw new UsageError(
      `The fleet report file ${path} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing was audited.`,
    );
  }
  let open = true;
  return {
    write: (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The `report` output and the annotations: the entries that did not pass cleanly, in file order, within budget. */
function fleetDigest(order: readonly number[], now: () => Date) {
  const listed = new BoundedLines(REPORT_OUTPUT_MAX_ENTRIES, REPORT_OUTPUT_MAX_BYTES);
  const failed: FleetRow[] = [];
  let failedCount = 0;
  const rows = inFileOrder<FleetRow>(order, (r) => {
    if (r.verdict === 'fail') {
      failedCount++;
      if (failed.length < MAX_ANNOTATIONS) failed.push(r);
    }
    if (r.verdict === 'pass') return;
    const text = JSON.stringify({
      name: r.name,
      verdict: r.verdict,
      daysLeft: r.daysLeft ?? null,
      failing: r.failing,
      warnings: r.warnings,
      ...(r.error ? { error: r.error } : {}),
    });
    listed.add(text);
  });
  return {
    entry: (r: FleetEntryResult) => rows.push(r.index, fleetRow(r, now())),
    render(outcome: FleetOutcome, reportFile: string, at: Date): string {
      rows.flush();
      const head = JSON.stringify({
        schemaVersion: 1,
        ok: outcome.ok,
        exitCode: outcome.exitCode,
        verdict: outcome.verdict,
        totals: outcome.totals,
        graph: { requests: outcome.requests, throttledMs: Math.round(outcome.throttledMs) },
        reportFile,
        ...(listed.omitted > 0
          ? {
              omitted: listed.omitted,
              note: `${listed.omitted} more token${listed.omitted === 1 ? '' : 's'} that did not pass ${listed.omitted === 1 ? 'is' : 'are'} not listed here (at most ${REPORT_OUTPUT_MAX_ENTRIES}: GitHub allows about 1 MB of outputs per job); the report file lists every token.`,
            }
          : {}),
        generatedAt: at.toISOString(),
      });
      // One line of JSON, as in every mode: `notPassed` lists the entries that did not pass cleanly.
      return `${head.slice(0, -1)},"notPassed":[${listed.lines.join(',')}]}`;
    },
    annotate(): void {
      for (const r of failed) core.error(`${r.name}: ${detail(r)}`, { title: r.name });
      if (failedCount > MAX_ANNOTATIONS)
        core.error(`${failedCount - MAX_ANNOTATIONS} more tokens failed: see the job summary.`);
    },
  };
}
