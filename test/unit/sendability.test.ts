import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/core/checks/context.js';
import { phoneHealth, wabaHealth } from '../../src/core/checks/health.js';
import { phoneMessagingLimit, phoneStatus } from '../../src/core/checks/phone-status.js';
import { readHealthStatus } from '../../src/core/health.js';
import type { PhoneProbe, WabaNodeProbe } from '../../src/core/live.js';
import { checkPolicy, type PolicyInput, readPolicy } from '../../src/core/policy.js';
import { keyName } from '../../src/core/settings.js';
import { untrusted } from '../../src/core/untrusted.js';

const APP = '634974688087057';
const WABA = '102289599326934';
const PHONE = '106540352242922';

function ctx(input: PolicyInput = {}): CheckContext {
  return { policy: readPolicy({ appId: APP, phoneNumberIds: PHONE, wabaIds: WABA, ...input }), now: 0, name: keyName };
}

type Node = NonNullable<PhoneProbe['node']>;
function phone(node: Partial<Node> = {}, over: Partial<PhoneProbe> = {}): PhoneProbe[] {
  return [
    {
      phoneNumberId: PHONE,
      outcome: 'ok',
      node: {
        displayPhoneNumber: '+1 555-010-0001',
        verifiedName: 'Shop',
        status: 'CONNECTED',
        nameStatus: 'APPROVED',
        accountMode: 'LIVE',
        codeVerificationStatus: 'EXPIRED',
        messagingLimit: 'TIER_2K',
        messagingLimitField: 'whatsapp_business_manager_messaging_limit',
        healthStatus: readHealthStatus(available()),
        ...node,
      },
      ...over,
    },
  ];
}

function available() {
  return {
    can_send_message: 'AVAILABLE',
    entities: [
      { entity_type: 'PHONE_NUMBER', id: PHONE, can_send_message: 'AVAILABLE' },
      { entity_type: 'WABA', id: WABA, can_send_message: 'AVAILABLE' },
      { entity_type: 'BUSINESS', id: '1', can_send_message: 'AVAILABLE' },
      { entity_type: 'APP', id: APP, can_send_message: 'AVAILABLE' },
    ],
  };
}

/** Meta's example of a BLOCKED WABA: a failing payment method (141006). */
function blockedByPayment() {
  return {
    can_send_message: 'BLOCKED',
    entities: [
      { entity_type: 'PHONE_NUMBER', id: PHONE, can_send_message: 'AVAILABLE' },
      {
        entity_type: 'WABA',
        id: WABA,
        can_send_message: 'BLOCKED',
        errors: [
          {
            error_code: 141006,
            error_description: 'There was an error with your payment method.',
            possible_solution: 'Add a valid payment method in WhatsApp Manager.',
          },
        ],
      },
      { entity_type: 'BUSINESS', id: '1', can_send_message: 'AVAILABLE' },
      { entity_type: 'APP', id: APP, can_send_message: 'AVAILABLE' },
    ],
  };
}

function limitedByVerification() {
  return {
    can_send_message: 'LIMITED',
    entities: [
      { entity_type: 'WABA', id: WABA, can_send_message: 'AVAILABLE' },
      {
        entity_type: 'BUSINESS',
        id: '1',
        can_send_message: 'LIMITED',
        additional_info: ['Your business is not verified.'],
        errors: [{ error_code: 141010, error_description: 'Business not verified.' }],
      },
    ],
  };
}

describe('untrusted()', () => {
  it('strips terminal escapes, control characters and line breaks', () => {
    // The bidi override is removed (invisible), the other controls become a space.
    expect(untrusted('a\u001b[31mred\u001b[0m\r\nb\u0000c\u202ed')).toBe('ared b cd');
  });
  it('breaks up workflow commands anywhere in a line, also when a control character sat between the colons', () => {
    const s = untrusted('ok\n::set-output name=x::y then ##[error]boom and :\u0000:add-mask::z');
    expect(s).not.toMatch(/::/);
    expect(s).not.toContain('##[');
    expect(s).toContain('set-output');
  });
  it('cuts long text', () => {
    expect(untrusted('x'.repeat(2000)).length).toBe(500);
  });
});

