// `--output FILE`: the report goes to FILE instead of standard output, written atomically — into a temporary file
// in the same folder, then renamed over FILE — so a reader (node_exporter's textfile collector, a CI server
// collecting a JUnit report) sees the old file or the whole new one, never half a report. A run that ends in a
// usage error leaves FILE as it was.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import type { CliIO } from './io.js';

export function outputOption<T>(y: Argv<T>) {
  return y.option('output', {
    alias: 'o',
    type: 'string',
    nargs: 1,
    describe: 'Write the report to this file (atomically: a temporary file, then a rename) instead of stdout',
  });
}

/** Runs `command` with stdout going to `path` when given; the file appears only when the command returns. */
export async function withOutput(
  path: string | undefined,
  io: CliIO,
  command: (io: CliIO) => Promise<number>,
): Promise<number> {
  if (path === undefined) return command(io);
  if (path === '' || path === '-') throw new UsageError('--output: expected a file path.');
  const target = resolve(path);
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`--output ${path}: the folder ${dir} does not exist.`);
  }
  try {
    if (statSync(target).isDirectory()) throw new UsageError(`--output ${path}: is a folder, expected a file.`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
  // A dot file: the textfile collector reads only *.prom, CI servers only the named report.
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o644);
  } catch (err) {
    throw new UsageError(`--output ${path}: cannot write in ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    const write = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    };
    const code = await command({ ...io, stdout: write, stdoutReady: undefined, stdoutIsTTY: false });
    fsyncSync(fd);
    close();
    renameSync(temp, target);
    return code;
  } catch (err) {
    close();
    rmSync(temp, { force: true });
    throw err;
  }
}
