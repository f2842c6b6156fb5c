// Graph error messages can echo what they were sent; anything we relay passes through a redactor first.

export type Redact = (text: string) => string;

export const REDACTED = '[redacted]';

/** A redactor for these secrets in their raw, URL-encoded and form-encoded shapes. */
export function makeRedactor(secrets: Iterable<string | undefined>): Redact {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of secretForms(s)) needles.add(form);
  }
  // Longest first, so a secret is never half-replaced by a shorter one inside it.
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const n of sorted) out = out.split(n).join(REDACTED);
    return out;
  };
}

/** The shapes a secret takes on the wire and in logs. */
export function secretForms(secret: string): string[] {
  return [
    ...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)]),
  ];
}
