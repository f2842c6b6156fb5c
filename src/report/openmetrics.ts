// `fleet --format openmetrics`: the fleet as a Prometheus textfile (node_exporter's textfile collector, or any
// scrape) in the OpenMetrics text format. Prometheus naming: a `wa_token_audit_` prefix, base units (seconds, Unix
// timestamps), what varies in labels (`entry`, `check`, `status`, ...), never in names. States are one series per
// state, 1 for the current one and 0 for the others, so an alert compares with 1. No sample carries a timestamp
// (the textfile collector refuses them): the run's time is its own gauge.
//
// Written as the fleet runs, in memory that does not grow with it: a metric family must be written whole
// (OpenMetrics: "MetricFamilies MUST NOT be interleaved"), so each family's samples are spooled (memory, then a
// temporary file) as entries finish, and the families are written one after the other at the end. Hand-written
// rather than through prom-client's Registry, which holds every series (about 50 per entry) until it renders:
// the text is the one prom-client writes for the same gauges (same escaping, `+Inf`, family order, a family
// without samples keeps its HELP and TYPE), which the tests check against prom-client itself.
import type { FleetOutcome, Report } from '../core/types.js';
import { type FleetWriter, inFileOrder, type Ready, Spool } from './fleet-stream.js';
import { messagingLimit, targetOf, unixTime } from './metric-values.js';

const CHECK_STATES = ['pass', 'warn', 'fail', 'skip'] as const;
const VERDICTS = ['pass', 'warn', 'fail', 'error'] as const;
/** Graph's quality_rating values (WhatsApp Cloud API phone-number reference); anything else counts as UNKNOWN. */
const QUALITY = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
const CAN_SEND = ['AVAILABLE', 'LIMITED', 'BLOCKED'] as const;

/** The families, in the order they are written, with their HELP text. */
const FAMILIES = {
  run_timestamp_seconds: 'When this fleet run finished, as a Unix time.',
  run_exit_code: 'Exit code of the fleet run: 0 pass, 1 a token failed, 2 settings, 3 not judged.',
  judged: 'Whether the token was judged (1), or Graph could not be asked (0).',
  verdict: 'The entry verdict: 1 for the current one.',
  token_expiry_timestamp_seconds: 'When the token expires, as a Unix time; +Inf when it never expires.',
  token_data_access_expiry_timestamp_seconds:
    'When the token data access expires, as a Unix time; +Inf when it never expires.',
  check_status: 'Each check status: 1 for the current one. target: phone number or WABA ID.',
  phone_quality_rating: 'The phone number quality rating: 1 for the current one.',
  phone_messaging_limit:
    'The phone number messaging limit: business-initiated conversations per rolling 24 hours; +Inf when unlimited.',
  phone_can_send_message: 'Whether the phone number can send (health status): 1 for the current state.',
} as const;
type FamilyName = keyof typeof FAMILIES;
/** The families with one sample per run, written at the end; the others have samples per entry. */
type RunFamily = 'run_timestamp_seconds' | 'run_exit_code';
type EntryFamily = Exclude<FamilyName, RunFamily>;
const ENTRY_FAMILIES = (Object.keys(FAMILIES) as FamilyName[]).filter(
  (f): f is EntryFamily => f !== 'run_timestamp_seconds' && f !== 'run_exit_code',
);

