// A scan, start to end: list files (and, when asked, every blob of the git history), find credentials, verify
// each distinct one once, and build the document every renderer reads. Secrets live only in memory here: the
// document carries fingerprints and masked excerpts.
import { fingerprint } from '../core/fingerprint.js';
import { ExitCode } from '../core/errors.js';
import { listFiles } from './files.js';
import { findSecrets, isBinary, type SecretKind } from './finders.js';
import { locate, type Located } from './locate.js';
import { scanFiles } from './tree.js';
import type { Candidate, LiveFacts, Verification, VerifyOptions } from './verify.js';

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Stable rule ids: code scanning keys its alerts on them. */
export const RULES: Record<SecretKind, { id: string; name: string; description: string }> = {
  'access-token': {
    id: 'meta/access-token',
    name: 'MetaAccessToken',
    description: 'A Meta (Facebook, WhatsApp, Instagram) user, system-user or page access token (EAA…)',
  },
  'app-access-token': {
    id: 'meta/app-access-token',
    name: 'MetaAppAccessToken',
    description: 'A Meta app access token (APP_ID|APP_SECRET): full control of the app',
  },
  'app-secret': {
    id: 'meta/app-secret',
    name: 'MetaAppSecret',
    description: 'A Meta app secret (32 hex characters next to a Meta, Facebook or WhatsApp keyword)',
  },
};

export type SecretStatus = 'live' | 'dead' | 'not-judged' | 'unverified';

export interface Finding {
  ruleId: string;
  kind: SecretKind;
  file: string;
  line: number;
  column: number;
  /** The credential's fingerprint (sha256, 8 hex characters): the same secret has the same one everywhere. */
  fingerprint: string;
  /** The line around the credential, every credential in it masked. */
  excerpt: string;
  source: 'tree' | 'history';
  /** For history findings: the blob, and the earliest commit that holds it when git could tell. */
  blob?: string;
  commit?: string;
  status: SecretStatus;
}

export interface SecretEntry {
  fingerprint: string;
  kind: SecretKind;
  status: SecretStatus;
  /** Why it is dead or not judged (Graph's reason, redacted; or what stopped the check). */
  reason?: string;
  graphError?: string;
  appId?: string;
  /** For a live one: what it can do. */
  live?: LiveFacts;
  type?: string;
  /** Where it was found (count of findings). */
  occurrences: number;
}

export interface ScanDocument {
  schemaVersion: 1;
  kind: 'scan';
  ok: boolean;
  exitCode: number;
  verified: boolean;
  failOn: FailOn;
  totals: {
    findings: number;
    secrets: number;
    live: number;
    dead: number;
    notJudged: number;
    unverified: number;
  };
  findings: Finding[];
  secrets: SecretEntry[];
  scanned: { files: number; bytes: number; blobs: number };
  skipped: { binary: number; tooLarge: string[]; ignored: number; unreadable: number };
  graph?: { requests: number };
  generatedAt: string;
}

type FailOn = 'live' | 'any';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  gitHistory?: boolean;
  noIgnore?: boolean;
  binary?: boolean;
  maxFileBytes?: number;
  /** App IDs to pair with app secrets that have none near them. */
  appIds?: string[];
  verify: boolean;
  failOn: FailOn;
  verifyOptions?: VerifyOptions;
  now?: () => Date;
}


