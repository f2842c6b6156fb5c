// `wa-token-audit discover`: what the token reaches, as a tree WABA -> phone numbers. Read-only.
import type { Argv } from 'yargs';
import type { Discovery } from '../core/types.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { PAGING } from '../core/limits.js';
import { wantsColor } from '../report/style.js';
import type { CliIO } from './io.js';
import { outputOption } from './output.js';
import {
  explicitSecretEnv,
  graphOptions,
  graphSettings,
  inputOptions,
  rejectTokenFlag,
  wholeNumber,
  QUIET_OPTION,
} from './shared-options.js';
import { cliSettingName } from './settings.js';
import { readAppSecret, readToken } from './token-source.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export function discoverOptions(y: Argv) {
  return outputOption(graphOptions(
    inputOptions(
      y.option('app-id', {
        type: 'string',
        describe:
          "The app whose subscription to each WABA is reported (required with an app secret; default: the token's app)",
      }),
    ),
  ))
    .option('page-size', {
      type: 'string',
      describe: 'Items asked per page of every Graph list (1-100)',
      defaultDescription: String(PAGING.pageSize),
    })
    .option('max-pages', {
      type: 'string',
      describe: 'Pages read per list before it is cut (the report says so)',
      defaultDescription: String(PAGING.maxPages),
    })
    .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Output format' })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .option('quiet', QUIET_OPTION)
    .group(['token-file', 'token-env', 'app-secret-env', 'app-id'], 'Input:')
    .group(['graph-url', 'graph-version', 'deadline', 'timeout', 'page-size', 'max-pages'], 'Graph:')
    .group(['format', 'json', 'quiet', 'output'], 'Output:');
}

type DiscoverArgs = Awaited<ReturnType<typeof discoverOptions>['argv']>;

export async function discoverCommand(args: DiscoverArgs, io: CliIO): Promise<number> {
  rejectTokenFlag(args.token);
  const appId = args.appId?.trim() || undefined;
  if (appId !== undefined && !/^\d{1,25}$/.test(appId))
    throw new UsageError(`--app-id: expected an app ID (digits only), got "${appId.slice(0, 32)}".`);
  const pageSize = wholeNumber(args.pageSize, '--page-size', 1, 100);
  const maxPages = wholeNumber(args.maxPages, '--max-pages', 1, 1000);
  const graph = graphSettings(args, io, args.quiet);
  const format: Format = args.json ? 'json' : args.format;
  const token = await readToken({ tokenFile: args.tokenFile, tokenEnv: args.tokenEnv }, io);
  const appSecret = readAppSecret(args.appSecretEnv, io, explicitSecretEnv(args));
  if (appSecret && !appId)
    throw new UsageError(
      `--app-id is required when an app secret is set ($${args.appSecretEnv}): the app token APP_ID|SECRET inspects the token.`,
    );

  const { discoverToken } = await import('../run/discover.js');
  const { discovery } = await discoverToken({
    token,
    ...(appSecret ? { appSecret } : {}),
    settingName: cliSettingName(args.appSecretEnv),
    ...(appId ? { appId } : {}),
    graph,
    ...(pageSize ? { pageSize } : {}),
    ...(maxPages ? { maxPages } : {}),
    now: io.now,
  });
  io.stdout(await render(discovery, format, io));
  return discoveryExitCode(discovery);
}

async function render(d: Discovery, format: Format, io: CliIO): Promise<string> {
  if (format === 'json') return (await import('../report/discover-json.js')).renderDiscoveryJson(d);
  if (format === 'markdown')
    return (await import('../report/discover-markdown.js')).renderDiscoveryMarkdown(d);
  const { renderDiscoveryText } = await import('../report/discover-text.js');
  return renderDiscoveryText(d, { color: wantsColor(io.stdoutIsTTY, io.env) });
}

/** 0: discovered (even partially); 1: the token is invalid or of another app; 3: Graph could not be asked. */
function discoveryExitCode(d: Discovery): number {
  if (d.status === 'not-judged') return ExitCode.notJudged;
  if (d.status === 'failed') return ExitCode.failed;
  return ExitCode.ok;
}
