// The fault matrix: every way Graph (or the road to it) can fail, as rows, and every front (CLI, fleet, Action)
// as an adapter that runs one row and reports what a user would see. A front is one entry of FRONTS in
// test/integration/fault-matrix.test.ts; a fault is one entry of ROWS below.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestCerts } from '../emulator/certs.js';
import type { EchoShape } from '../emulator/faults.js';
import { APP_ID, APP_SECRET, PHONE, SCOPE, TOKENS, WABA } from '../emulator/fixtures.js';
import {
  type FakeProxy,
  type ProxyBehaviour,
  type Stamp,
  type StallingServer,
  startProxy,
  startStallingServer,
} from '../emulator/proxy.js';
import { type Emulator, type Fault, startEmulator } from '../emulator/server.js';

export type Outcome = 'pass' | 'warn' | 'fail' | 'error' | 'usage';

/**
 * Where the front is pointed: the emulator (plain http), nothing (refused), a name that does not resolve, the
 * emulator over TLS with a certificate the client does not trust, the emulator over TLS through a fake HTTPS
 * proxy (`Row.proxy` says how it behaves), a proxy port where nothing listens, or a TCP server that accepts and
 * never answers the TLS handshake.
 */
type Target = 'emulator' | 'refused' | 'dns' | 'tls' | 'proxy' | 'proxy-dead' | 'tls-stall';

export type FrontKey = 'cli' | 'fleet' | 'action';

export interface Row {
  name: string;
  fault?: Fault;
  target?: Target;
  /** With target 'proxy': how the fake proxy answers each CONNECT (default: 403). */
  proxy?: ProxyBehaviour;
  /** Default TOKENS.healthy. */
  token?: string;
  /**
   * Give the app secret: the app token inspects (with appsecret_proof) and more secrets are in play. Default
   * false: the token inspects itself with one plain GET, the documented path whose request count is exact.
   */
  secret?: boolean;
  /** Expected phone-number IDs: the audit becomes one batch POST. */
  phones?: string[];
  /** Explicit gates (each front spells them its own way: flags, fleet keys, inputs). */
  policy?: RowPolicy;
  /** Seconds; integers (messages print the deadline rounded). */
  deadline: number;
  timeoutMs: number;
  expect: {
    outcome: Outcome;
    /**
     * HTTP requests that reached the Graph emulator: exact, or `retried` = bounds derived from the client's
     * backoff (see attemptBounds) with attempts lasting `attemptMs` each.
     */
    requests: number | { retried: 'transient'; attemptMs: [number, number] };
    /**
     * Connections the fake proxy (CONNECTs) or the stalling server saw, on the same terms as `requests`: a
     * connection-stage failure is retried with backoff, never reconnected in a loop.
     */
    connections?: number | { retried: 'transient'; attemptMs: [number, number] };
    /** The report's error message (error), the usage message (usage) or the failing check's message (fail). */
    message?: RegExp;
    /** A check the report must carry (fail rows). */
    check?: { id: string; status: string; graphError?: string };
    /**
     * The first wait the front announces ("retrying in X s"), in seconds as printed: [min, max]. Graph must see
     * at least that long between the first two requests (backoff / Retry-After honoured).
     */
    firstWaitS?: [number, number];
    /** Diagnostics (CLI stderr, Action log) announce the retry. */
    retryNote?: RegExp;
    /** The relayed text shows a secret was redacted. */
    redacted?: boolean;
    /** Graph's hostile names reached no output as a workflow command or an escape sequence. */
    clean?: boolean;
    /** Where a front differs by design (the fleet always sends batches), what differs. */
    byFront?: Partial<Record<FrontKey, Partial<Omit<Row['expect'], 'byFront'>>>>;
  };
}

export interface RowPolicy {
  minDays?: number;
  requireType?: string;
  wabaIds?: string[];
}

/** What must never appear in any output when Graph's names are hostile (see HOSTILE_NAME). */
export const FORGED = /::add-mask::FORGED|::error title=FORGED|##\[(error|add-mask)\]FORGED|\u001b|\u202e/;

