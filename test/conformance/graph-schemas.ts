// The project's JSON schemas of the Graph answers wa-token-audit reads (test/conformance/schemas/), loaded once,
// and the table that says which schema and which HTTP statuses belong to which request. Emulator answers and
// recorded real answers are both held to them. Each schema names, in `x-source`, the version of Meta's
// description it follows and the path it describes (Meta's OpenAPI: facebook/openapi, MIT).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schemas');
const BASE = 'https://wa-token-audit.example/graph/';

export type SchemaName =
  | 'common'
  | 'graph-error'
  | 'debug-token'
  | 'phone-number'
  | 'waba'
  | 'waba-phone-numbers'
  | 'waba-subscribed-apps'
  | 'waba-message-templates'
  | 'business-wabas'
  | 'user-assigned-wabas'
  | 'app-subscriptions'
  | 'batch';

/** Every schema file, parsed (for tests on the schemas themselves). */
export function schemaFiles(): { file: string; schema: Record<string, unknown> }[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) }));
}

let ajv: Ajv2020 | undefined;
function compiler(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  // Annotations: where a schema comes from, and from which Graph version a field exists.
  ajv.addKeyword({ keyword: 'x-source', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-since', schemaType: 'string' });
  // The two string formats these schemas use, checked with the platform's own parsers.
  ajv.addFormat('uri', (s: string) => URL.canParse(s) && /^[a-z][a-z0-9+.-]*:/i.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) && !Number.isNaN(Date.parse(s)));
  for (const { schema } of schemaFiles()) ajv.addSchema(schema);
  return ajv;
}

export function validator(name: SchemaName): ValidateFunction {
  const v = compiler().getSchema(`${BASE}${name}.schema.json`);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
}

/** Human-readable problems of `body` against schema `name` (empty when it conforms). */
export function problems(name: SchemaName, body: unknown): string[] {
  const v = validator(name);
  if (v(body)) return [];
  return (v.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)})`
        : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

// --- which request answers with which schema --------------------------------------------------------------

/** What a GET under the version reads, by its path segments (`['123', 'phone_numbers']`). */
export function successSchemaFor(method: string, segments: string[]): SchemaName | undefined {
  const [first, edge, ...rest] = segments;
  if (rest.length > 0 || first === undefined) return undefined;
  if (method === 'POST' && first === '' && edge === undefined) return 'batch';
  if (method !== 'GET') return undefined;
  if (first === 'debug_token') return edge === undefined ? 'debug-token' : undefined;
  switch (edge) {
    case 'phone_numbers':
      return 'waba-phone-numbers';
    case 'subscribed_apps':
      return 'waba-subscribed-apps';
    case 'message_templates':
      return 'waba-message-templates';
    case 'owned_whatsapp_business_accounts':
    case 'client_whatsapp_business_accounts':
      return 'business-wabas';
    case 'assigned_whatsapp_business_accounts':
      return 'user-assigned-wabas';
    case 'subscriptions':
      return 'app-subscriptions';
    default:
      return undefined;
  }
}

/**
 * HTTP statuses Graph pairs with an error code. Meta's OpenAPI (v23.0) gives 401 for 104/190, 403 for 10/200,
 * 429 for 4/17/80007 (subcode 2446079) and 500 for 2; real answers and Meta's error pages add 400 for 190
 * (captured debug_token refusals), 100/33 and the rate limits, 500 for code 1, 503 for code 2.
 */
export function statusesForCode(code: number): number[] {
  if (code === 0) return [401];
  if (code === 1 || code === 131000) return [500];
  if (code === 2) return [500, 503];
  if (code === 131016) return [503];
  if (code === 102 || code === 104 || code === 190) return [400, 401];
  if (code === 10 || (code >= 200 && code <= 299)) return [400, 403];
  if ([4, 17, 32, 613, 80007, 80008, 130429].includes(code)) return [400, 429];
  if (code === 100) return [400, 404];
  return [400];
}

/** Problems of one whole answer (status + body) to `method /version/...segments`. */
export function answerProblems(
  method: string,
  segments: string[],
  status: number,
  body: unknown,
  node?: 'phone-number' | 'waba',
): string[] {
  if (status === 200) {
    const name = successSchemaFor(method, segments) ?? node ?? nodeSchema(body);
    return name ? problems(name, body) : [`no schema for ${method} /${segments.join('/')}`];
  }
  const out = problems('graph-error', body);
  const code = (body as { error?: { code?: unknown } })?.error?.code;
  if (typeof code === 'number' && !statusesForCode(code).includes(status))
    out.push(`HTTP ${status} does not go with code ${code} (expected ${statusesForCode(code).join(' or ')})`);
  return out;
}

/** A node read (`GET /{id}`) is a phone number or a WABA: tell which by the fields only one of them has. */
function nodeSchema(body: unknown): SchemaName | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const keys = Object.keys(body);
  const phoneOnly = ['display_phone_number', 'verified_name', 'quality_rating', 'code_verification_status',
    'platform_type', 'throughput', 'name_status', 'webhook_configuration', 'whatsapp_business_manager_messaging_limit',
    'messaging_limit_tier', 'account_mode', 'is_official_business_account'];
  return keys.some((k) => phoneOnly.includes(k)) ? 'phone-number' : 'waba';
}
