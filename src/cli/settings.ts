// How the CLI names each setting in its messages: its flags, and the environment variable of the app secret.
import type { SettingKey, SettingNamer } from '../core/settings.js';
import { DEFAULT_APP_SECRET_ENV } from './token-source.js';

const FLAG: Record<Exclude<SettingKey, 'appSecret'>, string> = {
  appId: '--app-id',
  scopes: '--scope',
  wabaIds: '--waba-id',
  phoneNumberIds: '--phone-number-id',
  minDays: '--min-days',
  warnDays: '--warn-days',
  requireType: '--require-type',
  exactScopes: '--exact-scopes',
  requireWebhooks: '--require-webhooks',
  requireLive: '--require-live',
  minMessagingLimit: '--min-messaging-limit',
  strict: '--strict',
  templates: '--template',
  callbackUrl: '--callback-url',
  graphUrl: '--graph-url',
  graphVersion: '--graph-version',
  maxPages: '--max-pages',
  responseFile: '--response-file',
};

/** The CLI's names; the app secret is named by the variable --app-secret-env chose. */
export function cliSettingName(appSecretEnv?: string): SettingNamer {
  return (key) => (key === 'appSecret' ? `$${appSecretEnv || DEFAULT_APP_SECRET_ENV}` : FLAG[key]);
}
