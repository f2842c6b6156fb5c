// The per-file part of a scan: read, skip (binary, too large, unreadable), find, locate. Synchronous: with one
// reused buffer and no stat call per file, a single thread stays close to ripgrep on this project's 2-core
// machines; worker threads were tried and cost more CPU (start-up, copies) than they saved there.
import { FileReader } from './files.js';
import { findSecrets, isBinary } from './finders.js';
import { gitBlobId, type Located, locate } from './locate.js';

export interface FileJob {
  abs: string;
  shown: string;
}

export interface TreeOptions {
  maxBytes: number;
  binary: boolean;
  appIds: string[];
  /** Record each file's git blob id (so --git-history skips blobs already read). */
  hashBlobs: boolean;
}

export interface TreePart {
  found: Located[];
  binary: number;
  tooLarge: string[];
  unreadable: number;
  files: number;
  bytes: number;
  blobs: string[];
}

function emptyPart(): TreePart {
  return { found: [], binary: 0, tooLarge: [], unreadable: 0, files: 0, bytes: 0, blobs: [] };
}

export function scanFiles(jobs: FileJob[], opts: TreeOptions, reader = new FileReader(), part = emptyPart()): TreePart {
  const find = { appIds: opts.appIds };
  for (const f of jobs) {
    const buf = reader.read(f.abs, opts.maxBytes);
    if (buf === undefined) {
      part.unreadable++;
      continue;
    }
    if (buf === 'too-large') {
      part.tooLarge.push(f.shown);
      continue;
    }
    if (!opts.binary && isBinary(buf)) {
      part.binary++;
      continue;
    }
    part.files++;
    part.bytes += buf.length;
    if (opts.hashBlobs) part.blobs.push(gitBlobId(buf));
    const all = findSecrets(buf, find);
    for (const r of all) part.found.push(locate(buf, r, all, f.shown, 'tree'));
  }
  return part;
}

