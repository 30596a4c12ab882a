// The holder changes the mobile number or e-mail address their security notices and usage alerts go to
// (/me/security): a one-time code goes to the NEW address (SMS or e-mail, the channels the holder's notices
// already take: holder-notifier.ts), and the change is made only when that code comes back, through the
// registry (an event, in one transaction with the code used up) which tells the holder at the new address and
// at the old one. So a session taken over cannot point the alerts elsewhere unseen; and when the holder has a
// usable passkey, a one-time-code session (a SIM swap's) cannot change them at all, as it cannot reissue the
// code (manage-own-pccc.ts). The code is bound to the session's holder, the field and the new value: a code
// sent for one address proves no other, and no sign-in challenge proves a change (nor the reverse).
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import { ownCode, type OwnCodeView } from './manage-own-pccc.ts';
import type { ConsumerPrincipal } from './ports.ts';
import type { RegistryHolder } from './ports/identity-ports.ts';
import { OTP_CODES_PER_WINDOW, OTP_MAX_ATTEMPTS, OTP_MINUTES, OTP_WINDOW_MINUTES } from './verify-consumer.ts';
import { CONTACT_FIELD_TEXT, contactCodeText, normalizeEmail, normalizeMobile, type ContactField } from '../domain/holder-contact.ts';
import { maskEmail, maskPhone } from '../domain/contact-masks.ts';

export type { ContactField };
export const CONTACT_CHALLENGE_PREFIX = 'cch_';

/** The new value of `field`, normalized, or the field error naming `body.<field>`. */
export function contactValue(field: ContactField, raw: string): Result<string> {
  const v = field === 'phone' ? normalizeMobile(raw) : normalizeEmail(raw);
  if (v !== null) return ok(v);
  const code = field === 'phone' ? 'mobile_invalid' : 'email_invalid';
  return invalidRequest(requestFieldError(`body.${field}`, code, undefined, CONTACT_FIELD_TEXT[code]));
}

/** What the code's hash binds: the challenge, the field, the new value and the code (a sign-in's is `${id}:${code}`). */
export function contactProof(challengeId: string, field: ContactField, value: string, code: string): string {
  return `contact:${challengeId}:${field}:${value}:${code}`;
}

/** A one-time-code session of a holder with a usable passkey is refused, as the reissue's (manage-own-pccc.ts). */
async function needsPasskey(deps: IdentityDeps, consumer: ConsumerPrincipal, h: RegistryHolder): Promise<Result<never> | null> {
  if (consumer.amr === 'passkey') return null;
  const now = deps.clock.now().getTime();
  const usable = (await deps.identity.passkeysOf(h.holderId)).some((k) => Date.parse(k.usableFrom) <= now);
  return usable
    ? fail('FORBIDDEN', { needs: 'passkey' }, { ko: '패스키가 등록되어 있으므로 알림 연락처 변경은 패스키로 로그인한 뒤에 할 수 있습니다.', en: 'You have a passkey: sign in with it to change where notices go.' })
    : null;
}

async function holderFor(deps: IdentityDeps, consumer: ConsumerPrincipal): Promise<Result<RegistryHolder>> {
  const found = await holderOfConsumer(deps, consumer);
  if (!found) return fail('PCCC_NOT_FOUND');
  const h = found.holder;
  if (h.status === 'cancelled') return fail('PCCC_NOT_ACTIVE');
  const refused = await needsPasskey(deps, consumer, h);
  return refused ?? ok(h);
}

export interface ContactChangeStarted {
  challengeId: string;
  field: ContactField;
  /** The new address, masked, the code went to. */
  sentTo: string;
  expiresAt: string;
}

