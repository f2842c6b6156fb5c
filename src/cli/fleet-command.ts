// `wa-token-audit fleet <file>`: audit every token a fleet file lists, in shared Graph batches, and print a table,
// one JSON document, a JSON line per entry as it finishes, or Markdown. Heavy modules (yaml, undici) load only
// when the command runs, so `--help` and the other commands never pay for them.
import type { Argv } from 'yargs';
import { FLEET_CONCURRENCY, FLEET_DEADLINE_S, MAX_DEADLINE_S } from '../core/limits.js';
import { addToTotals, emptyTotals } from '../core/fleet.js';
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';
import type { FleetRow } from '../report/fleet-rows.js';
import { wantsColor } from '../report/style.js';
import { waitNotice } from '../report/words.js';
import type { CliIO } from './io.js';
import { outputOption } from './output.js';
import {
  type DeadlineFlag,
  explicitSecretEnv,
  graphOptions,
  milliseconds,
  seconds,
  wholeNumber,
  QUIET_OPTION,
} from './shared-options.js';
import { cliSettingName } from './settings.js';
import { DEFAULT_APP_SECRET_ENV, readAppSecret } from './token-source.js';

const FLEET_DEADLINE: DeadlineFlag = {
  seconds: FLEET_DEADLINE_S,
  describe: `Seconds for the whole fleet, retries included (max ${MAX_DEADLINE_S})`,
};

const FORMATS = ['text', 'json', 'jsonl', 'markdown', 'junit', 'openmetrics'] as const;
type Format = (typeof FORMATS)[number];

export function fleetOptions(y: Argv) {
  return outputOption(graphOptions(y, FLEET_DEADLINE))
    .positional('file', {
      type: 'string',
      describe: 'Fleet file, YAML or JSON (- = standard input); see schema/fleet.schema.json',
    })
    .option('format', {
      choices: FORMATS,
      default: 'text' as Format,
      describe:
        'Report format (jsonl: one line per token as it finishes, then a totals line; openmetrics: a Prometheus textfile)',
    })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .option('concurrency', {
      type: 'string',
      describe: `Batch requests (of up to 50 calls each) in flight at once, 1-${FLEET_CONCURRENCY.max}`,
      defaultDescription: String(FLEET_CONCURRENCY.default),
    })
    .option('app-secret-env', {
      type: 'string',
      default: DEFAULT_APP_SECRET_ENV,
      describe:
        'Environment variable holding the app secret for entries without their own appSecretEnv; when set, the app token inspects',
    })
    .option('quiet', QUIET_OPTION)
    .group(['format', 'json', 'quiet', 'output'], 'Output:')
    .group(['app-secret-env', 'graph-url', 'graph-version', 'concurrency', 'deadline', 'timeout'], 'Graph:');
}

type FleetArgs = Awaited<ReturnType<typeof fleetOptions>['argv']>;

