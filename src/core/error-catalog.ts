// The one table of Graph / Cloud API error codes. The Graph client classifies errors with it, the auditor's
// messages quote it (through `describeGraphError`), and `wa-token-audit explain` prints it, so the three never
// disagree. Texts are the project's own words, written from the pages named in each entry's `source`.
import { WHATSAPP_SCOPES } from './policy.js';

export type ErrorFamily =
  | 'auth'
  | 'throttling'
  | 'service'
  | 'parameter'
  | 'message'
  | 'integrity'
  | 'registration'
  | 'template';

/** transient: retry soon; rate-limit: back off, then retry; never: retrying cannot help. */
export type RetryClass = 'transient' | 'rate-limit' | 'never';

export interface ErrorEntry {
  /** `code`, `code.subcode`, or `200-299` for a range entry: what `explain` takes. */
  key: string;
  code: number;
  subcode?: number;
  /** Inclusive code range a range entry stands for (`[200, 299]`); absent for single codes. */
  range?: readonly [number, number];
  name: string;
  family: ErrorFamily;
  meaning: string;
  retry: RetryClass;
  /** How long to wait, in words, when retry is not `never`. */
  retryHint?: string;
  /** The token (or its permissions) is the problem: run the audit and the Access Token Debugger steps. */
  tokenProblem: boolean;
  actions: string[];
  /** HTTP status Meta documents for the error, when it documents one. */
  httpStatus?: number;
  /** The page the entry was written from. */
  source: string;
}

/** Plain-words label of each family, for `explain` and reports. */
export const FAMILY_LABELS: Readonly<Record<ErrorFamily, string>> = {
  auth: 'authentication and permissions',
  throttling: 'throttling (rate limits)',
  service: 'service availability',
  parameter: 'request parameters',
  message: 'message delivery',
  integrity: 'integrity and policy enforcement',
  registration: 'account and phone-number setup',
  template: 'message templates and flows',
};

export const ACCESS_TOKEN_DEBUGGER_URL = 'https://developers.facebook.com/tools/debug/accesstoken/';

/** Pages the entries were written from. */
export const SOURCES = {
  graphErrors: 'https://developers.facebook.com/docs/graph-api/guides/error-handling',
  tokenErrors:
    'https://developers.facebook.com/docs/facebook-login/access-tokens/debugging-and-error-handling',
  rateLimits: 'https://developers.facebook.com/docs/graph-api/overview/rate-limiting',
  cloudApiErrors: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes',
  troubleshooting: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/troubleshooting',
} as const;

/**
 * The steps every token problem ends with, after Meta's Cloud API troubleshooting guide ("Authentication and
 * Authorization Errors"). They are the last entries of `actions` of every `tokenProblem` entry, so a caller that
 * prints its own debugger advice can drop them.
 */
export const TOKEN_PROBLEM_STEPS: readonly string[] = [
  'Run `wa-token-audit` against the token: it says which check fails (validity, app, permissions, reach).',
  `Paste the token into the Access Token Debugger (${ACCESS_TOKEN_DEBUGGER_URL}) and check that both ` +
    `${WHATSAPP_SCOPES.join(' and ')} are granted.`,
  'If either permission is missing, generate a new token for the Meta app that makes the API calls, with both ' +
    `${WHATSAPP_SCOPES.join(' and ')} selected.`,
];

const PLATFORM_STATUS =
  'Check the WhatsApp Business Platform status page (https://metastatus.com/whatsapp-business-api).';

type Entry = Omit<ErrorEntry, 'key'>;

/** An auth-family entry: never retried, points at the token, ends with the token steps. */
function auth(e: Omit<Entry, 'family' | 'retry' | 'tokenProblem'>): Entry {
  return {
    ...e,
    family: 'auth',
    retry: 'never',
    tokenProblem: true,
    actions: [...e.actions, ...TOKEN_PROBLEM_STEPS],
  };
}

