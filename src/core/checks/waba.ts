import { errorKey } from '../error-catalog.js';
import type { SubscriptionProbe } from '../live.js';
import type { Check } from '../types.js';
import { type CheckContext, type CheckDefinition, perWaba } from './context.js';
import { graphErrorText } from './phone.js';

/**
 * `waba.subscribed`: one check per expected WABA (policy order), same id, WABA ID in the message and in
 * details.wabaId. The expected app (policy.appId) among the WABA's subscribed apps passes; otherwise warn, or
 * fail with policy.requireWebhooks. A refused probe is judged the same way (cannot confirm: warn, or fail with
 * requireWebhooks); an unknown outcome or a WABA that was not probed is skipped. Read-only: this tool never
 * subscribes the app itself.
 */
export function wabaSubscribed(probes: SubscriptionProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.wabaIds.map((wabaId) =>
    judge(
      wabaId,
      probes?.find((p) => String(p.wabaId) === String(wabaId)),
      ctx,
    ),
  );
}

function judge(wabaId: string, probe: SubscriptionProbe | undefined, ctx: CheckContext): Check {
  const { appId, requireWebhooks } = ctx.policy;
  const id = 'waba.subscribed';
  const status = requireWebhooks ? 'fail' : 'warn';
  const subscribe = [
    `Subscribe app ${appId} to the WABA once, with the audited token: POST /{version}/${wabaId}/subscribed_apps ` +
      '(Authorization: Bearer <token>). This tool only reads; it never calls it.',
    'Then check App Dashboard > WhatsApp > Configuration: the callback URL is verified and the "messages" field is subscribed.',
  ];
  if (!probe)
    return {
      id,
      status: 'skip',
      message: `WABA ${wabaId}: subscribed apps were not probed.`,
      details: { wabaId },
    };
  if (probe.outcome === 'unknown') {
    return {
      id,
      status: 'skip',
      message: `WABA ${wabaId}: subscribed apps could not be checked, Graph could not be asked.`,
      details: { wabaId },
      ...(probe.error ? { graphError: errorKey(probe.error.code, probe.error.subcode) } : {}),
    };
  }
  if (probe.outcome === 'refused') {
    return {
      id,
      status,
      message:
        `Cannot tell whether app ${appId} receives webhooks for WABA ${wabaId}: Graph refused to list its subscribed apps. ` +
        (probe.error ? graphErrorText(probe.error) : 'Graph gave no reason.'),
      remediation: [
        'Check that the WABA ID is right and that the token reaches it (see scope.targets).',
        'Give the system user access to the WABA: Business Settings > Users > System users > Assign assets > WhatsApp accounts.',
      ],
      details: { wabaId },
      ...(probe.error ? { graphError: errorKey(probe.error.code, probe.error.subcode) } : {}),
    };
  }
  const apps = probe.apps ?? [];
  const details = { wabaId, apps: apps.map((a) => ({ id: String(a.id), name: a.name ?? null })) };
  const ours = apps.find((a) => String(a.id) === String(appId));
  if (ours) {
    return {
      id,
      status: 'pass',
      message: ours.overrideCallbackUri
        ? `App ${appId}${ours.name ? ` (${ours.name})` : ''} is subscribed to WABA ${wabaId}, but the WABA overrides its callback: ` +
          `messages webhooks (incoming messages, message statuses) for this WABA go to ${ours.overrideCallbackUri}, not to the app's ` +
          "callback URL, unless a phone number sets its own (webhook.route); template and account webhooks still go to the app's URL."
        : `App ${appId}${ours.name ? ` (${ours.name})` : ''} is subscribed to WABA ${wabaId}: its webhooks (incoming messages, message statuses) go to the app's callback URL, unless a phone number overrides it.`,
      details: { ...details, ...(ours.overrideCallbackUri ? { overrideCallbackUri: ours.overrideCallbackUri } : {}) },
    };
  }
  const others = apps.length
    ? `only ${apps.map((a) => `app ${a.id}${a.name ? ` (${a.name})` : ''}`).join(', ')} ${apps.length === 1 ? 'is' : 'are'}`
    : 'no app is';
  return {
    id,
    status,
    message:
      `App ${appId} is not subscribed to WABA ${wabaId} (${others} subscribed). Messages can be sent, but incoming ` +
      'messages and status webhooks (sent, delivered, read, failed) for this WABA will not arrive.',
    remediation: subscribe,
    details,
  };
}

/**
 * Runs when there are expected WABAs and the shell probed subscriptions, or when the policy requires webhooks
 * (then a missing probe shows as skipped rather than silently absent).
 */
export const WABA_SUBSCRIBED: CheckDefinition = {
  id: 'waba.subscribed',
  slots: (ctx, live) =>
    live?.subscriptions !== undefined || ctx.policy.requireWebhooks ? perWaba('waba.subscribed', ctx) : [],
  judge: (_data, ctx, live) => wabaSubscribed(live?.subscriptions, ctx),
};