/** A row's expectations for one front. */
export function expectationsFor(row: Row, front: FrontKey): Omit<Row['expect'], 'byFront'> {
  const { byFront, ...base } = row.expect;
  return { ...base, ...byFront?.[front] };
}

const transient = (attemptMs: [number, number] = [0, 400]) => ({ retried: 'transient', attemptMs }) as const;

/**
 * Faults that are retried until the deadline. Ten seconds, and attempts of at most four: a first attempt that a
 * starved machine drags out (a fresh Node 24 process compiling undici's paths while two suites run) is cut at
 * 4 s and tried again with 6 s left, so "retried at least once" holds under load; on an idle machine the first
 * attempt takes milliseconds and many retries fit. (Seen with 5 s and 5 s: at load 14-42, a first attempt of
 * an Action run on Node 24 outlasted the whole deadline, and Graph saw one request.)
 */
const OUTAGE = { deadline: 10, timeoutMs: 4000 } as const;
/** Faults judged on the first answer: the run ends at once, so generous limits cost nothing and absorb load. */
const AT_ONCE = { deadline: 30, timeoutMs: 20_000 } as const;
/** Faults that clear after a retry or two: generous limits, a passing run ends as soon as Graph recovers. */
const RECOVERY = { deadline: 30, timeoutMs: 20_000 } as const;
/** A single answer decides (never retried). */
const JUDGED = AT_ONCE;

const SUBCODES: [number, string, RegExp][] = [
  [458, TOKENS.appNotAuthorized, /authori[sz]ed|installed/i],
  [460, TOKENS.passwordChanged, /password/i],
  [463, TOKENS.expired, /expired/i],
  [467, TOKENS.sessionInvalid, /invalid|revoked|logged out/i],
];

const RATE_LIMITS = [4, 17, 32, 613, 80007, 80008];
/** A first transient retry waits 500 ms jittered to 50-100 %: printed as 0.3 to 0.5 s (0.25 rounds up). */
const TRANSIENT_WAIT_S: [number, number] = [0.2, 0.5];

const ECHO_SHAPES: [EchoShape, string][] = [
  ['split-newline', 'split by a newline'],
  ['zero-width', 'split by zero-width spaces'],
  ['ansi', 'split by an ANSI colour sequence'],
  ['cut', 'cut short at both ends'],
  ['base64', 'base64-encoded'],
  ['upper', 'upper-cased (hex app secret and proofs)'],
];
/** Longer than the longest jittered backoff of a first rate-limit retry (2 s): proves Retry-After is read. */
const RETRY_AFTER_S = 3;

