// Turns whatever Graph (or a saved file) gave as debug_token `data` into typed TokenData without throwing.
import type { GranularScope, TokenData } from './types.js';

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function normalizeTokenData(raw: unknown): TokenData {
  const malformed: string[] = [];
  const data: Obj = isObject(raw) ? raw : {};
  if (!isObject(raw)) malformed.push('data');

  const field = <T>(name: string, read: (v: unknown) => T | undefined): T | undefined => {
    const v = data[name];
    if (v === undefined || v === null) return undefined;
    const out = read(v);
    if (out === undefined) malformed.push(name);
    return out;
  };

  const scopes = field('scopes', stringList) ?? [];
  // Judged item by item: an unreadable item is counted, never allowed to hide what the readable ones say.
  let junkGranularScopes = 0;
  const granularScopes =
    field('granular_scopes', (v) => {
      const read = granularList(v);
      if (read) junkGranularScopes = read.junk;
      return read?.list;
    }) ?? [];
  if (junkGranularScopes > 0 && !malformed.includes('granular_scopes')) malformed.push('granular_scopes');
  const error = field('error', tokenError);
  return {
    appId: field('app_id', id),
    application: field('application', str),
    type: field('type', str),
    isValid: field('is_valid', (v) => (typeof v === 'boolean' ? v : undefined)),
    issuedAt: field('issued_at', unixTime),
    expiresAt: field('expires_at', unixTime),
    dataAccessExpiresAt: field('data_access_expires_at', unixTime),
    scopes,
    granularScopes,
    userId: field('user_id', id),
    profileId: field('profile_id', id),
    ...(error ? { error } : {}),
    ...(junkGranularScopes > 0 ? { junkGranularScopes } : {}),
    malformed,
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Graph sends IDs as strings; very old answers used numbers. */
function id(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

/** The latest instant a JS Date can hold, in seconds: beyond it a time cannot be shown (toISOString throws). */
const MAX_UNIX_SECONDS = 8_640_000_000_000;

function unixTime(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_UNIX_SECONDS
    ? Math.floor(v)
    : undefined;
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return undefined;
  return [...new Set(v as string[])];
}

function granularList(v: unknown): { list: GranularScope[]; junk: number } | undefined {
  if (!Array.isArray(v)) return undefined;
  const list: GranularScope[] = [];
  let junk = 0;
  for (const item of v) {
    if (!isObject(item) || typeof item.scope !== 'string') {
      junk++;
      continue;
    }
    if (item.target_ids === undefined || item.target_ids === null) {
      list.push({ scope: item.scope });
      continue;
    }
    if (!Array.isArray(item.target_ids)) {
      junk++;
      continue;
    }
    const ids = item.target_ids.map(id);
    if (ids.some((x) => x === undefined)) {
      junk++;
      continue;
    }
    list.push({ scope: item.scope, targetIds: [...new Set(ids as string[])] });
  }
  return { list, junk };
}

function tokenError(v: unknown): TokenData['error'] | undefined {
  if (!isObject(v)) return undefined;
  const num = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : undefined);
  return {
    code: num(v.code),
    subcode: num(v.subcode) ?? num(v.error_subcode),
    message: typeof v.message === 'string' ? v.message : undefined,
  };
}
