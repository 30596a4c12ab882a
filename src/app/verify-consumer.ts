// Consumer verification for PCCC lookups: name + mobile + postcode must match the PCCC
// holder, then a one-time code goes to the registered mobile through the Notifier.
// The challenge has a `method`: 'otp' today; a passkey (WebAuthn) assertion can complete
// the same challenge later without changing the session that results.
import { fail, ok, type Result } from './errors.ts';
import { CONSUMER_SESSION_PREFIX } from './authenticate-token.ts';
import { checkPccc } from './check-pccc.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { hasLapsed, type IdentityRules } from '../domain/pccc-registry.ts';
import type { AccessStore, Clock, ConsumerStore, Notifier, Secrets } from './ports.ts';
import { maskPhone } from '../domain/contact-masks.ts';

/** `identityRules`: the registry's renewal window; without it (no identity module) an expired code is refused. */
type Deps = { consumers: ConsumerStore; access: AccessStore; notifier: Notifier; secrets: Secrets; clock: Clock; identityRules?: IdentityRules | null };

export const OTP_MINUTES = 5;
export const OTP_MAX_ATTEMPTS = 5;
/**
 * Codes sent for one PCCC within OTP_WINDOW_MINUTES and not used, at most. Each code allows
 * OTP_MAX_ATTEMPTS guesses; without a per-code limit, whoever knows a holder's details could ask
 * for code after code from many addresses (the per-address limit does not stop that), guess 5
 * times each, and flood the holder's phone with SMS (each also costs the platform a message).
 * A code the holder used does not count: signing in again and again stays possible.
 */
export const OTP_CODES_PER_WINDOW = 5;
export const OTP_WINDOW_MINUTES = 15;
export const CONSUMER_SESSION_MINUTES = 30;

/**
 * The audit action of a failed consumer sign-in, beside the staff and passkey ones: subject
 * pccc:<the code tried>, or challenge:unknown; detail.reason details-mismatch (with which details,
 * for the administrator who looks into a code being tried: the consumer is told one answer for all)
 * or wrong-code (unknown, expired, used or exhausted challenges read the same), and the address.
 * Never the one-time code, the name or the phone number. Refused attempts under a rate limit write nothing.
 */
export const CONSUMER_SIGN_IN_FAILED = 'auth.consumer-sign-in-failed';

