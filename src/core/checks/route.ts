import type { LiveFacts } from '../live.js';
import { effectiveRoute, type RouteFacts, type RouteLevel, routeFacts } from '../route.js';
import type { Check } from '../types.js';
import { type CheckContext, type CheckDefinition, perPhoneCheck } from './context.js';

/**
 * `webhook.route`: one check per expected phone number, where its `messages` webhooks (incoming messages and
 * message statuses) go for the expected app, after Meta's precedence — the number's alternate callback, else its
 * WABA's, else the app's callback URL (core/route.ts). URLs are shown as Graph gave them without their query
 * string.
 * - with policy.callbackUrl: pass when they go there; fail when they go elsewhere (naming the level that set it
 *   and how to change it), when the app is not subscribed to the number's WABA, or when no level has a URL; warn
 *   when a level above the answer could not be read (cannot tell);
 * - without it: pass on the app's own URL (or an override equal to it); warn when an override sends them to
 *   another URL than the app's (or the app's could not be read), or when nothing receives them (fail with
 *   requireWebhooks); skip when it cannot be told.
 */
export function webhookRoutes(live: LiveFacts | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.phoneNumberIds.map((id) => judge(factsOf(String(id), live, ctx.policy.appId), ctx));
}

/** The route facts of one expected number from the audit's live facts. */
function factsOf(phoneNumberId: string, live: LiveFacts | undefined, appId: string): RouteFacts {
  const phone = live?.phones?.find((p) => String(p.phoneNumberId) === phoneNumberId);
  const owner =
    (live?.wabaPhones ?? []).find(
      (w) => w.outcome === 'ok' && w.phones?.some((n) => String(n.id) === phoneNumberId),
    )?.wabaId ??
    live?.templateWabas?.find((t) => t.phoneNumberId === phoneNumberId)?.wabaId ??
    // Not listed by a WABA that was read: the WABA level then comes from the number's webhook_configuration.
    undefined;
  const waba = owner ? live?.subscriptions?.find((s) => String(s.wabaId) === String(owner)) : undefined;
  return routeFacts({
    phoneNumberId,
    appId,
    phone,
    ...(waba ? { waba } : {}),
    ...(live?.appSubscriptions ? { app: live.appSubscriptions } : {}),
  });
}

