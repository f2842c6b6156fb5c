// Pure: what each answer of the callback URL means. One small function per check; the runner (run.ts) decides
// which requests are sent and hands each answer here.
import type { Redact } from '../graph/redact.js';
import type { Exchange } from './http.js';
import type { WebhookCheck, WebhookCheckId } from '../core/webhook-test.js';
import { outcome, printable, redirectTarget, seconds, tlsWhy } from './words.js';

export interface JudgeContext {
  base: URL;
  redact: Redact;
  timeoutMs: number;
  /** How the fronts name the settings: `$WHATSAPP_VERIFY_TOKEN` / `input 'verify-token'`, and the app secret's. */
  verifyTokenName: string;
  appSecretName: string;
}

const is2xx = (x: Exchange) => x.kind === 'answer' && x.status >= 200 && x.status < 300;
const is3xx = (x: Exchange) => x.kind === 'answer' && x.status >= 300 && x.status < 400;

/** `HTTP 302 to https://host/path`: webhook-test never follows a redirect, it says where it pointed. */
function redirectWords(x: Exchange, ctx: JudgeContext): string {
  const to = redirectTarget(x, ctx.base, ctx.redact);
  return `${outcome(x, ctx.timeoutMs)} redirecting to ${to ?? 'an address it did not name'} (redirects are not followed)`;
}

const REDIRECT_FIX =
  'Set the callback URL to the address that answers itself (often the https:// form, or the path with or without its trailing slash): Meta posts to the callback URL exactly as configured.';

export function tlsCheck(first: Exchange, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.tls';
  const https = ctx.base.protocol === 'https:';
  if (!https) {
    return {
      id,
      status: 'skip',
      message: `Plain HTTP on a loopback host (${ctx.base.host}): allowed for local tests only; Meta calls HTTPS callback URLs.`,
    };
  }
  const why = first.kind === 'network' ? tlsWhy(first.code) : undefined;
  if (why) {
    return {
      id,
      status: 'fail',
      message: `HTTPS to ${ctx.base.host} is not trusted: ${why}. Meta does not accept self-signed or otherwise untrusted certificates, so its requests never reach the endpoint.`,
      remediation: tlsFix(first.kind === 'network' ? first.code : ''),
      details: { code: first.kind === 'network' ? first.code : undefined },
    };
  }
  if (first.kind !== 'answer') {
    return {
      id,
      status: 'skip',
      message: `The certificate could not be checked: ${outcome(first, ctx.timeoutMs)}.`,
    };
  }
  return {
    id,
    status: 'pass',
    message: `HTTPS with a certificate for ${ctx.base.hostname} that a public client trusts (Node's default CA store).`,
  };
}

function tlsFix(code: string): string[] {
  if (/SELF_SIGNED/.test(code))
    return [
      "Serve a certificate from a public certificate authority (for example Let's Encrypt, or your host's or CDN's managed certificate) instead of a self-signed one.",
    ];
  if (/ISSUER|LEAF_SIGNATURE/.test(code))
    return ['Serve the full certificate chain (your certificate followed by the intermediate certificates), from a public certificate authority.'];
  if (/EXPIRED|NOT_YET_VALID/.test(code)) return ['Renew the certificate, and automate its renewal.'];
  if (/ALTNAME/.test(code)) return ['Serve a certificate whose names include the callback URL\'s host name.'];
  return ['Serve HTTPS on this address with a certificate from a public certificate authority.'];
}

/** The URL is plain HTTP on a host that is not loopback: nothing is sent, the verify token would travel in clear. */
export function plainHttpCheck(ctx: JudgeContext): WebhookCheck {
  return {
    id: 'webhook.tls',
    status: 'fail',
    message: `The callback URL is plain HTTP (${ctx.base.host}): Meta requires HTTPS with a valid certificate. Nothing was sent, so the verify token did not travel in clear.`,
    remediation: ['Serve the endpoint over HTTPS with a certificate from a public certificate authority, and use the https:// URL.'],
  };
}

