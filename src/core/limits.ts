// How long a run keeps retrying Graph, how long one attempt may take, how many batch POSTs a fleet keeps in
// flight, and the Graph defaults: one place for the CLI (its help shows them), the Action, the Graph client and
// the fleet runner (pure constants, safe to load at start-up).

/** One audit, in seconds. */
export const DEFAULT_DEADLINE_S = 60;
/** A fleet shares one deadline across all its entries. */
export const FLEET_DEADLINE_S = 120;
/** Graph can be down for up to 5 minutes while Meta updates it; a longer wait belongs to the caller's scheduler. */
export const MAX_DEADLINE_S = 300;

/** Batch POSTs (of up to 50 calls each) a fleet keeps in flight. */
export const FLEET_CONCURRENCY = { default: 4, max: 16 } as const;

/** One HTTP attempt, in milliseconds: covers connect, headers and the whole body. */
export const TIMEOUT_MS = { default: 10_000, min: 100, max: 120_000 } as const;

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
/** Newest Graph API version in Meta's changelog (v26.0, released 2026-07-29); versions live about two years. */
export const DEFAULT_GRAPH_VERSION = 'v26.0';

/** Items asked per page of a Graph list edge (they accept at least 100), and pages read before a list is cut. */
export const PAGING = { pageSize: 100, maxPages: 10 } as const;
