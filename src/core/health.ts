// `health_status`: Graph's read-only answer to "can this phone number (or WABA) send messages now?".
//
// Meta documents the field on the phone number, WABA and template nodes in "Messaging and Calling Health
// Status" (Cloud API > Support):
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status
//   {"health_status": {"can_send_message": "AVAILABLE|LIMITED|BLOCKED",
//                      "entities": [{"entity_type": "PHONE_NUMBER|WABA|BUSINESS|APP|MESSAGE_TEMPLATE", "id": "…",
//                                    "can_send_message": "…", "errors": [{"error_code": 141006,
//                                    "error_description": "…", "possible_solution": "…"}], "additional_info": […]}]}}
// The overall value is the worst entity's. BLOCKED entities carry `errors`; LIMITED ones `additional_info`, and
// Meta's OpenAPI example (facebook/openapi, business-messaging-api) also puts `errors` on a LIMITED entity, so
// both are read on every entity. Every string here comes from Graph: it is made safe with `untrusted()`.
import { isObject } from './normalize.js';
import { untrusted, untrustedOrUndefined } from './untrusted.js';

export interface HealthError {
  code?: number;
  description?: string;
  solution?: string;
}

export interface HealthEntity {
  /** PHONE_NUMBER, WABA, BUSINESS, APP, MESSAGE_TEMPLATE, … as Graph spells it (made safe). */
  type: string;
  id?: string;
  canSendMessage?: string;
  errors: HealthError[];
  additionalInfo: string[];
}

export interface HealthStatus {
  canSendMessage?: string;
  entities: HealthEntity[];
}

/** Graph's value, read without throwing; undefined when it is not a health_status object at all. */
export function readHealthStatus(raw: unknown): HealthStatus | undefined {
  if (!isObject(raw)) return undefined;
  const entities = (Array.isArray(raw.entities) ? raw.entities : []).flatMap((e): HealthEntity[] => {
    if (!isObject(e)) return [];
    const errors = (Array.isArray(e.errors) ? e.errors : []).flatMap((x): HealthError[] => {
      if (!isObject(x)) return [];
      const code =
        typeof x.error_code === 'number'
          ? x.error_code
          : typeof x.error_code === 'string' && /^\d{1,9}$/.test(x.error_code)
            ? Number(x.error_code)
            : undefined;
      const description = untrustedOrUndefined(x.error_description);
      const solution = untrustedOrUndefined(x.possible_solution);
      return [
        {
          ...(code === undefined ? {} : { code }),
          ...(description ? { description } : {}),
          ...(solution ? { solution } : {}),
        },
      ];
    });
    const info = Array.isArray(e.additional_info) ? e.additional_info : [e.additional_info];
    const additionalInfo = info.flatMap((i) => {
      const s = typeof i === 'string' ? untrustedOrUndefined(i) : undefined;
      return s ? [s] : [];
    });
    const id = typeof e.id === 'string' || typeof e.id === 'number' ? untrusted(e.id, 40) : undefined;
    const can = enumValue(e.can_send_message);
    return [
      {
        type: enumValue(e.entity_type) ?? 'UNKNOWN',
        ...(id ? { id } : {}),
        ...(can ? { canSendMessage: can } : {}),
        errors,
        additionalInfo,
      },
    ];
  });
  const can = enumValue(raw.can_send_message);
  return { ...(can ? { canSendMessage: can } : {}), entities };
}

/** An enum value from Graph, made safe and short (an unknown value is shown, never trusted). */
export function enumValue(v: unknown): string | undefined {
  return typeof v === 'string' ? untrustedOrUndefined(v, 60) : undefined;
}

export type HealthLevel = 'pass' | 'warn' | 'fail';

/** AVAILABLE passes, LIMITED warns, BLOCKED fails; anything else (or nothing) warns: it cannot be told. */
export function healthLevel(value: string | undefined): HealthLevel {
  switch (value?.toUpperCase()) {
    case 'AVAILABLE':
      return 'pass';
    case 'BLOCKED':
      return 'fail';
    default:
      return 'warn';
  }
}

const ENTITY_WORDS: Record<string, string> = {
  PHONE_NUMBER: 'phone number',
  WABA: 'WABA',
  BUSINESS: 'business portfolio',
  APP: 'app',
  MESSAGE_TEMPLATE: 'template',
};

