// The holder's contacts the platform sends security notices and usage alerts to: the mobile number and the
// e-mail address (pccc_holders.phone, .email). A change proves the NEW address is the holder's by a one-time
// code sent to it (src/app/change-holder-contact.ts), so a session taken over cannot point the alerts at a
// stranger's number without the holder being told at the old one too (the change's notice goes to both).
import type { Bilingual } from './bilingual.ts';

export type ContactField = 'phone' | 'email';

/** A Korean mobile number as the registry takes one at issue (pg-pccc-registry.ts): 01X and 10 or 11 digits, hyphens and spaces ignored. */
export function normalizeMobile(raw: string): string | null {
  const d = raw.replace(/[\s-]/g, '');
  return /^01\d{8,9}$/.test(d) ? d : null;
}

/** An e-mail address (RFC 5321's limits: 254 in all, 64 before the @), one @, a dotted domain, no spaces; the domain in lower case. */
export function normalizeEmail(raw: string): string | null {
  const t = raw.trim();
  if (t.length > 254) return null;
  const m = /^([^\s@]{1,64})@([^\s@]+\.[^\s@.]{2,})$/.exec(t);
  if (!m || m[2]!.startsWith('.') || m[2]!.includes('..')) return null;
  return `${m[1]}@${m[2]!.toLowerCase()}`;
}

/** The field errors' texts (request codes of this use case: field-errors.ts takes a text for a code from elsewhere). */
export const CONTACT_FIELD_TEXT = {
  mobile_invalid: { ko: '휴대전화 번호는 01로 시작하는 숫자 10~11자리입니다 (예: 010-1234-5678).', en: 'A mobile number is 10 or 11 digits starting 01 (e.g. 010-1234-5678).' },
  email_invalid: { ko: '전자우편 주소 형식이 올바르지 않습니다 (예: name@example.com).', en: 'Not an e-mail address (e.g. name@example.com).' },
  contact_unchanged: { ko: '지금 등록된 것과 같습니다.', en: 'That is the one registered now.' },
  code_invalid: { ko: '인증번호가 올바르지 않거나 만료되었습니다. 새 번호(주소)로 받은 6자리를 입력하거나 다시 받으세요.', en: 'The code is wrong or expired: enter the 6 digits sent to the new number (address), or ask for another.' },
} as const satisfies Record<string, Bilingual>;

/** The one-time code's message to the new address (SMS or e-mail). */
export function contactCodeText(field: ContactField, code: string, minutes: number): { subject: string; body: string } {
  const what = field === 'phone' ? { ko: '휴대전화 번호', en: 'mobile number' } : { ko: '전자우편 주소', en: 'e-mail address' };
  return {
    subject: '[통관] 연락처 변경 인증번호',
    body: `[Tonggwan 통관] 알림 받을 ${what.ko} 변경 인증번호 ${code} (${minutes}분 내 입력). 본인이 요청하지 않았다면 무시하세요. / Code to make this your ${what.en} for customs notices: ${code} (enter within ${minutes} minutes). If you did not ask for it, ignore this message.`,
  };
}

/** After a change of mobile number: the shops' PCCC check (API028: name + mobile + postcode) now matches the new number only. */
export const SHOPS_CHECK_BY_MOBILE: Bilingual = {
  ko: '쇼핑몰에 등록된 휴대전화 번호도 새 번호로 바꾸세요: 개인통관고유부호 확인은 이름·휴대전화 번호로 합니다.',
  en: 'Change the mobile number your shops have on file to the new one too: your customs code (PCCC) is checked by name and mobile number.',
};

/**
 * What the holder is told of a change of contact, at the old address and at the new one: a change they did
 * not make is someone else in their session, so the text says what to do (suspend the code, sign out).
 * `to` is the new address masked (010-****-5678, h***@example.com).
 */
export function contactChangeText(field: ContactField, to: string): { subject: string; ko: string; en: string } {
  const subject = '[통관] 알림 연락처 변경';
  const tail = {
    ko: '본인이 변경하지 않았다면 즉시 통관 포털 보안 페이지에서 부호를 사용정지하고 세관(125)에 알리세요.',
    en: 'Not you? Suspend your code at once on the portal’s security page and tell customs (125).',
  };
  // Shops check the code by name and mobile number (UNI-PASS API028, persEcmQry), against the registry's number
  // now: a shop that still has the old one fails the check at the next order.
  return field === 'phone'
    ? {
        subject,
        ko: `통관 알림을 받을 휴대전화 번호가 ${to}(으)로 변경되었습니다. ${SHOPS_CHECK_BY_MOBILE.ko} ${tail.ko}`,
        en: `Your phone number for customs notices was changed to ${to}. ${SHOPS_CHECK_BY_MOBILE.en} ${tail.en}`,
      }
    : { subject, ko: `통관 알림을 받을 전자우편 주소가 ${to}(으)로 변경되었습니다. ${tail.ko}`, en: `Your e-mail address for customs notices was changed to ${to}. ${tail.en}` };
}