function judge(f: RouteFacts, ctx: CheckContext): Check {
  const { appId, callbackUrl: expected, requireWebhooks } = ctx.policy;
  const id = 'webhook.route';
  const who = `phone number ID ${f.phoneNumberId}`;
  const route = effectiveRoute(f);
  const appUrl = f.app.state === 'set' ? f.app.url : undefined;
  const details = {
    phoneNumberId: f.phoneNumberId,
    ...(f.wabaId ? { wabaId: f.wabaId } : {}),
    route: route.state,
    callbackUrl: route.state === 'known' ? route.url : null,
    level: route.state === 'known' ? route.level : null,
    levels: {
      phone: f.phone.state === 'set' ? f.phone.url : f.phone.state === 'none' ? null : f.phone.state,
      waba: f.waba.state === 'set' ? f.waba.url : f.waba.state === 'none' ? null : f.waba.state,
      app: f.app.state === 'set' ? f.app.url : f.app.state === 'none' ? null : f.app.state,
    },
    ...(expected ? { expected } : {}),
  };
  const setBy = (level: RouteLevel) =>
    level === 'phone'
      ? "the number's own alternate callback (webhook_configuration)"
      : level === 'waba'
        ? `${f.wabaId ? `WABA ${f.wabaId}'s` : "the number's WABA's"} alternate callback for app ${appId} (override_callback_uri)`
        : `app ${appId}'s callback URL`;

  if (route.state === 'unknown') {
    const hints = [
      ...(route.level === 'app'
        ? [`Give the app secret (${ctx.name('appSecret')}): the app's callback URL is read from GET /{app-id}/subscriptions with the app token.`]
        : []),
      ...(route.level === 'waba'
        ? [`Name the number's WABA with ${ctx.name('wabaIds')}: its subscribed apps say whether it overrides app ${appId}'s callback.`]
        : []),
      'WhatsApp Manager or App Dashboard > WhatsApp > Configuration shows the callback URL; Meta\'s "Webhook overrides" page shows how to read each level.',
    ];
    return {
      id,
      status: expected ? 'warn' : 'skip',
      message:
        `Cannot tell where messages webhooks for ${who} go: ${route.why}` +
        (route.level === 'phone' ? '' : ` (the levels above it set no URL)`) +
        '.',
      ...(expected ? { remediation: hints } : {}),
      details,
    };
  }

  if (route.state === 'nowhere') {
    const unsubscribed = route.reason === 'unsubscribed';
    return {
      id,
      status: expected || requireWebhooks ? 'fail' : 'warn',
      message: unsubscribed
        ? `Messages webhooks for ${who} reach no URL: app ${appId} is not subscribed to its WABA ${f.wabaId}, so incoming messages and statuses are never sent to it${expected ? ` (expected at ${expected})` : ''}.`
        : `Messages webhooks for ${who} reach no URL: neither the number, its WABA nor app ${appId} has a callback URL${expected ? ` (expected at ${expected})` : ''}.`,
      remediation: unsubscribed
        ? [
            `Subscribe app ${appId} to WABA ${f.wabaId} with the audited token: POST /{version}/${f.wabaId}/subscribed_apps. This tool only reads; it never calls it.`,
          ]
        : [
            `Set app ${appId}'s callback URL${expected ? ` to ${expected}` : ''}: App Dashboard > WhatsApp > Configuration > Callback URL, "Verify and save", then subscribe the "messages" field.`,
          ],
      details,
    };
  }

  const { url, level } = route;
  const where = setBy(level);
  if (expected) {
    if (url === expected)
      return {
        id,
        status: 'pass',
        message: `Messages webhooks for ${who} go to ${url}, as expected (set by ${where}).`,
        details,
      };
    return {
      id,
      status: 'fail',
      message:
        `Messages webhooks for ${who} go to ${url}, not to ${expected}: ${where} sets it` +
        (level !== 'app' && appUrl === expected
          ? `, and it outranks the app's own callback URL, which is ${expected}.`
          : '.') +
        ' Incoming messages and message statuses for this number never reach the release.',
      remediation: [...changeSteps(level, f, appId, expected), pinStep(url, ctx)],
      details,
    };
  }

  if (level === 'app')
    return {
      id,
      status: 'pass',
      message: `Messages webhooks for ${who} go to app ${appId}'s callback URL, ${url}; no override sends them elsewhere.`,
      details,
    };
  if (appUrl === url)
    return {
      id,
      status: 'pass',
      message: `Messages webhooks for ${who} go to ${url}, set by ${where}: the same URL as the app's own.`,
      details,
    };
  return {
    id,
    status: 'warn',
    message:
      `Messages webhooks for ${who} go to ${url}, set by ${where}, ` +
      (appUrl
        ? `not to app ${appId}'s own callback URL (${appUrl}).`
        : `and app ${appId}'s own callback URL could not be read to compare.`) +
      " Template and account webhooks still go to the app's URL.",
    remediation: [
      `If ${url} is the release's endpoint, say so with ${ctx.name('callbackUrl')} ${url}: the audit then fails when it changes.`,
      ...changeSteps(level, f, appId, appUrl),
    ],
    details,
  };
}

/** How to change the level that routes the webhooks (Meta's "Webhook overrides" page; OpenAPI v23.0). */
function changeSteps(level: RouteLevel, f: RouteFacts, appId: string, target: string | undefined): string[] {
  const to = target ?? '<the release URL>';
  if (level === 'phone')
    return [
      `The number's alternate callback outranks its WABA's and the app's: POST /{version}/${f.phoneNumberId} with ` +
        `{"webhook_configuration":{"override_callback_uri":"${to}","verify_token":"<verify token>"}} points it at ${to}; ` +
        'an empty override_callback_uri removes it (then the WABA\'s alternate, else the app\'s URL, applies). This tool only reads; it never calls it.',
    ];
  if (level === 'waba')
    return [
      `${f.wabaId ? `WABA ${f.wabaId}` : "The number's WABA"} overrides app ${appId}'s callback for all its numbers: POST /{version}/${f.wabaId ?? '{waba-id}'}/subscribed_apps ` +
        `with {"override_callback_uri":"${to}","verify_token":"<verify token>"} points it at ${to}, or remove the WABA's alternate callback ` +
        '(Meta\'s "Webhook overrides" page) so the app\'s URL applies. This tool only reads; it never calls it.',
    ];
  return [
    `Set app ${appId}'s callback URL to ${to}: App Dashboard > WhatsApp > Configuration > Callback URL, "Verify and save" ` +
      `(or POST /{version}/${appId}/subscriptions with object=whatsapp_business_account, callback_url, verify_token and fields=messages, app token).`,
  ];
}

function pinStep(url: string, ctx: CheckContext): string {
  return `If ${url} is in fact the release's endpoint, set ${ctx.name('callbackUrl')} to it.`;
}

/** One per expected phone number, with or without --callback-url. */
export const WEBHOOK_ROUTE: CheckDefinition = perPhoneCheck('webhook.route', (ctx, live) => webhookRoutes(live, ctx));
