// What a Graph 190 says when it gives no subcode. Most real answers (top level, and debug_token's data.error)
// carry only a message; these are the texts recorded from real Graph (bk-rs/facebook-apis-rs, commit ff657e0a,
// facebook-access-token-api and facebook-graph-api-object-error test bodies) and in Graph's error-handling guide.

/** A reason read from Graph's text: the subcode it stands for, when there is one, and plain words. */
export interface TextReason {
  subcode?: number;
  reason: string;
}

const READINGS: { pattern: RegExp; reading: TextReason }[] = [
  { pattern: /session has expired/i, reading: { subcode: 463, reason: 'The token has expired.' } },
  {
    pattern: /changed (their|the) password|changed the session for security reasons/i,
    reading: { subcode: 460, reason: 'The session was reset: the user changed their password, or Meta reset it for security.' },
  },
  {
    pattern: /invalidated explicitly using an api call/i,
    reading: { subcode: 466, reason: 'The token was revoked through an API call.' },
  },
  {
    pattern: /has not authorized application|has not been authorized/i,
    reading: { subcode: 458, reason: 'The user behind the token has not authorised the app, or removed it.' },
  },
  {
    pattern: /user logged out|session is invalid because the user/i,
    reading: { subcode: 467, reason: 'The session is no longer valid (the user logged out, or it was revoked).' },
  },
  {
    pattern: /could not be decrypted|session key .*malformed/i,
    reading: { reason: 'The token is damaged: it was probably copied incompletely or altered.' },
  },
  {
    pattern: /cannot parse access token/i,
    reading: { reason: 'What was given is not an access token at all.' },
  },
  {
    pattern: /debug only access token/i,
    reading: {
      reason: "This is a debugger-only \"session info\" token: it cannot call the API. Use the integration's token.",
    },
  },
  {
    pattern: /invalid oauth access token signature/i,
    reading: { reason: 'The token has the app-token form (APP_ID|SECRET) with a wrong secret.' },
  },
  {
    pattern: /cannot get application info/i,
    reading: { reason: 'The token has the app-token form (APP_ID|SECRET) with an app ID Graph does not know.' },
  },
];

/** The reason a 190/102 message gives, or undefined when the text says nothing we know. */
export function reasonFromText(message: string | undefined): TextReason | undefined {
  if (!message) return undefined;
  return READINGS.find((r) => r.pattern.test(message))?.reading;
}

/**
 * Graph's messages can quote parts of a token ("Session key 18.0,AZ58…-1784… is malformed"). Anything that looks
 * like token material (a run of 20+ token characters holding both letters and digits, or an `EAA…` token) is
 * replaced before the message is shown. Dates, codes and words are left alone.
 */
export function redactTokenLike(text: string): string {
  return text.replace(/[A-Za-z0-9_\-.,|%=+/]{20,}/g, (run) =>
    /EAA[A-Za-z0-9]{8,}/.test(run) || (/[A-Za-z]/.test(run) && /\d/.test(run) && !/^https?:/.test(run))
      ? '[redacted]'
      : run,
  );
}