/**
 * What to do about an error code Graph lists under an entity, after the health-status page's examples and the
 * Cloud API error-code page (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */
const KNOWN_FIXES: Record<number, string> = {
  141006:
    'Fix the payment method of the WABA: WhatsApp Manager > Account tools > Payment methods (or Business Settings > ' +
    'Billing and payments): add a valid card or attach the WABA to a credit line, then settle any failed payment.',
  141010:
    'Verify the business: Business Settings > Security Center > Start verification. Until then, business-initiated ' +
    'messaging stays limited.',
  141014:
    'The WABA is disabled for a policy violation: WhatsApp Manager > Account overview (Account quality) names the ' +
    'violation; request a review there if you think it is wrong.',
};

export interface HealthJudgement {
  level: HealthLevel;
  /** The overall value in words, e.g. `BLOCKED`, or `not reported`. */
  overall: string;
  /** One phrase per entity that is not AVAILABLE, with its errors: "WABA 200…: BLOCKED (error 141006: …)". */
  problems: string[];
  /** Graph's own fixes first (possible_solution), then this tool's for known codes. */
  remediation: string[];
  details: Record<string, unknown>;
}

/** Judges one health_status: the worst of the overall value and every entity's. */
export function judgeHealth(h: HealthStatus | undefined): HealthJudgement {
  if (!h) {
    return {
      level: 'warn',
      overall: 'not reported',
      problems: ['Graph did not report health_status'],
      remediation: [],
      details: { canSendMessage: null, entities: [] },
    };
  }
  const levels: HealthLevel[] = [healthLevel(h.canSendMessage)];
  const problems: string[] = [];
  const remediation: string[] = [];
  for (const e of h.entities) {
    const level = healthLevel(e.canSendMessage);
    levels.push(level);
    if (level === 'pass' && e.errors.length === 0) continue;
    const name = `${ENTITY_WORDS[e.type.toUpperCase()] ?? e.type}${e.id ? ` ${e.id}` : ''}`;
    const value = e.canSendMessage ?? 'no value';
    const unknown =
      level === 'warn' && e.canSendMessage?.toUpperCase() !== 'LIMITED' ? ' (a value this tool does not know)' : '';
    const errors = e.errors.map(
      (x) =>
        `error ${x.code ?? '(no code)'}${x.description ? `: ${x.description}` : ''}`,
    );
    const info = e.additionalInfo.length > 0 ? [`additional info: ${e.additionalInfo.join('; ')}`] : [];
    const why = [...errors, ...info];
    problems.push(`${name} ${value}${unknown}${why.length > 0 ? ` (${why.join('; ')})` : ''}`);
    for (const x of e.errors) {
      if (x.solution) remediation.push(`Graph's fix for error ${x.code ?? '(no code)'} on the ${name}: ${x.solution}`);
      const known = x.code === undefined ? undefined : KNOWN_FIXES[x.code];
      if (known && !remediation.includes(known)) remediation.push(known);
    }
  }
  const overallLevel = healthLevel(h.canSendMessage);
  if (problems.length === 0 && overallLevel !== 'pass') {
    problems.push(
      h.canSendMessage
        ? `overall ${h.canSendMessage}${overallLevel === 'warn' && h.canSendMessage.toUpperCase() !== 'LIMITED' ? ' (a value this tool does not know)' : ''}, no entity named`
        : 'Graph gave no overall can_send_message value',
    );
  }
  const level: HealthLevel = levels.includes('fail') ? 'fail' : levels.includes('warn') ? 'warn' : 'pass';
  return {
    level,
    overall: h.canSendMessage ?? 'no value',
    problems,
    remediation,
    details: {
      canSendMessage: h.canSendMessage ?? null,
      entities: h.entities.map((e) => ({
        entityType: e.type,
        id: e.id ?? null,
        canSendMessage: e.canSendMessage ?? null,
        errors: e.errors.map((x) => ({
          errorCode: x.code ?? null,
          errorDescription: x.description ?? null,
          possibleSolution: x.solution ?? null,
        })),
        ...(e.additionalInfo.length > 0 ? { additionalInfo: e.additionalInfo } : {}),
      })),
    },
  };
}

/** A generic step when Graph named no fix. */
export const HEALTH_FALLBACK_STEP =
  'Open WhatsApp Manager > Account overview: it shows the same status and what blocks or limits messaging; ' +
  'fix it there, then run the audit again.';
