// The two non-code topics of `wa-token-audit explain`. Project wording, written from Meta's WhatsApp Cloud API
// "Support / Troubleshooting" page (sections "Message Not Delivered" and "Conflicting Message Delivery Status")
// and its later editions (restricted or sanctioned country; Turkey no longer restricted since 2024-05-15).
import { SOURCES } from '../core/error-catalog.js';

interface ClientVersion {
  client: string;
  /** What the client is, in words. */
  label: string;
  minimum: string;
}

export interface UndeliveredGuide {
  topic: 'undelivered';
  title: string;
  summary: string;
  reasons: string[];
  minimumVersions: ClientVersion[];
  customerChecks: string[];
  /** `explain` keys of errors that belong to this topic. */
  relatedCodes: string[];
  source: string;
}

export interface ConflictingStatusGuide {
  topic: 'conflicting-status';
  title: string;
  summary: string;
  points: string[];
  source: string;
}

const TOS_LINK = 'https://wa.me/tos/20210210';

const MINIMUM_CLIENT_VERSIONS: readonly ClientVersion[] = [
  { client: 'Android', label: 'WhatsApp for Android', minimum: '2.21.15.15' },
  { client: 'SMBA', label: 'WhatsApp Business for Android', minimum: '2.21.15.15' },
  { client: 'iOS', label: 'WhatsApp for iPhone', minimum: '2.21.170.4' },
  { client: 'SMBI', label: 'WhatsApp Business for iPhone', minimum: '2.21.170.4' },
  { client: 'KaiOS', label: 'WhatsApp for KaiOS', minimum: '2.2130.10' },
  { client: 'Web', label: 'WhatsApp Web', minimum: '2.2132.6' },
];

export function undeliveredGuide(): UndeliveredGuide {
  return {
    topic: 'undelivered',
    title: 'Message sent but not delivered',
    summary:
      'The API accepted the message (status "sent") but it never reached the customer. For privacy and policy ' +
      'reasons Meta often does not say which cause applies; these are the known ones.',
    reasons: [
      'The customer did not come online within 30 days: WhatsApp keeps messages for offline customers for 30 days only.',
      'The customer blocked the business phone number, or another phone number of the same business.',
      'The customer is in a restricted or sanctioned country: Cuba, Iran, North Korea, Syria, or the Crimea, ' +
        'Donetsk or Luhansk regions of Ukraine. (Turkey is no longer restricted since 2024-05-15.)',
      `The customer has not accepted WhatsApp's latest Terms of Service and Privacy Policy: send them ${TOS_LINK} to accept them.`,
      'The customer uses a WhatsApp client older than the minimum versions below.',
      'The customer is part of an experiment group (error 130472).',
      'Meta held the message back to keep a good experience under the per-user marketing message limits (error 131049).',
    ],
    minimumVersions: MINIMUM_CLIENT_VERSIONS.map((v) => ({ ...v })),
    customerChecks: [
      'Can they send a message to your WhatsApp business phone number(s)?',
      'Is none of your business phone numbers in their blocked list (Settings > Privacy > Blocked, or Blocked contacts)?',
      'Have they accepted the latest Terms of Service? (Settings > Help, or Settings > Application information, asks them to if they have not.)',
      'Have they updated WhatsApp to the latest version?',
    ],
    relatedCodes: ['131026', '131049', '130472', '130497'],
    source: SOURCES.troubleshooting,
  };
}

export function conflictingStatusGuide(): ConflictingStatusGuide {
  return {
    topic: 'conflicting-status',
    title: 'Both "delivered" and "failed" status webhooks for one message',
    summary:
      'Rarely, one message triggers a "delivered" status webhook and also a "failed" one. This happens when the ' +
      'customer uses WhatsApp on several devices and the message reached one device but not another.',
    points: [
      'Any "delivered" status means the message reached at least one of the customer\'s devices: count it as delivered.',
      'Do not let a later "failed" status overwrite a "delivered" one for the same message ID, whichever order the webhooks arrive in.',
      'Do not resend the message because of the "failed" status: the customer already has it and would get it twice.',
    ],
    source: SOURCES.troubleshooting,
  };
}
