// How long a run keeps retrying Graph, and how many batch POSTs a fleet keeps in flight: one place for the CLI,
// the Action, the Graph client and the fleet runner (pure constants, safe to load at start-up).

/** One audit, in seconds. */
export const DEFAULT_DEADLINE_S = 60;
/** A fleet shares one deadline across all its entries. */
export const FLEET_DEADLINE_S = 120;
/** Graph can be down for up to 5 minutes while Meta updates it; a longer wait belongs to the caller's scheduler. */
export const MAX_DEADLINE_S = 300;

/** Batch POSTs (of up to 50 calls each) a fleet keeps in flight. */
export const FLEET_CONCURRENCY = { default: 4, max: 16 } as const;
