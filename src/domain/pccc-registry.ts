// PCCC registry rules, pure (domain-rules §6.1, §6.4): the code's layout, validity of one year
// with renewal in a window around expiry, lapse after the window, the yearly reissue limit.
// The figures come from data/identity.json; the national check digit is not public, so codes
// this registry issues carry a Luhn digit of its own.

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
