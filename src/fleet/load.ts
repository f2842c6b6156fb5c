// From a fleet file's path to audit-ready entries, for both fronts: parse, validate, read every secret. Any
// problem at any stage ends the run before the network with exit 2, listing every problem with its location.
import { dirname } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isPolicyKey, type SettingNamer } from '../core/settings.js';
import { INPUT_FILE_MAX_BYTES } from '../core/limits.js';
import { readProblem } from '../core/read-problem.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../core/untrusted.js';
import { checkFleet, parseFleetText } from './file.js';
import { type ResolvedEntry, resolveSecrets } from './secrets.js';

class FleetFileError extends UsageError {
  override name = 'FleetFileError';
  constructor(
    readonly where: string,
    readonly problems: string[],
  ) {
    super(
      `${where}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was audited:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export interface FleetLoadIO {
  /** Bounded reads (see src/read-bounded.ts): `maxBytes` defaults to INPUT_FILE_MAX_BYTES. */
  readFile: (path: string, maxBytes?: number) => Promise<string>;
  readStdin: (maxBytes?: number) => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** App secret for entries without their own `appSecretEnv`. */
  defaultAppSecret?: string;
}

/** A fleet's findings name its policy settings as the fleet file's keys, the rest as the front does. */
export function fleetSettingName(front: SettingNamer): SettingNamer {
  return (key) => {
    if (isPolicyKey(key)) return `${key} in the fleet file`;
    if (key === 'appSecret') return `${front('appSecret')}, or the entry's appSecretEnv`;
    return front(key);
  };
}

export async function loadFleet(path: string, io: FleetLoadIO): Promise<ResolvedEntry[]> {
  const where = path === '-' ? 'fleet file (stdin)' : `fleet file ${path}`;
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${where}: ${readProblem(err, { maxBytes: INPUT_FILE_MAX_BYTES })}.`);
  }
  // A hostile file may nest without end: refused before parsing, and any exhaustion still ends as one problem.
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    throw new FleetFileError(where, [`the file nests deeper than ${MAX_JSON_DEPTH} levels; a fleet file needs 4.`]);
  let parsed: ReturnType<typeof parseFleetText>;
  let checked: ReturnType<typeof checkFleet>;
  try {
    parsed = parseFleetText(text);
    if (parsed.problems.length > 0) throw new FleetFileError(where, parsed.problems);
    checked = checkFleet(parsed.doc);
  } catch (err) {
    if (err instanceof RangeError)
      throw new FleetFileError(where, ['the file nests too deeply or is too large to be read as a fleet file.']);
    throw err;
  }
  const { fleet, problems } = checked;
  if (!fleet) throw new FleetFileError(where, problems);
  const resolved = await resolveSecrets(fleet, {
    env: io.env,
    readFile: io.readFile,
    baseDir: path === '-' ? process.cwd() : dirname(path),
    ...(io.defaultAppSecret ? { defaultAppSecret: io.defaultAppSecret } : {}),
  });
  if (resolved.problems.length > 0) throw new FleetFileError(where, resolved.problems);
  return resolved.entries;
}
