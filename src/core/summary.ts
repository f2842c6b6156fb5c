import type { TokenData, TokenSummary } from './types.js';

/** Unix seconds to ISO 8601; 0 (never) to null. */
function isoTime(seconds: number | undefined): string | null | undefined {
  if (seconds === undefined) return undefined;
  if (seconds === 0) return null;
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function summarize(data: TokenData | undefined, fingerprint?: string): TokenSummary {
  const base: TokenSummary = { ...(fingerprint ? { fingerprint } : {}), scopes: [], granularScopes: [] };
  if (!data) return base;
  return {
    ...base,
    appId: data.appId,
    application: data.application,
    type: data.type,
    isValid: data.isValid,
    issuedAt: isoTime(data.issuedAt),
    expiresAt: isoTime(data.expiresAt),
    dataAccessExpiresAt: isoTime(data.dataAccessExpiresAt),
    scopes: data.scopes,
    granularScopes: data.granularScopes,
    userId: data.userId,
  };
}
