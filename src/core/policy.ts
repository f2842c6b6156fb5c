// What the user expects of a token. Every front (CLI flags, Action inputs, fleet files) builds a Policy through
// this module, so a value is judged valid or invalid in exactly one place.
import { UsageError } from './errors.js';
import { keyName, POLICY_KEYS, type PolicyKey, type SettingNamer } from './settings.js';
import { BOOLEAN_SPELLINGS, parseBoolean } from './values.js';

export const WHATSAPP_SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging'] as const;
const TOKEN_KINDS = ['SYSTEM_USER', 'USER', 'PAGE', 'APP'] as const;
type RequiredKind = (typeof TOKEN_KINDS)[number];

export interface Policy {
  appId: string;
  scopes: string[];
  wabaIds: string[];
  phoneNumberIds: string[];
  minDays: number;
  warnDays: number;
  requireType?: RequiredKind;
  exactScopes: boolean;
  requireWebhooks: boolean;
  /** A test number (account_mode SANDBOX) fails phone.status instead of warning. */
  requireLive: boolean;
  /** phone.messaging-limit fails a number whose messaging limit (users per 24 h) is lower. */
  minMessagingLimit?: number;
  /** Warnings fail the audit. */
  strict: boolean;
  /** Message templates the release sends (template.NAME), each with the languages it needs (none: any). */
  templates: TemplateSpec[];
  /**
   * The release's webhook endpoint (`--callback-url`), without its query string: webhook.route fails a number
   * whose `messages` webhooks go elsewhere.
   */
  callbackUrl?: string;
}

/** `--template NAME[:LANG[,LANG…]]`: a template name and the language codes it must exist in. */
export interface TemplateSpec {
  name: string;
  languages: string[];
}

/** Raw values as a front received them: strings from env/inputs, anything from a parsed file. */
export type PolicyInput = { [K in PolicyKey]?: unknown };

export { POLICY_KEYS };

export const DEFAULT_WARN_DAYS = 14;

/** Every problem in the input, each naming the setting; `policy` is set only when there are none. */
export function checkPolicy(
  input: PolicyInput,
  name: (key: PolicyKey) => string = keyName,
  /** `partial`: a fleet file's defaults, which entries complete: rules that tie keys together wait for them. */
  opts: { partial?: boolean } = {},
): { policy?: Policy; problems: string[] } {
  const problems: string[] = [];
  const take = <T>(key: PolicyKey, parse: (v: unknown) => T | Problem, fallback: T): T => {
    const raw = input[key];
    if (raw === undefined || raw === null || raw === '') return fallback;
    const value = parse(raw);
    if (value instanceof Problem) {
      problems.push(`${name(key)}: ${value.text}`);
      return fallback;
    }
    return value;
  };

  const appId = take('appId', (v) => numericId(v, 'an app ID'), '');
  if (input.appId === undefined || input.appId === null || input.appId === '') {
    problems.push(
      `${name('appId')} is required: the ID of the Meta app the token must belong to (App Dashboard > App settings > Basic).`,
    );
  }
  const scopes = take('scopes', scopeList, [...WHATSAPP_SCOPES]);
  const wabaIds = take('wabaIds', (v) => idList(v, 'a WhatsApp Business Account ID'), []);
  const phoneNumberIds = take('phoneNumberIds', (v) => idList(v, 'a phone-number ID'), []);
  const minDays = take('minDays', days, 0);
  const warnDays = take('warnDays', days, DEFAULT_WARN_DAYS);
  const requireType = take('requireType', tokenKind, undefined);
  const exactScopes = take('exactScopes', bool, false);
  const requireWebhooks = take('requireWebhooks', bool, false);
  const requireLive = take('requireLive', bool, false);
  const minMessagingLimit = take('minMessagingLimit', messagingLimit, undefined);
  const strict = take('strict', bool, false);
  const templates = take('templates', templateList, []);
  const callbackUrl = take('callbackUrl', callbackUrlValue, undefined);
  if (!opts.partial && callbackUrl !== undefined && phoneNumberIds.length === 0) {
    problems.push(
      `${name('callbackUrl')} needs ${name('phoneNumberIds')}: webhooks are routed per phone number (a number's own ` +
        'override, else its WABA\'s, else the app\'s callback URL), so the route is read for each expected number.',
    );
  }
  if (!opts.partial && templates.length > 0 && wabaIds.length === 0 && phoneNumberIds.length === 0) {
    problems.push(
      `${name('templates')} needs ${name('wabaIds')} (the WABA whose templates to read) or ${name('phoneNumberIds')} ` +
        '(the WABA that owns the number is asked).',
    );
  }

  if (!blank(input.warnDays) && !blank(input.minDays) && warnDays < minDays) {
    problems.push(
      `${name('warnDays')} (${warnDays}) is below ${name('minDays')} (${minDays}): the token would fail before it ever warned. Set ${name('warnDays')} to at least ${minDays}, or drop it.`,
    );
  }

  if (problems.length > 0) return { problems };
  return {
    problems,
    policy: {
      appId,
      scopes,
      wabaIds,
      phoneNumberIds,
      minDays,
      warnDays,
      ...(requireType ? { requireType } : {}),
      exactScopes,
      requireWebhooks,
      requireLive,
      ...(minMessagingLimit === undefined ? {} : { minMessagingLimit }),
      strict,
      templates,
      ...(callbackUrl === undefined ? {} : { callbackUrl }),
    },
  };
}

