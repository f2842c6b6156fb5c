// Deadlines, asserted the way a user could check them: on what Graph saw (the emulator's stamps, taken from the
// first request, so process start-up never counts) and on what the run printed. Never on how long a process ran.
/** The waits a front announced ("…; retrying in 0.4 s (attempt 2)"), in seconds as printed, in order. */
export function announcedWaits(log: string): number[] {
  return [...log.matchAll(/retrying in (\d+(?:\.\d+)?) s/g)].map((m) => Number(m[1]));
}

/**
 * What a deadline check allows on top of the deadline, measured on the emulator's stamps from the first request
 * Graph saw (so never process start-up): a request's trip from the client to the emulator's record, and a late
 * timer (the client's abort of a hung attempt) reaching the emulator. Both are scheduling lag, a few milliseconds
 * on an idle machine; a two-core machine at load 40 was seen adding 2.6 s. A client that ignored its deadline
 * would go on retrying to the 60 s default, far past this.
 */
export const LAG_MS = 5000;

/** From the first request's arrival to the end of the last exchange, on the emulator's clock (ms). */
export function spanMs(stamps: { at: number; endedAt?: number }[]): number | undefined {
  if (stamps.length === 0) return undefined;
  const first = Math.min(...stamps.map((s) => s.at));
  const last = Math.max(...stamps.map((s) => s.endedAt ?? s.at));
  return last - first;
}