/** As prom-client escapes HELP text: backslash and newline. */
function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** As prom-client escapes label values: backslash, newline and double quote. */
function escapeLabel(s: string): string {
  return escapeHelp(s).replace(/"/g, '\\"');
}

/** As prom-client writes values: NaN as `Nan`, infinities as `+Inf` / `-Inf`. */
function valueText(v: number): string {
  if (Number.isNaN(v)) return 'Nan';
  if (!Number.isFinite(v)) return v < 0 ? '-Inf' : '+Inf';
  return String(v);
}

function header(family: FamilyName): string {
  const name = `wa_token_audit_${family}`;
  return `# HELP ${name} ${escapeHelp(FAMILIES[family])}\n# TYPE ${name} gauge\n`;
}

/**
 * One entry's samples, family by family. A label set given twice keeps its first place and its last value, as a
 * gauge does.
 */
function entrySamples(entry: string, report: Report): Record<EntryFamily, string> {
  const series = Object.fromEntries(ENTRY_FAMILIES.map((f) => [f, new Map<string, number>()])) as Record<
    EntryFamily,
    Map<string, number>
  >;
  const set = (family: EntryFamily, labels: Record<string, string>, value: number) => {
    const text = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(',');
    series[family].set(text, value);
  };
  set('judged', { entry }, report.verdict === 'error' ? 0 : 1);
  for (const v of VERDICTS) set('verdict', { entry, verdict: v }, report.verdict === v ? 1 : 0);
  const valid = report.token.isValid !== false;
  const t = unixTime(report.token.expiresAt, valid);
  if (t !== undefined) set('token_expiry_timestamp_seconds', { entry }, t);
  const a = unixTime(report.token.dataAccessExpiresAt, valid);
  if (a !== undefined) set('token_data_access_expiry_timestamp_seconds', { entry }, a);

  for (const check of report.checks) {
    const target = targetOf(check) ?? '';
    for (const s of CHECK_STATES) set('check_status', { entry, check: check.id, target, status: s }, check.status === s ? 1 : 0);
    const phone = typeof check.details?.phoneNumberId === 'string' ? check.details.phoneNumberId : undefined;
    if (!phone) continue;
    const rating = check.id === 'phone.reachable' ? check.details?.qualityRating : undefined;
    if (typeof rating === 'string' && rating !== '') {
      const r = (QUALITY as readonly string[]).includes(rating.toUpperCase()) ? rating.toUpperCase() : 'UNKNOWN';
      for (const q of QUALITY) set('phone_quality_rating', { entry, phone_number_id: phone, rating: q }, r === q ? 1 : 0);
    }
    const tier = messagingLimit(check.details ?? {});
    if (tier !== undefined) set('phone_messaging_limit', { entry, phone_number_id: phone }, tier);
    const send = check.details?.canSendMessage;
    if (typeof send === 'string' && (CAN_SEND as readonly string[]).includes(send.toUpperCase()))
      for (const s of CAN_SEND)
        set('phone_can_send_message', { entry, phone_number_id: phone, state: s }, send.toUpperCase() === s ? 1 : 0);
  }
  const out = {} as Record<EntryFamily, string>;
  for (const f of ENTRY_FAMILIES) {
    let text = '';
    for (const [labels, value] of series[f]) text += `wa_token_audit_${f}{${labels}} ${valueText(value)}\n`;
    out[f] = text;
  }
  return out;
}

/** The textfile, written as the fleet runs: entries' samples in file order (`order`: their indices). */
export function fleetOpenMetricsWriter(
  write: (text: string) => void,
  order: readonly number[],
  ready?: Ready,
): FleetWriter {
  const spools = Object.fromEntries(ENTRY_FAMILIES.map((f) => [f, new Spool()])) as Record<EntryFamily, Spool>;
  const entries = inFileOrder<Record<EntryFamily, string>>(order, (samples) => {
    for (const f of ENTRY_FAMILIES) if (samples[f] !== '') spools[f].write(samples[f]);
  });
  const dispose = () => {
    for (const f of ENTRY_FAMILIES) spools[f].dispose();
  };
  return {
    entry: (r) => entries.push(r.index, entrySamples(r.name, r.report)),
    async end(outcome: Pick<FleetOutcome, 'exitCode'>, now: Date) {
      entries.flush();
      write(`${header('run_timestamp_seconds')}wa_token_audit_run_timestamp_seconds ${Math.floor(now.getTime() / 1000)}\n`);
      write(`${header('run_exit_code')}wa_token_audit_run_exit_code ${valueText(outcome.exitCode)}\n`);
      for (const f of ENTRY_FAMILIES) {
        write(header(f));
        await spools[f].drain(write, ready);
      }
      write('# EOF\n');
    },
    dispose,
  };
}
