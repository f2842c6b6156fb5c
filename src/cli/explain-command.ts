// `wa-token-audit explain <code>[.<subcode>] | undelivered | conflicting-status`
import type { Argv } from 'yargs';
import { ExitCode } from '../core/errors.js';
import { wantsColor } from '../report/style.js';
import type { CliIO } from './io.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export function explainOptions(y: Argv) {
  return y
    .positional('topic', {
      type: 'string',
      demandOption: true,
      describe: 'A Graph / Cloud API error code (190, 190.463, #100), "undelivered" or "conflicting-status"',
    })
    .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Output format' })
    .option('json', { type: 'boolean', describe: 'Same as --format json' })
    .example('$0 explain 190.463', 'what an expired-token error means and what to do')
    .example('$0 explain 131026 --json', 'an undeliverable-message error, as data')
    .example('$0 explain undelivered', 'why a message shows as sent but not delivered');
}

type ExplainArgs = Awaited<ReturnType<typeof explainOptions>['argv']>;

export async function explainCommand(args: ExplainArgs, io: CliIO): Promise<number> {
  const { explainTopic, explainJson, renderExplainMarkdown, renderExplainText } = await import('../explain/index.js');
  const result = explainTopic(String(args.topic));
  if (result.kind === 'unknown') {
    io.stderr(`wa-token-audit: ${result.message}\n`);
    return ExitCode.usage;
  }
  const format: Format = args.json ? 'json' : args.format;
  if (format === 'json') io.stdout(`${JSON.stringify(explainJson(result), null, 2)}\n`);
  else if (format === 'markdown') io.stdout(renderExplainMarkdown(result));
  else io.stdout(`${renderExplainText(result, { color: wantsColor(io.stdoutIsTTY, io.env) })}\n`);
  return ExitCode.ok;
}