export const ROWS: Row[] = [
  {
    name: 'connection refused',
    target: 'refused',
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /connection was refused/,
      retryNote: /refused; retrying/,
    },
  },
  {
    name: 'DNS failure (https://graph.invalid)',
    target: 'dns',
    ...OUTAGE,
    // NXDOMAIN is permanent (ENOTFOUND, one try); a resolver that cannot answer at all says EAI_AGAIN (retried).
    expect: { outcome: 'error', requests: 0, message: /could not be resolved \(DNS\)|DNS lookup failed/ },
  },
  {
    name: 'connection reset mid-body',
    fault: { kind: 'reset-mid-body' },
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: transient(),
      message: /connection was reset/,
      retryNote: /reset; retrying/,
    },
  },
  {
    name: 'response never starts (header timeout)',
    fault: { kind: 'no-headers' },
    deadline: 5,
    timeoutMs: 300,
    expect: { outcome: 'error', requests: transient([300, 500]), message: /timed out/ },
  },
  {
    name: 'body trickles forever (body timeout)',
    fault: { kind: 'trickle' },
    deadline: 5,
    timeoutMs: 300,
    expect: { outcome: 'error', requests: transient([300, 500]), message: /timed out/ },
  },
  ...([500, 502, 503, 504] as const).map(
    (status): Row => ({
      name: `HTTP ${status} with Graph's envelope`,
      fault: { kind: 'status', status, body: 'envelope' },
      ...OUTAGE,
      expect: {
        outcome: 'error',
        requests: transient(),
        message: new RegExp(`deadline .*Graph error ${status === 500 ? 1 : 2} .*\\[HTTP ${status}\\]`),
        retryNote: /Graph error \d .*retrying in/,
      },
    }),
  ),
  ...([500, 502, 503, 504] as const).map(
    (status): Row => ({
      name: `HTTP ${status} with an HTML page`,
      fault: { kind: 'status', status, body: 'html' },
      ...OUTAGE,
      expect: {
        outcome: 'error',
        requests: transient(),
        message: new RegExp(`deadline .*HTTP ${status} with an HTML page instead of JSON`),
      },
    }),
  ),
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated-json' },
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: transient(),
      message: /HTTP 200 with a body that is not valid JSON/,
    },
  },
  {
    name: 'JSON that is not an object (a list)',
    fault: { kind: 'non-object-json', value: [1, 2] },
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: transient(),
      message: /HTTP 200 with JSON that is not an object/,
      // A batch answers a list: the fleet reads its items, finds them malformed, and sends them again.
      byFront: { fleet: { message: /still failing at the deadline .*malformed batch item/ } },
    },
  },
  {
    name: 'JSON that is not an object (a string)',
    fault: { kind: 'non-object-json', value: 'ok' },
    ...OUTAGE,
    expect: { outcome: 'error', requests: transient(), message: /HTTP 200 with JSON that is not an object/ },
  },
  {
    name: 'a 200 whose data lacks fields',
    fault: { kind: 'data-missing-fields' },
    ...AT_ONCE,
    expect: { outcome: 'error', requests: 1, message: /debug_token answer is malformed \(is_valid/ },
  },
  {
    name: 'a 200 whose data has wrong types',
    fault: { kind: 'data-wrong-types' },
    ...AT_ONCE,
    expect: {
      outcome: 'error',
      requests: 1,
      message: /debug_token answer is malformed \(scopes, app_id, is_valid missing or of the wrong type\)/,
    },
  },
  {
    name: 'a body over the size cap (5 MB > 4 MiB)',
    fault: { kind: 'oversized', bytes: 5_000_000 },
    ...AT_ONCE,
    expect: { outcome: 'error', requests: 1, message: /HTTP 200 body larger than 4194304 bytes/ },
  },
  {
    name: 'code 2 twice, then recovery',
    fault: { kind: 'graph-error', code: 2, times: 2 },
    ...RECOVERY,
    expect: {
      outcome: 'pass',
      requests: 3,
      firstWaitS: TRANSIENT_WAIT_S,
      retryNote: /Graph error 2 \(API Service\).*retrying in/,
    },
  },
  {
    name: 'code 2 twice, then recovery (app token inspecting, with appsecret_proof)',
    fault: { kind: 'graph-error', code: 2, times: 2 },
    secret: true,
    ...RECOVERY,
    expect: { outcome: 'pass', requests: 3, firstWaitS: TRANSIENT_WAIT_S, retryNote: /Graph error 2 .*retrying in/ },
  },
  {
    name: 'code 1 once, then recovery',
    fault: { kind: 'graph-error', code: 1, times: 1 },
    ...RECOVERY,
    expect: { outcome: 'pass', requests: 2, firstWaitS: TRANSIENT_WAIT_S, retryNote: /Graph error 1 .*retrying in/ },
  },
  ...RATE_LIMITS.flatMap((code): Row[] => [
    {
      // Without a hint a rate limit is waited out for at least a minute (a probe would extend the block): a 30 s
      // deadline cannot cover that, so Graph is asked once and the run says why in one line.
      name: `rate limit ${code} without Retry-After: the wait does not fit the deadline, asked once, not judged`,
      fault: { kind: 'rate-limit', code, blockMs: 60 * 60_000 },
      ...RECOVERY,
      expect: {
        outcome: 'error',
        requests: 1,
        message: /Graph asks to wait ~1 min; the deadline leaves \d+ s \(it sent no Retry-After/,
      },
    },
    {
      name: `rate limit ${code} with Retry-After: ${RETRY_AFTER_S}, then recovery`,
      fault: { kind: 'graph-error', code, times: 1, retryAfter: RETRY_AFTER_S },
      ...RECOVERY,
      expect: {
        outcome: 'pass',
        requests: 2,
        firstWaitS: [RETRY_AFTER_S, RETRY_AFTER_S],
        retryNote: new RegExp(`Graph error ${code}(\\.\\d+)? .*retrying in ${RETRY_AFTER_S}\\.0 s`),
      },
    },
  ]),
  {
    name: 'rate limit 80008 with the business-use-case estimate (3 min): not waited past the deadline',
    fault: { kind: 'rate-limit', code: 80008, blockMs: 150_000, regain: true },
    ...RECOVERY,
    expect: { outcome: 'error', requests: 1, message: /Graph asks to wait ~3 min; the deadline leaves \d+ s, so it was not asked again/ },
  },
  ...SUBCODES.flatMap(([subcode, token, words]): Row[] => [
    {
      name: `190/${subcode}, the token inspecting itself (top-level error)`,
      fault: { kind: 'graph-error', code: 190, subcode },
      secret: false,
      ...AT_ONCE,
      expect: {
        outcome: 'fail',
        requests: 1,
        message: words,
        check: { id: 'token.valid', status: 'fail', graphError: `190.${subcode}` },
      },
    },
    {
      name: `190/${subcode}, the app token inspecting (data.error)`,
      token,
      secret: true,
      ...AT_ONCE,
      expect: {
        outcome: 'fail',
        requests: 1,
        message: words,
        check: { id: 'token.valid', status: 'fail', graphError: `190.${subcode}` },
      },
    },
  ]),
  {
    name: 'TLS: self-signed certificate (fails closed, no request reaches Graph)',
    target: 'tls',
    ...AT_ONCE,
    expect: { outcome: 'error', requests: 0, message: /TLS verification failed \([A-Z_]+\)/ },
  },
  {
    name: 'HTTPS_PROXY refuses the CONNECT',
    target: 'proxy',
    ...AT_ONCE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /HTTPS proxy at 127\.0\.0\.1:\d+ refused the tunnel \(HTTP 403\); check HTTPS_PROXY and NO_PROXY/,
      connections: 1,
    },
  },
  // Issue 15: the deadline holds while a connection is being set up; issue 18: a dead or wrong proxy is named.
  {
    name: 'HTTPS_PROXY answers the CONNECT with 407 (wants credentials)',
    target: 'proxy',
    proxy: { kind: 'refuse', status: 407 },
    ...AT_ONCE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /HTTPS proxy at 127\.0\.0\.1:\d+ refused the tunnel \(HTTP 407: it wants credentials.*check HTTPS_PROXY and NO_PROXY/,
      connections: 1,
    },
  },
  {
    name: 'HTTPS_PROXY answers the CONNECT with 502 until the deadline (retried with backoff)',
    target: 'proxy',
    proxy: { kind: 'refuse', status: 502 },
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /Graph could not be reached through the HTTPS proxy within the 10 s deadline .*refused the tunnel \(HTTP 502\); check HTTPS_PROXY and NO_PROXY/,
      connections: transient(),
      retryNote: /HTTPS proxy at .* \(HTTP 502\).*retrying in/,
    },
  },
  {
    name: 'HTTPS_PROXY names a port where nothing listens',
    target: 'proxy-dead',
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /Graph could not be reached through the HTTPS proxy .*the HTTPS proxy at 127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\), so Graph was never asked; check HTTPS_PROXY and NO_PROXY/,
      retryNote: /could not be reached \(ECONNREFUSED\).*retrying in/,
    },
  },
  {
    name: 'HTTPS_PROXY hangs up after reading each CONNECT (backoff, no reconnect loop)',
    target: 'proxy',
    proxy: { kind: 'close-after-connect' },
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /Graph could not be reached through the HTTPS proxy within the 10 s deadline .*closed the connection without answering the CONNECT; check HTTPS_PROXY and NO_PROXY/,
      connections: transient(),
      retryNote: /closed the connection without answering the CONNECT.*retrying in/,
    },
  },
  {
    // The attempt timeout is far longer than the deadline: the deadline must end the CONNECT (not undici's
    // 300 s headers timeout, nor the attempt timeout).
    name: 'HTTPS_PROXY accepts the CONNECT and never answers (deadline 3 s, timeout 60 s)',
    target: 'proxy',
    proxy: { kind: 'silent' },
    deadline: 3,
    timeoutMs: 60_000,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /within the 3 s deadline \(1 attempt\); last: the request timed out: the HTTPS proxy did not answer the CONNECT within \d+\.\d s; check HTTPS_PROXY and NO_PROXY; gave up after \d+\.\d s/,
      connections: 1,
    },
  },
  {
    name: 'TLS handshake never answered (deadline 3 s, timeout 60 s)',
    target: 'tls-stall',
    deadline: 3,
    timeoutMs: 60_000,
    expect: {
      outcome: 'error',
      requests: 0,
      message: /within the 3 s deadline \(1 attempt\); last: the request timed out \(no answer within \d+\.\d s\); gave up after \d+\.\d s/,
      connections: 1,
    },
  },
  {
    name: 'batch: every item null once (not finished in time), then recovery',
    fault: { kind: 'batch-null-items', times: 1 },
    secret: true,
    phones: [PHONE.healthy],
    ...RECOVERY,
    expect: {
      outcome: 'pass',
      requests: 2,
      firstWaitS: TRANSIENT_WAIT_S,
      retryNote: /did not finish in time; retrying/,
    },
  },
  {
    name: 'batch: every item null until the deadline',
    fault: { kind: 'batch-null-items' },
    secret: true,
    phones: [PHONE.healthy],
    ...OUTAGE,
    expect: { outcome: 'error', requests: transient(), message: /did not finish in time/ },
  },
  // Graph error messages can echo what they were sent: the relayed message must come out redacted.
  {
    name: 'echo: code 2 echoing token, app token and proof until the deadline',
    fault: { kind: 'graph-error', code: 2, echo: true },
    secret: true,
    ...OUTAGE,
    expect: {
      outcome: 'error',
      requests: transient(),
      message: /Graph said: ".*\[redacted\]/,
      redacted: true,
    },
  },
  {
    name: 'echo: code 100 echoing secrets (permanent)',
    fault: { kind: 'graph-error', code: 100, echo: true },
    secret: true,
    ...AT_ONCE,
    // With the app secret the audit also reads the app's webhook subscriptions: one batch POST, refused as a
    // whole, then debug_token once more on its own.
    expect: {
      outcome: 'error',
      requests: 2,
      message: /debug_token was refused: .*\[redacted\]/,
      redacted: true,
    },
  },
  {
    name: 'echo: code 190 echoing secrets to the app token (bad app secret)',
    fault: { kind: 'graph-error', code: 190, echo: true },
    secret: true,
    ...AT_ONCE,
    expect: {
      outcome: 'usage',
      requests: 2,
      message: /Graph rejected the app access token.*\[redacted\]/,
      redacted: true,
      // The fleet keeps a whole-POST refusal as the lead token's own answer instead of asking again.
      byFront: { fleet: { requests: 1 } },
    },
  },
  {
    name: 'echo: 190/463 echoing the token to itself',
    fault: { kind: 'graph-error', code: 190, subcode: 463, echo: true },
    secret: false,
    ...AT_ONCE,
    expect: {
      outcome: 'fail',
      requests: 1,
      message: /expired/i,
      check: { id: 'token.valid', status: 'fail', graphError: '190.463' },
    },
  },
  {
    name: 'echo: batch POST answered code 2 echoing secrets, then recovery',
    fault: { kind: 'graph-error', code: 2, times: 1, echo: true },
    secret: true,
    phones: [PHONE.healthy],
    ...RECOVERY,
    // The retry notice is one short line (the code, not Graph's words): the echo is relayed redacted, once,
    // only if the run gives up; here it recovers, and the leak scanner checks every output.
    expect: { outcome: 'pass', requests: 2, retryNote: /^[^\n]*Graph error 2 \(API Service\) \[HTTP 503\]; retrying in [\d.]+ s \(attempt 2\)$/m },
  },
  // Issue 15: echoes in disguise. Each must come out redacted, and the leak scanner looks for split, re-cased,
  // encoded and cut copies too.
  ...ECHO_SHAPES.map(
    ([shape, what]): Row => ({
      name: `echo: code 100 echoing secrets ${what}`,
      fault: { kind: 'graph-error', code: 100, echo: shape },
      secret: true,
      ...JUDGED,
      expect: { outcome: 'error', requests: 2, message: /debug_token was refused: .*\[redacted\]/, redacted: true },
    }),
  ),
  {
    name: 'hostile names: commands, ANSI/OSC escapes and newlines in the app name',
    fault: { kind: 'hostile-names' },
    ...JUDGED,
    expect: { outcome: 'pass', requests: 1, clean: true },
  },
  ...([302, 307] as const).map(
    (status): Row => ({
      name: `HTTP ${status} with a JSON body (not success, not followed)`,
      fault: { kind: 'redirect-json', status },
      ...JUDGED,
      expect: { outcome: 'error', requests: 1, message: new RegExp(`HTTP ${status} redirect`) },
    }),
  ),
  {
    name: '{data, error}: a 200 carrying a token error beside its data',
    fault: { kind: 'data-and-error' },
    ...JUDGED,
    expect: {
      outcome: 'fail',
      requests: 1,
      message: /expired/i,
      check: { id: 'token.valid', status: 'fail', graphError: '190.463' },
    },
  },
  {
    name: 'gate left open: expires_at unreadable with min-days',
    fault: { kind: 'data-junk', set: { expires_at: 'soon' } },
    policy: { minDays: 7 },
    ...JUDGED,
    expect: { outcome: 'error', requests: 1, message: /expires_at is not a time, so min-days 7 cannot be checked/ },
  },
  {
    name: 'gate left open: an unknown token type with require-type',
    fault: { kind: 'data-junk', set: { type: 'ROBOT' } },
    policy: { requireType: 'system-user' },
    ...JUDGED,
    expect: { outcome: 'error', requests: 1, message: /require-type cannot be checked/ },
  },
  {
    name: 'gate left open: a junk granular_scopes item with waba-id',
    fault: {
      kind: 'data-junk',
      set: { granular_scopes: [{ scope: SCOPE.management, target_ids: [WABA.main] }, 'junk', { scope: SCOPE.messaging, target_ids: [WABA.main] }] },
    },
    policy: { wabaIds: [WABA.main] },
    ...JUDGED,
    expect: { outcome: 'error', requests: 1, message: /granular_scopes holds 1 unreadable item/ },
  },
  {
    name: 'junk in granular_scopes cannot hide a readable miss of waba-id',
    fault: {
      kind: 'data-junk',
      set: { granular_scopes: [{ scope: SCOPE.management, target_ids: [WABA.other] }, { scope: 7 }, { scope: SCOPE.messaging, target_ids: [WABA.other] }] },
    },
    policy: { wabaIds: [WABA.main] },
    ...JUDGED,
    expect: { outcome: 'fail', requests: 1, check: { id: 'scope.targets', status: 'fail' } },
  },
];

