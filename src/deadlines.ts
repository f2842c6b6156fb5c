// How long a run keeps retrying Graph, in seconds: one place for the CLI, the Action and the Graph client.

/** One audit. */
export const DEFAULT_DEADLINE_S = 60;
/** A fleet shares one deadline across all its entries. */
export const FLEET_DEADLINE_S = 120;
/** Graph can be down for up to 5 minutes while Meta updates it; a longer wait belongs to the caller's scheduler. */
export const MAX_DEADLINE_S = 300;