export function handshakeCheck(x: Exchange, challenge: string, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.handshake';
  const request = 'the verification request (GET with hub.mode=subscribe, the verify token and a hub.challenge)';
  const tokenFix = `Compare hub.verify_token with the verify token set in the App Dashboard (the value in ${ctx.verifyTokenName}), and when hub.mode is "subscribe" and they match, answer 200 with hub.challenge as the whole body, as plain text.`;
  if (x.kind === 'answer' && x.status === 200) {
    if (x.body === challenge)
      return { id, status: 'pass', message: `Answered ${request} with 200 and exactly the challenge.` };
    if (x.body.trim() === challenge)
      return {
        id,
        status: 'warn',
        message: 'Answered the verification request with the challenge plus surrounding whitespace; Meta expects exactly the challenge.',
        remediation: ['Answer with hub.challenge alone: no newline, no spaces.'],
      };
    if (x.body.trim() === JSON.stringify(challenge) || x.body.includes(`"${challenge}"`))
      return {
        id,
        status: 'fail',
        message: 'Answered the verification request with the challenge as JSON (quoted); Meta expects the bare challenge, so verification fails.',
        remediation: ['Send hub.challenge as plain text (for example res.type("text/plain").send(challenge)), not as JSON.'],
      };
    const shown = printable(x.body, ctx.redact, 40);
    return {
      id,
      status: 'fail',
      message: `Answered the verification request with 200 but did not echo hub.challenge (it answered ${shown ? `"${shown}"` : 'an empty body'}), so Meta's "Verify and save" fails.`,
      remediation: [tokenFix],
    };
  }
  if (is3xx(x))
    return {
      id,
      status: 'fail',
      message: `Answered the verification request with ${redirectWords(x, ctx)}.`,
      remediation: [REDIRECT_FIX],
    };
  if (x.kind === 'answer' && (x.status === 401 || x.status === 403))
    return {
      id,
      status: 'fail',
      message: `Refused the verification request (HTTP ${x.status}): the endpoint's verify token differs from ${ctx.verifyTokenName}, or middleware (authentication, an IP filter, bot protection) refuses Meta's unsigned GET.`,
      remediation: [
        tokenFix,
        'Let the webhook route through authentication middleware: Meta sends no credentials, only the verify token (GET) and the signature (POST).',
      ],
    };
  if (x.kind === 'answer' && (x.status === 404 || x.status === 405))
    return {
      id,
      status: 'fail',
      message: `Answered the verification request with HTTP ${x.status}: the path is wrong, or the route does not answer GET.`,
      remediation: ['Check the callback URL\'s path, and that the same path answers both GET (verification) and POST (notifications).'],
    };
  return {
    id,
    status: 'fail',
    message: `The verification request failed: ${x.kind === 'answer' ? `answered HTTP ${x.status}` : outcome(x, ctx.timeoutMs)}.`,
    remediation: [
      x.kind === 'timeout'
        ? `Answer the verification request at once (within ${seconds(ctx.timeoutMs)}).`
        : 'Make sure the endpoint is deployed, reachable from the internet, and answers GET on this path.',
      tokenFix,
    ],
  };
}

export function handshakeRefusesCheck(x: Exchange, challenge: string, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.handshake-refuses';
  if (x.kind === 'answer' && !is2xx(x) && !is3xx(x))
    return { id, status: 'pass', message: `Refused a verification request with a wrong verify token (HTTP ${x.status}).` };
  if (is2xx(x)) {
    const echoed = x.kind === 'answer' && x.body.trim() === challenge;
    return {
      id,
      status: 'fail',
      message: `Accepted a verification request with a wrong verify token (HTTP ${x.kind === 'answer' ? x.status : ''}${echoed ? ', echoing the challenge' : ''}): any Meta app can subscribe this endpoint.`,
      remediation: [
        `Echo hub.challenge only when hub.verify_token equals the verify token (${ctx.verifyTokenName}); otherwise answer 403.`,
      ],
    };
  }
  return cannotTell(id, 'a verification request with a wrong verify token', x, ctx);
}

/** A refusal could not be confirmed (a redirect, no answer): never a pass. */
function cannotTell(id: WebhookCheckId, what: string, x: Exchange, ctx: JudgeContext): WebhookCheck {
  const how = is3xx(x) ? redirectWords(x, ctx) : outcome(x, ctx.timeoutMs);
  return {
    id,
    status: 'warn',
    message: `Cannot tell whether the endpoint refuses ${what}: ${how}.`,
    remediation: [is3xx(x) ? REDIRECT_FIX : 'Answer every request promptly: refuse what you do not accept with 401 or 403.'],
  };
}

