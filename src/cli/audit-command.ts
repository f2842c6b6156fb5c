// `wa-token-audit [options]`: audit one token, print a report, return the exit code.
import type { Argv } from 'yargs';
import { DEFAULT_WARN_DAYS, readPolicy, uncheckable } from '../core/policy.js';
import type { SettingNamer } from '../core/settings.js';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { reportExitCode } from '../core/errors.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { wantsColor } from '../report/style.js';
import { renderText } from '../report/text.js';
import type { CliIO } from './io.js';
import { outputOption } from './output.js';
import {
  explicitSecretEnv,
  graphOptions,
  graphSettings,
  inputOptions,
  QUIET_OPTION,
  rejectTokenFlag,
} from './shared-options.js';
import { cliSettingName } from './settings.js';
import { readAppSecret, readSource, readToken } from './token-source.js';

const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export function auditOptions(y: Argv) {
  return outputOption(graphOptions(inputOptions(y)))
    .option('app-id', { type: 'string', describe: 'ID of the Meta app the token must belong to (required)' })
    .option('scope', {
      type: 'string',
      array: true,
      describe: 'Required permission (repeatable; replaces the two WhatsApp defaults)',
    })
    .option('waba-id', {
      type: 'string',
      array: true,
      describe: 'WhatsApp Business Account ID the token must reach (repeatable)',
    })
    .option('phone-number-id', {
      type: 'string',
      array: true,
      describe: 'Phone-number ID the token must be able to read (repeatable)',
    })
    .option('min-days', {
      type: 'string',
      describe: 'Fail when fewer days than this remain before expiry',
      defaultDescription: '0',
    })
    .option('warn-days', {
      type: 'string',
      describe: 'Warn when fewer days than this remain before expiry',
      defaultDescription: String(DEFAULT_WARN_DAYS),
    })
    .option('require-type', {
      type: 'string',
      describe: 'Fail unless the token is of this kind: system-user, user, page, app',
    })
    .option('exact-scopes', {
      type: 'boolean',
      describe: 'Fail (not warn) when the token has permissions beyond the required ones',
    })
    .option('require-webhooks', {
      type: 'boolean',
      describe: "Fail (not warn) when the app is not subscribed to an expected WABA's webhooks",
    })
    .option('require-live', {
      type: 'boolean',
      describe: 'Fail (not warn) when an expected phone number is a test number (account_mode SANDBOX)',
    })
    .option('min-messaging-limit', {
      type: 'string',
      describe:
        "Fail when an expected number's messaging limit (users per 24 h) is lower: 250, 2000 or 2K, 10K, 100K, unlimited",
    })
    .option('template', {
      type: 'string',
      array: true,
      describe: 'Message template the release sends, NAME[:LANG[,LANG…]] (repeatable): must be APPROVED in those languages',
    })
    .option('callback-url', {
      type: 'string',
      describe:
        "The release's webhook endpoint: fail when a number's messages webhooks go elsewhere (its own or its WABA's override, or the app's URL)",
    })
    .option('response-file', {
      type: 'string',
      nargs: 1,
      describe: 'Evaluate a saved debug_token response (- = stdin); no network',
    })
    .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Report format' })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .option('strict', { type: 'boolean', describe: 'Warnings fail the audit' })
    .option('quiet', QUIET_OPTION)
    .group(
      [
        'app-id',
        'scope',
        'waba-id',
        'phone-number-id',
        'min-days',
        'warn-days',
        'require-type',
        'exact-scopes',
        'require-webhooks',
        'require-live',
        'min-messaging-limit',
        'template',
        'callback-url',
        'strict',
      ],
      'Policy:',
    )
    .group(['token-file', 'token-env', 'app-secret-env', 'response-file'], 'Input:')
    .group(['graph-url', 'graph-version', 'deadline', 'timeout'], 'Graph:')
    .group(['format', 'json', 'quiet', 'output'], 'Output:');
}

type AuditArgs = Awaited<ReturnType<typeof auditOptions>['argv']>;

export async function auditCommand(args: AuditArgs, io: CliIO): Promise<number> {
  rejectTokenFlag(args.token);
  const name = cliSettingName(args.appSecretEnv);
  const policy = readPolicy({
    appId: args.appId,
    scopes: args.scope,
    wabaIds: args.wabaId,
    phoneNumberIds: args.phoneNumberId,
    minDays: args.minDays,
    warnDays: args.warnDays,
    requireType: args.requireType,
    exactScopes: args.exactScopes,
    requireWebhooks: args.requireWebhooks,
    requireLive: args.requireLive,
    minMessagingLimit: args.minMessagingLimit,
    strict: args.strict,
    templates: args.template,
    callbackUrl: args.callbackUrl,
  }, name);
  const format: Format = args.json ? 'json' : args.format;
  const offlineRun = Boolean(args.responseFile);
  const appSecret = offlineRun ? undefined : readAppSecret(args.appSecretEnv, io, explicitSecretEnv(args));
  const problem = uncheckable(policy, { offline: offlineRun, appSecret: appSecret !== undefined }, name)[0];
  if (problem) throw new UsageError(problem);
  const report = args.responseFile
    ? await offline(args.responseFile, policy, io, name)
    : await online(args, policy, appSecret, io, name);
  io.stdout(await render(report, format, args, io));
  return reportExitCode(report);
}

async function online(
  args: AuditArgs,
  policy: ReturnType<typeof readPolicy>,
  appSecret: string | undefined,
  io: CliIO,
  settingName: SettingNamer,
): Promise<Report> {
  const token = await readToken({ tokenFile: args.tokenFile, tokenEnv: args.tokenEnv }, io);
  const graph = graphSettings(args, io, args.quiet);
  // Loaded only when the network is needed: offline evaluation and --help never pay for undici.
  const { auditToken } = await import('../run/audit.js');
  const { report } = await auditToken({ token, appSecret, settingName, policy, graph, now: io.now });
  return report;
}

async function offline(
  path: string,
  policy: ReturnType<typeof readPolicy>,
  io: CliIO,
  name: SettingNamer,
): Promise<Report> {
  const { evaluateSavedResponse } = await import('../run/offline.js');
  return evaluateSavedResponse(await readSource(path, io, name('responseFile')), policy, io.now(), path, name);
}

async function render(report: Report, format: Format, args: AuditArgs, io: CliIO): Promise<string> {
  if (format === 'json') return renderJson(report);
  if (format === 'junit') return (await import('../report/junit.js')).renderJunit(report);
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, { color: wantsColor(io.stdoutIsTTY, io.env), quiet: args.quiet, width: io.columns });
}
