// The yargs program: parses argv (and WA_AUDIT_* env vars), dispatches to a command, returns the exit code.
import yargs, { type Argv } from 'yargs';
import { BOOLEAN_SPELLINGS } from '../core/values.js';
import {
  argvKeys,
  type CommandDef,
  type CommandShape,
  chooseCommand,
  ENV_PREFIX,
  type EnvOptions,
  envOptions,
  maskSecretLike,
  normaliseArgv,
  shapeOf,
  takeColorFlag,
  wordYargsMessage,
} from './argv.js';
import { ExitCode, NotJudgedError, UsageError } from '../core/errors.js';
import { auditCommand, auditOptions } from './audit-command.js';
import { discoverCommand, discoverOptions } from './discover-command.js';
import { explainCommand, explainOptions } from './explain-command.js';
import { fleetCommand, fleetOptions } from './fleet-command.js';
import { webhookTestCommand, webhookTestOptions } from './webhook-test-command.js';
import type { CliIO } from './io.js';
import { withOutput } from './output.js';
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

type Handler = (args: never, io: CliIO) => Promise<number>;

interface Command extends CommandDef {
  describe: string;
  run: Handler;
}

/** Every command, in the order `--help` lists them. */
const COMMANDS: Command[] = [
  {
    name: '$0',
    usage: '$0',
    describe: 'Audit one WhatsApp Cloud API access token (read from $WHATSAPP_ACCESS_TOKEN or --token-file).',
    builder: auditOptions as CommandDef['builder'],
    run: auditCommand as Handler,
  },
  {
    name: 'explain',
    usage: 'explain <topic>',
    describe: 'Explain a Graph / Cloud API error code, or a delivery problem (undelivered, conflicting-status).',
    builder: explainOptions as CommandDef['builder'],
    run: explainCommand as Handler,
  },
  {
    name: 'discover',
    usage: 'discover',
    describe: 'Map what the token reaches (read-only): its WhatsApp Business Accounts and their phone numbers.',
    builder: discoverOptions as CommandDef['builder'],
    run: discoverCommand as Handler,
  },
  {
    name: 'fleet',
    usage: 'fleet <file>',
    describe: 'Audit every token a fleet file (YAML or JSON) lists, in shared Graph batches; exit code: the worst entry.',
    builder: fleetOptions as CommandDef['builder'],
    run: fleetCommand as Handler,
  },
  {
    name: 'scan',
    usage: 'scan [paths..]',
    describe: 'Find Meta access tokens, app tokens and app secrets in files (and the git history); tell which are live.',
    builder: scanOptions as CommandDef['builder'],
    run: scanCommand as Handler,
  },
  {
    name: 'webhook-test',
    usage: 'webhook-test <callback-url>',
    describe:
      "Prove a webhook endpoint answers Meta's handshake, refuses unsigned and forged deliveries, accepts signed ones.",
    builder: webhookTestOptions as CommandDef['builder'],
    run: webhookTestCommand as Handler,
  },
];

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const outcome: Outcome = { code: ExitCode.ok };
  let context: ParseContext | undefined;
  try {
    context = prepare(argv, io);
    for (const { variable, hint } of context.env.unknown) {
      io.stderr(
        `wa-token-audit: $${variable} is no option of any command; ignored${hint ? ` (did you mean $${ENV_PREFIX}${hint.toUpperCase().replace(/-/g, '_')}?)` : ''}.\n`,
      );
    }
    const parser = build(context, context.io, outcome);
    let printed = '';
    await parser.parseAsync(context.argv, {}, (_err, _args, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
    return outcome.code;
  } catch (err) {
    return reportError(err, io, context);
  }
}

/** The chosen command, argv as yargs should see it, and the options the environment sets for that command. */
interface ParseContext {
  argv: string[];
  /** The IO the command runs with: --color / --no-color become FORCE_COLOR / NO_COLOR in its environment. */
  io: CliIO;
  shape: CommandShape;
  env: EnvOptions;
  typed: Set<string>;
}

function prepare(argv: string[], io: CliIO): ParseContext {
  const def = chooseCommand(argv, COMMANDS);
  const shape = shapeOf(def);
  let all: Set<string> | undefined;
  const allKeys = () => {
    all ??= new Set(COMMANDS.flatMap((c) => [...(c === def ? shape : shapeOf(c)).keys]));
    return all;
  };
  const { argv: rest, color } = takeColorFlag(argv);
  const normalised = normaliseArgv(rest, shape);
  const commandIO =
    color === undefined
      ? io
      : { ...io, env: { ...io.env, ...(color ? { FORCE_COLOR: '1', NO_COLOR: '' } : { NO_COLOR: '1' }) } };
  return {
    argv: normalised,
    io: commandIO,
    shape,
    env: envOptions(io.env, shape, allKeys),
    typed: argvKeys(normalised),
  };
}

function build(context: ParseContext, io: CliIO, outcome: Outcome): Argv {
  const width = Math.min(110, io.columns ?? 100);
  let y = yargs(context.argv)
    .scriptName('wa-token-audit')
    // Like yargs' .env('WA_AUDIT'), but only the chosen command's options, judged in argv.ts.
    .config(context.env.values);
  for (const c of COMMANDS) {
    y = y.command(c.usage, c.describe, c.builder, async (args) => {
      // --output (audit, fleet, discover): the report goes to a file, written atomically.
      // scan writes its own --output (SARIF for upload-sarif, with a stderr headline): not wrapped twice.
      const output = c.name === 'scan' ? undefined : (args as { output?: string }).output;
      outcome.code = await withOutput(output, io, (out) => c.run(args as never, out));
    });
  }
  return y
    .example('WHATSAPP_ACCESS_TOKEN=... $0 --app-id 1234567890', 'audit the token in the environment')
    .example('$0 --app-id 1234567890 --token-file - --json', 'token from stdin, report as JSON')
    .strict()
    .exitProcess(false)
    .fail((message, err) => {
      // yargs reports its own validation problems as YError: those are usage errors too.
      if (err && err.name !== 'YError') throw err;
      throw new UsageError(
        wordYargsMessage(message || err?.message || 'invalid arguments', context.argv, context.shape, COMMANDS, context.env),
      );
    })
    // Taken off argv before yargs (takeColorFlag); declared here so that every command's --help lists it.
    .option('color', {
      type: 'boolean',
      global: true,
      describe: 'Colour the text output (default: on a terminal, unless NO_COLOR is set)',
    })
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .epilogue(
      `${EXIT_CODES}\n\nEvery option of a command can also be set as WA_AUDIT_<NAME> (e.g. WA_AUDIT_APP_ID); a flag wins. Booleans: --flag, --no-flag, or ${BOOLEAN_SPELLINGS}.`,
    )
    .wrap(width);
}

function reportError(err: unknown, io: CliIO, context: ParseContext | undefined): number {
  if (err instanceof UsageError || err instanceof NotJudgedError) {
    io.stderr(`wa-token-audit: ${maskSecretLike(nameTheVariable(err.message, context))}\n`);
    return err.exitCode;
  }
  // Anything else is a bug: say so in one line, never a stack trace (it could hold request data).
  const name = err instanceof Error ? err.name : typeof err;
  io.stderr(`wa-token-audit: internal error (${name}); please report it. The token was not judged.\n`);
  return ExitCode.notJudged;
}

/** "--deadline: expected …" for a value that came from $WA_AUDIT_DEADLINE names the variable, as the user set it. */
function nameTheVariable(message: string, context: ParseContext | undefined): string {
  const m = /^--([a-z][\w-]*)/.exec(message);
  const name = m?.[1];
  if (!context || !name || context.typed.has(name)) return message;
  const variable = context.env.from.get(name);
  return variable ? `$${variable}${message.slice(name.length + 2)}` : message;
}
