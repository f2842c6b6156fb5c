// `wa-token-audit webhook-test <callback-url>`: does the release's webhook endpoint answer Meta's handshake and
// refuse forged deliveries? Secrets come from the environment only; the app secret only signs, it is never sent.
import type { Argv } from 'yargs';
import { ExitCode, reportExitCode, UsageError } from '../core/errors.js';
import { wantsColor } from '../report/style.js';
import type { WebhookReport } from '../core/webhook-test.js';
import type { CliIO } from './io.js';
import { QUIET_OPTION } from './shared-options.js';
import { DEFAULT_APP_SECRET_ENV } from './token-source.js';

export const DEFAULT_VERIFY_TOKEN_ENV = 'WHATSAPP_VERIFY_TOKEN';
const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export function webhookTestOptions(y: Argv) {
  return y
    .positional('callback-url', {
      type: 'string',
      demandOption: true,
      describe: 'The webhook callback URL, as set in the App Dashboard (https; http only for loopback hosts)',
    })
    .option('verify-token-env', {
      type: 'string',
      default: DEFAULT_VERIFY_TOKEN_ENV,
      describe: 'Environment variable holding the verify token (required)',
    })
    .option('app-secret-env', {
      type: 'string',
      default: DEFAULT_APP_SECRET_ENV,
      describe: 'Environment variable holding the app secret, used only to sign the test notification',
    })
    .option('timeout', {
      type: 'string',
      describe: 'Milliseconds each request may take, connect to last byte (100-20000)',
      defaultDescription: '5000',
    })
    .option('dry-run', { type: 'boolean', describe: 'Print the requests it would send (secrets masked); send nothing' })
    .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Output format' })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .option('quiet', QUIET_OPTION)
    .option('verify-token', { type: 'string', hidden: true })
    .option('app-secret', { type: 'string', hidden: true })
    .option('token', { type: 'string', hidden: true })
    .example('WHATSAPP_VERIFY_TOKEN=... WHATSAPP_APP_SECRET=... $0 webhook-test https://example.com/webhook', 'test a release')
    .example('$0 webhook-test https://example.com/webhook --dry-run', 'show the requests, send nothing');
}

type WebhookTestArgs = Awaited<ReturnType<typeof webhookTestOptions>['argv']>;

export async function webhookTestCommand(args: WebhookTestArgs, io: CliIO): Promise<number> {
  for (const [flag, env] of [
    ['--verify-token', '--verify-token-env'],
    ['--app-secret', '--app-secret-env'],
    ['--token', '--verify-token-env'],
  ] as const) {
    const key = flag === '--verify-token' ? 'verifyToken' : flag === '--app-secret' ? 'appSecret' : 'token';
    if (args[key] !== undefined)
      throw new UsageError(
        `${flag} is not accepted: command lines end up in shell history and process lists. Put the value in an environment variable named by ${env}.`,
      );
  }
  const { parseCallbackUrl, runWebhookTest, dryRunRequests, DEFAULT_WEBHOOK_TIMEOUT_MS, MAX_WEBHOOK_TIMEOUT_MS } =
    await import('../webhook-test/run.js');
  const url = String(args.callbackUrl ?? '');
  parseCallbackUrl(url);
  const timeoutMs = timeout(args.timeout, DEFAULT_WEBHOOK_TIMEOUT_MS, MAX_WEBHOOK_TIMEOUT_MS);
  const format: Format = args.json ? 'json' : args.format;
  const verifyTokenName = `$${args.verifyTokenEnv || DEFAULT_VERIFY_TOKEN_ENV}`;
  const appSecretName = `$${args.appSecretEnv || DEFAULT_APP_SECRET_ENV}`;
  const verifyToken = secretFromEnv(io, args.verifyTokenEnv || DEFAULT_VERIFY_TOKEN_ENV, 'verify token');
  if (!verifyToken)
    throw new UsageError(
      `No verify token: set ${verifyTokenName} to the verify token configured in the App Dashboard (or name another variable with --verify-token-env).`,
    );
  const appSecret = secretFromEnv(io, args.appSecretEnv || DEFAULT_APP_SECRET_ENV, 'app secret');
  const opts = {
    url,
    verifyToken,
    ...(appSecret ? { appSecret } : {}),
    verifyTokenName,
    appSecretName,
    timeoutMs,
    now: io.now,
  };

  if (args.dryRun) {
    const { shownUrl } = await import('../webhook-test/words.js');
    const shown = shownUrl(parseCallbackUrl(url), (s) => s);
    const requests = dryRunRequests(opts);
    if (format === 'json') io.stdout((await import('../report/webhook-json.js')).renderDryRunJson(shown, requests));
    else io.stdout((await import('../report/webhook-text.js')).renderDryRunText(shown, requests));
    return ExitCode.ok;
  }
  const report = await runWebhookTest(opts);
  io.stdout(await render(report, format, io, args.quiet));
  return reportExitCode(report);
}

async function render(r: WebhookReport, format: Format, io: CliIO, quiet?: boolean): Promise<string> {
  if (format === 'json') return (await import('../report/webhook-json.js')).renderWebhookJson(r);
  if (format === 'markdown') return (await import('../report/webhook-markdown.js')).renderWebhookMarkdown(r);
  if (format === 'junit') {
    const { renderJUnit } = await import('../report/junit.js');
    return renderJUnit([
      {
        name: `wa-token-audit webhook-test ${r.url}`,
        classname: 'wa-token-audit.webhook',
        checks: r.checks,
        ...(r.error ? { notJudged: r.error.message } : {}),
        timestamp: r.generatedAt,
      },
    ]);
  }
  const { renderWebhookText } = await import('../report/webhook-text.js');
  return renderWebhookText(r, { color: wantsColor(io.stdoutIsTTY, io.env), quiet });
}

/** A secret from the environment: trimmed; one printable line; empty means absent. */
function secretFromEnv(io: CliIO, name: string, what: string): string | undefined {
  const raw = io.env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[\x20-\x7e]+$/.test(raw)) throw new UsageError(`The ${what} in $${name} contains line breaks, control or non-ASCII characters.`);
  return raw;
}

function timeout(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > max)
    throw new UsageError(`--timeout: expected milliseconds between 100 and ${max}, got "${value.slice(0, 20)}".`);
  return n;
}
