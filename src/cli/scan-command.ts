// `wa-token-audit scan [PATH…]`: find Meta access tokens, app tokens and app secrets in files (and, with
// --git-history, in every blob of the history), verify each distinct one once in shared Graph batches, and print
// text, JSON or SARIF. With --no-verify nothing touches the network: the Graph client is never even loaded.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { FLEET_CONCURRENCY, FLEET_DEADLINE_S, MAX_DEADLINE_S } from '../core/limits.js';
import { wantsColor } from '../report/style.js';
import { waitNotice } from '../report/words.js';
import type { CliIO } from './io.js';
import { type DeadlineFlag, graphOptions, milliseconds, seconds, wholeNumber, QUIET_OPTION } from './shared-options.js';

const SCAN_DEADLINE: DeadlineFlag = {
  seconds: FLEET_DEADLINE_S,
  describe: `Seconds for verifying every credential found, retries included (max ${MAX_DEADLINE_S})`,
};

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['live', 'any'] as const;

export function scanOptions(y: Argv) {
  return graphOptions(y, SCAN_DEADLINE)
    .positional('paths', {
      type: 'string',
      array: true,
      describe: 'Files and folders to scan (default: the current folder)',
    })
    .option('git-history', {
      type: 'boolean',
      describe: 'Also scan every blob reachable from any ref of the git repository (each blob once)',
    })
    .option('verify', {
      type: 'boolean',
      default: true,
      describe: 'Ask Graph whether each credential is live (--no-verify: no network at all)',
    })
    .option('fail-on', {
      choices: FAIL_ON,
      describe: 'Exit 1 on a live credential, or on any finding',
      defaultDescription: 'live; any with --no-verify',
    })
    .option('ignore', {
      type: 'boolean',
      default: true,
      describe: 'Skip what .gitignore ignores (--no-ignore: scan those files too)',
    })
    .option('binary', { type: 'boolean', describe: 'Also scan binary files (skipped by default)' })
    .option('max-file-size', {
      type: 'string',
      describe: 'Skip files larger than this (bytes, or with K/M suffix)',
      defaultDescription: '10M',
    })
    .option('app-id', {
      type: 'string',
      array: true,
      describe: 'App ID to pair with an app secret that has none near it (so it can be verified)',
    })
    .option('concurrency', {
      type: 'string',
      describe: `Most batch requests (of up to 50 calls each) in flight at once, 1-${FLEET_CONCURRENCY.max}; Graph's usage headers may allow fewer`,
      defaultDescription: `${FLEET_CONCURRENCY.max}, governed by Graph's usage headers`,
    })
    .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Report format' })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout' })
    .option('quiet', QUIET_OPTION)
    .group(['git-history', 'ignore', 'binary', 'max-file-size'], 'What to scan:')
    .group(['verify', 'fail-on', 'app-id'], 'Verification:')
    .group(['graph-url', 'graph-version', 'concurrency', 'deadline', 'timeout'], 'Graph:')
    .group(['format', 'json', 'output', 'quiet'], 'Output:');
}

type ScanArgs = Awaited<ReturnType<typeof scanOptions>['argv']>;

function fileSize(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^(\d+)([kKmM]?)$/.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2] ? (/k/i.test(m[2]) ? 1024 : 1024 * 1024) : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1024 * 1024 * 1024)
    throw new UsageError(`--max-file-size: expected a size such as 500K or 10M (at most 1024M), got "${value.slice(0, 20)}".`);
  return n;
}

export async function scanCommand(args: ScanArgs, io: CliIO): Promise<number> {
  const format: Format = args.json ? 'json' : args.format;
  const verify = args.verify !== false;
  const failOn = args.failOn ?? (verify ? 'live' : 'any');
  const appIds = (args.appId ?? []).map((s) => String(s).trim()).filter(Boolean);
  for (const id of appIds)
    if (!/^\d{5,25}$/.test(id)) throw new UsageError(`--app-id: expected an app ID (digits only), got "${id.slice(0, 32)}".`);
  const maxFileBytes = fileSize(args.maxFileSize);
  const concurrency = wholeNumber(args.concurrency, '--concurrency', 1, FLEET_CONCURRENCY.max);
  const deadlineS = seconds(args.deadline, '--deadline', MAX_DEADLINE_S, FLEET_DEADLINE_S);
  const timeoutMs = milliseconds(args.timeout);
  const paths = (args.paths ?? []).map(String).filter((p) => p !== '');
  const cwd = io.cwd?.() ?? process.cwd();

  const { runScan } = await import('../scan/scan.js');
  const doc = await runScan({
    paths: paths.length > 0 ? paths : ['.'],
    cwd,
    gitHistory: Boolean(args.gitHistory),
    noIgnore: args.ignore === false,
    binary: Boolean(args.binary),
    ...(maxFileBytes ? { maxFileBytes } : {}),
    appIds,
    verify,
    failOn,
    now: io.now,
    verifyOptions: {
      ...(concurrency ? { concurrency } : {}),
      graph: {
        graphUrl: args.graphUrl,
        version: args.graphVersion,
        deadlineMs: deadlineS * 1000,
        timeoutMs,
        onRetry: args.quiet ? undefined : (r) => io.stderr(`wa-token-audit: ${waitNotice(r)}\n`),
      },
    },
  });

  let text: string;
  if (format === 'sarif') {
    const [{ renderSarif }, { VERSION }] = await Promise.all([import('../scan/sarif.js'), import('./version.js')]);
    text = renderSarif(doc, VERSION);
  } else {
    const render = await import('../scan/render.js');
    text =
      format === 'json'
        ? render.renderScanJson(doc)
        : render.renderScanText(doc, { color: !args.output && wantsColor(io.stdoutIsTTY, io.env), now: io.now() });
  }
  if (args.output) {
    try {
      writeFileSync(resolve(cwd, args.output), text);
    } catch (err) {
      throw new UsageError(`--output: cannot write ${args.output.slice(0, 200)} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (format !== 'text') {
      const { headline } = await import('../scan/render.js');
      io.stderr(`wa-token-audit scan: ${headline(doc)}; report written to ${args.output.slice(0, 200)}\n`);
    }
  } else io.stdout(text);
  return doc.exitCode;
}
