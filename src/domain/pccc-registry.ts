// PCCC registry rules, pure (domain-rules §6.1, §6.4): the code's layout, validity of one year
// with renewal in a window around expiry, lapse after the window, the yearly reissue limit.
// The figures come from data/identity.json; the national check digit is not public, so codes
// this registry issues carry a Luhn digit of its own.
import { contactChangeText } from './holder-contact.ts';

/** A code's state in the registry: usable, suspended by its holder, or cancelled for good (reissued, lapsed). */
export type PcccStatus = 'active' | 'suspended' | 'cancelled';

export interface RuleValue {
  value: number;
  source: string;
  uncertain?: boolean;
}

export interface IdentityRules {
  version: string;
  effectiveFrom: string;
  registry: { validityMonths: RuleValue; renewalWindowDays: RuleValue; maxPostcodes: RuleValue; reissuesPerYear: RuleValue };
  consent: { requestMinutes: RuleValue; tokenDays: RuleValue; requestsPerPcccPer10Minutes: RuleValue; newPasskeyCoolingHours: RuleValue };
}

/** Luhn check digit over the 11 digits after "P" (year + serial). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** P + issue year (2) + serial (9) + check digit (1). */
export function formatPccc(issueYear: number, serial: number): string {
  const body = `${String(issueYear % 100).padStart(2, '0')}${String(serial % 1_000_000_000).padStart(9, '0')}`;
  return `P${body}${luhnDigit(body)}`;
}

/** Calendar arithmetic on YYYY-MM-DD (the end of a shorter month clamps: 01-31 + 1 month = 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function expiryOf(from: string, rules: IdentityRules): string {
  return addMonths(from, rules.registry.validityMonths.value);
}

/** The days a code can be renewed: `window` days before its expiry until `window` days after it (고시, 2025-06-18). */
export function renewalWindow(expiresOn: string, rules: IdentityRules): { opensOn: string; closesOn: string } {
  const days = rules.registry.renewalWindowDays.value;
  return { opensOn: addDays(expiresOn, -days), closesOn: addDays(expiresOn, days) };
}

/** Not renewed within the window after expiry ⇒ the code is cancelled (고시, 2025-06-18). */
export function hasLapsed(expiresOn: string, today: string, rules: IdentityRules): boolean {
  return today > renewalWindow(expiresOn, rules).closesOn;
}

export type RenewalRefusal = 'too_early' | 'lapsed' | 'not_active';

/** Renewal is allowed from `window` days before expiry until `window` days after it. */
export function renewal(h: { status: string; expiresOn: string }, today: string, rules: IdentityRules): { ok: true; expiresOn: string } | { ok: false; why: RenewalRefusal } {
  if (h.status !== 'active') return { ok: false, why: 'not_active' };
  if (hasLapsed(h.expiresOn, today, rules)) return { ok: false, why: 'lapsed' };
  if (today < renewalWindow(h.expiresOn, rules).opensOn) return { ok: false, why: 'too_early' };
  return { ok: true, expiresOn: addMonths(h.expiresOn, rules.registry.validityMonths.value) };
}

/** Reissues in the 365 days before `today` (the limit is per rolling year). */
export function reissuesLeft(reissueDates: string[], today: string, rules: IdentityRules): number {
  const from = addDays(today, -365);
  const used = reissueDates.filter((d) => d > from && d <= today).length;
  return Math.max(0, rules.registry.reissuesPerYear.value - used);
}

export function normalizePostcodes(postcodes: string[]): string[] {
  return [...new Set(postcodes.map((p) => p.replace(/\D/g, '')).filter((p) => /^\d{5}$/.test(p)))];
}

/**
 * The reminder a code is due on `today`: once its renewal window opens ('window-open') and once it has
 * expired unrenewed ('expired'), each at most once per expiry date; none for a suspended, cancelled or
 * lapsed code. The validity (1 year) and the window are new since 2025-06-18 (고시): a holder who misses
 * the window loses the code, so the registry says so before, and again after the expiry.
 */