/**
 * Bounds on the attempts a run makes before its deadline, from the client's transient backoff
 * (500 ms * 2^(n-1), jittered to 50-100 %, a wait only when it ends before the deadline) and attempt durations.
 */
export function attemptBounds(deadlineMs: number, attemptMs: [number, number], base = 500): [number, number] {
  const count = (waitFactor: number, duration: number) => {
    let t = 0;
    for (let n = 1; ; n++) {
      t += Math.min(duration, Math.max(0, deadlineMs - t));
      const wait = Math.min(30_000, base * 2 ** (n - 1)) * waitFactor;
      if (!(wait < deadlineMs - t)) return n;
      t += wait;
    }
  };
  return [count(1, attemptMs[1]), count(0.5, attemptMs[0])];
}

/** A row's world: the Graph URL to use, extra environment, and how many requests reached Graph. */
export interface World {
  graphUrl: string;
  env: Record<string, string>;
  requests(): number;
  /** When each request reached Graph and when its exchange ended (emulator clock, ms), in arrival order. */
  stamps(): { at: number; endedAt?: number }[];
  /** Connections the fake proxy or the stalling server saw, on its own clock; undefined when there is none. */
  connections(): Stamp[] | undefined;
  proxy?: FakeProxy;
  close(): Promise<void>;
}