export async function startConsumerVerification(
  deps: Deps,
  input: { pccc: string; name: string; phone: string; postcode: string; address?: string },
): Promise<Result<{ challengeId: string; method: 'otp'; channel: 'sms'; sentTo: string; expiresAt: string }>> {
  const now = deps.clock.now();
  // A code's validity runs in Korean days (as the UNI-PASS check's): from 00:00 to 09:00 KST the UTC date is a day behind.
  const today = koreanDateOf(now.toISOString());
  const check = await checkPccc(deps, { ...input, today });
  // One answer for every mismatch: do not tell a stranger which factor was wrong. A suspended code is
  // still its holder's, whose details all match: they sign in (the code to their phone, as ever) to see
  // their parcels and to resume or reissue it, as a passkey signs them in. Refused before: a holder who
  // suspended the code from /me/security was shut out once the session ended, told that the details did
  // not match. Likewise a code past its expiry but still in the renewal window (고시, 2025-06-18: renewable
  // until 30 days after expiry): its holder signs in to renew it, which needs a session; refused before, so
  // a holder who missed the date could not renew in the very days the rule leaves for it. A cancelled
  // (reissued) or lapsed code stays refused.
  const h = check.holder;
  const renewable = !!h && !!deps.identityRules && h.status !== 'cancelled' && !hasLapsed(h.expiresOn, today, deps.identityRules);
  const ownCode = check.mismatches.every((m) => (m === 'notInUse' && h?.status === 'suspended') || (m === 'expired' && renewable));
  if (!(check.matched || ownCode) || !h) {
    await deps.access.audit({
      actorKind: 'anonymous',
      actorId: null,
      action: CONSUMER_SIGN_IN_FAILED,
      subject: `pccc:${input.pccc.toUpperCase()}`,
      detail: { reason: 'details-mismatch', mismatches: check.mismatches, address: input.address ?? '' },
    });
    return fail('VERIFICATION_FAILED');
  }
  const code = deps.secrets.otpCode();
  const challengeId = deps.secrets.randomToken('vch_');
  const expiresAt = new Date(now.getTime() + OTP_MINUTES * 60_000);
  // A challenge created at c expires at c + OTP_MINUTES: those created within the window expire after now − window + OTP_MINUTES.
  const expiresAfter = new Date(now.getTime() + (OTP_MINUTES - OTP_WINDOW_MINUTES) * 60_000);
  const stored = await deps.consumers.createChallenge({ id: challengeId, pccc: h.pccc, method: 'otp', secretHash: deps.secrets.sha256(`${challengeId}:${code}`), expiresAt }, { max: OTP_CODES_PER_WINDOW, expiresAfter });
  // The figures named from the constants that refused (were: "15분" written out in errors.ts).
  if (!stored)
    return fail('VERIFICATION_RATE_LIMITED', undefined, {
      ko: `이 개인통관고유부호로 요청하고 사용하지 않은 인증번호가 너무 많습니다(${OTP_WINDOW_MINUTES}분에 ${OTP_CODES_PER_WINDOW}개). ${OTP_WINDOW_MINUTES}분 후 다시 시도하세요.`,
      en: `Too many unused codes were asked for this PCCC (${OTP_CODES_PER_WINDOW} in ${OTP_WINDOW_MINUTES} minutes); try again in ${OTP_WINDOW_MINUTES} minutes.`,
    });
  try {
    await deps.notifier.send({
      channel: 'sms',
      recipient: h.phone,
      subject: '[통관] 인증번호',
      body: `[Tonggwan 통관] 인증번호 ${code} (${OTP_MINUTES}분 내 입력). 본인이 요청하지 않았다면 무시하세요. / Your code: ${code} (enter within ${OTP_MINUTES} minutes). If you did not ask for it, ignore this message.`,
    });
  } catch {
    // The gateway refused the message or stayed unreachable through its retries (its adapter logged
    // why); the unsent challenge expires unused.
    return fail('SMS_NOT_SENT');
  }
  return ok({ challengeId, method: 'otp', channel: 'sms', sentTo: maskPhone(h.phone), expiresAt: expiresAt.toISOString() });
}

export async function completeConsumerVerification(
  deps: Deps,
  input: { challengeId: string; code: string; address?: string },
): Promise<Result<{ token: string; expiresAt: string; pccc: string }>> {
  const now = deps.clock.now();
  const c = await deps.consumers.openChallenge(input.challengeId, now, OTP_MAX_ATTEMPTS);
  // The code's hash compared in constant time (an unknown challenge compares too, so both refusals take the same path).
  const given = deps.secrets.sha256(`${input.challengeId}:${input.code}`);
  const same = deps.secrets.sameSecret(c?.secretHash ?? '', given);
  const refused = async () => {
    const subject = c ? `pccc:${c.pccc}` : 'challenge:unknown';
    await deps.access.audit({ actorKind: 'anonymous', actorId: null, action: CONSUMER_SIGN_IN_FAILED, subject, detail: { reason: 'wrong-code', address: input.address ?? '' } });
    // One answer for every cause (unknown, expired, used or exhausted challenge, wrong code), naming the
    // field the consumer typed (details.path, as other refusals name theirs): nothing tells the causes apart.
    return fail('CHALLENGE_INVALID', { path: 'body.code' });
  };
  if (!c || c.method !== 'otp' || !same) return refused();
  if (!(await deps.consumers.consumeChallenge(input.challengeId, now))) return refused();
  const token = deps.secrets.randomToken(CONSUMER_SESSION_PREFIX);
  const expiresAt = new Date(now.getTime() + CONSUMER_SESSION_MINUTES * 60_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'consumer', userId: null, pccc: c.pccc, amr: 'otp', expiresAt });
  return ok({ token, expiresAt: expiresAt.toISOString(), pccc: c.pccc });
}
