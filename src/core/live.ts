// Facts the I/O shell gathered with live Graph calls, handed to the pure core as plain data.

/** A Graph error as the core needs it: never the raw message of a request that carried a secret. */
export interface GraphErrorFacts {
  code: number;
  subcode?: number;
  /** Already redacted by the Graph client. */
  message?: string;
}

/** `GET /{phone-number-id}` with the audited token. */
export interface PhoneProbe {
  phoneNumberId: string;
  /** ok: Graph answered with the node; refused: a permanent Graph error; unknown: could not ask (outage). */
  outcome: 'ok' | 'refused' | 'unknown';
  node?: {
    displayPhoneNumber?: string;
    verifiedName?: string;
    qualityRating?: string;
    codeVerificationStatus?: string;
    platformType?: string;
    throughput?: string;
    status?: string;
    nameStatus?: string;
  };
  error?: GraphErrorFacts;
}

/** `GET /{waba-id}/subscribed_apps` with the audited token. */
export interface SubscriptionProbe {
  wabaId: string;
  outcome: 'ok' | 'refused' | 'unknown';
  apps?: { id: string; name?: string }[];
  error?: GraphErrorFacts;
}

export interface LiveFacts {
  phones?: PhoneProbe[];
  subscriptions?: SubscriptionProbe[];
}
