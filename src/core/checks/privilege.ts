import { generateNewToken } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';
import { list } from './targets.js';

/**
 * Granted in every login and gives nothing beyond the public profile of the token's user: never a finding on
 * its own, even with exactScopes.
 */
const HARMLESS = new Set(['public_profile']);

/** Extras that have a use next to the WhatsApp Cloud API, so the user may want them on purpose. */
const WHATSAPP_RELATED = new Set([
  'business_management', // the business portfolio (owned/client WABAs, the BISU token API); optional
  'whatsapp_business_manage_events', // Marketing Messages (MM Lite) conversion events
  'ads_read', // also Marketing Messages (MM Lite) only; an exception to the ads_* rule below
  'catalog_management', // product catalogs used by WhatsApp product messages
]);

/** Prefixes of permissions with no bearing on WhatsApp (ads, Pages, Instagram, Facebook user data, ...). */
const UNRELATED_PREFIXES = [
  'ads_',
  'pages_',
  'instagram_',
  'publish_',
  'user_',
  'read_',
  'groups_',
  'threads_',
  'manage_',
];
const UNRELATED = new Set(['email', 'leads_retrieval', 'page_events', 'business_creative_management']);

export type ScopeClass = 'harmless' | 'whatsapp' | 'unrelated' | 'other';

export function classifyScope(scope: string): ScopeClass {
  if (HARMLESS.has(scope)) return 'harmless';
  if (WHATSAPP_RELATED.has(scope) || scope.startsWith('whatsapp_')) return 'whatsapp';
  if (UNRELATED.has(scope) || UNRELATED_PREFIXES.some((p) => scope.startsWith(p))) return 'unrelated';
  return 'other';
}

/**
 * `scope.least-privilege`: permissions granted beyond the required ones (policy.scopes). Any extra other than
 * public_profile warns; with policy.exactScopes it fails.
 */
export function leastPrivilege(data: TokenData, ctx: CheckContext): Check {
  const { policy } = ctx;
  const extras = data.scopes.filter((s) => !policy.scopes.includes(s));
  const by = (c: ScopeClass) => extras.filter((s) => classifyScope(s) === c);
  const unrelated = by('unrelated');
  const whatsapp = by('whatsapp');
  const other = by('other');
  const judged = [...unrelated, ...whatsapp, ...other];
  const details = { extra: judged, unrelated, whatsappRelated: whatsapp, other, ignored: by('harmless') };

  if (judged.length === 0) {
    return {
      id: 'scope.least-privilege',
      status: 'pass',
      message: `The token has no permissions beyond the required ones${details.ignored.length ? ' (public_profile, granted with every login, is ignored)' : ''}.`,
      details,
    };
  }
  const parts = [
    unrelated.length ? `with no bearing on WhatsApp: ${list(unrelated, 'and')}` : '',
    whatsapp.length ? `WhatsApp-related but not required: ${list(whatsapp, 'and')}` : '',
    other.length ? `not needed for WhatsApp as far as this tool knows: ${list(other, 'and')}` : '',
  ].filter(Boolean);
  const n = judged.length;
  const risk = unrelated.length ? ' A leaked token would expose those too.' : '';
  return {
    id: 'scope.least-privilege',
    status: policy.exactScopes ? 'fail' : 'warn',
    message:
      `The token has ${n} permission${n === 1 ? '' : 's'} beyond the required ones` +
      `${policy.exactScopes ? ' (exact-scopes allows none)' : ''}: ${parts.join('; ')}.${risk}`,
    remediation: [
      generateNewToken(policy.appId, policy.scopes) + ' Select only the required permissions.',
      'If your integration needs one of them on purpose, add it to the required scopes (scopes setting).',
    ],
    details,
  };
}

export const LEAST_PRIVILEGE: CheckDefinition = {
  id: 'scope.least-privilege',
  slots: () => oneSlot('scope.least-privilege'),
  judge: leastPrivilege,
};
