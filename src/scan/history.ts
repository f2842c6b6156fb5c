// `--git-history`: every blob reachable from any ref, each read once however many commits hold it, through git's
// plumbing: `git rev-list --objects --all` names every reachable object once (with the path it was first met
// at), `git cat-file --batch-check` tells blobs and their sizes, `git cat-file --batch` streams their content.
// https://git-scm.com/docs/git-rev-list#Documentation/git-rev-list.txt---objects
// https://git-scm.com/docs/git-cat-file#_batch_output
import { execFile, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../core/errors.js';

const run = promisify(execFile);

export interface HistoryOptions {
  cwd: string;
  /** A path inside the repository. */
  start: string;
  maxBytes: number;
  /** Blob ids already scanned (files of the working tree). */
  skip: Set<string>;
  onBlob: (blob: string, path: string, data: Buffer) => void;
}

interface BlobRef {
  id: string;
  path: string;
}

async function repoRoot(cwd: string, start: string): Promise<string> {
  let dir = resolve(cwd, start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    throw new UsageError(`scan: ${start.slice(0, 200)}: no such file or directory.`);
  }
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
    return stdout.trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('--git-history needs git, and git was not found on PATH.');
    throw new UsageError(`--git-history: ${start.slice(0, 200)} is not inside a git repository.`);
  }
}

export async function scanHistory(o: HistoryOptions): Promise<{ root: string; blobs: number; tooLarge: string[] }> {
  const root = await repoRoot(o.cwd, o.start);
  const tooLarge: string[] = [];
  const wanted: BlobRef[] = [];
  await listBlobs(root, (id, size, path) => {
    if (o.skip.has(id)) return;
    if (size > o.maxBytes) tooLarge.push(`${path} (blob ${id.slice(0, 12)})`);
    else wanted.push({ id, path });
  });
  if (wanted.length > 0) await readBlobs(root, wanted, o.onBlob);
  return { root, blobs: wanted.length, tooLarge };
}

/** rev-list --objects --all piped into cat-file --batch-check: every reachable blob once, with its size. */
function listBlobs(root: string, onBlob: (id: string, size: number, path: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const revList = spawn('git', ['-C', root, 'rev-list', '--objects', '--all'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const check = spawn(
      'git',
      ['-C', root, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    revList.stdout.pipe(check.stdin);
    let rest = '';
    check.stdout.setEncoding('utf8');
    check.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) parseCheck(l, onBlob);
    });
    let failed: string | undefined;
    revList.on('close', (code) => {
      if (code !== 0) failed = `git rev-list exited with ${code}`;
    });
    const fail = (err: Error) => reject(new UsageError(`--git-history: could not run git (${err.message.slice(0, 100)}).`));
    revList.on('error', fail);
    check.on('error', fail);
    check.on('close', (code) => {
      if (rest) parseCheck(rest, onBlob);
      if (failed || code !== 0) reject(new UsageError(`--git-history: ${failed ?? `git cat-file exited with ${code}`}.`));
      else resolvePromise();
    });
  });
}

function parseCheck(line: string, onBlob: (id: string, size: number, path: string) => void): void {
  const m = /^([0-9a-f]{40,64}) (\w+) (\d+) ?(.*)$/.exec(line);
  if (m && m[2] === 'blob') onBlob(m[1]!, Number(m[3]), m[4] || m[1]!);
}

/** Streams `git cat-file --batch`: "<id> blob <size>\n<content>\n" per requested id. */
function readBlobs(root: string, blobs: BlobRef[], onBlob: HistoryOptions['onBlob']): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const cat = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let next = 0;
    let head = Buffer.alloc(0);
    let body: Buffer | undefined;
    let filled = 0;
    let skipNewline = false;
    const onData = (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (skipNewline) {
          at++;
          skipNewline = false;
          continue;
        }
        if (body) {
          const take = Math.min(body.length - filled, chunk.length - at);
          chunk.copy(body, filled, at, at + take);
          filled += take;
          at += take;
          if (filled === body.length) {
            const ref = blobs[next++]!;
            onBlob(ref.id, ref.path, body);
            body = undefined;
            skipNewline = true;
          }
          continue;
        }
        const nl = chunk.indexOf(10, at);
        if (nl === -1) {
          head = Buffer.concat([head, chunk.subarray(at)]);
          return;
        }
        const line = Buffer.concat([head, chunk.subarray(at, nl)]).toString('utf8');
        head = Buffer.alloc(0);
        at = nl + 1;
        const m = /^\S+ (\w+) (\d+)$/.exec(line);
        if (!m) {
          // "<id> missing": nothing follows.
          next++;
          continue;
        }
        body = Buffer.allocUnsafe(Number(m[2]));
        filled = 0;
        if (body.length === 0) {
          onBlob(blobs[next]!.id, blobs[next]!.path, body);
          next++;
          body = undefined;
          skipNewline = true;
        }
      }
    };
    cat.stdout.on('data', onData);
    cat.on('error', (err) => reject(new UsageError(`--git-history: could not run git (${err.message.slice(0, 100)}).`)));
    cat.on('close', (code) => {
      if (code !== 0) reject(new UsageError(`--git-history: git cat-file exited with ${code}.`));
      else resolvePromise();
    });
    cat.stdin.on('error', () => undefined);
    cat.stdin.end(blobs.map((b) => b.id).join('\n') + '\n');
  });
}

/** The earliest commit that holds each blob (`git log --find-object`), for the report; absent when unknown. */
export async function firstCommits(root: string, blobs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of blobs.slice(0, 200)) {
    try {
      const { stdout } = await run('git', ['-C', root, 'log', '--all', '--format=%H', `--find-object=${id}`], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      const lines = stdout.trim().split('\n').filter(Boolean);
      if (lines.length > 0) out.set(id, lines[lines.length - 1]!);
    } catch {
      // Attribution is a courtesy: the finding stands without it.
    }
  }
  return out;
}