export async function runScan(opts: ScanOptions): Promise<ScanDocument> {
  const now = opts.now ?? (() => new Date());
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const found: Located[] = [];
  const skipped = { binary: 0, tooLarge: [] as string[], ignored: 0, unreadable: 0 };
  const scanned = { files: 0, bytes: 0, blobs: 0 };
  const find = { appIds: opts.appIds ?? [] };

  const { files, ignored } = listFiles(opts.paths, { cwd: opts.cwd, noIgnore: opts.noIgnore });
  skipped.ignored = ignored;
  // With --git-history, blobs identical to a file already scanned are not scanned again.
  const treeBlobs = opts.gitHistory ? new Set<string>() : undefined;
  const part = scanFiles(files, {
    maxBytes: max,
    binary: Boolean(opts.binary),
    appIds: find.appIds,
    hashBlobs: Boolean(opts.gitHistory),
  });
  found.push(...part.found);
  skipped.binary += part.binary;
  skipped.unreadable += part.unreadable;
  skipped.tooLarge.push(...part.tooLarge);
  scanned.files += part.files;
  scanned.bytes += part.bytes;
  for (const b of part.blobs) treeBlobs?.add(b);

  const commits = new Map<string, string>();
  if (opts.gitHistory) {
    const { scanHistory, firstCommits } = await import('./history.js');
    const start = opts.paths[0] ?? '.';
    const h = await scanHistory({
      cwd: opts.cwd,
      start,
      maxBytes: max,
      skip: treeBlobs!,
      onBlob: (blob, path, data) => {
        if (!opts.binary && isBinary(data)) {
          skipped.binary++;
          return;
        }
        scanned.blobs++;
        scanned.bytes += data.length;
        const all = findSecrets(data, find);
        for (const r of all) found.push({ ...locate(data, r, all, path, 'history'), blob });
      },
    });
    for (const p of h.tooLarge) skipped.tooLarge.push(p);
    const withFindings = [...new Set(found.filter((f) => f.blob).map((f) => f.blob!))];
    for (const [blob, commit] of await firstCommits(h.root, withFindings)) commits.set(blob, commit);
  }

  // One verification per distinct credential.
  const distinct = new Map<string, Candidate>();
  for (const f of found) {
    const prior = distinct.get(f.secret);
    if (!prior) distinct.set(f.secret, { secret: f.secret, kind: f.kind, ...(f.appId ? { appId: f.appId } : {}) });
    else if (!prior.appId && f.appId) prior.appId = f.appId;
  }
  let verdicts = new Map<string, Verification>();
  let requests: number | undefined;
  if (opts.verify && distinct.size > 0) {
    const { verifyCandidates } = await import('./verify.js');
    const v = await verifyCandidates([...distinct.values()], { ...opts.verifyOptions, now });
    verdicts = v.results;
    requests = v.requests;
  } else if (opts.verify) requests = 0;

  const statusOf = (secret: string): SecretStatus => verdicts.get(secret)?.status ?? 'unverified';
  const findings: Finding[] = found.map((f) => ({
    ruleId: RULES[f.kind].id,
    kind: f.kind,
    file: f.file,
    line: f.line,
    column: f.column,
    fingerprint: fingerprint(f.secret),
    excerpt: f.excerpt,
    source: f.source,
    ...(f.blob ? { blob: f.blob } : {}),
    ...(f.blob && commits.get(f.blob) ? { commit: commits.get(f.blob) } : {}),
    status: statusOf(f.secret),
  }));

  const secrets: SecretEntry[] = [...distinct.values()].map((c) => {
    const v = verdicts.get(c.secret);
    const base = {
      fingerprint: fingerprint(c.secret),
      kind: c.kind,
      occurrences: found.filter((f) => f.secret === c.secret).length,
      ...(c.appId ? { appId: c.appId } : {}),
    };
    if (!v) return { ...base, status: 'unverified' as const };
    if (v.status === 'live')
      return { ...base, status: v.status, ...(v.facts.appId ? { appId: v.facts.appId } : {}), live: v.facts };
    if (v.status === 'dead')
      return {
        ...base,
        status: v.status,
        reason: v.reason,
        ...(v.graphError ? { graphError: v.graphError } : {}),
        ...(v.appId ? { appId: v.appId } : {}),
        ...(v.type ? { type: v.type } : {}),
      };
    return { ...base, status: v.status, reason: v.reason };
  });
  distinct.clear();

  const totals = {
    findings: findings.length,
    secrets: secrets.length,
    live: secrets.filter((s) => s.status === 'live').length,
    dead: secrets.filter((s) => s.status === 'dead').length,
    notJudged: secrets.filter((s) => s.status === 'not-judged').length,
    unverified: secrets.filter((s) => s.status === 'unverified').length,
  };
  const exitCode = scanExitCode(totals, opts.failOn);
  return {
    schemaVersion: 1,
    kind: 'scan',
    ok: exitCode === ExitCode.ok,
    exitCode,
    verified: opts.verify,
    failOn: opts.failOn,
    totals,
    findings,
    secrets,
    scanned,
    skipped,
    ...(requests !== undefined ? { graph: { requests } } : {}),
    generatedAt: now().toISOString(),
  };
}

/** 1: a live credential (or, failing on any, any finding); 3: one could not be verified; 0: clean. */
function scanExitCode(t: ScanDocument['totals'], failOn: FailOn): number {
  if (t.live > 0) return ExitCode.failed;
  if (failOn === 'any' && t.findings > 0) return ExitCode.failed;
  if (t.notJudged > 0) return ExitCode.notJudged;
  return ExitCode.ok;
}

