// "Cannot tell" never passes an explicit gate: a field the policy depends on that is present but unreadable is
// "not judged" (exit 3); lists are judged item by item, so junk cannot hide a readable failure.
import { describe, expect, it } from 'vitest';
import { type Evidence, evaluate } from '../../src/core/evaluate.js';
import { type PolicyInput, readPolicy } from '../../src/core/policy.js';
import { reportExitCode } from '../../src/core/errors.js';
import { evaluateSavedResponse } from '../../src/run/offline.js';

const APP = '634974688087057';
const WABA = '102289599326934';
const OTHER = '102289599326999';
const NOW = new Date('2026-11-23T00:00:00Z');
const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';

const policy = (input: PolicyInput = {}) => readPolicy({ appId: APP, ...input });
const data = (over: Record<string, unknown> = {}) => ({
  app_id: APP,
  type: 'SYSTEM_USER',
  is_valid: true,
  expires_at: 0,
  scopes: [MGMT, MSG],
  granular_scopes: [
    { scope: MGMT, target_ids: [WABA] },
    { scope: MSG, target_ids: [WABA] },
  ],
  ...over,
});
const judge = (over: Record<string, unknown>, input: PolicyInput) =>
  evaluate({ inspection: { kind: 'data', data: data(over) } } satisfies Evidence, policy(input), NOW);

describe('explicit gates left open are not judged (exit 3)', () => {
  it.each([
    ['expires_at unreadable with min-days', { expires_at: 'soon' }, { minDays: 7 }, /expires_at is not a time/],
    ['type of an unknown kind with require-type', { type: 'ROBOT' }, { requireType: 'system-user' }, /require-type/],
    ['type not a string with require-type', { type: 42 }, { requireType: 'system-user' }, /type is not a string/],
    [
      'junk in granular_scopes with waba-id and no readable miss',
      { granular_scopes: [{ scope: MGMT, target_ids: [WABA] }, 'junk', { scope: MSG, target_ids: [WABA] }] },
      { wabaIds: [WABA] },
      /granular_scopes holds 1 unreadable item/,
    ],
  ])('%s', (_name, over, input, message) => {
    const r = judge(over, input);
    expect(r.verdict).toBe('error');
    expect(reportExitCode(r)).toBe(3);
    expect(r.error?.message).toMatch(message);
  });

  it('the same answers without the gate are judged as before (a warning at most)', () => {
    expect(judge({ expires_at: 'soon' }, {}).verdict).toBe('warn');
    expect(judge({ type: 'ROBOT' }, {}).verdict).not.toBe('error');
  });

  it('junk in granular_scopes cannot hide a readable miss of --waba-id: judged item by item, a failure', () => {
    const r = judge(
      { granular_scopes: [{ scope: MGMT, target_ids: [OTHER] }, { scope: 7 }, { scope: MSG, target_ids: [OTHER] }] },
      { wabaIds: [WABA] },
    );
    expect(r.verdict).toBe('fail');
    expect(reportExitCode(r)).toBe(1);
    expect(r.checks.find((c) => c.id === 'scope.targets')?.status).toBe('fail');
  });
});

describe('{data, error}: the same offline and live', () => {
  it('a saved answer with both data and a token error is judged as the error (never a pass)', () => {
    const text = JSON.stringify({
      data: data(),
      error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 },
    });
    const r = evaluateSavedResponse(text, policy(), NOW, 'saved.json');
    expect(r.verdict).toBe('fail');
    expect(r.checks.find((c) => c.id === 'token.valid')).toMatchObject({ status: 'fail', graphError: '190.463' });
  });
});
