// The delivery `webhook-test` signs and posts: a message-status notification in the shape Meta sends to a
// WhatsApp webhook, for a message ID that cannot exist, written so that any re-serialisation changes its bytes.
//
// Shape: Meta's "Status messages webhook reference" (WhatsApp Business Platform, updated May 21, 2026),
//   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
//   object "whatsapp_business_account" > entry[].id (WABA) > changes[].value { messaging_product, metadata
//   { display_phone_number, phone_number_id }, statuses[] { id, status, timestamp, recipient_id, … } }, field "messages".
// Signature: Meta's "Create a webhook endpoint" (WhatsApp Business Platform),
//   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint
//   every POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the payload, keyed by the app secret>`;
//   the same header is what Meta's own Node.js SDK checks (https://whatsapp.github.io/WhatsApp-Nodejs-SDK/).
import { createHmac, randomBytes, randomInt } from 'node:crypto';

/** The message ID of the test status: `wamid.` IDs are base64, so hyphens make one no real message can have. */
export const TEST_MESSAGE_ID = 'wamid.WA-TOKEN-AUDIT-WEBHOOK-TEST-NOT-A-REAL-MESSAGE';

/**
 * The exact bytes of the signed delivery (UTF-8), given the Unix time it claims. Written by hand, on purpose:
 * - `\u00e9`-style escapes and `\/` (as Meta's own payloads escape them), which JavaScript's, Go's and Ruby's
 *   serialisers write back as raw characters and plain slashes;
 * - raw UTF-8 (`ü`, `日本`, an emoji), which PHP's and Python's default serialisers write back as escapes;
 * - a surrogate-pair escape for a second emoji, and a space after one colon, which compact serialisers drop;
 * - a final newline.
 * An endpoint that checks the signature over anything but the bytes it received rejects it.
 * The status is `delivered` for a message that does not exist: a bot that acts on statuses finds nothing to do.
 */
export function testPayload(unixSeconds: number): string {
  const ts = String(Math.trunc(unixSeconds));
  return (
    String.raw`{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"value":{"messaging_product":"whatsapp",` +
    String.raw`"metadata":{"display_phone_number":"15550000000","phone_number_id":"0"},"statuses":[{"id":"${TEST_MESSAGE_ID}",` +
    String.raw`"status":"delivered","timestamp":"${ts}","recipient_id":"0",` +
    String.raw`"biz_opaque_callback_data":"wa-token-audit webhook-test \u2014 caf\u00e9 na\u00efve \ud83d\ude80 https:\/\/example.invalid\/t\u00e9st` +
    ` · Grüße 日本 😀"}]},"field": "messages"}]}]}\n`
  );
}

/** `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed by `secret`: the X-Hub-Signature-256 value. */
export function hubSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A well-formed signature made with a key that is not the app secret (random, never printed). */
export function forgedSignature(body: string | Buffer): string {
  return hubSignature(body, `wa-token-audit-forged-${randomBytes(16).toString('hex')}`);
}

/** Meta's hub.challenge is a string of digits (its example: 1158201444); so is ours, random per run. */
export function newChallenge(): string {
  return String(randomInt(1_000_000_000, 2_000_000_000)) + String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A verify token that is certainly not the configured one. */
export function wrongVerifyToken(configured: string): string {
  let t: string;
  do t = `wa-token-audit-wrong-${randomBytes(8).toString('hex')}`;
  while (t === configured);
  return t;
}
