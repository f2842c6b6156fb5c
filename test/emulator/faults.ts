// Global faults (`emu.setFault`): they apply to every HTTP request until cleared. Some replace the answer
// (status, graph-error), some rewrite a computed answer (data-*, truncated-json), and some misbehave on the
// socket itself (reset-mid-body, no-headers, trickle, oversized): those are written by server.ts.
import type { Answer } from './answer.js';
import { htmlAnswer, jsonAnswer } from './answer.js';
import { graphError, standardError } from './graph-errors.js';

export type Fault =
  /** Every request answers this HTTP status, with a Graph envelope (code 1 for 500, else code 2) or an HTML page. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504; body: 'envelope' | 'html' }
  /** Headers and part of the body are sent, then the socket is destroyed. */
  | { kind: 'reset-mid-body' }
  /** The request is read and never answered (the socket stays open until the client gives up or close()). */
  | { kind: 'no-headers' }
  /** 200 headers, then one byte (JSON whitespace) per second, forever. */
  | { kind: 'trickle' }
  /** The normal answer cut in half, with a Content-Length that matches the cut: valid HTTP, broken JSON. */
  | { kind: 'truncated-json' }
  /** 200 with JSON that is not an object (default `[1,2]`). */
  | { kind: 'non-object-json'; value?: unknown }
  /** Success bodies lose their key fields (debug_token: is_valid, app_id, scopes, type; lists: data). */
  | { kind: 'data-missing-fields' }
  /** Success bodies carry wrong types (is_valid "true", scopes a string, data not a list, ...). */
  | { kind: 'data-wrong-types' }
  /** 200 with a valid-looking JSON body of about `bytes` bytes, streamed chunked (no Content-Length). */
  | { kind: 'oversized'; bytes: number }
  /** The next `times` requests (omit = forever) answer this Graph error, then the emulator recovers. */
  | {
      kind: 'graph-error';
      code: number;
      subcode?: number;
      status?: number;
      times?: number;
      retryAfter?: number;
      transient?: boolean;
      /** Graph's message, instead of the usual one for the code. */
      message?: string;
      /**
       * Graph error messages can echo input: append what the request carried (the bearer token, the
       * appsecret_proof and input_token, raw and URL-encoded) to the message, so tests can prove it is redacted.
       */
      echo?: boolean | EchoShape;
    }
  /**
   * A rate limit as Graph keeps it: a window on the emulator's clock. The first call opens it; every call until
   * `blockMs` later is refused with `code` (standard message and status, never a Retry-After), and each call
   * made while limited pushes the end out by `extendMs` (Meta: calls made while limited keep the count up and
   * delay access further, developers.facebook.com/docs/graph-api/overview/rate-limiting, "Best Practices").
   * After the window every call is answered normally. `regain`: the refusal carries X-Business-Use-Case-Usage
   * for the WABA with `estimated_time_to_regain_access`, the minutes until calls are no longer throttled (same
   * page), rounded up; without it, no hint at all.
   */
  | { kind: 'rate-limit'; code: number; blockMs: number; extendMs?: number; regain?: boolean }
  /** Every answer keeps its body and becomes this redirect (a proxy, a wrong URL): never success. */
  | { kind: 'redirect-json'; status: 301 | 302 | 307 | 308 }
  /** debug_token answers carry a top-level `error` (190) beside their `data`. */
  | { kind: 'data-and-error' }
  /** debug_token `data` fields overwritten with these values (unreadable ones, for the policy gates). */
  | { kind: 'data-junk'; set: Record<string, unknown> }
  /** Graph's names (debug_token `application`) are hostile: newlines, workflow commands, ANSI and OSC escapes. */
  | { kind: 'hostile-names' }
  /** The next `times` batch POSTs (omit = forever) answer `null` for every item (or only the items at
   * `positions`), as Graph does for items that did not finish in time; then the emulator recovers. */
  | { kind: 'batch-null-items'; times?: number; positions?: number[] }
  /**
   * Every `every`-th batch item (counted from start/reset, 1-based: items every, 2*every, ...) answers Graph's
   * transient code 2 (HTTP 503, `is_transient`) inside its batch, as real batch items do now and then (Meta's batch
   * guide: errors stay in their item, the other items succeed). `every: 100` = 1% of items.
   */
  | { kind: 'flaky-items'; every: number }
  /** The app has "Require App Secret" on: calls with a user or system-user token need an appsecret_proof. */
  | { kind: 'require-app-secret' }
  /** Not a failure of the transport: `/{app-id}/subscriptions` shows the webhook inactive, or none at all. */
  | { kind: 'app-subscriptions'; state: 'inactive' | 'missing' }
  /** Every node read that asks for one of these fields fails whole with "(#100) Tried accessing nonexisting
   * field (…)", as Graph answers for a field the version (or the node) does not have. */
  | { kind: 'unknown-field'; fields: string[] }
  /** health_status error texts carry what a runner or a terminal would act on (workflow commands, escapes,
   * line breaks): Graph relays text that others wrote, so the auditor must never print it raw. */
  | { kind: 'hostile-health-text' };

/** What the hostile-health-text fault writes into every health_status error. */
export const HOSTILE_TEXT =
  'Pay now\n::error title=owned::injected\r\n::add-mask::x ##[warning]legacy \u001b[31mred\u001b[0m \u202eevil';

