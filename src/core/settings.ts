// The settings a message may ask the user to change, by key. The core, the runner and the Graph client name a
// key; each front words it its own way (the CLI `--graph-url`, the Action `input 'graph-url'`, a fleet file
// `appId`), through the SettingNamer it passes in.

/** The policy's settings (core/policy.ts), in the order every front lists them. */
export const POLICY_KEYS = [
  'appId',
  'scopes',
  'wabaIds',
  'phoneNumberIds',
  'minDays',
  'warnDays',
  'requireType',
  'exactScopes',
  'requireWebhooks',
  'requireLive',
  'minMessagingLimit',
  'strict',
  'templates',
  'callbackUrl',
] as const;

export type PolicyKey = (typeof POLICY_KEYS)[number];

/** Every setting a finding or an error may name. */
export type SettingKey = PolicyKey | 'appSecret' | 'graphUrl' | 'graphVersion' | 'maxPages' | 'responseFile';

/** How a front names a setting in its messages. */
export type SettingNamer = (key: SettingKey) => string;

/** The key itself: what the core says when no front words it (its own unit tests, library use). */
export const keyName: SettingNamer = (key) => key;

export function isPolicyKey(key: string): key is PolicyKey {
  return (POLICY_KEYS as readonly string[]).includes(key);
}