export async function startWorld(row: Row): Promise<World> {
  const target = row.target ?? 'emulator';
  const nothing = { requests: () => 0, stamps: () => [], connections: () => undefined, close: async () => {} };
  if (target === 'dns') return { graphUrl: 'https://graph.invalid', env: {}, ...nothing };
  if (target === 'refused') return { graphUrl: await freeUrl(), env: {}, ...nothing };
  if (target === 'tls-stall') {
    const stall: StallingServer = await startStallingServer();
    return { graphUrl: stall.url, env: {}, ...nothing, connections: () => stall.stamps(), close: () => stall.close() };
  }
  const emu: Emulator = await startEmulator(target === 'emulator' ? {} : { tls: loadTestCerts() });
  if (row.fault) emu.setFault(row.fault);
  const proxy = target === 'proxy' ? await startProxy(row.proxy ?? { kind: 'refuse' }) : undefined;
  const proxyUrl = target === 'proxy-dead' ? await freeUrl() : proxy?.url;
  return {
    graphUrl: emu.url,
    env: proxyUrl ? { HTTPS_PROXY: proxyUrl } : {},
    requests: () => emu.requests.length,
    stamps: () => emu.requests.map(({ at, endedAt }) => ({ at, ...(endedAt === undefined ? {} : { endedAt }) })),
    connections: () => proxy?.stamps(),
    ...(proxy ? { proxy } : {}),
    close: async () => {
      await emu.close();
      await proxy?.close();
    },
  };
}

