// POST /api/v1/me/password under the staff sign-in throttle (src/app/manage-staff-accounts.ts
// changeOwnPassword, policy in src/app/sign-in-officer.ts): wrong current passwords are counted with
// failed sign-ins under the account's username and the caller's address. On the injected clock: every
// request below happens at a moment the test sets, none waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILURES_MAX, SIGN_IN_WINDOW_MINUTES } from '../../src/app/sign-in-officer.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

const T0 = Date.parse('2026-12-05T10:00:00Z');
let at = T0;
const clock = { now: () => new Date(at) };

let t: TestPlatform;
let admin: { token: string };
beforeAll(async () => {
  t = await startTestPlatform({}, { clock });
  admin = await t.officer('pw-admin', 'admin');
});
afterAll(async () => {
  await t?.close();
});

const signIn = (username: string, password: string) => api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username, password } });

describe('own password change: wrong current passwords are throttled as failed sign-ins', () => {
  it(`${SIGN_IN_FAILURES_MAX} wrong in ${SIGN_IN_WINDOW_MINUTES} minutes: refused (429, Retry-After, the wait named), sign-in too; after the window the right password changes it`, async () => {
    at = T0;
    const { token } = await t.officer('guarded'); // its password: pw-guarded (test-platform.ts)
    const change = (currentPassword: string) => api(t.base, 'POST', '/api/v1/me/password', { token, body: { currentPassword, newPassword: 'a long enough passphrase' } });

    // 10 wrong current passwords at 10:00:00: each answered as wrong
    for (let i = 0; i < SIGN_IN_FAILURES_MAX; i++) {
      const r = await change(`guess-${i}`);
      expect([r.status, r.body.error.code], `guess ${i}`).toEqual([400, 'CURRENT_PASSWORD_WRONG']);
    }
    // the 11th, even with the right password: the window opened at 10:00:00 and lasts 15 minutes,
    // so 15 × 60 = 900 s remain
    const refused = await change('pw-guarded');
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([429, 'PASSWORD_CHANGE_RATE_LIMITED', { retryAfterSeconds: 900, throttle: 'locked' }]);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(refused.body.error.ko).toContain('15분 후 다시 시도하세요');
    expect(refused.body.error.en).toContain('try again in 15 min.');
    // one allowance for both routes: sign-in from this address is refused as well
    const signInRefused = await signIn('guarded', 'pw-guarded');
    expect([signInRefused.status, signInRefused.body.error.code]).toEqual([429, 'SIGN_IN_RATE_LIMITED']);

    // 10:14:59: 900 − 899 = 1 s left
    at = T0 + 899_000;
    const still = await change('pw-guarded');
    expect([still.status, still.headers.get('retry-after'), still.body.error.details.retryAfterSeconds]).toEqual([429, '1', 1]);
    expect([still.body.error.ko, still.body.error.en].join(' / ')).toContain('1초 후 다시 시도하세요. / ');
    expect(still.body.error.en).toContain('try again in 1 s.');

    // 10:15:00: the window is over; a wrong password now would be the first of a new one
    at = T0 + SIGN_IN_WINDOW_MINUTES * 60_000;
    const changed = await change('pw-guarded');
    expect(changed.status).toBe(204);
    expect((await signIn('guarded', 'a long enough passphrase')).status).toBe(200);
    expect((await signIn('guarded', 'pw-guarded')).body.error.code).toBe('INVALID_CREDENTIALS');

    // the audit log: the 10 wrong ones, and the one that started the wait; the refused tries wrote nothing
    const entries = (await api(t.base, 'GET', '/api/v1/admin/audit?action=user.password-change-failed', { token: admin.token })).body.entries as { subject: string; detail: Record<string, unknown> }[];
    const mine = entries.filter((e) => e.detail.address !== undefined);
    expect(mine.map((e) => e.detail.reason).sort()).toEqual(['throttled', ...Array(SIGN_IN_FAILURES_MAX).fill('wrong-current-password')]);
    expect(mine.find((e) => e.detail.reason === 'throttled')!.detail).toMatchObject({ throttle: 'locked', retryAfterSeconds: 900 });
    expect(JSON.stringify(mine)).not.toContain('guess-');
  });
});
