// Runs the bundled Action the way the runner does: `node24 dist/action.js` with INPUT_* variables (defaults from
// action.yml, as the runner applies them), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { parse } from 'yaml';
import { bundled, type RunResult, runNode } from './cli.js';
import { node24, node24Path } from './node24.js';

const ACTION_YML = fileURLToPath(new URL('../../action.yml', import.meta.url));

export interface ActionRun extends RunResult {
  /** stdout as the runner shows it: `::add-mask::` commands are consumed by the runner, never displayed. */
  shown: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error title=…::message` and `::warning …` lines. */
  annotations: { level: string; title?: string; message: string }[];
  files: Record<string, string>;
  /** The run's RUNNER_TEMP (also holding the output, summary and event files), to scan every file it wrote. */
  dir: string;
}

export interface ActionOptions {
  /** Default: the runner's Node 24 (action.yml `using: node24`). */
  node?: string;
  eventName?: string;
  event?: object;
  actor?: string;
  env?: Record<string, string>;
  /** The step's working directory (the checkout). */
  cwd?: string;
}

/** Every input at its action.yml default, as the runner sets them. */
function actionDefaults(): Record<string, string> {
  const yml = parse(readFileSync(ACTION_YML, 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs)) {
    // The runner expands expressions; the one default that uses one is github.token.
    const value = String(spec.default ?? '').replace('${{ github.token }}', '');
    out[name] = value;
  }
  return out;
}

export async function runAction(
  inputs: Record<string, string>,
  opts: ActionOptions = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-action-'));
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md'),
    event: join(dir, 'event.json'),
  };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(opts.event ?? {}));
  const env: Record<string, string> = {
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_ACTOR: opts.actor ?? 'octocat',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    ...opts.env,
  };
  Object.assign(env, inputEnv(inputs));
  const r = await runNode(bundled('action.js'), [], { env, node: opts.node ?? node24Path(), ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  const summary = readFileSync(files.summary, 'utf8');
  const rawOutput = readFileSync(files.output, 'utf8');
  return {
    ...r,
    shown: r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    outputs: parseOutputs(rawOutput),
    summary,
    annotations: parseAnnotations(r.stdout),
    files: { output: rawOutput, summary },
    dir,
  };
}

/**
 * `describe` for tests that spawn the bundled Action: they run on the runners' Node 24, and are skipped, with the
 * reason in their name, on a machine that has none (see README, Development).
 */
export function describeOnNode24(name: string, fn: () => void): void {
  const n = node24();
  if ('skip' in n) describe.skip(`${name} [skipped: ${n.skip}]`, fn);
  else describe(`${name} on Node ${n.version}`, fn);
}

/** The INPUT_* variables the runner sets for `inputs` over action.yml's defaults. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** @actions/core writes `name<<DELIM\nvalue\nDELIM` blocks to $GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

/** `::error title=…::message` lines (and warning, notice), decoded as the runner shows them. */
export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const out: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const title = /title=([^,]*)/.exec(m[2] ?? '')?.[1];
    out.push({ level: m[1]!, ...(title ? { title: decode(title) } : {}), message: decode(m[3]!) });
  }
  return out;
}

function decode(s: string): string {
  return s
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%25/g, '%')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',');
}
