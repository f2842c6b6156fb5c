// Which Graph base URLs are Meta's. The token goes to the Graph URL as a bearer, so a URL that is neither Meta's
// Graph API nor a loopback host (the local emulator) is always announced: it may come from a flag, an Action
// input, or WA_AUDIT_GRAPH_URL set by an earlier CI step. Pure, loaded at start-up by the fronts.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** graph.facebook.com and Meta's other Graph hosts (graph-video., graph.beta., …) under facebook.com. */
export function isMetaGraphHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'graph.facebook.com' || (h.startsWith('graph') && h.endsWith('.facebook.com'));
}

/**
 * What a front says about the Graph URL before anything is sent, or nothing for Meta's own Graph. `setting` names
 * where the URL came from (`--graph-url`, `WA_AUDIT_GRAPH_URL`, `input 'graph-url'`).
 */
export function graphUrlNotices(url: string | undefined, setting: string, fromEnvironment = false): string[] {
  if (url === undefined || url.trim() === '') return [];
  const notices: string[] = [];
  let host: string;
  try {
    const u = new URL(url.trim());
    // Plain http to a non-loopback host is refused by the client's own check, with its own message.
    if (u.protocol !== 'https:') return [];
    host = u.hostname;
  } catch {
    return []; // refused with a usage error by the client's own check
  }
  if (fromEnvironment)
    notices.push(`the Graph URL comes from the environment (${setting}): ${host}; unset it to use Meta's Graph API.`);
  if (!isMetaGraphHost(host) && !isLoopbackHost(host))
    notices.push(
      `${setting} points at ${host}, which is not Meta's Graph API (graph.facebook.com): the token will be sent there as a bearer. Use it only for a host you trust.`,
    );
  return notices;
}
