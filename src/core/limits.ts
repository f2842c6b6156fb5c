// How long a run keeps retrying Graph, how long one attempt may take, how many batch POSTs a fleet keeps in
// flight, and the Graph defaults: one place for the CLI (its help shows them), the Action, the Graph client and
// the fleet runner (pure constants, safe to load at start-up).

/** One audit, in seconds. */
export const DEFAULT_DEADLINE_S = 60;
/** A fleet shares one deadline across all its entries. */
export const FLEET_DEADLINE_S = 120;
/** Graph can be down for up to 5 minutes while Meta updates it; a longer wait belongs to the caller's scheduler. */
export const MAX_DEADLINE_S = 300;

/**
 * Batch POSTs (of up to 50 calls each) in flight at once: `start` until Graph's first answer, then as many as
 * Graph's usage headers allow (graph/batch.ts), never more than the user's cap (`max` unless given).
 */
export const FLEET_CONCURRENCY = { start: 4, max: 16 } as const;

/** One HTTP attempt, in milliseconds: covers connect, headers and the whole body. */
export const TIMEOUT_MS = { default: 10_000, min: 100, max: 120_000 } as const;

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
/** Newest Graph API version in Meta's changelog (v26.0, released 2026-07-29); versions live about two years. */
export const DEFAULT_GRAPH_VERSION = 'v26.0';

/** Items asked per page of a Graph list edge (they accept at least 100), and pages read before a list is cut. */
export const PAGING = { pageSize: 100, maxPages: 10 } as const;
/** A file or stream that holds one secret (token file, stdin, a fleet entry's `file:`) is never larger. */
export const SECRET_SOURCE_MAX_BYTES = 64 * 1024;
/** A fleet file or a saved debug_token response is never larger (Graph's own answers are capped at 4 MiB). */
export const INPUT_FILE_MAX_BYTES = 4 * 1024 * 1024;
/** A FIFO, a pipe or standard input that has not finished by then is given up on (exit 2). */
export const INPUT_READ_TIMEOUT_MS = 5000;