const SIGNATURE_FIX = [
  'Check X-Hub-Signature-256 on every POST before acting on it: "sha256=" followed by the hex HMAC-SHA256 of the raw request body, keyed by the app secret, compared in constant time; answer 401 or 403 when it is missing or wrong.',
  'Compute it over the raw bytes received, before any JSON parsing; when the raw body is not available (a JSON body parser ran first), refuse the request rather than skipping the check.',
];

export function unsignedRefusedCheck(x: Exchange, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.unsigned-refused';
  if (x.kind === 'answer' && !is2xx(x) && !is3xx(x))
    return { id, status: 'pass', message: `Refused a POST without X-Hub-Signature-256 (HTTP ${x.status}).` };
  if (is2xx(x))
    return {
      id,
      status: 'fail',
      message: `ACCEPTED a POST without X-Hub-Signature-256 (HTTP ${x.kind === 'answer' ? x.status : ''}): anyone who knows the URL can post fake messages and statuses to it.`,
      remediation: SIGNATURE_FIX,
    };
  return cannotTell(id, 'an unsigned POST', x, ctx);
}

export function forgedRefusedCheck(x: Exchange, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.forged-refused';
  if (x.kind === 'answer' && !is2xx(x) && !is3xx(x))
    return { id, status: 'pass', message: `Refused a POST with a wrong X-Hub-Signature-256 (HTTP ${x.status}).` };
  if (is2xx(x))
    return {
      id,
      status: 'fail',
      message: `ACCEPTED a POST with a forged X-Hub-Signature-256 (HTTP ${x.kind === 'answer' ? x.status : ''}): the signature is not checked, so anyone can post fake messages and statuses to it.`,
      remediation: SIGNATURE_FIX,
    };
  return cannotTell(id, 'a POST with a forged signature', x, ctx);
}

export function signedAcceptedCheck(x: Exchange, ctx: JudgeContext): WebhookCheck {
  const id = 'webhook.signed-accepted';
  if (is2xx(x) && x.kind === 'answer')
    return {
      id,
      status: 'pass',
      message: `Accepted a correctly signed status notification with non-ASCII text (HTTP ${x.status} within ${seconds(ctx.timeoutMs)}).`,
      details: { status: x.status },
    };
  if (x.kind === 'timeout')
    return {
      id,
      status: 'fail',
      message: `A correctly signed notification got no answer within ${seconds(ctx.timeoutMs)}: an endpoint that works before it answers risks Meta counting the delivery as failed and sending it again.`,
      remediation: [
        'Answer 200 as soon as the signature checks out, then do the work (replies, database writes, AI calls) in the background or a queue.',
      ],
    };
  if (is3xx(x))
    return {
      id,
      status: 'fail',
      message: `A correctly signed notification was answered with ${redirectWords(x, ctx)}.`,
      remediation: [REDIRECT_FIX],
    };
  if (x.kind === 'answer' && (x.status === 401 || x.status === 403))
    return {
      id,
      status: 'fail',
      message: `REFUSED a correctly signed notification (HTTP ${x.status}): the signature is checked over something other than the bytes received (re-serialised JSON changes escapes such as \\u00e9 and \\/, so real messages with accents or emoji are refused), or the endpoint's app secret differs from ${ctx.appSecretName}.`,
      remediation: [
        'Compute the HMAC over the raw request body exactly as received (for example express.raw({ type: "application/json" }) or express.json({ verify })), never over JSON.stringify of the parsed body.',
        `Check that the endpoint uses the same app secret as ${ctx.appSecretName} (App Dashboard > App settings > Basic).`,
      ],
    };
  if (x.kind === 'answer')
    return {
      id,
      status: 'fail',
      message: `A correctly signed status notification for an unknown message was answered HTTP ${x.status}; Meta keeps re-sending a notification that is not answered 200, for up to 7 days.`,
      remediation: [
        'Answer 200 to every correctly signed notification, including statuses for messages or phone numbers the endpoint does not know; ignore what you do not need.',
      ],
    };
  return {
    id,
    status: 'fail',
    message: `A correctly signed notification could not be delivered: ${outcome(x, ctx.timeoutMs)}.`,
    remediation: ['Make sure the endpoint is deployed and reachable from the internet.'],
  };
}

export function notSent(id: WebhookCheckId, why: string): WebhookCheck {
  return { id, status: 'skip', message: `Not sent: ${why}.` };
}