/** How an echoing error disguises what it repeats (see echoText in server.ts). `true` = raw and URL-encoded. */
export type EchoShape = 'split-newline' | 'zero-width' | 'ansi' | 'cut' | 'base64' | 'upper';

/** A name that tries everything: commands at a line start and mid-line, ANSI erase/colour, an OSC title. */
export const HOSTILE_NAME =
  'Shop\n::add-mask::FORGED\n::error title=FORGED::FORGED ##[error]FORGED ##[add-mask]FORGED \u001b[2K\u001b[1G\u001b[32mPASS FORGED\u001b[0m \u001b]0;FORGED\u0007 \u202eFORGED';

/** The replacement answer for faults that do not need the normal answer, or undefined. */
export function replacementAnswer(fault: Fault, echoed?: string): Answer | undefined {
  switch (fault.kind) {
    case 'status':
      if (fault.body === 'html') return htmlAnswer(fault.status);
      return graphError({ ...standardError(fault.status === 500 ? 1 : 2), status: fault.status });
    case 'non-object-json':
      return jsonAnswer(200, fault.value === undefined ? [1, 2] : fault.value);
    case 'graph-error': {
      const base = standardError(fault.code, fault.subcode);
      return graphError({
        ...base,
        ...(fault.subcode === undefined ? {} : { subcode: fault.subcode }),
        ...(fault.status === undefined ? {} : { status: fault.status }),
        ...(fault.transient === undefined ? {} : { transient: fault.transient }),
        ...(fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter }),
        ...(fault.message === undefined ? {} : { message: fault.message }),
        ...(fault.echo && echoed !== undefined ? { message: `${fault.message ?? base.message} ${echoed}` } : {}),
      });
    }
    default:
      return undefined;
  }
}

/** The refusal of a rate-limit window that ends at `untilMs` (see the `rate-limit` fault). */
export function rateLimitAnswer(
  fault: Extract<Fault, { kind: 'rate-limit' }>,
  nowMs: number,
  untilMs: number,
  waba: string,
): Answer {
  const answer = graphError(standardError(fault.code));
  if (!fault.regain) return answer;
  // The header's shape: an object keyed by the business object's ID, each an array of usage entries (the
  // percentages are of the hourly allowance: at 100 the object is throttled). WhatsApp's entries have the
  // type `whatsapp_business_management` (Meta's OpenAPI description, WhatsApp Business Management API).
  const usage = {
    [waba]: [
      {
        type: 'whatsapp_business_management',
        call_count: 100,
        total_cputime: 12,
        total_time: 15,
        estimated_time_to_regain_access: Math.max(1, Math.ceil((untilMs - nowMs) / 60_000)),
      },
    ],
  };
  return { ...answer, headers: { ...answer.headers, 'x-business-use-case-usage': JSON.stringify(usage) } };
}

/** Rewrites a successful JSON answer for the data-* faults; anything else passes through. */
export function mangle(answer: Answer, fault: Fault | undefined): Answer {
  if (fault?.kind === 'hostile-health-text') return hostile(answer);
  if (!fault) return answer;
  if (answer.status !== 200 || !answer.headers['content-type']?.startsWith('application/json')) return answer;
  if (fault.kind === 'data-and-error' || fault.kind === 'data-junk' || fault.kind === 'hostile-names') {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    // Only debug_token answers (data with is_valid) are rewritten.
    if (!isObject(body) || !isObject(body.data) || !('is_valid' in body.data)) return answer;
    if (fault.kind === 'data-and-error')
      body.error = { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AbCdEfGhIjK' };
    else if (fault.kind === 'data-junk') Object.assign(body.data, fault.set);
    else body.data.application = HOSTILE_NAME;
    return { ...answer, body: JSON.stringify(body) };
  }
  if (fault.kind !== 'data-missing-fields' && fault.kind !== 'data-wrong-types') return answer;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return answer;
  const data = body.data;
  const missing = fault.kind === 'data-missing-fields';
  if (isObject(data)) {
    // debug_token
    if (missing) {
      for (const k of ['is_valid', 'app_id', 'scopes', 'type']) delete data[k];
    } else {
      Object.assign(data, {
        is_valid: 'true',
        app_id: { id: data.app_id },
        scopes: 'whatsapp_business_management',
        expires_at: '0',
        granular_scopes: {},
      });
    }
  } else if (Array.isArray(data)) {
    if (missing) delete body.data;
    else body.data = 'not-a-list';
  } else {
    // A node: keep only the id, or give every other field a number.
    for (const k of Object.keys(body)) {
      if (k === 'id') continue;
      if (missing) delete body[k];
      else body[k] = 12345;
    }
    if (!missing) body.id = Number(body.id);
  }
  return { ...answer, body: JSON.stringify(body) };
}

function hostile(answer: Answer): Answer {
  if (answer.status !== 200 || !answer.headers['content-type']?.startsWith('application/json')) return answer;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const health = isObject(body) ? body.health_status : undefined;
  if (!isObject(health) || !Array.isArray(health.entities)) return answer;
  for (const e of health.entities) {
    if (!isObject(e) || !Array.isArray(e.errors)) continue;
    for (const x of e.errors) {
      if (!isObject(x)) continue;
      x.error_description = HOSTILE_TEXT;
      x.possible_solution = HOSTILE_TEXT;
    }
    e.additional_info = [HOSTILE_TEXT];
  }
  return { ...answer, body: JSON.stringify(body) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
