// The yargs program: parses argv (and WA_AUDIT_* env vars), dispatches to a command, returns the exit code.
import yargs, { type Argv } from 'yargs';
import { ExitCode, NotJudgedError, UsageError } from '../core/errors.js';
import { auditCommand, auditOptions } from './audit-command.js';
import { discoverCommand, discoverOptions } from './discover-command.js';
import { explainCommand, explainOptions } from './explain-command.js';
import { fleetCommand, fleetOptions } from './fleet-command.js';
import { webhookTestCommand, webhookTestOptions } from './webhook-test-command.js';
import type { CliIO } from './io.js';
import { VERSION } from './version.js';
import { scanCommand, scanOptions } from './scan-command.js';


const EXIT_CODES = `Exit codes:
  0  the audit passed
  1  the audit failed: the token is invalid, of another app, or misses a permission
  2  usage or input error: no token, a bad flag value, an unreadable file
  3  the token was not judged: Graph unreachable or still failing at the deadline`;

/** Commands set this; yargs itself only parses. */
interface Outcome {
  code: number;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const outcome: Outcome = { code: ExitCode.ok };
  const parser = build(argv, io, outcome);
  try {
    let printed = '';
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
    return outcome.code;
  } catch (err) {
    return reportError(err, io);
  }
}

function build(argv: string[], io: CliIO, outcome: Outcome): Argv {
  const width = Math.min(110, process.stdout.columns || 100);
  return (
    yargs(argv)
      .scriptName('wa-token-audit')
      // Like yargs' .env('WA_AUDIT'), but from the injected environment rather than process.env.
      .config(envOptions(io.env))
      .command(
        '$0',
        'Audit one WhatsApp Cloud API access token (read from $WHATSAPP_ACCESS_TOKEN or --token-file).',
        auditOptions,
        async (args) => {
          outcome.code = await auditCommand(args, io);
        },
      )
      .command(
        'explain <topic>',
        'Explain a Graph / Cloud API error code, or a delivery problem (undelivered, conflicting-status).',
        explainOptions,
        async (args) => {
          outcome.code = await explainCommand(args, io);
        },
      )
      .command(
        'discover',
        'Map what the token reaches (read-only): its WhatsApp Business Accounts and their phone numbers.',
        discoverOptions,
        async (args) => {
          outcome.code = await discoverCommand(args, io);
        },
      )
      .command(
        'fleet <file>',
        'Audit every token a fleet file (YAML or JSON) lists, in shared Graph batches; exit code: the worst entry.',
        fleetOptions,
        async (args) => {
          outcome.code = await fleetCommand(args, io);
        },
      )
      .command(
        'scan [paths..]',
        'Find Meta access tokens, app tokens and app secrets in files (and the git history); tell which are live.',
        scanOptions,
        async (args) => {
          outcome.code = await scanCommand(args, io);
        },
      )
      .command(
        'webhook-test <callback-url>',
        "Prove a webhook endpoint answers Meta's handshake, refuses unsigned and forged deliveries, accepts signed ones.",
        webhookTestOptions,
        async (args) => {
          outcome.code = await webhookTestCommand(args, io);
        },
      )
      .example('WHATSAPP_ACCESS_TOKEN=... $0 --app-id 1234567890', 'audit the token in the environment')
      .example(
        '$0 --app-id 1234567890 --token-file - < token.txt --json',
        'read the token from stdin, print JSON',
      )
      .strict()
      .exitProcess(false)
      .fail((message, err) => {
        // yargs reports its own validation problems as YError: those are usage errors too.
        if (err && err.name !== 'YError') throw err;
        throw new UsageError(sanitizeYargsMessage(message || err?.message || 'invalid arguments'));
      })
      .help()
      .alias('h', 'help')
      .version(VERSION)
      .epilogue(`${EXIT_CODES}\n\nEvery option can also be set as WA_AUDIT_<NAME> (e.g. WA_AUDIT_APP_ID).`)
      .wrap(width)
  );
}

/** WA_AUDIT_APP_ID=1 -> { 'app-id': '1' }: every option can come from the environment; argv wins. */
function envOptions(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('WA_AUDIT_') || value === undefined || value === '') continue;
    out[name.slice('WA_AUDIT_'.length).toLowerCase().replace(/_/g, '-')] = value;
  }
  return out;
}

/** yargs quotes unknown arguments; one of them may be a token pasted on the command line. */
export function sanitizeYargsMessage(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/(Unknown arguments?: )(.*)$/, (_m, head: string, list: string) => {
    const names = list
      .split(', ')
      .map((n) => (n.length > 32 || /[|]/.test(n) ? `(a ${n.length}-character value)` : n));
    return head + names.join(', ');
  });
}

function reportError(err: unknown, io: CliIO): number {
  if (err instanceof UsageError || err instanceof NotJudgedError) {
    io.stderr(`wa-token-audit: ${err.message}\n`);
    return err.exitCode;
  }
  // Anything else is a bug: say so in one line, never a stack trace (it could hold request data).
  const name = err instanceof Error ? err.name : typeof err;
  io.stderr(`wa-token-audit: internal error (${name}); please report it. The token was not judged.\n`);
  return ExitCode.notJudged;
}