export type RenewalReminderKind = 'window-open' | 'expired';

export function renewalReminderDue(h: { status: string; expiresOn: string }, today: string, rules: IdentityRules): RenewalReminderKind | null {
  if (h.status !== 'active' || hasLapsed(h.expiresOn, today, rules)) return null;
  if (today > h.expiresOn) return 'expired';
  return today >= renewalWindow(h.expiresOn, rules).opensOn ? 'window-open' : null;
}

/** The reminder's text (SMS, e-mail, Web Push), in Korean and English: by when, and where to renew. */
export function renewalReminderText(kind: RenewalReminderKind, expiresOn: string, rules: IdentityRules): { subject: string; ko: string; en: string } {
  const { closesOn } = renewalWindow(expiresOn, rules);
  const renewsUntil = expiryOf(expiresOn, rules);
  return kind === 'window-open'
    ? {
        subject: '[통관] 개인통관고유부호 유효기간 만료 안내',
        ko: `개인통관고유부호 유효기간이 ${expiresOn}에 끝납니다. 지금 연장하면 ${renewsUntil}까지 쓸 수 있고, ${closesOn}까지 연장하지 않으면 부호가 해지되어 새로 발급받아야 합니다.`,
        en: `Your personal customs code expires on ${expiresOn}. Renew it now to keep it until ${renewsUntil}; not renewed by ${closesOn}, it is cancelled and you will need a new one.`,
      }
    : {
        subject: '[통관] 개인통관고유부호 유효기간 만료',
        ko: `개인통관고유부호 유효기간이 ${expiresOn}에 끝났습니다. ${closesOn}까지 연장하면 ${renewsUntil}까지 계속 쓸 수 있고, 그 뒤에는 부호가 해지됩니다.`,
        en: `Your personal customs code expired on ${expiresOn}. Renew it by ${closesOn} to keep it until ${renewsUntil}; after that it is cancelled.`,
      };
}

/**
 * What the holder is told when an officer cancels their code ex officio (직권 해지): the devices signed in
 * with it were signed out (the registry ends those sessions with the cancel, pg-pccc-registry.ts), so the
 * portal's "sign in again" is not a fault. The code by its last four digits only, as the reissue's message.
 */
export function exOfficioCancelText(pccc: string): { subject: string; ko: string; en: string } {
  const last4 = pccc.slice(-4);
  return {
    subject: '[통관] 개인통관고유부호 직권 해지',
    ko: `개인통관고유부호(끝자리 ${last4})가 세관 직권으로 해지되었습니다. 이 부호로 로그인된 기기는 모두 로그아웃되었고, 이 부호로는 더 이상 통관할 수 없습니다. 사유는 세관에 문의하세요.`,
    en: `Your personal customs code (ending ${last4}) was cancelled ex officio by customs. Every device signed in with it was signed out, and it can no longer be used for customs clearance. Ask customs for the reason.`,
  };
}

/** Who changed the code: its holder (from /me/security) or an officer (ex officio, 직권). */
export type PcccChangeBy = 'holder' | 'officer';

/**
 * A change to the holder's code, as the holder is told of it (SMS, e-mail, Web Push; queued with the change: src/app/send-pccc-change-notices.ts).
 * `pccc` is the code after the change (the new one after a reissue), named by its last four digits only.
 */
export type PcccChange =
  | { action: 'suspend' | 'resume' | 'reissue'; by: PcccChangeBy; pccc: string }
  | { action: 'renew'; by: 'holder'; pccc: string; expiresOn: string }
  | { action: 'cancel'; by: 'officer'; pccc: string }
  /** The holder changed the mobile number or e-mail address notices go to (`to`, masked); told at the old address and the new (holder-contact.ts). */
  | { action: 'phone' | 'email'; by: 'holder'; pccc: string; to: string };

