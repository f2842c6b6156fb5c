// The reference for `fleet --format openmetrics` (src/report/openmetrics.ts, which streams): the same gauges set
// in prom-client's registry and rendered by it in the OpenMetrics text format. The tests compare the two.
import { Gauge, type OpenMetricsContentType, Registry } from 'prom-client';
import type { FleetOutcome, Report } from '../../src/core/types.js';
import { messagingLimit, targetOf, unixTime } from '../../src/report/metric-values.js';

export interface MetricsEntry {
  name: string;
  report: Report;
}

const CHECK_STATES = ['pass', 'warn', 'fail', 'skip'] as const;
const VERDICTS = ['pass', 'warn', 'fail', 'error'] as const;
/** Graph's quality_rating values (WhatsApp Cloud API phone-number reference); anything else counts as UNKNOWN. */
const QUALITY = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
const CAN_SEND = ['AVAILABLE', 'LIMITED', 'BLOCKED'] as const;

export async function registryOpenMetrics(
  entries: MetricsEntry[],
  outcome: Pick<FleetOutcome, 'exitCode'>,
  now: Date,
): Promise<string> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge<L>({ name: `wa_token_audit_${name}`, help, labelNames, registers: [registry] });

  const run = gauge('run_timestamp_seconds', 'When this fleet run finished, as a Unix time.');
  const exit = gauge('run_exit_code', 'Exit code of the fleet run: 0 pass, 1 a token failed, 2 settings, 3 not judged.');
  const judged = gauge('judged', 'Whether the token was judged (1), or Graph could not be asked (0).', ['entry']);
  const verdict = gauge('verdict', 'The entry verdict: 1 for the current one.', ['entry', 'verdict']);
  const expiry = gauge(
    'token_expiry_timestamp_seconds',
    'When the token expires, as a Unix time; +Inf when it never expires.',
    ['entry'],
  );
  const access = gauge(
    'token_data_access_expiry_timestamp_seconds',
    'When the token data access expires, as a Unix time; +Inf when it never expires.',
    ['entry'],
  );
  const status = gauge('check_status', 'Each check status: 1 for the current one. target: phone number or WABA ID.', [
    'entry',
    'check',
    'target',
    'status',
  ]);
  const quality = gauge('phone_quality_rating', 'The phone number quality rating: 1 for the current one.', [
    'entry',
    'phone_number_id',
    'rating',
  ]);
  const limit = gauge(
    'phone_messaging_limit',
    'The phone number messaging limit: business-initiated conversations per rolling 24 hours; +Inf when unlimited.',
    ['entry', 'phone_number_id'],
  );
  const canSend = gauge('phone_can_send_message', 'Whether the phone number can send (health status): 1 for the current state.', [
    'entry',
    'phone_number_id',
    'state',
  ]);

  run.set(Math.floor(now.getTime() / 1000));
  exit.set(outcome.exitCode);
  for (const { name: entry, report } of entries) {
    judged.set({ entry }, report.verdict === 'error' ? 0 : 1);
    for (const v of VERDICTS) verdict.set({ entry, verdict: v }, report.verdict === v ? 1 : 0);
    const valid = report.token.isValid !== false;
    const t = unixTime(report.token.expiresAt, valid);
    if (t !== undefined) expiry.set({ entry }, t);
    const a = unixTime(report.token.dataAccessExpiresAt, valid);
    if (a !== undefined) access.set({ entry }, a);

    for (const check of report.checks) {
      const target = targetOf(check) ?? '';
      for (const s of CHECK_STATES) status.set({ entry, check: check.id, target, status: s }, check.status === s ? 1 : 0);
      const phone = typeof check.details?.phoneNumberId === 'string' ? check.details.phoneNumberId : undefined;
      if (!phone) continue;
      const rating = check.id === 'phone.reachable' ? check.details?.qualityRating : undefined;
      if (typeof rating === 'string' && rating !== '') {
        const r = (QUALITY as readonly string[]).includes(rating.toUpperCase()) ? rating.toUpperCase() : 'UNKNOWN';
        for (const q of QUALITY) quality.set({ entry, phone_number_id: phone, rating: q }, r === q ? 1 : 0);
      }
      const tier = messagingLimit(check.details ?? {});
      if (tier !== undefined) limit.set({ entry, phone_number_id: phone }, tier);
      const send = check.details?.canSendMessage;
      if (typeof send === 'string' && (CAN_SEND as readonly string[]).includes(send.toUpperCase()))
        for (const s of CAN_SEND) canSend.set({ entry, phone_number_id: phone, state: s }, send.toUpperCase() === s ? 1 : 0);
    }
  }
  return registry.metrics();
}
