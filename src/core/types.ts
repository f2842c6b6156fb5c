// Shared shapes of the pure core. Nothing here performs I/O.

export type Status = 'pass' | 'warn' | 'fail' | 'skip';

/** One finding. `id` is stable: users key CI rules and dashboards on it. */
export interface Check {
  id: string;
  status: Status;
  message: string;
  /** Steps that fix the problem, in order. Present when status is warn or fail. */
  remediation?: string[];
  /** Graph error this finding came from, as an `explain` key (`190.463`, `100.33`). */
  graphError?: string;
  /** Machine-readable facts behind the message (reached WABAs, days left, ...). */
  details?: Record<string, unknown>;
}

/** pass: nothing to fix; warn: usable but look at it; fail: do not deploy; error: the token was not judged. */
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

export type TokenKind = 'SYSTEM_USER' | 'USER' | 'PAGE' | 'APP' | (string & {});

export interface GranularScope {
  scope: string;
  /** Absent means the grant covers every object the grantor can reach, not none. */
  targetIds?: string[];
}

/** The `data` of a debug_token answer, normalised: every field typed, IDs as strings. */
export interface TokenData {
  appId?: string;
  application?: string;
  type?: TokenKind;
  isValid?: boolean;
  issuedAt?: number;
  expiresAt?: number;
  dataAccessExpiresAt?: number;
  scopes: string[];
  granularScopes: GranularScope[];
  userId?: string;
  profileId?: string;
  error?: { code?: number; subcode?: number; message?: string };
  /** Field names that were present but of the wrong type: the answer cannot be fully trusted. */
  malformed: string[];
}

/** What a human or a machine needs to know about the token. Never the token itself. */
export interface TokenSummary {
  fingerprint?: string;
  appId?: string;
  application?: string;
  type?: string;
  isValid?: boolean;
  issuedAt?: string | null;
  /** ISO 8601, or null when the token never expires. */
  expiresAt?: string | null;
  dataAccessExpiresAt?: string | null;
  scopes: string[];
  granularScopes: GranularScope[];
  userId?: string;
}

export interface Report {
  schemaVersion: 1;
  ok: boolean;
  verdict: Verdict;
  /** Set when verdict is `error`: why the token could not be judged. */
  error?: { message: string; graphError?: string };
  token: TokenSummary;
  checks: Check[];
  generatedAt: string;
}
