// Graph error messages can echo what they were sent; anything we relay passes through a redactor first.

export type Redact = (text: string) => string;

const REDACTED = '[redacted]';

/** Secrets are found by an index of their first characters, so a fleet of 10,000 tokens costs one pass per text. */
const KEY = 8;

/** A redactor for these secrets in their raw, URL-encoded and form-encoded shapes. */
export function makeRedactor(secrets: Iterable<string | undefined>): Redact {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of secretForms(s)) needles.add(form);
  }
  const short: string[] = [];
  const byPrefix = new Map<string, string[]>();
  for (const n of needles) {
    if (n.length < KEY) {
      short.push(n);
      continue;
    }
    const list = byPrefix.get(n.slice(0, KEY)) ?? [];
    list.push(n);
    byPrefix.set(n.slice(0, KEY), list);
  }
  // Longest first, so a secret is never half-replaced by a shorter one that starts the same way.
  for (const list of byPrefix.values()) list.sort((a, b) => b.length - a.length);
  short.sort((a, b) => b.length - a.length);

  return (text) => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const hit = byPrefix.size > 0 ? byPrefix.get(text.slice(i, i + KEY))?.find((n) => text.startsWith(n, i)) : undefined;
      if (hit) {
        out += REDACTED;
        i += hit.length;
      } else {
        out += text[i];
        i++;
      }
    }
    for (const n of short) out = out.split(n).join(REDACTED);
    return out;
  };
}

/** The shapes a secret takes on the wire and in logs. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)])];
}
