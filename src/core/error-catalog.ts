// The one table of Graph / Cloud API error codes. The Graph client classifies errors with it, the auditor's
// messages quote it, and `wa-token-audit explain` prints it, so the three never disagree.

export type ErrorFamily = 'auth' | 'throttling' | 'service' | 'parameter' | 'message' | 'integrity' | 'registration' | 'template';

/** transient: retry soon; rate-limit: back off, then retry; never: retrying cannot help. */
export type RetryClass = 'transient' | 'rate-limit' | 'never';

export interface ErrorEntry {
  /** `code` or `code.subcode`: what `explain` takes. */
  key: string;
  code: number;
  subcode?: number;
  name: string;
  family: ErrorFamily;
  meaning: string;
  retry: RetryClass;
  /** How long to wait, in words, when retry is not `never`. */
  retryHint?: string;
  /** The token (or its permissions) is the problem: run the audit and the Access Token Debugger steps. */
  tokenProblem: boolean;
  actions: string[];
}

type Entry = Omit<ErrorEntry, 'key'>;

const ENTRIES: Entry[] = [
  // Source: Graph API "Handling Errors" (developers.facebook.com/docs/graph-api/guides/error-handling)
  {
    code: 1,
    name: 'API Unknown',
    family: 'service',
    meaning: 'Graph could not process the request; often temporary.',
    retry: 'transient',
    retryHint: 'retry after a short wait; if it repeats, check the request',
    tokenProblem: false,
    actions: ['Retry after a short wait.', 'If the error persists, check the request and Meta\'s platform status page.'],
  },
  // Source: Cloud API Troubleshooting, "Error Code 2 - API Service"
  {
    code: 2,
    name: 'API Service',
    family: 'service',
    meaning: 'Graph is temporarily unavailable, for example while Meta updates the API.',
    retry: 'transient',
    retryHint: 'the API may be down for up to 5 minutes while it is updated: wait 5 minutes and retry',
    tokenProblem: false,
    actions: ['Wait up to 5 minutes and try again (raise --deadline up to 300 s to ride it out).'],
  },
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  {
    code: 4,
    name: 'API Too Many Calls',
    family: 'throttling',
    meaning: 'The app has reached its Graph API call rate limit.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later; the X-App-Usage header shows how close the app is to its limit',
    tokenProblem: false,
    actions: ['Wait and retry with backoff; spread calls out over time.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 10,
    name: 'API Permission Denied',
    family: 'auth',
    meaning: 'The permission is not granted or has been removed.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Grant the missing permission, then generate a new token.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 17,
    name: 'API User Too Many Calls',
    family: 'throttling',
    meaning: 'The user (or system user) has reached its call rate limit.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    actions: ['Wait and retry with backoff.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 32,
    name: 'Page Request Limit Reached',
    family: 'throttling',
    meaning: 'The page-level rate limit was reached.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    actions: ['Wait and retry with backoff.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 100,
    name: 'Invalid Parameter',
    family: 'parameter',
    meaning: 'A parameter is invalid, or the object does not exist or cannot be seen with this token.',
    retry: 'never',
    tokenProblem: false,
    actions: ['Check the IDs and parameters sent.'],
  },
  // Source: Graph API "Handling Errors"; access-token debugging guide (subcodes)
  {
    code: 190,
    name: 'Access Token Invalid',
    family: 'auth',
    meaning: 'The access token has expired, been revoked or is otherwise invalid.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Generate a new token for the right Meta app with both WhatsApp permissions.'],
  },
  {
    code: 190,
    subcode: 458,
    name: 'App Not Installed',
    family: 'auth',
    meaning: 'The user has not authorised the app, or has removed it.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Have the user (or system user) authorise the app again, then generate a new token.'],
  },
  {
    code: 190,
    subcode: 460,
    name: 'Password Changed',
    family: 'auth',
    meaning: 'The user changed their password, which invalidated the token.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Generate a new token.'],
  },
  {
    code: 190,
    subcode: 463,
    name: 'Token Expired',
    family: 'auth',
    meaning: 'The access token has expired.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Generate a new token; for production use a System User token that does not expire.'],
  },
  {
    code: 190,
    subcode: 467,
    name: 'Invalid Access Token',
    family: 'auth',
    meaning: 'The session is invalid: the token was revoked, logged out or is malformed.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Generate a new token.'],
  },
  // Source: Graph API "Handling Errors" (200-299 range)
  {
    code: 200,
    name: 'API Permission',
    family: 'auth',
    meaning: 'Permission error: the token lacks a permission, or the system user has no access to this asset.',
    retry: 'never',
    tokenProblem: true,
    actions: ['Give the system user access to the WhatsApp Business Account, or grant the missing permission.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 613,
    name: 'Custom Rate Limit',
    family: 'throttling',
    meaning: 'A rate limit specific to this call was reached.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    actions: ['Wait and retry with backoff.'],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 80007,
    name: 'WABA Rate Limit',
    family: 'throttling',
    meaning: 'The WhatsApp Business Account has reached its rate limit.',
    retry: 'rate-limit',
    retryHint: 'back off; the limit is counted over an hour',
    tokenProblem: false,
    actions: ['Wait and retry with backoff; reduce calls to this WhatsApp Business Account.'],
  },
  // Source: Graph API rate limiting (WhatsApp Business Management API business use case)
  {
    code: 80008,
    name: 'WhatsApp Business Management Rate Limit',
    family: 'throttling',
    meaning: 'Too many calls to this WhatsApp Business Account.',
    retry: 'rate-limit',
    retryHint: 'back off; X-Business-Use-Case-Usage says when access returns',
    tokenProblem: false,
    actions: ['Wait and retry with backoff.'],
  },
];

const byKey = new Map<string, ErrorEntry>();
for (const e of ENTRIES) {
  const key = errorKey(e.code, e.subcode);
  byKey.set(key, { key, ...e });
}

export function errorKey(code: number, subcode?: number): string {
  return subcode === undefined ? String(code) : `${code}.${subcode}`;
}

/** The entry for a code and subcode: the subcode's own entry, else the code's, else its range (200-299). */
export function lookupError(code: number, subcode?: number): ErrorEntry | undefined {
  if (subcode !== undefined) {
    const exact = byKey.get(errorKey(code, subcode));
    if (exact) return exact;
  }
  const own = byKey.get(errorKey(code));
  if (own) return own;
  if (code >= 200 && code <= 299) return byKey.get('200');
  return undefined;
}

export function allErrors(): ErrorEntry[] {
  return [...byKey.values()];
}
