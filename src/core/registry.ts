// Every check, in report order. This one list drives evaluate(): which checks run, in which order, and which
// are listed as skipped when the token cannot be judged further. A new check is one file in checks/ exporting
// a CheckDefinition, plus one line here.
import { APP_ID } from './checks/app.js';
import type { CheckDefinition } from './checks/context.js';
import { TOKEN_EXPIRY } from './checks/expiry.js';
import { TOKEN_TYPE } from './checks/kind.js';
import { PHONE_HEALTH, WABA_HEALTH } from './checks/health.js';
import { PHONE_REACHABLE } from './checks/phone.js';
import { PHONE_MESSAGING_LIMIT, PHONE_STATUS } from './checks/phone-status.js';
import { PHONE_WABA } from './checks/phone-waba.js';
import { LEAST_PRIVILEGE } from './checks/privilege.js';
import { PHONE_REGION } from './checks/region.js';
import { REQUIRED_SCOPES } from './checks/scopes.js';
import { SCOPE_TARGETS } from './checks/targets.js';
import { TOKEN_VALID } from './checks/validity.js';
import { WABA_SUBSCRIBED } from './checks/waba.js';
import { TEMPLATES } from './checks/template.js';
import { APP_WEBHOOK } from './checks/webhook.js';
import { WEBHOOK_ROUTE } from './checks/route.js';

/** token.valid comes first: when it does not pass, every other check is listed as skipped. */
export const CHECKS: readonly CheckDefinition[] = [
  TOKEN_VALID,
  APP_ID,
  REQUIRED_SCOPES,
  SCOPE_TARGETS,
  TOKEN_EXPIRY,
  TOKEN_TYPE,
  LEAST_PRIVILEGE,
  PHONE_REACHABLE,
  PHONE_REGION,
  PHONE_STATUS,
  PHONE_HEALTH,
  PHONE_MESSAGING_LIMIT,
  WABA_SUBSCRIBED,
  WABA_HEALTH,
  PHONE_WABA,
  APP_WEBHOOK,
  WEBHOOK_ROUTE,
  TEMPLATES,
];
