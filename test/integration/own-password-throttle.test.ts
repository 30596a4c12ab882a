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

const me = (token: string) => api(t.base, 'GET', '/api/v1/me', { token });

describe('own password change: wrong current passwords are throttled as failed sign-ins', () => {
  it(`${SIGN_IN_FAILURES_MAX} wrong in ${SIGN_IN_WINDOW_MINUTES} minutes: the ${SIGN_IN_FAILURES_MAX}th is refused (429, Retry-After, the wait named) and ends the session it came with; sign-in waits too; after the window a new session changes it`, async () => {
    at = T0;
    const { token } = await t.officer('guarded'); // its password: pw-guarded (test-platform.ts)
    // a second session of the same officer, signed in before the guesses (from the same address)
    const other = (await signIn('guarded', 'pw-guarded')).body.token as string;
    const change = (currentPassword: string, as = token) => api(t.base, 'POST', '/api/v1/me/password', { token: as, body: { currentPassword, newPassword: 'a long enough passphrase' } });

    // 9 wrong current passwords at 10:00:00: each answered as wrong, the session still good
    for (let i = 0; i < SIGN_IN_FAILURES_MAX - 1; i++) {
      const r = await change(`guess-${i}`);
      expect([r.status, r.body.error.code], `guess ${i}`).toEqual([400, 'CURRENT_PASSWORD_WRONG']);
    }
    expect((await me(token)).status).toBe(200);
    // the 10th starts the lock: the window opened at 10:00:00 and lasts 15 minutes, so 15 × 60 = 900 s
    // remain; the session that guessed is signed out (was: 400 CURRENT_PASSWORD_WRONG, the session
    // kept, to guess again once the window was over)
    const tripped = await change(`guess-${SIGN_IN_FAILURES_MAX - 1}`);
    expect([tripped.status, tripped.body.error.code, tripped.body.error.details]).toEqual([429, 'PASSWORD_CHANGE_RATE_LIMITED', { retryAfterSeconds: 900, throttle: 'locked', signedOut: true }]);
    expect(tripped.headers.get('retry-after')).toBe('900');
    expect(tripped.body.error.ko).toContain('보안을 위해 로그아웃했습니다. 15분 후 다시 로그인하세요.');
    expect(tripped.body.error.en).toContain('you have been signed out for security. Sign in again in 15 min.');
    // its token is refused from now on, the right password with it too
    expect((await me(token)).status).toBe(401);
    expect((await change('pw-guarded')).body.error.code).toBe('UNAUTHENTICATED');
    // the other session tried nothing: a refused try (nothing checked) is no guess, and ends nothing
    const refused = await change('pw-guarded', other);
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([429, 'PASSWORD_CHANGE_RATE_LIMITED', { retryAfterSeconds: 900, throttle: 'locked' }]);
    expect(refused.body.error.ko).toContain('15분 후 다시 시도하세요');
    expect((await me(other)).status).toBe(200);
    // one allowance for both routes: sign-in from this address is refused as well
    const signInRefused = await signIn('guarded', 'pw-guarded');
    expect([signInRefused.status, signInRefused.body.error.code]).toEqual([429, 'SIGN_IN_RATE_LIMITED']);

    // 10:14:59: 900 − 899 = 1 s left
    at = T0 + 899_000;
    const still = await change('pw-guarded', other);
    expect([still.status, still.headers.get('retry-after'), still.body.error.details.retryAfterSeconds]).toEqual([429, '1', 1]);
    expect([still.body.error.ko, still.body.error.en].join(' / ')).toContain('1초 후 다시 시도하세요. / ');
    expect(still.body.error.en).toContain('try again in 1 s.');

    // 10:15:00: the window is over; signed in again, the right password changes it
    at = T0 + SIGN_IN_WINDOW_MINUTES * 60_000;
    const again = await signIn('guarded', 'pw-guarded');
    expect(again.status).toBe(200);
    const changed = await change('pw-guarded', again.body.token);
    expect(changed.status).toBe(204);
    expect((await signIn('guarded', 'a long enough passphrase')).status).toBe(200);
    expect((await signIn('guarded', 'pw-guarded')).body.error.code).toBe('INVALID_CREDENTIALS');

    // the audit log: the 10 wrong ones, and the one that started the wait, which signed the session out; the refused tries wrote nothing
    const entries = (await api(t.base, 'GET', '/api/v1/admin/audit?action=user.password-change-failed', { token: admin.token })).body.entries as { subject: string; detail: Record<string, unknown> }[];
    const mine = entries.filter((e) => e.detail.address !== undefined);
    expect(mine.map((e) => e.detail.reason).sort()).toEqual(['throttled', ...Array(SIGN_IN_FAILURES_MAX).fill('wrong-current-password')]);
    expect(mine.find((e) => e.detail.reason === 'throttled')!.detail).toMatchObject({ throttle: 'locked', retryAfterSeconds: 900, signedOut: true });
    expect(JSON.stringify(mine)).not.toContain('guess-');
  });
});
