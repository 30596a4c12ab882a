// POST /api/v1/me/password under the staff sign-in throttle (src/app/manage-staff-accounts.ts
// changeOwnPassword, policy in src/app/sign-in-officer.ts): wrong current passwords are counted with
// failed sign-ins under the account's username and the caller's address. On the injected clock: every
// request below happens at a moment the test sets, none waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILURES_MAX, SIGN_IN_USERNAME_FREE_FAILURES, SIGN_IN_WINDOW_MINUTES } from '../../src/app/sign-in-officer.ts';
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

  it('an attack on the account from many addresses does not sign the officer out for one wrong current password of their own: 429 slowed, the session kept', async () => {
    const A0 = Date.parse('2026-12-06T10:00:00Z');
    // 09:00: the officer signs in at their desk
    at = A0 - 60 * 60_000;
    const { token } = await t.officer('targeted'); // its password: pw-targeted
    const from = (remoteAddress: string, url: string, payload: Record<string, string>, headers: Record<string, string> = {}) =>
      t.platform.app.inject({ method: 'POST', url, payload, remoteAddress, headers });
    // 10:00:00–10:00:20: someone else fails to sign in under the officer's username from 21 addresses,
    // one a second (the 21st at 10:00:20 is let through: the 1 s wait after the 20th, 2^(20 − 20) s from
    // 10:00:19, is over)
    const attack: number[] = [];
    for (let i = 0; i <= SIGN_IN_USERNAME_FREE_FAILURES; i++) {
      at = A0 + i * 1000;
      attack.push((await from(`203.0.113.${i + 1}`, '/api/v1/auth/sign-in', { username: 'targeted', password: `guess-${i}` })).statusCode);
    }
    expect(attack).toEqual(Array(21).fill(401));

    // 10:30:00: the officer, on a mobile network (an address the account never signed in from), types
    // one wrong current password. Counted with the others: 22 failures under the username in the hour
    // begun at 10:00:00, past 20, so the next try waits 2^(22 − 20) = 4 s after it. The session's own:
    // 1 wrong, not 10 in 15 minutes nor 20 in an hour: it is not signed out (was: 429 signedOut: true,
    // its token 401 from then on, for another's guesses)
    at = A0 + 30 * 60_000;
    const change = (currentPassword: string) =>
      from('198.51.100.200', '/api/v1/me/password', { currentPassword, newPassword: 'a long enough passphrase' }, { authorization: `Bearer ${token}` });
    const typo = await change('pw-targetted');
    expect([typo.statusCode, typo.json().error.code, typo.json().error.details]).toEqual([429, 'PASSWORD_CHANGE_RATE_LIMITED', { retryAfterSeconds: 4, throttle: 'slowed' }]);
    expect(typo.headers['retry-after']).toBe('4');
    expect(typo.json().error.ko).toContain('4초 후 다시 시도하세요');
    expect((await me(token)).status).toBe(200);

    // 10:30:04 = 10:30:00 + 4 s: the wait is over, the right password changes it with the same session
    at = A0 + 30 * 60_000 + 4000;
    expect((await change('pw-targeted')).statusCode).toBe(204);
    expect((await me(token)).status).toBe(200);
  });

  it(`the session's own ${SIGN_IN_USERNAME_FREE_FAILURES} wrong in an hour, never ${SIGN_IN_FAILURES_MAX} in ${SIGN_IN_WINDOW_MINUTES} minutes, from its desk: signed out though the shared throttle spares that address`, async () => {
    const B0 = Date.parse('2026-12-07T10:00:00Z');
    // its desk (an address of its own: the route's 30 a minute from an address is not this test's point)
    const desk = (url: string, payload: Record<string, string>, headers: Record<string, string> = {}) =>
      t.platform.app.inject({ method: 'POST', url, payload, remoteAddress: '198.51.100.30', headers });
    at = B0 - 60 * 60_000; // 09:00: signed in at the desk, known to the throttle from then on
    await t.officer('pacer');
    const token = (await desk('/api/v1/auth/sign-in', { username: 'pacer', password: 'pw-pacer' })).json().token as string;
    const change = async (currentPassword: string) => {
      const r = await desk('/api/v1/me/password', { currentPassword, newPassword: 'a long enough passphrase' }, { authorization: `Bearer ${token}` });
      return { status: r.statusCode, body: r.json() };
    };
    // 7 wrong at 10:00, 7 at 10:15, 5 at 10:30: 19 in the hour begun at 10:00; each 15-minute count
    // begins again at 1 (10:15 is 15 minutes after 10:00), so at most 7 in one, never 10
    const answers: string[] = [];
    for (const [minute, n] of [[0, 7], [15, 7], [30, 5]] as const) {
      at = B0 + minute * 60_000;
      for (let i = 0; i < n; i++) answers.push((await change(`guess-${minute}-${i}`)).body.error.code);
    }
    expect(answers).toEqual(Array(19).fill('CURRENT_PASSWORD_WRONG'));
    // the 20th at 10:30: the shared counts lock nothing (6 from this address since 10:30) and do not slow
    // an address the account signed in from; the session's own 20 in an hour would wait 2^(20 − 20) = 1 s:
    // it ends (was: 400, the session kept to go on guessing)
    const last = await change('guess-30-5');
    expect([last.status, last.body.error.details]).toEqual([429, { retryAfterSeconds: 1, throttle: 'slowed', signedOut: true }]);
    expect(last.body.error.ko).toBe('로그인한 상태에서 비밀번호를 너무 많이 틀려(60분에 20번) 보안을 위해 로그아웃했습니다. 1초 후 다시 로그인하세요.');
    expect(last.body.error.en).toBe('Too many wrong passwords with this session (20 in 60 minutes): you have been signed out for security. Sign in again in 1 s.');
    expect((await me(token)).status).toBe(401);
  });
});