describe('phone.health', () => {
  it('passes when every entity is AVAILABLE', () => {
    const [c] = phoneHealth(phone(), ctx());
    expect(c).toMatchObject({ id: 'phone.health', status: 'pass' });
  });

  it('fails BLOCKED, naming the WABA, the error and Graph\'s own fix', () => {
    const [c] = phoneHealth(phone({ healthStatus: readHealthStatus(blockedByPayment()) }), ctx());
    expect(c!.status).toBe('fail');
    expect(c!.message).toContain(`WABA ${WABA} BLOCKED`);
    expect(c!.message).toContain('error 141006: There was an error with your payment method.');
    expect(c!.remediation!.join('\n')).toContain('Add a valid payment method in WhatsApp Manager.');
    expect(c!.remediation!.join('\n')).toContain('Payment methods');
  });

  it('warns LIMITED with the business entity and its additional info', () => {
    const [c] = phoneHealth(phone({ healthStatus: readHealthStatus(limitedByVerification()) }), ctx());
    expect(c!.status).toBe('warn');
    expect(c!.message).toContain('business portfolio 1 LIMITED');
    expect(c!.message).toContain('Your business is not verified.');
    expect(c!.remediation!.join(' ')).toContain('Security Center');
  });

  it('warns on a value it does not know, and when Graph gave none', () => {
    const odd = phoneHealth(phone({ healthStatus: readHealthStatus({ can_send_message: 'PAUSED', entities: [] }) }), ctx());
    expect(odd[0]!.status).toBe('warn');
    expect(odd[0]!.message).toContain('does not know');
    const none = phoneHealth(phone({ healthStatus: undefined }), ctx());
    expect(none[0]!.status).toBe('warn');
  });

  it('skips with the reason when the field was not read, or the number could not be', () => {
    const reason = 'Graph v26.0 refused the health_status field ("Tried accessing nonexisting field").';
    const [c] = phoneHealth(phone({}, { unread: [{ field: 'health_status', reason }] }), ctx());
    expect(c).toMatchObject({ status: 'skip', message: expect.stringContaining(reason) });
    expect(phoneHealth([{ phoneNumberId: PHONE, outcome: 'unknown' }], ctx())[0]!.status).toBe('skip');
    expect(phoneHealth(undefined, ctx())[0]!.status).toBe('skip');
  });

  it('makes Graph-supplied text safe before it reaches a message', () => {
    const evil = blockedByPayment();
    evil.entities[1]!.errors![0]!.error_description = 'bad\n::error title=x::owned ##[warning]again\u001b[2J';
    const [c] = phoneHealth(phone({ healthStatus: readHealthStatus(evil) }), ctx());
    expect(c!.message).not.toMatch(/::|##\[|[\n\u001b]/);
  });
});

describe('phone.status', () => {
  it('passes a live, connected number with an approved name and reports code verification EXPIRED without judging it', () => {
    const [c] = phoneStatus(phone(), ctx());
    expect(c).toMatchObject({ id: 'phone.status', status: 'pass' });
    expect(c!.message).toContain('Code verification: EXPIRED');
    expect(c!.details).toMatchObject({ codeVerificationStatus: 'EXPIRED', status: 'CONNECTED' });
  });

  it.each([
    ['PENDING', 'fail', 'not registered'],
    ['DISCONNECTED', 'fail', 'DISCONNECTED'],
    ['RESTRICTED', 'fail', 'RESTRICTED'],
    ['BANNED', 'fail', 'BANNED'],
    ['UNVERIFIED', 'fail', 'UNVERIFIED'],
    ['DELETED', 'fail', 'DELETED'],
    ['MIGRATED', 'fail', 'MIGRATED'],
    ['FLAGGED', 'warn', 'FLAGGED'],
    ['RATE_LIMITED', 'warn', 'RATE_LIMITED'],
    ['LINKED', 'warn', 'does not know'],
    ['SOMETHING_NEW', 'warn', 'does not know'],
  ])('status %s: %s', (status, verdict, words) => {
    const [c] = phoneStatus(phone({ status }), ctx());
    expect(c!.status).toBe(verdict);
    expect(c!.message).toContain(words);
    expect(c!.remediation!.length).toBeGreaterThan(0);
  });

  it('says how registration is done for a PENDING number', () => {
    const [c] = phoneStatus(phone({ status: 'PENDING', nameStatus: 'DECLINED' }), ctx());
    expect(c!.status).toBe('fail');
    expect(c!.remediation!.join(' ')).toContain(`POST /{version}/${PHONE}/register`);
    expect(c!.message).toContain('display name DECLINED');
  });

  it.each(['DECLINED', 'EXPIRED', 'PENDING_REVIEW', 'NONE', 'WHATEVER'])('name_status %s warns', (nameStatus) => {
    const [c] = phoneStatus(phone({ nameStatus }), ctx());
    expect(c!.status).toBe('warn');
    expect(c!.remediation!.join(' ')).toContain('display name');
  });

  it('AVAILABLE_WITHOUT_REVIEW passes', () => {
    expect(phoneStatus(phone({ nameStatus: 'AVAILABLE_WITHOUT_REVIEW' }), ctx())[0]!.status).toBe('pass');
  });

  it('SANDBOX warns, and fails with requireLive', () => {
    const [w] = phoneStatus(phone({ accountMode: 'SANDBOX' }), ctx());
    expect(w!.status).toBe('warn');
    expect(w!.message).toContain('allow list');
    const [f] = phoneStatus(phone({ accountMode: 'SANDBOX' }), ctx({ requireLive: true }));
    expect(f!.status).toBe('fail');
    expect(f!.message).toContain('(requireLive)');
  });

  it('never judges code_verification_status', () => {
    for (const code of ['EXPIRED', 'NOT_VERIFIED', 'UNVERIFIED', 'VERIFIED', 'ANYTHING']) {
      expect(phoneStatus(phone({ codeVerificationStatus: code }), ctx())[0]!.status).toBe('pass');
    }
  });

  it('warns when Graph did not show the status', () => {
    expect(phoneStatus(phone({ status: undefined }), ctx())[0]!.status).toBe('warn');
  });
});

describe('phone.messaging-limit', () => {
  it('shows the limit and passes without a minimum', () => {
    const [c] = phoneMessagingLimit(phone(), ctx());
    expect(c).toMatchObject({ status: 'pass', details: { limit: 'TIER_2K', users: 2000 } });
    expect(c!.message).toContain('2,000 users per 24 hours');
  });

  it('fails a lower limit than min-messaging-limit and passes an equal or higher one', () => {
    expect(phoneMessagingLimit(phone({ messagingLimit: 'TIER_250' }), ctx({ minMessagingLimit: '2K' }))[0]).toMatchObject({
      status: 'fail',
      details: { minimum: 2000, users: 250 },
    });
    expect(phoneMessagingLimit(phone(), ctx({ minMessagingLimit: 2000 }))[0]!.status).toBe('pass');
    expect(phoneMessagingLimit(phone({ messagingLimit: 'TIER_UNLIMITED' }), ctx({ minMessagingLimit: 'unlimited' }))[0]!.status).toBe('pass');
    expect(phoneMessagingLimit(phone({ messagingLimit: 'TIER_100K' }), ctx({ minMessagingLimit: 'unlimited' }))[0]!.status).toBe('fail');
  });

  it('a null or unknown limit: skipped without a minimum, a warning with one (cannot tell)', () => {
    expect(phoneMessagingLimit(phone({ messagingLimit: null }), ctx())[0]!.status).toBe('skip');
    expect(phoneMessagingLimit(phone({ messagingLimit: 'TIER_9X' }), ctx({ minMessagingLimit: 250 }))[0]!.status).toBe('warn');
  });

  it('a field the Graph version refused is a skip with the reason, also with a minimum', () => {
    const reason = 'Graph v23.0 has no whatsapp_business_manager_messaging_limit field.';
    const [c] = phoneMessagingLimit(
      phone({ messagingLimit: undefined }, { unread: [{ field: 'messaging_limit', reason }] }),
      ctx({ minMessagingLimit: 250 }),
    );
    expect(c).toMatchObject({ status: 'skip', message: expect.stringContaining(reason) });
  });

  it('min-messaging-limit accepts digits, K and unlimited, and refuses the rest with the setting named', () => {
    expect(readPolicy({ appId: APP, minMessagingLimit: '10k' }).minMessagingLimit).toBe(10000);
    expect(readPolicy({ appId: APP, minMessagingLimit: 2000 }).minMessagingLimit).toBe(2000);
    expect(checkPolicy({ appId: APP, minMessagingLimit: '2,000' }).problems).toHaveLength(1);
    expect(readPolicy({ appId: APP, minMessagingLimit: 'UNLIMITED' }).minMessagingLimit).toBe(Number.POSITIVE_INFINITY);
    const { problems } = checkPolicy({ appId: APP, minMessagingLimit: 'lots' });
    expect(problems[0]).toMatch(/^minMessagingLimit: expected a messaging limit/);
    expect(checkPolicy({ appId: APP, minMessagingLimit: '0' }).problems).toHaveLength(1);
  });
});

describe('waba.health', () => {
  function waba(node: Partial<NonNullable<WabaNodeProbe['node']>> = {}, over: Partial<WabaNodeProbe> = {}): WabaNodeProbe[] {
    return [
      {
        wabaId: WABA,
        outcome: 'ok',
        node: {
          name: 'Shop',
          accountReviewStatus: 'APPROVED',
          businessVerificationStatus: 'verified',
          healthStatus: readHealthStatus(available()),
          ...node,
        },
        ...over,
      },
    ];
  }

  it('passes a healthy, approved WABA of a verified business', () => {
    expect(wabaHealth(waba(), ctx())[0]).toMatchObject({ id: 'waba.health', status: 'pass' });
  });

  it('fails a REJECTED review and a BLOCKED health status; warns PENDING and an unverified business', () => {
    expect(wabaHealth(waba({ accountReviewStatus: 'REJECTED' }), ctx())[0]!.status).toBe('fail');
    expect(wabaHealth(waba({ healthStatus: readHealthStatus(blockedByPayment()) }), ctx())[0]!.status).toBe('fail');
    expect(wabaHealth(waba({ accountReviewStatus: 'PENDING' }), ctx())[0]!.status).toBe('warn');
    const [c] = wabaHealth(waba({ businessVerificationStatus: 'not_verified' }), ctx());
    expect(c!.status).toBe('warn');
    expect(c!.message).toContain('business verification not_verified');
    expect(c!.remediation!.join(' ')).toContain('Security Center');
  });

  it('an unknown review value warns', () => {
    expect(wabaHealth(waba({ accountReviewStatus: 'IN_LIMBO' }), ctx())[0]!.status).toBe('warn');
  });

  it('skips with the reason when health_status was refused and the rest is fine', () => {
    const reason = 'Graph refused the health_status field.';
    const [c] = wabaHealth(waba({ healthStatus: undefined }, { unread: [{ field: 'health_status', reason }] }), ctx());
    expect(c).toMatchObject({ status: 'skip', message: expect.stringContaining(reason) });
  });

  it('a refused read warns (cannot tell); an unknown one is skipped', () => {
    expect(wabaHealth([{ wabaId: WABA, outcome: 'refused', error: { code: 100, subcode: 33 } }], ctx())[0]!.status).toBe('warn');
    expect(wabaHealth([{ wabaId: WABA, outcome: 'unknown' }], ctx())[0]!.status).toBe('skip');
  });
});