/** The URL of a port that was just free: nothing listens there any more. */
async function freeUrl(): Promise<string> {
  const gone = await startEmulator();
  const url = gone.url;
  await gone.close();
  return url;
}

/** What a front reports about one run, in the terms every front shares. */
export interface FrontRun {
  /** The process exit code. */
  code: number | null;
  /** The verdict as the front states it ('usage' when the input was refused before any verdict). */
  outcome: Outcome;
  /** The error message (error/usage) or the failing checks' messages (fail); '' on pass. */
  message: string;
  checks: { id: string; status: string; graphError?: string; message: string }[];
  /** Retry diagnostics as shown to the user. */
  log: string;
  /** Everything the run emitted or wrote, by where it was found: the leak scanner reads all of it. */
  emitted: Record<string, string>;
  /** Output as the process wrote it, before the runner consumed any command (the Action's raw stdout). */
  raw?: string;
}

export interface RunSpec {
  graphUrl: string;
  env: Record<string, string>;
  token: string;
  appSecret?: string;
  phones: string[];
  policy: RowPolicy;
  deadline: number;
  timeoutMs: number;
}

export interface Front {
  key: FrontKey;
  name: string;
  /** The exit code this front uses for an outcome. */
  exitCode(outcome: Outcome): number;
  run(spec: RunSpec): Promise<FrontRun>;
}

export function specFor(row: Row, world: World): RunSpec {
  const secret = row.secret ?? false;
  return {
    graphUrl: world.graphUrl,
    env: world.env,
    token: row.token ?? TOKENS.healthy,
    ...(secret ? { appSecret: APP_SECRET } : {}),
    phones: row.phones ?? [],
    policy: row.policy ?? {},
    deadline: row.deadline,
    timeoutMs: row.timeoutMs,
  };
}

export const SECRET_SET = (spec: RunSpec) => ({
  token: spec.token,
  appId: APP_ID,
  ...(spec.appSecret ? { appSecret: spec.appSecret } : {}),
});

/** A fresh directory to run in (cwd, HOME, TMPDIR), so every file a run writes can be scanned. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every regular file under `dir`, by relative path, as text. */
export function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) Object.assign(out, filesUnder(path, `${prefix}${name}/`));
    else if (st.isFile()) out[`file:${prefix}${name}`] = readFileSync(path, 'latin1');
  }
  return out;
}

/** Figures for the README: rows run and passed per front. Written to .tmp/ by the matrix test. */
export const matrixFigures: Record<string, { rows: number; passed: number }> = {};