/** The policy, or a UsageError carrying the first problem (one line, as a CLI prints it). */
export function readPolicy(input: PolicyInput, name: (key: PolicyKey) => string = keyName): Policy {
  const { policy, problems } = checkPolicy(input, name);
  if (!policy) throw new UsageError(problems[0] ?? 'invalid settings');
  return policy;
}

/** Splits a list given as one string on commas or newlines (Action inputs, env vars); spaces stay inside items. */
function splitList(value: string): string[] {
  return value
    .split(/[,\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

class Problem {
  constructor(readonly text: string) {}
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' ? splitList(x) : [x]));
  if (typeof v === 'string') return splitList(v);
  return [v];
}

const PHONE_LIKE = /^\+|^[\d\s().-]*[\s().-][\d\s().-]*$/;

function numericId(v: unknown, what: string): string | Problem {
  const s =
    typeof v === 'number' && Number.isSafeInteger(v) && v > 0
      ? String(v)
      : typeof v === 'string'
        ? v.trim()
        : undefined;
  if (s === undefined) return new Problem(`expected ${what} (digits), got ${describe(v)}.`);
  if (/^\d{1,25}$/.test(s)) return s;
  if (what.startsWith('a phone-number ID') && PHONE_LIKE.test(s) && /\d{6,}/.test(s.replace(/\D/g, ''))) {
    return new Problem(
      `"${s}" looks like a phone number, but Graph needs the phone number's ID (digits only). ` +
        'WhatsApp Manager > Account tools > Phone numbers, or App Dashboard > WhatsApp > API Setup, shows it as "Phone number ID".',
    );
  }
  if (what.startsWith('a WhatsApp') && PHONE_LIKE.test(s)) {
    return new Problem(
      `"${s}" looks like a phone number; a WhatsApp Business Account ID is digits only, shown in WhatsApp Manager > Account tools > Phone numbers or in App Dashboard > WhatsApp > API Setup.`,
    );
  }
  return new Problem(`expected ${what} (digits only), got "${clip(s)}".`);
}

function idList(v: unknown, what: string): string[] | Problem {
  const ids: string[] = [];
  for (const item of asList(v)) {
    const id = numericId(item, what);
    if (id instanceof Problem) return id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function scopeList(v: unknown): string[] | Problem {
  const scopes: string[] = [];
  for (const item of asList(v)) {
    if (typeof item !== 'string' || !/^[a-z][a-z0-9_]*$/.test(item)) {
      return new Problem(
        `expected permission names such as whatsapp_business_messaging, got ${describe(item)}.`,
      );
    }
    if (!scopes.includes(item)) scopes.push(item);
  }
  return scopes.length > 0 ? scopes : new Problem('at least one permission name is needed.');
}

// Meta's template names are lower-case letters, digits and underscores (up to 512 characters); language codes
// look like `en`, `en_US`, `pt_BR`, `fil` (WhatsApp "Supported languages" page).
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;

/**
 * Templates: a list (CLI flags, fleet arrays) or one string (Action input). Entries are separated by newlines,
 * spaces or `;`; in an entry `NAME:LANG,LANG` the commas separate languages, in one without `:` they separate
 * names. The same name twice merges its languages.
 */
function templateList(v: unknown): TemplateSpec[] | Problem {
  const entries = (Array.isArray(v) ? v : [v]).flatMap((x) =>
    typeof x === 'string' ? x.split(/[\s;]+/).filter(Boolean) : [x],
  );
  const out: TemplateSpec[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string')
      return new Problem(`expected NAME[:LANG[,LANG…]], got ${describe(entry)}.`);
    const colon = entry.indexOf(':');
    const specs =
      colon < 0
        ? entry.split(',').filter(Boolean).map((name) => ({ name, languages: [] as string[] }))
        : [{ name: entry.slice(0, colon), languages: entry.slice(colon + 1).split(',').filter(Boolean) }];
    for (const spec of specs) {
      if (!TEMPLATE_NAME.test(spec.name))
        return new Problem(
          `"${clip(spec.name)}" is not a template name (lower-case letters, digits and _, as WhatsApp Manager shows it).`,
        );
      const bad = spec.languages.find((l) => !LANGUAGE.test(l));
      if (bad !== undefined || (colon >= 0 && spec.languages.length === 0))
        return new Problem(
          `template ${spec.name}: expected language codes such as en or en_US after ":", got "${clip(bad ?? '')}".`,
        );
      const seen = out.find((t) => t.name === spec.name);
      if (!seen) out.push({ name: spec.name, languages: [...new Set(spec.languages)] });
      else for (const l of spec.languages) if (!seen.languages.includes(l)) seen.languages.push(l);
    }
  }
  return out;
}

/**
 * `--callback-url`: an absolute https URL (Meta delivers webhooks only over HTTPS), kept without its query string,
 * which may hold a verify token and never takes part in the comparison. A bad value is described, never echoed
 * when it is long (it may be a secret pasted into the wrong setting).
 */
function callbackUrlValue(v: unknown): string | Problem {
  const s = typeof v === 'string' ? v.trim() : undefined;
  let url: URL | undefined;
  try {
    url = s === undefined ? undefined : new URL(s);
  } catch {
    url = undefined;
  }
  if (!url)
    return new Problem(
      `expected the URL Meta sends the release's messages webhooks to (https://…), got ${s === undefined ? describe(v) : `"${clip(s)}"`}.`,
    );
  if (url.protocol !== 'https:')
    return new Problem(
      `expected an https:// URL (Meta delivers webhooks only over HTTPS with a valid certificate), got ${withoutQuery(url.href)}.`,
    );
  return withoutQuery(url.href);
}

/** A URL as printed: no query string (it may hold a verify token), no fragment, no credentials. */
export function withoutQuery(href: string): string {
  try {
    const url = new URL(href);
    url.search = '';
    url.hash = '';
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return '(not a URL)';
  }
}

function days(v: unknown): number | Problem {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)
        ? Number(v)
        : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 36500)
    return new Problem(`expected a number of days (0 or more), got ${describe(v)}.`);
  return n;
}

/**
 * A messaging limit: unique users per 24 hours, as digits (`2000`), with a K suffix (`2K`, `100k`), or
 * `unlimited`. Meta's levels are 250, 2,000, 10,000, 100,000 and unlimited (older numbers: 50, 1,000).
 */
function messagingLimit(v: unknown): number | Problem {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) return v;
  const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
  if (s === 'UNLIMITED') return Number.POSITIVE_INFINITY;
  const m = /^([1-9]\d{0,8})$|^([1-9]\d{0,5})K$/.exec(s);
  if (m) return m[1] ? Number(m[1]) : Number(m[2]) * 1000;
  return new Problem(
    `expected a messaging limit (users per 24 hours: 250, 2000 or 2K, 10K, 100K, unlimited), got ${describe(v)}.`,
  );
}

function bool(v: unknown): boolean | Problem {
  if (typeof v === 'boolean') return v;
  const b = typeof v === 'string' ? parseBoolean(v) : undefined;
  return b ?? new Problem(`expected ${BOOLEAN_SPELLINGS}, got ${describe(v)}.`);
}

function tokenKind(v: unknown): RequiredKind | Problem {
  const s = typeof v === 'string' ? v.trim().toUpperCase().replace(/[-\s]/g, '_') : '';
  const kind = TOKEN_KINDS.find((k) => k === s);
  return kind ?? new Problem(`expected one of system-user, user, page, app, got ${describe(v)}.`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

// A long value may be a secret pasted into the wrong setting: describe it, never echo it.
function clip(s: string): string {
  return s.length > 32 ? `(a ${s.length}-character value)` : s;
}

/** What the run can see besides the policy: a run that cannot check a requirement must not pass as if it had. */
export interface RunScope {
  /** A saved debug_token answer is evaluated: no probe, no subscription read. */
  offline: boolean;
  /** An app secret is given (the app token can read the app's own webhook subscriptions). */
  appSecret: boolean;
}

/**
 * Requirements that this run cannot check, each worded with the front's setting names. A gate that looks strict
 * but checks nothing is a usage error: the user asked for something the tool would silently not do.
 */
export function uncheckable(policy: Policy, run: RunScope, name: SettingNamer = keyName): string[] {
  const problems: string[] = [];
  if (run.offline) {
    for (const key of ['phoneNumberIds', 'requireWebhooks', 'callbackUrl'] as const) {
      const set =
        key === 'phoneNumberIds'
          ? policy.phoneNumberIds.length > 0
          : key === 'callbackUrl'
            ? policy.callbackUrl !== undefined
            : policy.requireWebhooks;
      if (set)
        problems.push(
          `${name(key)} cannot be checked from a saved debug_token answer (it needs live Graph reads): drop it, or audit online.`,
        );
    }
    return problems;
  }
  if (policy.requireWebhooks && policy.wabaIds.length === 0 && !run.appSecret) {
    problems.push(
      `${name('requireWebhooks')} has nothing to check: give ${name('wabaIds')} (each WABA's subscribed apps are read) and/or the app secret (the app's webhook subscription is read).`,
    );
  }
  return problems;
}
