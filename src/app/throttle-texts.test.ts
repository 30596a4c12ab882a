// The throttles' refusals name the figures that refused, not figures written out: a staff sign-in
// throttle configured otherwise than 10 in 15 minutes (signInThrottle's options, sign-in-officer.ts)
// is named as configured on sign-in (signInOfficer) and on a password change (changeOwnPassword,
// manage-staff-accounts.ts); the consumer codes' limit from its constants (verify-consumer.ts).
import { describe, expect, it } from 'vitest';
import { changeOwnPassword } from './manage-staff-accounts.ts';
import { signInOfficer, signInThrottle } from './sign-in-officer.ts';
import type { SignInThrottleStore } from './ports/sign-in-throttle-store.ts';
import type { AccessStore, OfficerPrincipal, Secrets } from './ports.ts';
import { OTP_CODES_PER_WINDOW, OTP_WINDOW_MINUTES, startConsumerVerification } from './verify-consumer.ts';

const NOW = new Date('2026-12-06T10:00:00Z');
const clock = { now: () => NOW };
/** 5 failures under the username from this address since 09:50: the lock of a policy of 5 in 30 minutes. */
const lockedStore = {
  read: async () => ({ address: { failures: 5, since: new Date('2026-12-06T09:50:00Z') }, username: null, knownSince: null }),
} as unknown as SignInThrottleStore;
// 5 in 30 minutes (not the default 10 in 15): the window opened at 09:50 ends at 10:20, 20 × 60 = 1200 s from 10:00
const throttle = signInThrottle(lockedStore, { max: 5, windowMinutes: 30 });
const user = { id: 7, username: 'kim', displayName: 'Kim', role: 'officer', passwordHash: 'h', disabledAt: null };
const access = { findUserById: async () => user, findUserByUsername: async () => user } as unknown as AccessStore;
const secrets = {} as Secrets;

describe('a throttle refusal names the configured window and limit', () => {
  it('sign-in locked under 5 in 30 minutes: "30분에 5번", the wait 20분 (1200 s)', async () => {
    const r = await signInOfficer({ access, secrets, clock, throttle }, { username: 'kim', password: 'x', address: '203.0.113.9' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 'SIGN_IN_RATE_LIMITED',
      details: { retryAfterSeconds: 1200 },
      ko: '이 주소에서 이 사용자 이름으로 로그인에 너무 많이 실패했습니다(30분에 5번). 20분 후 다시 시도하세요.',
      en: 'Too many failed sign-ins under this username from this address (5 in 30 minutes); try again in 20 min.',
    });
  });

  it('sign-in slowed: the wait in minutes and seconds (was "292초" / "292 s")', async () => {
    // 29 failures under the username from everywhere since 09:30, the last at 09:59:52: 2^(29 − 20) = 512 s, capped at
    // 300 s (delayMaxSeconds), so until 10:04:52, 292 s from 10:00 = 4분 52초; this address has no lock and is not known.
    const slowedStore = {
      read: async () => ({ address: null, username: { failures: 29, since: new Date('2026-12-06T09:30:00Z'), last: new Date('2026-12-06T09:59:52Z') }, knownSince: null }),
    } as unknown as SignInThrottleStore;
    const r = await signInOfficer({ access, secrets, clock, throttle: signInThrottle(slowedStore) }, { username: 'kim', password: 'x', address: '203.0.113.9' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 'SIGN_IN_SLOWED',
      details: { retryAfterSeconds: 292 },
      ko: '이 사용자 이름으로 여러 곳에서 로그인에 실패한 횟수가 많아 속도를 제한합니다. 4분 52초 후 다시 시도하세요.',
      en: 'Many failed sign-ins under this username from several addresses: sign-ins are slowed; try again in 4 min 52 s.',
    });
  });

  it('password change locked under 5 in 30 minutes: "30분에 5번" (was: "15분에 10번" whatever the policy)', async () => {
    const me = { kind: 'officer', userId: 7 } as unknown as OfficerPrincipal;
    const r = await changeOwnPassword({ access, secrets, clock, throttle }, me, { currentPassword: 'x', newPassword: 'y', sessionToken: null, address: '203.0.113.9' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PASSWORD_CHANGE_RATE_LIMITED');
    expect(r.error.ko).toBe('이 주소에서 이 계정의 비밀번호가 너무 많이 틀렸습니다(로그인과 비밀번호 변경을 합쳐 30분에 5번). 20분 후 다시 시도하세요.');
    expect(r.error.en).toBe('Too many wrong passwords for this account from this address (sign-ins and password changes together, 5 in 30 minutes); try again in 20 min.');
  });

  it('consumer codes: the limit named from OTP_CODES_PER_WINDOW and OTP_WINDOW_MINUTES', async () => {
    const holder = { pccc: 'P250000000001', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', expiresOn: '2030-12-31' };
    const deps = {
      consumers: { findHolder: async () => holder, createChallenge: async () => false },
      access: { audit: async () => {} },
      notifier: { send: async () => {} },
      secrets: { otpCode: () => '123456', randomToken: (p: string) => `${p}x`, sha256: (s: string) => s, sameSecret: (a: string, b: string) => a === b },
      clock,
    };
    const r = await startConsumerVerification(deps as never, { pccc: holder.pccc, name: holder.name, phone: '010-1234-5678', postcode: '06236' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 'VERIFICATION_RATE_LIMITED',
      ko: `이 개인통관고유부호로 요청하고 사용하지 않은 인증번호가 너무 많습니다(${OTP_WINDOW_MINUTES}분에 ${OTP_CODES_PER_WINDOW}개). ${OTP_WINDOW_MINUTES}분 후 다시 시도하세요.`,
      en: `Too many unused codes were asked for this PCCC (${OTP_CODES_PER_WINDOW} in ${OTP_WINDOW_MINUTES} minutes); try again in ${OTP_WINDOW_MINUTES} minutes.`,
    });
  });
});
