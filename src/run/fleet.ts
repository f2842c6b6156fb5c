// Audits a fleet: every entry's audit plan (debug_token + live probes) is packed into shared Graph batches of at
// most 50 items, sent through ONE GraphClient (one deadline, one keep-alive pool, one usage-header pacer) with as
// many POSTs in flight as Graph's usage headers allow (graph/batch.ts). Items that fail transiently join a retry
// round (one back-off for all of them) and ride in the next batches; no POST waits on another's back-off. Each
// entry is finished and handed to `onEntry` as soon as its last item settles, so reports stream out and are
// never all held here.
import { notJudgedReport } from '../core/evaluate.js';
import { ExitCode, reportExitCode, UsageError } from '../core/errors.js';
import { addToTotals, emptyTotals, fleetVerdict, worstExit } from '../core/fleet.js';
import { fingerprint } from '../core/fingerprint.js';
import { FLEET_CONCURRENCY } from '../core/limits.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import type { FleetEntryResult, FleetOutcome, Report } from '../core/types.js';
import type { ResolvedEntry } from '../fleet/secrets.js';
import {
  type BatchItem,
  type BatchResult,
  cutByDeadline,
  givenUp,
  inFlightAllowed,
  MAX_BATCH_ITEMS,
  namesOf,
  postBatch,
  retriable,
  RetryRounds,
  stillFailing,
} from '../graph/batch.js';
import type { Failure } from '../graph/errors.js';
import { GraphClient, type GraphClientOptions } from '../graph/client.js';
import { runSecrets } from '../graph/proof.js';
import { scrub } from '../graph/redact.js';
import { judged } from './audit.js';
import { type AuditPlan, planAudit } from './plan.js';
import { answersOf, readAudit } from './reader.js';

export interface FleetRunOptions {
  entries: ResolvedEntry[];
  graph?: Omit<GraphClientOptions, 'secrets'>;
  /** Most batch POSTs in flight at once (default FLEET_CONCURRENCY.max); Graph's usage headers may allow fewer. */
  concurrency?: number;
  now?: () => Date;
  /** Called once per entry, as it finishes (not in file order). */
  onEntry: (result: FleetEntryResult) => void;
  /** How the front names its settings in findings (a fleet's policy settings live in its file). */
  settingName?: SettingNamer;
  /**
   * Awaited (when it returns a promise) before each batch is sent: lets the front hold the fleet while the
   * report it writes drains (a slow reader of a pipe), so unwritten output never piles up in memory.
   */
  ready?: () => Promise<void> | undefined;
  /** Given, once the run starts, what it has sent so far: an interrupted run reports its true figures. */
  onStart?: (sentSoFar: () => { requests: number; throttledMs: number }) => void;
}

interface EntryState {
  entry: ResolvedEntry;
  plan: AuditPlan;
  results: (BatchResult | undefined)[];
  left: number;
}

/** One batch item of one entry. */
interface Unit {
  state: EntryState;
  item: number;
  /** Times it has been sent. */
  attempts: number;
  /** Of those, how many Graph answered with a rate limit. */
  rateLimited: number;
  /** What it failed with the last time it was sent. */
  last?: Failure;
}