/** Sends a one-time code to the new number (SMS) or address (e-mail); nothing changes yet. */
export async function startContactChange(deps: IdentityDeps, consumer: ConsumerPrincipal, field: ContactField, raw: string): Promise<Result<ContactChangeStarted>> {
  const v = contactValue(field, raw);
  if (!v.ok) return v;
  const value = v.value;
  const h = await holderFor(deps, consumer);
  if (!h.ok) return h;
  const holder = h.value;
  if ((field === 'phone' ? holder.phone : holder.email) === value) return invalidRequest(requestFieldError(`body.${field}`, 'contact_unchanged', undefined, CONTACT_FIELD_TEXT.contact_unchanged));
  const now = deps.clock.now();
  const code = deps.secrets.otpCode();
  const challengeId = deps.secrets.randomToken(CONTACT_CHALLENGE_PREFIX);
  const expiresAt = new Date(now.getTime() + OTP_MINUTES * 60_000);
  // With the sign-in's codes, at most OTP_CODES_PER_WINDOW unused per code in the window (verify-consumer.ts): no SMS flood to any number.
  const stored = await deps.registry.createContactChallenge(
    { id: challengeId, pccc: holder.pccc, secretHash: deps.secrets.sha256(contactProof(challengeId, field, value, code)), expiresAt },
    { max: OTP_CODES_PER_WINDOW, expiresAfter: new Date(now.getTime() + (OTP_MINUTES - OTP_WINDOW_MINUTES) * 60_000) },
  );
  if (!stored)
    return fail('VERIFICATION_RATE_LIMITED', undefined, {
      ko: `요청하고 사용하지 않은 인증번호가 너무 많습니다(${OTP_WINDOW_MINUTES}분에 ${OTP_CODES_PER_WINDOW}개). ${OTP_WINDOW_MINUTES}분 후 다시 시도하세요.`,
      en: `Too many unused codes were asked for (${OTP_CODES_PER_WINDOW} in ${OTP_WINDOW_MINUTES} minutes); try again in ${OTP_WINDOW_MINUTES} minutes.`,
    });
  const text = contactCodeText(field, code, OTP_MINUTES);
  try {
    // To the new address only: the holder as they would be after the change.
    const to = field === 'phone' ? { ...holder, phone: value } : { ...holder, email: value };
    await deps.holders.notifyOn(field === 'phone' ? 'sms' : 'email', to, { subject: text.subject, body: text.body });
  } catch {
    // The unsent challenge expires unused.
    return field === 'phone'
      ? fail('SMS_NOT_SENT')
      : fail('SMS_NOT_SENT', { channel: 'email' }, { ko: '인증번호 메일을 보내지 못했습니다. 잠시 후 다시 시도하세요.', en: 'The code could not be sent by e-mail; try again in a moment.' });
  }
  return ok({ challengeId, field, sentTo: field === 'phone' ? maskPhone(value) : maskEmail(value), expiresAt: expiresAt.toISOString() });
}

/**
 * Makes the change once the code sent to the new address is given back; answers the holder's code as it now is
 * and how many of the holder's other sessions the change signed out (`sessionToken`: the bearer token of the
 * session making it, which stays). The contact recovers the code (a sign-in by a one-time code to the mobile),
 * so whoever else is signed in as the holder is signed out, as banks do after a change of security contact.
 */
export async function confirmContactChange(
  deps: IdentityDeps,
  consumer: ConsumerPrincipal,
  field: ContactField,
  input: { challengeId: string; value: string; code: string },
  sessionToken?: string | null,
): Promise<Result<OwnCodeView & { otherSessionsEnded: number }>> {
  const v = contactValue(field, input.value);
  if (!v.ok) return v;
  const h = await holderFor(deps, consumer);
  if (!h.ok) return h;
  let otherSessionsEnded = 0;
  const r = await deps.registry.setContact(
    h.value.pccc,
    field,
    v.value,
    { kind: 'consumer', id: h.value.holderId },
    { challengeId: input.challengeId, secretHash: deps.secrets.sha256(contactProof(input.challengeId, field, v.value, input.code)), maxAttempts: OTP_MAX_ATTEMPTS },
    { keepSession: sessionToken ? deps.secrets.sha256(sessionToken) : undefined, ended: (n) => (otherSessionsEnded = n) },
  );
  if (!r.ok) return r.error.code === 'CHALLENGE_INVALID' ? invalidRequest(requestFieldError('body.code', 'code_invalid', undefined, CONTACT_FIELD_TEXT.code_invalid)) : r;
  deps.onChangeNoticeQueued?.();
  const view = await ownCode(deps, consumer);
  return view.ok ? ok({ ...view.value, otherSessionsEnded }) : view;
}
