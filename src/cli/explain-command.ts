// `wa-token-audit explain <code>[.<subcode>] | undelivered | conflicting-status`
import type { Argv } from 'yargs';
import { ExitCode } from '../core/errors.js';
import { wantsColor } from '../report/style.js';
import type { CliIO } from './io.js';

export function explainOptions(y: Argv) {
  return y
    .positional('topic', {
      type: 'string',
      demandOption: true,
      describe: 'A Graph / Cloud API error code (190, 190.463, #100), "undelivered" or "conflicting-status"',
    })
    .option('json', { type: 'boolean', describe: 'Print the explanation as JSON' })
    .example('$0 explain 190.463', 'what an expired-token error means and what to do')
    .example('$0 explain 131026 --json', 'an undeliverable-message error, as data')
    .example('$0 explain undelivered', 'why a message shows as sent but not delivered');
}

type ExplainArgs = Awaited<ReturnType<typeof explainOptions>['argv']>;

export async function explainCommand(args: ExplainArgs, io: CliIO): Promise<number> {
  const { explainTopic, explainJson, renderExplainText } = await import('../explain/index.js');
  const result = explainTopic(String(args.topic));
  if (result.kind === 'unknown') {
    io.stderr(`wa-token-audit: ${result.message}\n`);
    return ExitCode.usage;
  }
  if (args.json) io.stdout(`${JSON.stringify(explainJson(result), null, 2)}\n`);
  else io.stdout(`${renderExplainText(result, { color: wantsColor(io.stdoutIsTTY, io.env) })}\n`);
  return ExitCode.ok;
}