export async function runFleet(opts: FleetRunOptions): Promise<FleetOutcome> {
  const now = opts.now ?? (() => new Date());
  const secrets = new Set<string>();
  for (const e of opts.entries)
    for (const s of runSecrets(e.token, e.policy.appId, e.appSecret)) secrets.add(s);
  const client = new GraphClient({
    ...opts.graph,
    secrets: [...secrets],
    ...(opts.settingName ? { settingName: opts.settingName } : {}),
  });
  const name = opts.settingName ?? keyName;
  secrets.clear();
  opts.onStart?.(() => ({ requests: client.requestsSent, throttledMs: client.throttledMs }));

  const totals = emptyTotals();
  let worst = 0;
  const finishEntry = async (state: EntryState): Promise<void> => {
    const { entry } = state;
    let report: Report;
    let exitCode: number;
    try {
      report = await judged(entry.token, entry.policy, now, name, () =>
        readAudit(state.plan, answersOf(state.plan, state.results), client.labelled(entry.name)),
      );
      exitCode = reportExitCode(report);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      // The user's own settings for this entry (a wrong app secret, appsecret_proof required).
      report = notJudgedReport(err.message, now(), fingerprint(entry.token));
      exitCode = ExitCode.usage;
    }
    state.results = [];
    addToTotals(totals, report);
    worst = worstExit([worst, exitCode]);
    opts.onEntry({ index: entry.index, name: entry.name, report: scrubEntry(report, entry), exitCode });
  };

  // Entries are planned lazily, as chunks are packed: a 10,000-entry fleet never holds 10,000 plans at once.
  let cursor = 0;
  const carry: Unit[] = [];
  const requeued: Unit[][] = [];
  // Retry notices name the entries a round's items are for.
  const rounds = new RetryRounds<Unit>(client.retryClock, (u) => [u.state.entry.name]);
  const nextChunk = (): Unit[] | undefined => {
    const again = requeued.shift();
    if (again) return again;
    // Items whose retry round is over go first, then what did not fit the last chunk, then new entries.
    const chunk: Unit[] = [];
    const keys = new Set<string>();
    const take = (list: Unit[]) => {
      let n = 0;
      for (; n < list.length; n++) {
        const key = unitKey(list[n]!);
        if (!keys.has(key) && keys.size >= MAX_BATCH_ITEMS) break;
        keys.add(key);
        chunk.push(list[n]!);
      }
      list.splice(0, n);
    };
    take(rounds.due);
    take(carry);
    while (carry.length === 0 && keys.size < MAX_BATCH_ITEMS && cursor < opts.entries.length) {
      const entry = opts.entries[cursor]!;
      const plan = planAudit({
        token: entry.token,
        appSecret: entry.appSecret,
        policy: entry.policy,
        ...(opts.settingName ? { secretName: name('appSecret') } : {}),
        version: client.version,
      });
      const units = plan.items.map((_, item) => ({ state: undefined as unknown as EntryState, item, attempts: 0, rateLimited: 0 }));
      // App-level reads (same request for every entry of an app) take one slot per batch, not one per entry.
      const slots = new Set(units.map((u) => itemKey(plan.items[u.item]!.item)).filter((k) => !keys.has(k))).size;
      // Keep an entry's items together when they fit in one batch.
      if (chunk.length > 0 && slots <= MAX_BATCH_ITEMS && keys.size + slots > MAX_BATCH_ITEMS) break;
      cursor++;
      const state: EntryState = {
        entry,
        plan,
        results: new Array(plan.items.length),
        left: plan.items.length,
      };
      for (const u of units) {
        u.state = state;
        const key = itemKey(plan.items[u.item]!.item);
        if (keys.has(key) || keys.size < MAX_BATCH_ITEMS) {
          keys.add(key);
          chunk.push(u);
        } else carry.push(u);
      }
    }
    return chunk.length > 0 ? chunk : undefined;
  };

  const runChunk = async (units: Unit[]): Promise<void> => {
    // The top-level credential of a batch POST is its first item's: lead with the app token when there is one.
    const lead = units.findIndex((u) => u.state.plan.items[u.item]!.item.token.includes('|'));
    if (lead > 0) units.unshift(...units.splice(lead, 1));
    // Identical app-level reads share one batch item; every unit that asked gets its result.
    const slotOf = new Map<string, number>();
    const items: BatchItem[] = [];
    const asked: Unit[][] = [];
    for (const u of units) {
      const item = u.state.plan.items[u.item]!.item;
      const key = itemKey(item);
      let k = slotOf.get(key);
      if (k === undefined) {
        k = items.push(item) - 1;
        slotOf.set(key, k);
        asked.push([]);
      }
      asked[k]!.push(u);
    }
    const finishing: Promise<void>[] = [];
    const settleOne = (u: Unit, r: BatchResult) => {
      u.state.results[u.item] = r;
      if (--u.state.left === 0) finishing.push(finishEntry(u.state));
    };
    const settle = (k: number, r: BatchResult) => {
      for (const u of asked[k]!) settleOne(u, r);
    };
    for (const u of units) u.attempts++;
    // The POST's own retries (a reset, a 5xx) name the entries it carries.
    const results = await postBatch(client, items, namesOf(units.map((u) => u.state.entry.name)));
    if (results.every(isWholePostFailure)) {
      // Graph refused the whole POST, most likely because of its top-level token (the first item's): that is
      // this token's own answer, so its items keep it (as a plain, judged refusal). The other entries must not
      // be sunk with it: their items go out again in a batch of their own.
      const top = items[0]!.token;
      const others: Unit[] = [];
      items.forEach((item, k) => {
        if (item.token === top) settle(k, judgedRefusal(results[k]!));
        else others.push(...asked[k]!);
      });
      if (others.length > 0) requeued.push(others);
    } else {
      // Entries finish as soon as their own items settle: an item that failed on its own waits for its retry
      // round (with the other items that failed on the same attempt), not its batch's entries.
      results.forEach((r, k) => {
        for (const u of asked[k]!) {
          if (!retriable(r)) {
            // Sent again and cut by the deadline: what it failed with before is the news, not the deadline.
            settleOne(u, u.last && cutByDeadline(r) ? stillFailing(u.last, u.attempts) : r);
          } else {
            u.last = r.failure;
            if (r.failure.retry === 'rate-limit') u.rateLimited++;
            const stop = rounds.add(u, r.failure, { attempts: u.attempts, rateLimited: u.rateLimited });
            if (stop) settleOne(u, givenUp(r.failure, stop));
          }
        }
      });
    }
    await Promise.all(finishing);
  };

  try {
    const cap = Math.max(1, Math.min(FLEET_CONCURRENCY.max, opts.concurrency ?? FLEET_CONCURRENCY.max));
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      // Back-pressure: no new POST while the report's reader lags behind.
      if (opts.ready && inFlight.size < inFlightAllowed(client, cap)) await opts.ready();
      while (inFlight.size < inFlightAllowed(client, cap)) {
        const chunk = nextChunk();
        if (!chunk) break;
        const sent: Promise<void> = runChunk(chunk).finally(() => inFlight.delete(sent));
        inFlight.add(sent);
      }
      if (inFlight.size === 0 && rounds.idle) break;
      // A POST came back (or a retry round's wait ended): start what the usage headers allow now.
      await Promise.race([...inFlight, rounds.changed()]);
    }
    return {
      totals,
      verdict: fleetVerdict(totals),
      exitCode: worst,
      ok: worst === ExitCode.ok,
      requests: client.requestsSent,
      throttledMs: client.throttledMs,
    };
  } finally {
    await client.close();
  }
}

let uniqueItems = 0;

/** Items that are the same request for every entry of an app (app token, not debug_token) share a slot. */
function itemKey(item: BatchItem): string {
  const appLevel = item.token.includes('|') && !item.path.startsWith('debug_token');
  return appLevel ? `app\0${item.token}\0${item.path}` : `unit\0${uniqueItems++}`;
}

function unitKey(u: Unit): string {
  return itemKey(u.state.plan.items[u.item]!.item);
}

/** An item of a POST that Graph refused as a whole with a Graph error (not a network failure or the deadline). */
function isWholePostFailure(r: BatchResult): boolean {
  return !r.ok && r.failure.kind === 'graph' && r.wholeBatch === true;
}

/** The refusal as if this token had been asked alone: finish() reads it, or asks debug_token again by itself. */
function judgedRefusal(r: BatchResult): BatchResult {
  return r.ok ? r : { ok: false, failure: r.failure };
}

/** Defence in depth: whatever a report carries, this entry's secrets never leave in it. */
function scrubEntry(report: Report, entry: ResolvedEntry): Report {
  return scrub(report, runSecrets(entry.token, entry.policy.appId, entry.appSecret));
}
