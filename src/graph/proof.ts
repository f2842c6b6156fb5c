import { createHmac } from 'node:crypto';

/** Graph's appsecret_proof: hex HMAC-SHA256 of the access token, keyed by the app secret (classic form). */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken, 'utf8').digest('hex');
}

/** The app access token: `APP_ID|APP_SECRET`. */
export function appAccessToken(appId: string, appSecret: string): string {
  return `${appId}|${appSecret}`;
}

/** Every secret a run holds, in every form it may take on the wire: the redactor and the Action mask these. */
export function runSecrets(token: string, appId: string, appSecret?: string): string[] {
  const secrets = [token];
  if (appSecret) {
    const appToken = appAccessToken(appId, appSecret);
    secrets.push(appSecret, appToken, appSecretProof(appToken, appSecret), appSecretProof(token, appSecret));
  }
  return secrets;
}
