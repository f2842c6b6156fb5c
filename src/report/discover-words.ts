// Words shared by the discovery renderers (text, Markdown, the Action's job summary).
import type { DiscoveredPhone, DiscoveredWaba, Discovery } from '../core/types.js';

export const SOURCE_WORD: Record<DiscoveredWaba['source'], string> = {
  target_ids: 'grant target_ids',
  assigned_whatsapp_business_accounts: "user's assigned WABAs",
  owned_whatsapp_business_accounts: "business's own WABAs",
  client_whatsapp_business_accounts: "WABAs clients shared with the business",
};

/** "2 WABAs, 4 phone numbers" (+ "partial: 1 reason"), or why nothing was discovered. */
export function discoveryLine(d: Discovery): string {
  if (d.status === 'failed' || d.status === 'not-judged')
    return `${d.status === 'failed' ? 'Nothing discovered' : 'Not judged'}: ${d.error?.message ?? ''}`.trim();
  const phones = d.wabas.reduce((n, w) => n + w.phoneNumbers.length, 0);
  const head = `${count(d.wabas.length, 'WABA')}, ${count(phones, 'phone number')}`;
  return d.partial.length > 0
    ? `${head}; the list is partial (${count(d.partial.length, 'reason')} below)`
    : `${head}; complete`;
}

export function subscribedWord(w: DiscoveredWaba, appId: string | null): string {
  if (w.appSubscribed === null) return 'subscription unknown';
  const app = appId ? `app ${appId}` : 'app';
  return w.appSubscribed ? `${app} subscribed` : `${app} NOT subscribed`;
}

export function webhookLine(d: Discovery): string | undefined {
  const h = d.webhook;
  if (!h) return undefined;
  if (h.ok)
    return `app ${h.appId} has an active whatsapp_business_account subscription with "messages" (fields: ${h.fields.join(', ')}).`;
  if (!h.subscribed)
    return `app ${h.appId} has NO whatsapp_business_account subscription: replies and statuses never arrive.`;
  if (h.active === false) return `app ${h.appId}'s whatsapp_business_account subscription is NOT active.`;
  return `app ${h.appId}'s whatsapp_business_account subscription lacks the "messages" field (fields: ${h.fields.join(', ') || 'none'}).`;
}

export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function dash(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? '-' : v;
}

/** "health AVAILABLE", "health BLOCKED", "health unknown" (not read). */
export function healthWord(h: { canSendMessage: string | null } | null): string {
  return `health ${h?.canSendMessage ?? 'unknown'}`;
}

/** Where a number's messages webhooks go, and which level set it: "https://… (the number's own override)". */
export function callbackWord(c: DiscoveredPhone['callback']): string | undefined {
  if (!c) return undefined;
  if (c.state === 'known')
    return `${c.url} (${c.level === 'phone' ? "the number's own override" : c.level === 'waba' ? "the WABA's override" : "the app's callback URL"})`;
  if (c.state === 'nowhere') return `nowhere (${c.why ?? 'no callback URL'})`;
  return `cannot tell (${c.why ?? 'not read'})`;
}
