// `wa-token-audit fleet <file>`: audit every token a fleet file lists, in shared Graph batches, and print a table,
// one JSON document, a JSON line per entry as it finishes, Markdown, JUnit XML or an OpenMetrics textfile. Every
// format is written as the fleet runs (src/report/fleet-stream.ts): no report is kept once written. Heavy modules (yaml, undici) load only
// when the command runs, so `--help` and the other commands never pay for them.
import type { Argv } from 'yargs';
import { FLEET_CONCURRENCY, FLEET_DEADLINE_S, MAX_DEADLINE_S } from '../core/limits.js';
import { addToTotals, emptyTotals } from '../core/fleet.js';
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';
import type { FleetWriter } from '../report/fleet-stream.js';
import { collect } from './fleet-heap.js';
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
      describe: `Most batch requests (of up to 50 calls each) in flight at once, 1-${FLEET_CONCURRENCY.max}; Graph's usage headers may allow fewer`,
      defaultDescription: `${FLEET_CONCURRENCY.max}, governed by Graph's usage headers`,
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
  const concurrency = wholeNumber(args.concurrency, '--concurrency', 1, FLEET_CONCURRENCY.max);
  const deadlineS = seconds(args.deadline, '--deadline', MAX_DEADLINE_S, FLEET_DEADLINE_S);
  const timeoutMs = milliseconds(args.timeout);

  const { fleetSettingName, loadFleet } = await import('../fleet/load.js');
  const entries = await loadFleet(file, {
    readFile: io.readFile,
    readStdin: io.readStdin,
    env: io.env,
    defaultAppSecret: readAppSecret(args.appSecretEnv, io, explicitSecretEnv(args)),
  });

  const { runFleet } = await import('../run/fleet.js');
  const progress = io.stderrIsTTY && !args.quiet ? progressLine(io, entries.length) : undefined;
  // The report is written as entries finish: the progress line is cleared first, then drawn again.
  const write = (text: string) => {
    progress?.clear();
    io.stdout(text);
  };
  const writer = await fleetWriter(format, write, entries, io, Boolean(args.quiet));

  // SIGINT / SIGTERM: finish the report with what has been judged so far (the other entries were not judged),
  // exit 130 / 143. Only running totals are kept for it.
  const soFar = emptyTotals();
  let judgedSoFar = 0;
  const interrupted = new Promise<'SIGINT' | 'SIGTERM'>((resolve) => io.onSignal?.(resolve));
  try {
    let sentSoFar = () => ({ requests: 0, throttledMs: 0 });
    const running = runFleet({
      onStart: (sent) => {
        sentSoFar = sent;
      },
      entries,
      settingName: fleetSettingName(cliSettingName(args.appSecretEnv)),
      ...(concurrency === undefined ? {} : { concurrency }),
      now: io.now,
      ...(io.stdoutReady ? { ready: io.stdoutReady } : {}),
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
        addToTotals(soFar, result.report);
        writer.entry(result);
        progress?.tick(result);
        // What the entries left behind is garbage: collected now and then, the heap stays near what is live.
        if (++judgedSoFar % FLEET_GC_EVERY === 0) collect();
      },
    });
    const settled = await Promise.race([running.then((o) => ({ o })), interrupted.then((signal) => ({ signal }))]);
    progress?.clear();
    if ('signal' in settled) {
      const partial: FleetOutcome = {
        totals: soFar,
        verdict: 'error',
        exitCode: SIGNAL_EXIT[settled.signal],
        ok: false,
        // Every request sent so far, those still in flight included (they were sent).
        ...sentSoFar(),
      };
      await writer.end(partial, io.now());
      io.stderr(
        `wa-token-audit: interrupted (${settled.signal}): ${judgedSoFar} of ${entries.length} entries judged and shown above; the others were not judged.\n`,
      );
      return SIGNAL_EXIT[settled.signal];
    }
    await writer.end(settled.o, io.now());
    return settled.o.exitCode;
  } finally {
    writer.dispose();
  }
}

/** A full collection every this many entries (when the fleet's child Node exposes one: fleet-heap.ts). */
const FLEET_GC_EVERY = 2000;

/** The conventional exit codes of a process ended by a signal: 128 + its number. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** The report of `format`, written through `write` as the fleet runs (markdown: at the end, within its budget). */
async function fleetWriter(
  format: Format,
  write: (text: string) => void,
  entries: readonly { index: number; name: string }[],
  io: CliIO,
  quiet: boolean,
): Promise<FleetWriter> {
  const order = entries.map((e) => e.index);
  switch (format) {
    case 'json':
      return (await import('../report/fleet-json.js')).fleetJsonWriter(write, order);
    case 'jsonl':
      return (await import('../report/fleet-json.js')).fleetJsonlWriter(write);
    case 'junit':
      return (await import('../report/junit.js')).fleetJunitWriter(write, order, io.stdoutReady);
    case 'openmetrics':
      return (await import('../report/openmetrics.js')).fleetOpenMetricsWriter(write, order, io.stdoutReady);
    case 'markdown': {
      const md = (await import('../report/fleet-markdown.js')).fleetMarkdownWriter(order, io.now);
      return { entry: md.entry, end: (outcome) => write(md.render(outcome)), dispose() {} };
    }
    default:
      return (await import('../report/fleet-text.js')).fleetTextWriter(write, entries, {
        color: wantsColor(io.stdoutIsTTY, io.env),
        quiet,
        now: io.now,
      });
  }
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

