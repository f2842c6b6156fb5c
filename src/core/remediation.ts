// Remediation texts, after Meta's Cloud API troubleshooting guide ("Authentication and Authorization Errors").
import { ACCESS_TOKEN_DEBUGGER_URL } from './error-catalog.js';
import { WHATSAPP_SCOPES } from './policy.js';


export function inspectInDebugger(): string {
  return (
    `Paste the token into the Access Token Debugger (${ACCESS_TOKEN_DEBUGGER_URL}) and check its app, expiry and ` +
    `permissions (${WHATSAPP_SCOPES.join(', ')}).`
  );
}

export function generateNewToken(appId: string, extraScopes: string[] = []): string {
  const scopes = [...new Set([...WHATSAPP_SCOPES, ...extraScopes])];
  return (
    `Generate a new token for Meta app ${appId || '(the expected app)'} with ${scopes.join(' and ')} selected: ` +
    'Business Settings > Users > System users > Generate new token (a System User token for production).'
  );
}