/** An entry that is not the token's fault and cannot be fixed by retrying. */
function plain(family: ErrorFamily, e: Omit<Entry, 'family' | 'retry' | 'tokenProblem'>): Entry {
  return { ...e, family, retry: 'never', tokenProblem: false };
}

const G = SOURCES.graphErrors;
const T = SOURCES.tokenErrors;
const W = SOURCES.cloudApiErrors;

const ENTRIES: Entry[] = [
  // ---- Authentication and permissions --------------------------------------------------------------------
  // Source: WhatsApp Cloud API error codes (Authorization errors)
  auth({
    code: 0,
    name: 'AuthException',
    meaning:
      'Meta could not authenticate the caller: the token has expired or been invalidated, or its user has stopped all apps from using their data.',
    httpStatus: 401,
    source: W,
    actions: ['Replace the token with a new one.'],
  }),
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  auth({
    code: 3,
    name: 'API Method',
    meaning: 'The app lacks the capability or permission this call needs.',
    httpStatus: 500,
    source: W,
    actions: ['Check that the app has been granted the permissions the endpoint requires.'],
  }),
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  auth({
    code: 10,
    name: 'Permission Denied',
    meaning: 'The permission this call needs was never granted, or has been removed.',
    httpStatus: 403,
    source: W,
    actions: ['Grant the missing permission to the app, then generate a new token.'],
  }),
  // Source: Graph API "Handling Errors" (API Session); access-token debugging guide
  auth({
    code: 102,
    name: 'API Session',
    meaning:
      'The login session behind the token is no longer valid; without a subcode this means the token expired or was invalidated.',
    source: G,
    actions: ['Generate a new token.'],
  }),
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  auth({
    code: 190,
    name: 'Access Token Invalid',
    meaning: 'The access token has expired, been revoked or is otherwise invalid.',
    httpStatus: 401,
    source: W,
    actions: ['Generate a new token for the right Meta app with both WhatsApp permissions.'],
  }),
  // Source: Graph API "Handling Errors" (authentication subcodes); access-token debugging guide
  auth({
    code: 190,
    subcode: 458,
    name: 'App Not Installed',
    meaning: 'The user behind the token has not authorised the app, or has removed it.',
    source: G,
    actions: ['Have the user (or system user) authorise the app again, then generate a new token.'],
  }),
  auth({
    code: 190,
    subcode: 459,
    name: 'User Checkpointed',
    meaning:
      'The user behind the token must log in to Facebook to clear a security checkpoint before the token works again.',
    source: G,
    actions: ['Have the user log in at facebook.com and complete the checkpoint, then generate a new token.'],
  }),
  auth({
    code: 190,
    subcode: 460,
    name: 'Password Changed',
    meaning: 'The user changed their password, which invalidated the token.',
    source: G,
    actions: ['Generate a new token.'],
  }),
  auth({
    code: 190,
    subcode: 463,
    name: 'Token Expired',
    meaning: 'The access token has expired.',
    source: T,
    actions: ['Generate a new token; for production use a System User token that does not expire.'],
  }),
  auth({
    code: 190,
    subcode: 464,
    name: 'Unconfirmed User',
    meaning: 'The user behind the token has not confirmed their account.',
    source: G,
    actions: ['Have the user confirm their Facebook account, then generate a new token.'],
  }),
  // Source: a 190/466 captured from real Graph (bk-rs/facebook-apis-rs, debug_token__200__example_1.json)
  auth({
    code: 190,
    subcode: 466,
    name: 'Session Revoked',
    meaning: 'The session behind the token was invalidated explicitly through an API call (the token was revoked).',
    source: G,
    actions: ['Generate a new token.'],
  }),
  auth({
    code: 190,
    subcode: 467,
    name: 'Invalid Access Token',
    meaning: 'The token is no longer valid: it expired, was revoked or logged out, or is malformed.',
    source: G,
    actions: ['Generate a new token.'],
  }),
  auth({
    code: 190,
    subcode: 492,
    name: 'Invalid Session',
    meaning:
      'The session is invalid because the user no longer has a role on the asset the token was issued for.',
    source: G,
    actions: ['Give the user (or system user) a role on the asset again, then generate a new token.'],
  }),
  // Source: WhatsApp Cloud API error codes; WhatsApp access-token guide (system-user asset access)
  auth({
    code: 200,
    name: 'Permissions Error',
    meaning:
      'The token may not act on this object: the system user has no access to the WhatsApp Business Account, or the app lacks the permission (or Advanced Access) it needs.',
    httpStatus: 403,
    source: W,
    actions: [
      'In Business Settings, give the system user access to the WhatsApp Business Account (and its phone numbers).',
      "If you are a partner acting on a client's account, check that the app has Advanced Access to both WhatsApp permissions.",
    ],
  }),
  // Source: Graph API "Handling Errors" (200-299 range); WhatsApp Cloud API error codes
  {
    ...auth({
      code: 200,
      name: 'API Permission',
      meaning:
        'A permission error (the exact permission depends on the code): it was never granted or has been removed.',
      httpStatus: 403,
      source: G,
      actions: ['Grant the missing permission, then generate a new token.'],
    }),
    range: [200, 299],
  },
  // Source: WhatsApp Cloud API error codes (131005); field reports summarised in graph-api.md
  auth({
    code: 131005,
    name: 'Access Denied',
    meaning: 'The permission this call needs was never granted, or has been removed.',
    httpStatus: 403,
    source: W,
    actions: ['If the app has "Require App Secret" switched on, send appsecret_proof with every call.'],
  }),

  // ---- Throttling ------------------------------------------------------------------------------------------
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  {
    code: 4,
    name: 'API Too Many Calls',
    family: 'throttling',
    meaning: 'The app has reached its Graph API call rate limit.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later; the X-App-Usage header shows how close the app is to its limit',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: ['Wait and retry with backoff; spread calls out over time or make fewer of them.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 17,
    name: 'API User Too Many Calls',
    family: 'throttling',
    meaning: 'The user (or system user) behind the token has reached its call rate limit.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    source: G,
    actions: ['Wait and retry with backoff.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 32,
    name: 'Page Request Limit Reached',
    family: 'throttling',
    meaning: 'The page-level rate limit for this user or app token was reached.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    source: G,
    actions: ['Wait and retry with backoff.'],
  },
  // Source: Graph API "Handling Errors"
  {
    code: 613,
    name: 'Custom Rate Limit',
    family: 'throttling',
    meaning: 'A rate limit specific to this call was reached (also sent when request volume is too uneven).',
    retry: 'rate-limit',
    retryHint: 'back off and retry later',
    tokenProblem: false,
    source: G,
    actions: ['Wait and retry with backoff; spread calls out evenly.'],
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
    httpStatus: 400,
    source: W,
    actions: ['Wait and retry with backoff; make fewer calls to this WhatsApp Business Account.'],
  },
  // Source: Graph API rate limiting (WhatsApp Business Management API business use case)
  {
    code: 80008,
    name: 'WhatsApp Business Management Rate Limit',
    family: 'throttling',
    meaning: 'Too many calls were made to this WhatsApp Business Account.',
    retry: 'rate-limit',
    retryHint: 'back off; the X-Business-Use-Case-Usage header says, in minutes, when access returns',
    tokenProblem: false,
    source: SOURCES.rateLimits,
    actions: ['Wait and retry with backoff; use webhooks instead of polling.'],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 130429,
    name: 'Rate Limit Hit',
    family: 'throttling',
    meaning: 'The Cloud API message throughput for this phone number has been reached.',
    retry: 'rate-limit',
    retryHint: 'back off and retry later, sending more slowly',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: ['Retry later and send messages at a lower rate.'],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 131048,
    name: 'Spam Rate Limit Hit',
    family: 'throttling',
    meaning:
      'The phone number may only send a limited number of messages because many earlier ones were blocked or reported as spam.',
    retry: 'rate-limit',
    retryHint:
      "not quickly: the limit follows the number's quality, so retrying within minutes fails again; improve quality and retry over hours or days",
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: [
      "Check the phone number's quality rating in WhatsApp Manager.",
      'Send fewer, more relevant messages to people who asked for them.',
    ],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 131056,
    name: 'Pair Rate Limit Hit',
    family: 'throttling',
    meaning: 'Too many messages went from this business number to the same recipient in a short time.',
    retry: 'rate-limit',
    retryHint: 'wait before sending to the same recipient again',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: ['Wait, then send to that recipient again; other recipients are not affected.'],
  },

  // ---- Service -----------------------------------------------------------------------------------------------
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  {
    code: 1,
    name: 'API Unknown',
    family: 'service',
    meaning:
      'Graph could not process the request: possibly a temporary server problem, possibly a malformed request.',
    retry: 'transient',
    retryHint: 'retry after a short wait; if it repeats, check the request',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: [PLATFORM_STATUS, 'If there is no outage, check the request against the endpoint reference.'],
  },
  // Source: Cloud API Troubleshooting, "Error Code 2 - API Service"; WhatsApp Cloud API error codes
  {
    code: 2,
    name: 'API Service',
    family: 'service',
    meaning:
      'Graph is temporarily unavailable, for example while Meta updates the API or when it is overloaded.',
    retry: 'transient',
    retryHint: 'the API may be down for up to 5 minutes while Meta updates it: wait 5 minutes and retry',
    tokenProblem: false,
    httpStatus: 503,
    source: SOURCES.troubleshooting,
    actions: [
      'Wait up to 5 minutes and try again (raise --deadline up to 300 s to ride it out).',
      PLATFORM_STATUS,
    ],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 131000,
    name: 'Something Went Wrong',
    family: 'service',
    meaning: "The request failed because of an unknown error on Meta's side.",
    retry: 'transient',
    retryHint: 'retry once or twice after a short wait; if it keeps failing, contact Meta support',
    tokenProblem: false,
    httpStatus: 500,
    source: W,
    actions: [
      'Retry after a short wait.',
      'If it keeps failing, open a Direct Support ticket and include the fbtrace_id.',
    ],
  },
  // Source: WhatsApp Cloud API error codes
  {
    code: 131016,
    name: 'Service Unavailable',
    family: 'service',
    meaning: 'A WhatsApp service is temporarily unavailable.',
    retry: 'transient',
    retryHint: 'retry after a short wait',
    tokenProblem: false,
    httpStatus: 503,
    source: W,
    actions: [PLATFORM_STATUS, 'Retry after a short wait.'],
  },

  // ---- Parameters ------------------------------------------------------------------------------------------
  // Source: WhatsApp Cloud API error codes
  plain('parameter', {
    code: 33,
    name: 'Parameter Value Not Valid',
    meaning: 'The business phone number in the request has been deleted.',
    httpStatus: 400,
    source: W,
    actions: ['Check that the phone-number ID belongs to a live business phone number.'],
  }),
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  plain('parameter', {
    code: 100,
    name: 'Invalid Parameter',
    meaning: 'The request has a parameter that is not supported, misspelled or has a wrong value.',
    httpStatus: 400,
    source: W,
    actions: ['Check the parameters and IDs against the endpoint reference.'],
  }),
  // Source: Graph API "Handling Errors" (code 100, subcode 33); graph-api.md section 8
  {
    code: 100,
    subcode: 33,
    name: 'Object Not Found Or Not Accessible',
    family: 'parameter',
    meaning:
      'The object does not exist or cannot be loaded due to missing permissions: a wrong ID and a token without access to it look the same.',
    retry: 'never',
    tokenProblem: true,
    httpStatus: 400,
    source: G,
    actions: [
      'Check the ID: is it the WhatsApp Business Account ID or the phone-number ID the call expects?',
      'Check that the system user behind the token has access to that WhatsApp Business Account.',
      ...TOKEN_PROBLEM_STEPS,
    ],
  },
  // Source: WhatsApp Cloud API error codes
  plain('parameter', {
    code: 131008,
    name: 'Required Parameter Missing',
    meaning: 'The request lacks a parameter the endpoint requires.',
    httpStatus: 400,
    source: W,
    actions: ['Add the missing parameter; error_data.details names it.'],
  }),
  plain('parameter', {
    code: 131009,
    name: 'Parameter Value Not Valid',
    meaning:
      'A parameter has a value the endpoint does not accept, or the phone number is not on the allowed list.',
    httpStatus: 400,
    source: W,
    actions: ['Fix the value; error_data.details says which parameter and what it accepts.'],
  }),
  plain('parameter', {
    code: 135000,
    name: 'Generic User Error',
    meaning: 'The message failed because of an unspecified problem with the request parameters.',
    httpStatus: 400,
    source: W,
    actions: [
      'Check the request against the endpoint reference.',
      'If it looks right, contact Meta support with the fbtrace_id.',
    ],
  }),

  // ---- Message delivery ------------------------------------------------------------------------------------
  // Source: WhatsApp Cloud API error codes
  plain('message', {
    code: 131021,
    name: 'Recipient Cannot Be Sender',
    meaning: 'The message was addressed to the same number that sends it.',
    httpStatus: 400,
    source: W,
    actions: ['Send to a number other than the business phone number itself.'],
  }),
  plain('message', {
    code: 131026,
    name: 'Message Undeliverable',
    meaning:
      'The message could not be delivered: the number may not be on WhatsApp, the customer may not have accepted the latest terms, or may be using an old WhatsApp client.',
    httpStatus: 400,
    source: W,
    actions: [
      'Run `wa-token-audit explain undelivered` for the reasons and what to ask the customer to check.',
      'Confirm by another channel that the customer can message your business number.',
    ],
  }),
  plain('message', {
    code: 131047,
    name: 'Re-engagement Message',
    meaning:
      'More than 24 hours have passed since the customer last wrote, so only a template message may be sent.',
    httpStatus: 400,
    source: W,
    actions: ['Send an approved template message instead of a free-form one.'],
  }),
  plain('message', {
    code: 131049,
    name: 'Meta Chose Not To Deliver',
    meaning:
      'Meta held the message back to keep a good experience for the customer, under the per-user marketing message limits.',
    httpStatus: 400,
    source: W,
    actions: ['Do not resend right away; wait before sending this customer another marketing message.'],
  }),
  plain('message', {
    code: 130472,
    name: 'User In Experiment Group',
    meaning: 'The message was not sent because the customer is part of a Meta experiment group.',
    httpStatus: 400,
    source: W,
    actions: ['Nothing to fix on your side; reach the customer another way if it matters.'],
  }),
  plain('message', {
    code: 131050,
    name: 'User Stopped Marketing Messages',
    meaning: 'The customer has chosen not to receive marketing messages from this business.',
    httpStatus: 400,
    source: W,
    actions: ['Stop sending marketing messages to this customer.'],
  }),
  plain('message', {
    code: 131051,
    name: 'Unsupported Message Type',
    meaning: 'The message type is not supported.',
    httpStatus: 400,
    source: W,
    actions: ['Send one of the message types the Cloud API supports.'],
  }),
  plain('message', {
    code: 131052,
    name: 'Media Download Error',
    meaning: 'Media the customer sent could not be downloaded.',
    httpStatus: 400,
    source: W,
    actions: [
      'Ask the customer to send the file again by another channel; error_data.details says why the download failed.',
    ],
  }),
  plain('message', {
    code: 131053,
    name: 'Media Upload Error',
    meaning: 'The media to send could not be uploaded, for example because its type is not supported.',
    httpStatus: 400,
    source: W,
    actions: ['Check the file type and size, and that a media URL is public and served over HTTPS.'],
  }),

  // ---- Account and phone-number setup ---------------------------------------------------------------------
  // Source: WhatsApp Cloud API error codes
  plain('registration', {
    code: 131037,
    name: 'Display Name Approval Needed',
    meaning: "The phone number's display name must be approved before it can send messages.",
    httpStatus: 400,
    source: W,
    actions: ['Submit the display name for review in WhatsApp Manager and wait for approval.'],
  }),
  plain('registration', {
    code: 131042,
    name: 'Business Eligibility Payment Issue',
    meaning:
      'The message failed because of a payment problem: no valid payment method or credit line on the WhatsApp Business Account, or its billing setup is incomplete.',
    httpStatus: 400,
    source: W,
    actions: [
      'Attach a valid payment method (or credit line) to the WhatsApp Business Account and check its currency and time zone.',
    ],
  }),
  plain('registration', {
    code: 131045,
    name: 'Incorrect Certificate',
    meaning:
      'The message failed because the phone number was registered with a wrong or missing certificate.',
    httpStatus: 400,
    source: W,
    actions: ['Register the phone number again.'],
  }),
  plain('registration', {
    code: 133000,
    name: 'Incomplete Deregistration',
    meaning: 'An earlier attempt to deregister the phone number did not finish.',
    httpStatus: 500,
    source: W,
    actions: ['Deregister the number again, then register it.'],
  }),
  // 133004 is "temporarily unavailable" (503): calling it never-retry would tell users something false.
  {
    code: 133004,
    name: 'Server Temporarily Unavailable',
    family: 'registration',
    meaning: 'The registration service is temporarily unavailable.',
    retry: 'transient',
    retryHint: 'retry after a short wait; error_data.details may say how long',
    tokenProblem: false,
    httpStatus: 503,
    source: W,
    actions: [PLATFORM_STATUS, 'Retry the registration after a short wait.'],
  },
  plain('registration', {
    code: 133005,
    name: 'Two-Step Verification PIN Mismatch',
    meaning: 'The two-step verification PIN sent does not match the one set for the phone number.',
    httpStatus: 400,
    source: W,
    actions: ['Send the right PIN, or reset two-step verification for the number in WhatsApp Manager.'],
  }),
  plain('registration', {
    code: 133006,
    name: 'Phone Number Re-verification Needed',
    meaning: 'The phone number must be verified again before it can be registered.',
    httpStatus: 400,
    source: W,
    actions: ['Verify the phone number (request and enter a new code), then register it.'],
  }),
  plain('registration', {
    code: 133008,
    name: 'Too Many PIN Guesses',
    meaning: 'Too many wrong two-step verification PINs were sent for this phone number.',
    httpStatus: 400,
    source: W,
    actions: ['Wait for the lock-out time given in error_data.details, then send the right PIN.'],
  }),
  plain('registration', {
    code: 133009,
    name: 'PIN Guessed Too Fast',
    meaning: 'Two-step verification PINs were sent for this phone number too quickly one after another.',
    httpStatus: 400,
    source: W,
    actions: ['Wait for the time given in error_data.details before trying the PIN again.'],
  }),
  plain('registration', {
    code: 133010,
    name: 'Phone Number Not Registered',
    meaning: 'The phone number is not registered on the WhatsApp Business Platform.',
    httpStatus: 400,
    source: W,
    actions: ['Register the phone number (POST /{phone-number-id}/register) before sending from it.'],
  }),
  // 133015 and 133016 ask the caller to wait; they are rate limits, not permanent refusals.
  {
    code: 133015,
    name: 'Wait Before Registering',
    family: 'registration',
    meaning: 'The phone number was deleted recently, so it cannot be registered again yet.',
    retry: 'rate-limit',
    retryHint: 'wait a few minutes before registering the number again',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: ['Wait a few minutes, then register the number again.'],
  },
  {
    code: 133016,
    name: 'Register/Deregister Rate Limit',
    family: 'registration',
    meaning:
      'Registration or deregistration failed because this phone number had too many attempts in a short time.',
    retry: 'rate-limit',
    retryHint:
      'not quickly: the number is blocked from further attempts for a while (Meta counts attempts over days)',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: ['Stop registering and deregistering the number; try again once the block has passed.'],
  },

  // ---- Templates and flows --------------------------------------------------------------------------------
  // Source: WhatsApp Cloud API error codes
  plain('template', {
    code: 132000,
    name: 'Template Param Count Mismatch',
    meaning:
      'The number of variable values sent does not match the number of variables the template defines.',
    httpStatus: 400,
    source: W,
    actions: ['Send exactly one value per template variable.'],
  }),
  plain('template', {
    code: 132001,
    name: 'Template Does Not Exist',
    meaning: 'No approved template has this name in this language.',
    httpStatus: 404,
    source: W,
    actions: ['Check the template name and language code, and that the template is approved.'],
  }),
  plain('template', {
    code: 132005,
    name: 'Template Hydrated Text Too Long',
    meaning: 'With the variable values filled in, the template text is longer than allowed.',
    httpStatus: 400,
    source: W,
    actions: ['Send shorter variable values.'],
  }),
  plain('template', {
    code: 132007,
    name: 'Template Format Character Policy Violated',
    meaning: 'The template content breaks a formatting or content policy.',
    httpStatus: 400,
    source: W,
    actions: ["Change the template (or its variable values) so that it meets WhatsApp's template policies."],
  }),
  plain('template', {
    code: 132012,
    name: 'Template Parameter Format Mismatch',
    meaning:
      'A variable value has the wrong format for its place in the template (for example, a header that expects media got text).',
    httpStatus: 400,
    source: W,
    actions: ['Send each variable in the format the template defines for it.'],
  }),
  plain('template', {
    code: 132015,
    name: 'Template Is Paused',
    meaning: 'The template has been paused because of its low quality rating.',
    httpStatus: 400,
    source: W,
    actions: ['Use another approved template, or edit this one to improve its quality.'],
  }),
  plain('template', {
    code: 132016,
    name: 'Template Is Disabled',
    meaning: 'The template has been disabled for good after repeated pauses for low quality.',
    httpStatus: 400,
    source: W,
    actions: ['Create a new template with different content.'],
  }),
  plain('template', {
    code: 132068,
    name: 'Flow Is Blocked',
    meaning: 'The flow is in the blocked state, so it cannot be sent.',
    httpStatus: 400,
    source: W,
    actions: ["Fix the flow's problems (see its health in WhatsApp Manager) so it is no longer blocked."],
  }),
  // Throttled flows can be sent again later: a rate limit.
  {
    code: 132069,
    name: 'Flow Is Throttled',
    family: 'template',
    meaning:
      'The flow is throttled: it may only be sent a limited number of times per hour until its problems are fixed.',
    retry: 'rate-limit',
    retryHint: 'wait for the hourly limit to reset',
    tokenProblem: false,
    httpStatus: 400,
    source: W,
    actions: [
      "Fix the flow's problems (see its health in WhatsApp Manager), and send it less often meanwhile.",
    ],
  },

  // ---- Integrity ---------------------------------------------------------------------------------------------
  // Source: Graph API "Handling Errors"; WhatsApp Cloud API error codes
  plain('integrity', {
    code: 368,
    name: 'Temporarily Blocked For Policy Violations',
    meaning: 'The WhatsApp Business Account has been restricted or disabled for breaking a platform policy.',
    httpStatus: 403,
    source: W,
    actions: ['Read the policy-enforcement notice in WhatsApp Manager and appeal or fix the violation.'],
  }),
  plain('integrity', {
    code: 130497,
    name: 'Country Restricted',
    meaning: 'The WhatsApp Business Account may not message users in this country.',
    httpStatus: 403,
    source: W,
    actions: [
      'Check the WhatsApp Business Messaging Policy for the countries your business category may message.',
    ],
  }),
  plain('integrity', {
    code: 131031,
    name: 'Account Locked',
    meaning:
      'The account has been locked, for a policy violation or because data (such as the two-step verification PIN) could not be verified.',
    httpStatus: 403,
    source: W,
    actions: [
      "Check the account's status and policy notices in WhatsApp Manager, and contact Meta support if needed.",
    ],
  }),
];

const byKey = new Map<string, ErrorEntry>();
const ranges: ErrorEntry[] = [];
for (const e of ENTRIES) {
  const key = e.range ? `${e.range[0]}-${e.range[1]}` : errorKey(e.code, e.subcode);
  if (byKey.has(key)) throw new Error(`error-catalog: duplicate key ${key}`);
  const entry: ErrorEntry = { key, ...e };
  byKey.set(key, entry);
  if (entry.range) ranges.push(entry);
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
  return ranges.find((r) => r.range && code >= r.range[0] && code <= r.range[1]);
}

/** The entry stored under exactly this key (`190.463`, `200-299`), without fallbacks. */
export function entryByKey(key: string): ErrorEntry | undefined {
  return byKey.get(key);
}

export function allErrors(): ErrorEntry[] {
  return [...byKey.values()];
}

/** Is an error worth retrying (soon, or after backing off)? */
export function isRetryable(entry: ErrorEntry | undefined): boolean {
  return entry !== undefined && entry.retry !== 'never';
}

const MAX_CODE_DIGITS = 9;

/**
 * Reads what a user or a Graph message gives as an error reference: `190`, `190.463`, `#190`, `(#100)`,
 * `(#100.33)`, with surrounding blanks. Anything else (ranges, words, signs, huge numbers) is `undefined`.
 */
export function parseErrorKey(input: string): { code: number; subcode?: number } | undefined {
  let s = input.trim();
  if (s.startsWith('(')) {
    if (!s.endsWith(')')) return undefined;
    s = s.slice(1, -1).trim();
    if (!s.startsWith('#')) return undefined;
  }
  if (s.startsWith('#')) s = s.slice(1);
  const m = new RegExp(`^(\\d{1,${MAX_CODE_DIGITS}})(?:\\.(\\d{1,${MAX_CODE_DIGITS}}))?$`).exec(s);
  if (!m) return undefined;
  const code = Number(m[1]);
  return m[2] === undefined ? { code } : { code, subcode: Number(m[2]) };
}

const MAX_REDACTED_CHARS = 200;

/**
 * The one line the auditor prints about a Graph error, e.g.
 * `Graph error 190.463 (Token Expired): The access token has expired.`
 * Graph's own `message` can echo secrets (tokens, app secrets), so it appears only when a `redact` callback is
 * given, and then only as that callback returns it (flattened to one line and shortened).
 */
export function describeGraphError(
  err: { code?: number; subcode?: number; message?: string },
  redact?: (message: string) => string,
): string {
  const code = safeInt(err.code);
  const subcode = safeInt(err.subcode);
  let line: string;
  if (code === undefined) {
    line = 'Graph error without a code: Graph gave no usable reason.';
  } else {
    const key = errorKey(code, subcode);
    const entry = lookupError(code, subcode);
    line = entry
      ? `Graph error ${key} (${entry.name}): ${entry.meaning}`
      : `Graph error ${key}: not in wa-token-audit's error table.`;
  }
  if (redact && typeof err.message === 'string' && err.message.length > 0) {
    const said = oneLine(redact(err.message));
    if (said) line += ` Graph said: "${said}"`;
  }
  return line;
}

function safeInt(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function oneLine(s: string): string {
  const flat = String(s)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_REDACTED_CHARS ? `${flat.slice(0, MAX_REDACTED_CHARS - 1)}…` : flat;
}
