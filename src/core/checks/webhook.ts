import { errorKey } from '../error-catalog.js';
import type { AppSubscriptionsProbe } from '../live.js';
import type { Check } from '../types.js';
import { type CheckContext, type CheckDefinition } from './context.js';
import { graphErrorText } from './phone.js';

/** The webhook object and field that carry incoming messages and message statuses. */
export const WEBHOOK_OBJECT = 'whatsapp_business_account';
const WEBHOOK_FIELD = 'messages';

/**
 * The health of an app's `whatsapp_business_account` subscription, for app.webhook and discovery alike: is there
 * one, is any active (null when there is none), its fields, and whether an active one carries `messages`.
 */
export function webhookHealth(subscriptions: NonNullable<AppSubscriptionsProbe['subscriptions']>) {
  const subs = subscriptions.filter((s) => s.object === WEBHOOK_OBJECT);
  const fields = [...new Set(subs.flatMap((s) => s.fields))];
  return {
    subscribed: subs.length > 0,
    active: subs.length > 0 ? subs.some((s) => s.active !== false) : null,
    fields,
    messages: fields.includes(WEBHOOK_FIELD),
    ok: subs.some((s) => s.active !== false && s.fields.includes(WEBHOOK_FIELD)),
  };
}

/**
 * `app.webhook` (only with an app secret: `GET /{app-id}/subscriptions` needs the app token): the app has an
 * active `whatsapp_business_account` webhook subscription that includes the `messages` field.
 * - present, active and with `messages`: pass;
 * - none, inactive, or without `messages`: warn (fail with policy.requireWebhooks): messages send, but replies
 *   and delivery statuses never arrive;
 * - refused: warn (fail with requireWebhooks), it cannot be confirmed; unknown (outage): skip.
 */
export function appWebhook(probe: AppSubscriptionsProbe, ctx: CheckContext): Check {
  const { appId, requireWebhooks } = ctx.policy;
  const id = 'app.webhook';
  const status = requireWebhooks ? 'fail' : 'warn';
  const configure = [
    `App Dashboard > app ${appId} > WhatsApp > Configuration: set the callback URL and verify token, click "Verify and save", ` +
      `then under Webhook fields subscribe "${WEBHOOK_FIELD}".`,
    `Or with the app token: POST /{version}/${appId}/subscriptions with object=${WEBHOOK_OBJECT}, fields=${WEBHOOK_FIELD}, ` +
      'callback_url and verify_token. This tool only reads; it never calls it.',
    'Make sure the callback URL answers the verification request (hub.challenge) over HTTPS with a valid certificate.',
  ];
  if (probe.outcome === 'unknown') {
    return {
      id,
      status: 'skip',
      message: `The webhook subscriptions of app ${appId} could not be checked: Graph could not be asked.`,
      details: { appId },
    };
  }
  if (probe.outcome === 'refused') {
    return {
      id,
      status,
      message:
        `Cannot tell whether app ${appId} receives WhatsApp webhooks: Graph refused to show its subscriptions. ` +
        (probe.error ? graphErrorText(probe.error) : 'Graph gave no reason.'),
      remediation: [
        `Check the app secret (${ctx.name('appSecret')}) belongs to the app given as ${ctx.name('appId')}.`,
        configure[0]!,
      ],
      ...(probe.error ? { graphError: errorKey(probe.error.code, probe.error.subcode) } : {}),
      details: { appId },
    };
  }
  const health = webhookHealth(probe.subscriptions ?? []);
  const details = {
    appId,
    object: WEBHOOK_OBJECT,
    subscribed: health.subscribed,
    active: health.active,
    fields: health.fields,
  };
  const consequence =
    'Messages can be sent, but incoming messages (replies) and delivery statuses (sent, delivered, read, failed) never arrive.';
  if (health.ok) {
    return {
      id,
      status: 'pass',
      message: `App ${appId} has an active ${WEBHOOK_OBJECT} webhook subscription with the "${WEBHOOK_FIELD}" field.`,
      details,
    };
  }
  if (!health.subscribed) {
    return {
      id,
      status,
      message: `App ${appId} has no ${WEBHOOK_OBJECT} webhook subscription. ${consequence}`,
      remediation: configure,
      details,
    };
  }
  if (health.active === false) {
    return {
      id,
      status,
      message: `App ${appId}'s ${WEBHOOK_OBJECT} webhook subscription is not active (the callback URL may have failed verification). ${consequence}`,
      remediation: configure,
      details,
    };
  }
  return {
    id,
    status,
    message: `App ${appId}'s ${WEBHOOK_OBJECT} webhook subscription does not include the "${WEBHOOK_FIELD}" field (it has: ${details.fields.join(', ') || 'none'}). ${consequence}`,
    remediation: configure,
    details,
  };
}

/** Runs when the shell read the app's webhook subscriptions (with an app secret). */
export const APP_WEBHOOK: CheckDefinition = {
  id: 'app.webhook',
  slots: (ctx, live) => (live?.appSubscriptions ? [{ id: 'app.webhook', details: { appId: ctx.policy.appId } }] : []),
  judge: (_data, ctx, live) => appWebhook(live!.appSubscriptions!, ctx),
};
