// How webhook-test words what an endpoint answered. Everything the endpoint sends is untrusted: it is redacted for
// the run's secrets, stripped of control and bidi characters, and cut short before it reaches any output.
import type { Redact } from '../graph/redact.js';
import type { Exchange } from './http.js';

/** One short printable line of untrusted text. */
export function printable(text: string, redact: Redact, max = 60): string {
  const clean = redact(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A URL as reports show it: scheme, host, port and path; a query string (which may hold secrets) as `?…`. */
export function shownUrl(url: URL, redact: Redact): string {
  return printable(`${url.origin}${url.pathname}${url.search ? '?…' : ''}`, redact, 200);
}

/** Seconds with one decimal: `5 s`, `0.5 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

const TLS_WHY: [RegExp, string][] = [
  [/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/, 'the certificate is self-signed'],
  [
    /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
    'the certificate chain is incomplete or its issuer is not a public CA',
  ],
  [/^CERT_HAS_EXPIRED$/, 'the certificate has expired'],
  [/^CERT_NOT_YET_VALID$/, 'the certificate is not valid yet'],
  [/^ERR_TLS_CERT_ALTNAME_INVALID$/, 'the certificate is for another host name'],
  [/^(ERR_SSL_WRONG_VERSION_NUMBER|EPROTO)$/, 'the server did not speak TLS on this port (plain HTTP?)'],
  [/CERT|SSL|TLS/, 'the TLS connection could not be verified'],
];

/** Why TLS failed, in words, when `code` is a TLS error; undefined otherwise. */
export function tlsWhy(code: string): string | undefined {
  for (const [re, why] of TLS_WHY) if (re.test(code)) return `${why} (${code})`;
  return undefined;
}

/** Network failures that say something about the endpoint (Meta's delivery would fail the same way). */
const ENDPOINT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed before an answer',
  UND_ERR_CLOSED: 'the connection was closed before an answer',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stalled',
};

/**
 * A failure of this tool's own network rather than of the endpoint: the test was not made (exit 3).
 * A refusing proxy, a temporary DNS failure, anything unrecognised.
 */
export function notJudgedWhy(code: string): string | undefined {
  if (code in ENDPOINT_FAILURES || tlsWhy(code)) return undefined;
  if (code === 'PROXY_REFUSED' || code === 'PROXY_UPSTREAM')
    return 'the HTTPS proxy refused the tunnel; check HTTPS_PROXY and NO_PROXY';
  if (code === 'PROXY_UNREACHABLE') return 'the HTTPS proxy could not be reached; check HTTPS_PROXY and NO_PROXY';
  if (code === 'PROXY_CLOSED' || code === 'PROXY_TIMEOUT')
    return 'the HTTPS proxy did not answer the CONNECT; check HTTPS_PROXY and NO_PROXY';
  if (code === 'EAI_AGAIN') return 'DNS lookup failed temporarily on this machine';
  return `a network error on this machine (${code})`;
}

/** What happened, as a phrase: `HTTP 403`, `no answer within 5 s`, `the connection was refused`. */
export function outcome(x: Exchange, timeoutMs: number): string {
  if (x.kind === 'answer') return `HTTP ${x.status}`;
  if (x.kind === 'timeout') return `no answer within ${seconds(timeoutMs)}`;
  return tlsWhy(x.code) ?? ENDPOINT_FAILURES[x.code] ?? notJudgedWhy(x.code) ?? x.code;
}

/** Where a 3xx answer pointed, shown without its query; undefined when it names no valid place. */
export function redirectTarget(x: Exchange, base: URL, redact: Redact): string | undefined {
  if (x.kind !== 'answer') return undefined;
  const raw = x.headers.location;
  const loc = Array.isArray(raw) ? raw[0] : raw;
  if (!loc) return undefined;
  try {
    return shownUrl(new URL(loc, base), redact);
  } catch {
    return printable(loc, redact);
  }
}
