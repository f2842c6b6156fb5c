// Which WABAs a token's WhatsApp grants point at, from debug_token alone. Pure.
import type { TokenData } from './types.js';

/**
 * A permission whose `target_ids` in granular_scopes are WABA IDs: only the two WhatsApp permissions (Meta's
 * WhatsApp permissions page). `whatsapp_business_manage_events` (Marketing Messages conversion events) is not a
 * WABA grant, and business_management's target_ids are business IDs.
 */
function isWhatsAppScope(scope: string): boolean {
  return scope === 'whatsapp_business_management' || scope === 'whatsapp_business_messaging';
}

export interface GrantReach {
  /** WABA IDs named by the WhatsApp grants' target_ids, in Graph's order (newest first), without repeats. */
  targetIds: string[];
  /**
   * The grants do not name every WABA: a WhatsApp grant has no target_ids (it covers every WABA its user can
   * reach), or a WhatsApp permission is in `scopes` without a granular_scopes entry (cannot tell). The user's
   * assigned WABAs must then be listed.
   */
  needsListing: boolean;
  /** The token has no WhatsApp permission at all: it reaches no WABA. */
  noWhatsApp: boolean;
  /** business_management is granted: the business's owned and client WABA lists can be read. */
  businessManagement: boolean;
  /** The businesses business_management names (its target_ids), in Graph's order. */
  businessIds: string[];
}

export function grantReach(data: Pick<TokenData, 'scopes' | 'granularScopes'>): GrantReach {
  const grants = data.granularScopes.filter((g) => isWhatsAppScope(g.scope));
  const targetIds = [...new Set(grants.flatMap((g) => g.targetIds ?? []).map(String))];
  const scopes = data.scopes.filter(isWhatsAppScope);
  const ungranular = scopes.some((s) => !grants.some((g) => g.scope === s));
  const broad = grants.some((g) => g.targetIds === undefined);
  const bm = data.granularScopes.filter((g) => g.scope === 'business_management');
  return {
    targetIds,
    needsListing: broad || ungranular,
    noWhatsApp: grants.length === 0 && scopes.length === 0,
    businessManagement: data.scopes.includes('business_management') || bm.length > 0,
    businessIds: [...new Set(bm.flatMap((g) => g.targetIds ?? []).map(String))],
  };
}