/**
 * What the holder is told of a change to their code, in Korean and English. Which devices were signed out
 * says what the registry did in the change's transaction (pg-pccc-registry.ts): a reissue or a suspend by the
 * holder ends every other device's session (the one that made it stays: "sign out other devices", as a
 * password change); by an officer, every session ends (the holder signs in again: a suspended code still
 * signs its holder in, to see why). Only customs lifts an officer's suspension.
 */
export function pcccChangeText(c: PcccChange): { subject: string; ko: string; en: string } {
  const last4 = c.pccc.slice(-4);
  if (c.action === 'cancel') return exOfficioCancelText(c.pccc);
  if (c.action === 'phone' || c.action === 'email') return contactChangeText(c.action, c.to);
  if (c.action === 'renew')
    return {
      subject: '[통관] 개인통관고유부호 변경',
      ko: `개인통관고유부호 유효기간이 ${c.expiresOn}까지 연장되었습니다.`,
      en: `Your personal customs code is now valid until ${c.expiresOn}.`,
    };
  if (c.by === 'holder') {
    const subject = '[통관] 개인통관고유부호 변경';
    switch (c.action) {
      case 'suspend':
        return {
          subject,
          ko: `개인통관고유부호(끝자리 ${last4})가 사용정지되었습니다. 정지 중에는 이 부호로 주문 승인과 부호 검증이 되지 않습니다. 정지한 기기 말고 이 부호로 로그인된 다른 기기는 모두 로그아웃되었습니다.`,
          en: `Your personal customs code (ending ${last4}) was suspended: while suspended it approves no order and fails the code check. Every other device signed in with it was signed out.`,
        };
      case 'resume':
        return {
          subject,
          ko: `개인통관고유부호(끝자리 ${last4}) 사용정지가 해제되었습니다.`,
          en: `The suspension of your personal customs code (ending ${last4}) was lifted.`,
        };
      case 'reissue':
        return {
          subject,
          ko: `개인통관고유부호가 재발급되었습니다(새 부호 끝자리 ${last4}). 이전 부호는 즉시 사용할 수 없습니다. 재발급한 기기 말고 다른 기기는 모두 로그아웃되었습니다. 쇼핑몰에 새 부호를 등록하세요.`,
          en: `Your personal customs code was reissued (new code ending ${last4}); the old one no longer works. Every other device was signed out. Register the new code with your shops.`,
        };
    }
  }
  switch (c.action) {
    case 'suspend':
      return {
        subject: '[통관] 개인통관고유부호 직권 사용정지',
        ko: `개인통관고유부호(끝자리 ${last4})가 세관 직권으로 사용정지되었습니다. 이 부호로 로그인된 기기는 모두 로그아웃되었고, 정지 중에는 주문 승인과 부호 검증이 되지 않습니다. 다시 로그인하면 사유를 볼 수 있으며, 해제는 세관에 요청하세요.`,
        en: `Your personal customs code (ending ${last4}) was suspended ex officio by customs. Every device signed in with it was signed out; while suspended it approves no order and fails the code check. Sign in again to see why, and ask customs to lift it.`,
      };
    case 'resume':
      return {
        subject: '[통관] 개인통관고유부호 직권 사용정지 해제',
        ko: `세관이 개인통관고유부호(끝자리 ${last4})의 사용정지를 해제했습니다.`,
        en: `Customs lifted the suspension of your personal customs code (ending ${last4}).`,
      };
    case 'reissue':
      return {
        subject: '[통관] 개인통관고유부호 직권 재발급',
        ko: `개인통관고유부호가 세관 직권으로 재발급되었습니다(새 부호 끝자리 ${last4}). 이전 부호는 즉시 사용할 수 없습니다. 로그인된 기기는 모두 로그아웃되었으니 새 부호로 다시 로그인하고, 쇼핑몰에 새 부호를 등록하세요.`,
        en: `Your personal customs code was reissued ex officio by customs (new code ending ${last4}); the old one no longer works. Every device was signed out: sign in again with the new code, and register it with your shops.`,
      };
  }
}
