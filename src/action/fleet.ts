// The Action's fleet mode (`fleet-file`): the same loader and runner as `wa-token-audit fleet`, every token masked
// before anything is logged, the fleet Markdown table as the job summary, outputs ok / verdict / report.
import * as core from '@actions/core';
import { ExitCode, UsageError } from '../core/errors.js';
import type { FleetEntryResult } from '../core/types.js';
import { fleetSettingName, loadFleet } from '../fleet/load.js';
import { runSecrets } from '../graph/proof.js';
import { fleetDocument } from '../report/fleet-json.js';
import { renderFleetMarkdown } from '../report/fleet-markdown.js';
import { type FleetRow, fleetRow, totalsLine } from '../report/fleet-rows.js';
import { detail } from '../report/fleet-text.js';
import { runFleet } from '../run/fleet.js';
import { actionSettingName, type FleetSettings, graphOptionsOf } from './inputs.js';
import { INPUT_FILE_MAX_BYTES } from '../core/limits.js';
import { readBounded } from '../run/read-bounded.js';
import { maskSecrets } from './mask.js';

/** GitHub shows at most 10 error annotations per step: name the first failing entries, count the rest. */
const MAX_ANNOTATIONS = 10;

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

  const results: FleetEntryResult[] = [];
  const outcome = await runFleet({
    entries,
    settingName: fleetSettingName(actionSettingName),
    graph: graphOptionsOf(settings),
    onEntry: (r) => {
      results.push(r);
    },
  });
  const now = new Date();
  const rows: FleetRow[] = results.map((r) => fleetRow(r, now)).sort((a, b) => a.index - b.index);
  summary.push(renderFleetMarkdown(rows, outcome));
  core.setOutput('ok', String(outcome.ok));
  core.setOutput('verdict', outcome.verdict);
  core.setOutput('report', JSON.stringify(fleetDocument(results, outcome, now)));
  annotate(rows);
  const line = totalsLine(outcome.totals);
  if (outcome.exitCode === ExitCode.failed) core.setFailed(`The fleet audit failed: ${line}.`);
  else if (outcome.exitCode === ExitCode.notJudged) {
    const message = `Some tokens were not judged (Graph could not be asked): ${line}.`;
    if (settings.onOutage === 'warn') core.warning(message, { title: 'wa-token-audit: not judged' });
    else core.setFailed(message);
  } else if (outcome.exitCode === ExitCode.usage) core.setFailed(`Some entries could not be audited: ${line}.`);
  else core.info(`wa-token-audit fleet: ${line}.`);
}

function annotate(rows: FleetRow[]): void {
  const failed = rows.filter((r) => r.verdict === 'fail');
  for (const r of failed.slice(0, MAX_ANNOTATIONS)) core.error(`${r.name}: ${detail(r)}`, { title: r.name });
  if (failed.length > MAX_ANNOTATIONS)
    core.error(`${failed.length - MAX_ANNOTATIONS} more tokens failed: see the job summary.`);
}
