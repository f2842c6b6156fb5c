// `wa-token-audit explain <topic>`: pure functions from a topic to data, text and JSON. No I/O: the CLI prints.
import {
  type ErrorEntry,
  entryByKey,
  errorKey,
  FAMILY_LABELS,
  lookupError,
  parseErrorKey,
} from '../core/error-catalog.js';
import {
  type ConflictingStatusGuide,
  conflictingStatusGuide,
  type UndeliveredGuide,
  undeliveredGuide,
} from './guides.js';

export interface CodeExplanation {
  kind: 'code';
  /** The key asked for (`190.463`, `250`, `200-299`); may be more specific than the entry found. */
  key: string;
  code: number;
  subcode?: number;
  entry: ErrorEntry;
  /** How the entry was found: its own key, the code without the subcode, or the code's range. */
  matchedBy: 'exact' | 'code' | 'range';
}

export type ExplainResult =
  | CodeExplanation
  | ({ kind: 'undelivered' } & UndeliveredGuide)
  | ({ kind: 'conflicting-status' } & ConflictingStatusGuide)
  | { kind: 'unknown'; message: string };

const USAGE_HINT =
  'Expected a Graph error code such as 190 or 190.463 (also #190 or (#100)), "undelivered" or "conflicting-status".';

/** What `explain <topic>` shows. `kind: 'unknown'` (the CLI exits 2) names no secret: odd input is not echoed. */
export function explainTopic(topic: string): ExplainResult {
  const t = topic.trim().toLowerCase();
  if (t === 'undelivered') return { kind: 'undelivered', ...undeliveredGuide() };
  if (t === 'conflicting-status') return { kind: 'conflicting-status', ...conflictingStatusGuide() };

  const range = /^(\d{1,9})-(\d{1,9})$/.exec(t);
  if (range) {
    const entry = entryByKey(t);
    if (entry) return { kind: 'code', key: entry.key, code: entry.code, entry, matchedBy: 'exact' };
    return { kind: 'unknown', message: `No error range ${t} in wa-token-audit's error table. ${USAGE_HINT}` };
  }

  const parsed = parseErrorKey(t);
  if (!parsed) return { kind: 'unknown', message: `Unknown explain topic. ${USAGE_HINT}` };
  const { code, subcode } = parsed;
  const key = errorKey(code, subcode);
  const entry = lookupError(code, subcode);
  if (!entry) {
    return {
      kind: 'unknown',
      message: `Graph error ${key} is not in wa-token-audit's error table. See Meta's error pages, or "wa-token-audit explain" another code.`,
    };
  }
  const matchedBy = entry.key === key ? 'exact' : entry.range ? 'range' : 'code';
  return { kind: 'code', key, code, ...(subcode === undefined ? {} : { subcode }), entry, matchedBy };
}

/** The line shown for a retryable entry; `undefined` when retrying cannot help. */
export function transientLine(entry: ErrorEntry): string | undefined {
  if (entry.retry === 'transient')
    return `Transient: yes, retry: ${entry.retryHint ?? 'retry after a short wait'}.`;
  if (entry.retry === 'rate-limit')
    return `Transient: yes (rate limit), back off: ${entry.retryHint ?? 'retry later'}.`;
  return undefined;
}

export const NOT_TRANSIENT_LINE =
  'Transient: no. Retrying the same request will not help until the cause is fixed.';

export const TOKEN_ADVICE_LINE =
  'Points at the token: yes. Run `wa-token-audit` and follow the Access Token Debugger steps below.';

export const NOT_TOKEN_LINE = 'Points at the token: no.';

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
  ok(s: string): string;
}

function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) =>
    color ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return { bold: wrap(1, 22), dim: wrap(2, 22), warn: wrap(33, 39), ok: wrap(32, 39) };
}

function numbered(items: readonly string[]): string[] {
  return items.map((item, i) => `  ${i + 1}. ${item}`);
}

