// An answer is computed first and written afterwards, so the same routing serves plain HTTP requests and
// batch items (where it becomes `{code, headers, body}`), and global faults can rewrite it before it is sent.

export interface Answer {
  status: number;
  /** Lower-case header names. content-type is always set. */
  headers: Record<string, string>;
  body: string;
  /** Wait this long before sending anything (the "slow" token). */
  delayMs?: number;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** What a load balancer in front of Graph sends when the backend is gone: HTML, not JSON. */
export function htmlAnswer(status: number): Answer {
  const title = status === 502 ? '502 Bad Gateway' : `${status} Error`;
  const body = `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The proxy server received an invalid response from an upstream server.</p><hr><address>emulated-proxy</address></body></html>\n`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