export async function fleetCommand(args: FleetArgs, io: CliIO): Promise<number> {
  // yargs turns a lone `-` positional into an empty string: both mean standard input.
  const file = args.file === '' || args.file === undefined ? '-' : String(args.file);
  const format: Format = args.json ? 'json' : args.format;
  const concurrency =
    wholeNumber(args.concurrency, '--concurrency', 1, FLEET_CONCURRENCY.max) ?? FLEET_CONCURRENCY.default;
  const deadlineS = seconds(args.deadline, '--deadline', MAX_DEADLINE_S, FLEET_DEADLINE_S);
  const timeoutMs = milliseconds(args.timeout);

  const { fleetSettingName, loadFleet } = await import('../fleet/load.js');
  const entries = await loadFleet(file, {
    readFile: io.readFile,
    readStdin: io.readStdin,
    env: io.env,
    defaultAppSecret: readAppSecret(args.appSecretEnv, io, explicitSecretEnv(args)),
  });

  const [{ runFleet }, { fleetRow }] = await Promise.all([
    import('../run/fleet.js'),
    import('../report/fleet-rows.js'),
  ]);
  const rows: FleetRow[] = [];
  const kept: FleetEntryResult[] = [];
  const progress = io.stderrIsTTY && !args.quiet ? progressLine(io, entries.length) : undefined;
  const jsonl = format === 'jsonl' ? await import('../report/fleet-json.js') : undefined;

  // SIGINT / SIGTERM: print what has been judged so far (the other entries were not judged), exit 130 / 143.
  const judgedSoFar: FleetEntryResult[] = [];
  const interrupted = new Promise<'SIGINT' | 'SIGTERM'>((resolve) => io.onSignal?.(resolve));
  const running = runFleet({
    entries,
    settingName: fleetSettingName(cliSettingName(args.appSecretEnv)),
    concurrency,
    now: io.now,
    graph: {
      graphUrl: args.graphUrl,
      version: args.graphVersion,
      deadlineMs: deadlineS * 1000,
      timeoutMs,
      onRetry: args.quiet
        ? undefined
        : (r) => {
            progress?.clear();
            io.stderr(`wa-token-audit: ${waitNotice(r)}\n`);
          },
    },
    onEntry: (result) => {
      judgedSoFar.push(result);
      if (jsonl) io.stdout(jsonl.jsonlEntry(result));
      else if (format === 'json' || format === 'junit' || format === 'openmetrics') kept.push(result);
      else rows.push(fleetRow(result, io.now()));
      progress?.tick(result);
    },
  });
  const settled = await Promise.race([running.then((o) => ({ o })), interrupted.then((signal) => ({ signal }))]);
  progress?.clear();
  if ('signal' in settled) {
    const totals = emptyTotals();
    for (const r of judgedSoFar) addToTotals(totals, r.report);
    const partial: FleetOutcome = {
      totals,
      verdict: 'error',
      exitCode: SIGNAL_EXIT[settled.signal],
      ok: false,
      requests: 0,
      throttledMs: 0,
    };
    io.stdout(await render(format, { rows, kept, outcome: partial, io, quiet: Boolean(args.quiet) }));
    io.stderr(
      `wa-token-audit: interrupted (${settled.signal}): ${judgedSoFar.length} of ${entries.length} entries judged and shown above; the others were not judged.\n`,
    );
    return SIGNAL_EXIT[settled.signal];
  }
  const outcome = settled.o;
  io.stdout(await render(format, { rows, kept, outcome, io, quiet: Boolean(args.quiet) }));
  return outcome.exitCode;
}

/** The conventional exit codes of a process ended by a signal: 128 + its number. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

async function render(
  format: Format,
  c: { rows: FleetRow[]; kept: FleetEntryResult[]; outcome: FleetOutcome; io: CliIO; quiet: boolean },
): Promise<string> {
  if (format === 'json' || format === 'jsonl') {
    const json = await import('../report/fleet-json.js');
    if (format === 'jsonl') return json.jsonlTotals(c.outcome, c.io.now());
    return json.renderFleetJson(json.fleetDocument(c.kept, c.outcome, c.io.now()));
  }
  if (format === 'junit' || format === 'openmetrics') {
    const entries = [...c.kept].sort((a, b) => a.index - b.index);
    if (format === 'junit') return (await import('../report/junit.js')).renderFleetJunit(entries);
    const { renderFleetOpenMetrics } = await import('../report/openmetrics.js');
    return renderFleetOpenMetrics(entries, c.outcome, c.io.now());
  }
  c.rows.sort((a, b) => a.index - b.index);
  if (format === 'markdown') {
    const { renderFleetMarkdown } = await import('../report/fleet-markdown.js');
    return renderFleetMarkdown(c.rows, c.outcome);
  }
  const { renderFleetText } = await import('../report/fleet-text.js');
  return renderFleetText(c.rows, c.outcome, {
    color: wantsColor(c.io.stdoutIsTTY, c.io.env),
    quiet: c.quiet,
  });
}

/** "fleet: 340/1000 audited, 2 failed, 1 not judged", rewritten in place at most every 100 ms (TTY only). */
function progressLine(io: CliIO, total: number) {
  let done = 0;
  let failed = 0;
  let notJudged = 0;
  let last = 0;
  let shown = false;
  return {
    tick(r: FleetEntryResult) {
      done++;
      if (r.report.verdict === 'fail') failed++;
      if (r.report.verdict === 'error') notJudged++;
      const t = Date.now();
      if (t - last < 100 && done < total) return;
      last = t;
      shown = true;
      io.stderr(`\r\x1b[Kfleet: ${done}/${total} audited, ${failed} failed, ${notJudged} not judged`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