/** Human-readable text for any explain result; no trailing newline. */
export function renderExplainText(result: ExplainResult, opts: { color: boolean }): string {
  const s = style(opts.color);
  switch (result.kind) {
    case 'code': {
      const e = result.entry;
      const lines = [`${s.bold(`${result.key}  ${e.name}`)}`];
      if (result.matchedBy !== 'exact') lines.push(s.dim(`(explained by the entry for ${e.key})`));
      lines.push(`Family: ${FAMILY_LABELS[e.family]}${e.httpStatus ? `, HTTP ${e.httpStatus}` : ''}`);
      lines.push(`Meaning: ${e.meaning}`);
      const transient = transientLine(e);
      lines.push(transient ? s.ok(transient) : NOT_TRANSIENT_LINE);
      lines.push(e.tokenProblem ? s.warn(TOKEN_ADVICE_LINE) : NOT_TOKEN_LINE);
      lines.push('What to do:', ...numbered(e.actions));
      lines.push(s.dim(`Source: ${e.source}`));
      return lines.join('\n');
    }
    case 'undelivered': {
      const lines = [s.bold(result.title), result.summary, '', 'Possible reasons:'];
      lines.push(...result.reasons.map((r) => `  - ${r}`));
      lines.push('', 'Minimum WhatsApp client versions:');
      const width = Math.max(...result.minimumVersions.map((v) => v.client.length));
      const vw = Math.max(...result.minimumVersions.map((v) => v.minimum.length));
      lines.push(
        ...result.minimumVersions.map(
          (v) => `  ${v.client.padEnd(width)}  ${v.minimum.padEnd(vw)}  (${v.label})`,
        ),
      );
      lines.push('', 'Ask the customer, by a channel other than WhatsApp:');
      lines.push(...numbered(result.customerChecks));
      lines.push('', `Related errors: ${result.relatedCodes.join(', ')} (wa-token-audit explain <code>)`);
      lines.push(s.dim(`Source: ${result.source}`));
      return lines.join('\n');
    }
    case 'conflicting-status': {
      const lines = [s.bold(result.title), result.summary, ''];
      lines.push(...result.points.map((p) => `  - ${p}`));
      lines.push(s.dim(`Source: ${result.source}`));
      return lines.join('\n');
    }
    case 'unknown':
      return result.message;
  }
}

/** The machine-readable form. Keys are stable: every key is always present, `null` when it does not apply. */
export function explainJson(result: ExplainResult): Record<string, unknown> {
  switch (result.kind) {
    case 'code': {
      const e = result.entry;
      return {
        kind: 'code',
        key: result.key,
        code: result.code,
        subcode: result.subcode ?? null,
        name: e.name,
        family: e.family,
        meaning: e.meaning,
        transient: e.retry !== 'never',
        retry: e.retry,
        retryHint: e.retryHint ?? null,
        tokenProblem: e.tokenProblem,
        actions: [...e.actions],
        source: e.source,
        entryKey: e.key,
        httpStatus: e.httpStatus ?? null,
      };
    }
    case 'undelivered':
      return {
        kind: 'undelivered',
        title: result.title,
        summary: result.summary,
        reasons: [...result.reasons],
        minimumVersions: result.minimumVersions.map((v) => ({ ...v })),
        customerChecks: [...result.customerChecks],
        relatedCodes: [...result.relatedCodes],
        source: result.source,
      };
    case 'conflicting-status':
      return {
        kind: 'conflicting-status',
        title: result.title,
        summary: result.summary,
        points: [...result.points],
        source: result.source,
      };
    case 'unknown':
      return { kind: 'unknown', message: result.message };
  }
}

/** Keeps only what a key or topic can contain, so anchors and commands are safe to embed anywhere. */
function cleanKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/^\(?#/, '')
    .replace(/\)$/, '')
    .replace(/[^0-9a-z.-]/g, '');
}

/** Stable anchor for a report to link to: `190.463` -> `explain-190-463`, `undelivered` -> `explain-undelivered`. */
export function explainAnchor(key: string): string {
  const slug = cleanKey(key).replace(/[.]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `explain-${slug || 'unknown'}`;
}

/** The command that explains a key: `wa-token-audit explain 190.463`. */
export function explainCommand(key: string): string {
  return `wa-token-audit explain ${cleanKey(key) || '<code>'}`;
}
