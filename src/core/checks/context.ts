import type { Policy } from '../policy.js';

/** What every check may read besides the token data: the policy and the injected clock. */
export interface CheckContext {
  policy: Policy;
  /** Unix seconds. */
  now: number;
}
