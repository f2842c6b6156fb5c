// Where a number's `messages` webhooks go, for one app: pure, shared by webhook.route and discovery.
//
// Meta's "Webhook overrides" page (Cloud API > Webhooks,
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/): an app may set
// an alternate callback URL for itself on a business phone number or on a WABA. For the message-type fields
// (`messages`, `message_echoes`, `calls`, …) the number's alternate wins, else the WABA's, else the app's own
// callback URL; template and account webhooks always go to the app's URL. An alternate set by another app routes
// only that app's webhooks, so only the expected app's entries count. The app must be subscribed to the WABA for
// any of it to arrive.
import type { AppSubscriptionsProbe, PhoneProbe, SubscriptionProbe } from './live.js';

export type RouteLevel = 'phone' | 'waba' | 'app';

/** What one level says: its URL, nothing set, or that it could not be read (and why). */
type LevelFact =
  | { state: 'set'; url: string; source: string }
  | { state: 'none'; source: string }
  | { state: 'unknown'; why: string };

export interface RouteFacts {
  phoneNumberId: string;
  /** The WABA that owns the number, when known. */
  wabaId?: string;
  phone: LevelFact;
  /** `unsubscribed`: the app is not among the subscribed apps of the number's WABA. */
  waba: LevelFact | { state: 'unsubscribed'; source: string };
  app: LevelFact;
}

export type Route =
  | { state: 'known'; url: string; level: RouteLevel }
  /** Nothing reaches any URL: the app is not subscribed to the WABA, or no level has a callback URL. */
  | { state: 'nowhere'; reason: 'unsubscribed' | 'no-callback' }
  | { state: 'unknown'; level: RouteLevel; why: string };

/** Meta's precedence: the number's alternate, else the WABA's, else the app's callback URL. */
export function effectiveRoute(f: RouteFacts): Route {
  if (f.waba.state === 'unsubscribed') return { state: 'nowhere', reason: 'unsubscribed' };
  for (const [level, fact] of [
    ['phone', f.phone],
    ['waba', f.waba],
    ['app', f.app],
  ] as const) {
    if (fact.state === 'set') return { state: 'known', url: fact.url, level };
    if (fact.state === 'unknown') return { state: 'unknown', level, why: fact.why };
  }
  return { state: 'nowhere', reason: 'no-callback' };
}

const OBJECT = 'whatsapp_business_account';

/**
 * The three levels of one number from what the audit (or discovery) read:
 * - phone: the number's `webhook_configuration.phone_number` (its read must have answered, with the field);
 * - WABA: the expected app's entry in the number's WABA's `subscribed_apps` (`override_callback_uri`, Meta's
 *   OpenAPI schema SubscribedApp_1), else `webhook_configuration.whatsapp_business_account`;
 * - app: the `callback_url` of the app's `whatsapp_business_account` subscription (`GET /{app-id}/subscriptions`,
 *   app token), else `webhook_configuration.application`.
 * A `webhook_configuration` in the answer lists every level that is set, so a key it lacks is a level with no
 * callback; without the field, a lower level comes only from its own read.
 */
export function routeFacts(input: {
  phoneNumberId: string;
  appId: string;
  phone: PhoneProbe | undefined;
  /** The subscribed apps of the WABA that owns the number (undefined: the owner is not known or not read). */
  waba?: SubscriptionProbe;
  app?: AppSubscriptionsProbe;
}): RouteFacts {
  const { phoneNumberId, appId, phone, waba, app } = input;
  const config = phone?.outcome === 'ok' ? phone.node?.webhookConfiguration : undefined;
  const unread = phone?.unread?.find((u) => u.field === 'webhook_configuration');
  const FIELD = 'webhook_configuration';

  let phoneLevel: LevelFact;
  if (!phone) phoneLevel = { state: 'unknown', why: 'the number was not read' };
  else if (phone.outcome !== 'ok')
    phoneLevel = {
      state: 'unknown',
      why: phone.outcome === 'unknown' ? 'Graph could not be asked about the number' : 'Graph refused to read the number',
    };
  else if (unread) phoneLevel = { state: 'unknown', why: unread.reason };
  else if (config?.phoneNumber) phoneLevel = { state: 'set', url: config.phoneNumber, source: `${FIELD}.phone_number` };
  else phoneLevel = { state: 'none', source: FIELD };

  let wabaLevel: RouteFacts['waba'];
  const ours = waba?.outcome === 'ok' ? waba.apps?.find((a) => String(a.id) === String(appId)) : undefined;
  const wabaSource = waba ? `${waba.wabaId}/subscribed_apps` : '';
  if (waba?.outcome === 'ok' && !ours) wabaLevel = { state: 'unsubscribed', source: wabaSource };
  else if (ours?.overrideCallbackUri) wabaLevel = { state: 'set', url: ours.overrideCallbackUri, source: wabaSource };
  else if (ours) wabaLevel = { state: 'none', source: wabaSource };
  else if (config?.whatsappBusinessAccount)
    wabaLevel = { state: 'set', url: config.whatsappBusinessAccount, source: `${FIELD}.whatsapp_business_account` };
  else if (config) wabaLevel = { state: 'none', source: FIELD };
  else
    wabaLevel = {
      state: 'unknown',
      why: waba
        ? `the subscribed apps of WABA ${waba.wabaId} could not be read`
        : "the number's WABA was not read and Graph gave no webhook_configuration",
    };

  let appLevel: LevelFact;
  const subs = app?.outcome === 'ok' ? (app.subscriptions ?? []).filter((s) => s.object === OBJECT) : undefined;
  const callback = subs?.find((s) => s.callbackUrl)?.callbackUrl;
  const appSource = `${appId}/subscriptions`;
  if (callback) appLevel = { state: 'set', url: callback, source: appSource };
  else if (config?.application) appLevel = { state: 'set', url: config.application, source: `${FIELD}.application` };
  else if (subs && subs.length === 0) appLevel = { state: 'none', source: appSource };
  else if (config) appLevel = { state: 'none', source: FIELD };
  else if (subs) appLevel = { state: 'unknown', why: `the subscription of app ${appId} gave no callback_url` };
  else
    appLevel = {
      state: 'unknown',
      why: app
        ? `the webhook subscriptions of app ${appId} could not be read`
        : "the app's callback URL needs the app secret (GET /{app-id}/subscriptions takes the app token)",
    };

  return {
    phoneNumberId,
    ...(waba ? { wabaId: waba.wabaId } : {}),
    phone: phoneLevel,
    waba: wabaLevel,
    app: appLevel,
  };
}
