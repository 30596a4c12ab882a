// Exact integer arithmetic for KRW. All rounding of the engine happens here.
//
// Rounding policy (documented in README "Rounding"):
// - foreign amounts are taken to hundredths of their currency (2 decimals) once, on input, and
//   written with their currency's minor units (formatMoney: JPY 12,000, USD 12.00);
// - a KRW value (과세가격) is truncated to the won (원 미만 절사) per line;
// - each tax is computed per line and truncated to the won, and each tax total is
//   truncated to the tax unit of the thresholds data (10 won: 국고금 관리법 제47조①,
//   "국고금의 끝수가 10원 미만일 때에는 그 끝수는 계산하지 아니한다").
// Truncation never overstates what the consumer owes.

/** Hundredths of a currency unit, e.g. 19.99 -> 1999. */
export function toHundredths(amount: number): number {
  return Math.round(amount * 100);
}

/** Basis points of a rate, e.g. 0.065 -> 650. Rates in data are multiples of 0.0001. */
export function toBasisPoints(rate: number): number {
  return Math.round(rate * 10_000);
}

/** floor(a * b / d) for non-negative integers without leaving the exact range of doubles. */
export function mulDivFloor(a: number, b: number, d: number): number {
  const q = Math.floor(a / d);
  const r = a - q * d;
  return q * b + Math.floor((r * b) / d);
}

/** KRW (truncated to the won) of an amount in hundredths at a rate of KRW per `units` units. */
export function krwOf(hundredths: number, rate: number, units = 1): number {
  return mulDivFloor(hundredths, toHundredths(rate), 10_000 * units);
}

/** rate applied to a KRW base, truncated to the won. */
export function applyRate(baseKrw: number, rate: number): number {
  if (baseKrw <= 0 || rate <= 0) return 0;
  return mulDivFloor(baseKrw, toBasisPoints(rate), 10_000);
}

export function truncateTo(amount: number, unit: number): number {
  return unit <= 1 ? Math.floor(amount) : Math.floor(amount / unit) * unit;
}

/** A measure (ml, g, bottles) grouped by thousands with its decimals as written: 3500 -> "3,500", 1250.5 -> "1,250.5". */
export function formatMeasure(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, frac] = String(Math.abs(n)).split('.');
  if (whole!.includes('e')) return String(n); // exponent notation: as written
  return `${n < 0 ? '-' : ''}${formatKrw(Number(whole))}${frac ? `.${frac}` : ''}`;
}

/** An amount in hundredths as a decimal number (1999 -> 19.99). */
export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

const HEAD = Array.from({ length: 1000 }, (_, i) => String(i)); // "0" … "999"
const GROUP = HEAD.map((h) => `,${h.padStart(3, '0')}`); // ",000" … ",999"

/** 1234567 -> "1,234,567" (Intl formatting is ~50× slower and this runs for every reason): one join of ready-made groups. */
export function formatKrw(amount: number): string {
  const n = Math.trunc(Math.abs(amount));
  if (amount < 0) return `-${formatKrw(n)}`; // -0.5 reads "-0", as it did
  if (n < 1000) return HEAD[n]!;
  if (n < 1e6) return HEAD[Math.floor(n / 1000)]! + GROUP[n % 1000]!;
  if (n < 1e9) return HEAD[Math.floor(n / 1e6)]! + GROUP[Math.floor(n / 1000) % 1000]! + GROUP[n % 1000]!;
  // Larger amounts (and NaN, Infinity, exponent notation): group the digits as written.
  const digits = String(n);
  let head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (; head < digits.length; head += 3) out += `,${digits.slice(head, head + 3)}`;
  return out;
}

const CENTS = Array.from({ length: 100 }, (_, i) => `.${String(i).padStart(2, '0')}`); // ".00" … ".99"

/** 1234.5 -> "1,234.50" */
export function formatDecimal2(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const frac = cents % 100;
  const text = formatKrw(Math.floor(cents / 100)) + (CENTS[frac] ?? `.${frac}`); // NaN, Infinity: ".NaN", as written
  return amount < 0 && cents > 0 ? `-${text}` : text;
}

/**
 * A foreign amount with its currency's minor units (ISO 4217 exponent; data/currencies.json
 * minorUnits): JPY and KRW have none (12000 -> "12,000"), USD two (449.7 -> "449.70"), KWD three
 * ("12.340"). Amounts are held to the hundredth (toHundredths), so a declared fraction of a unit
 * the currency does not write (JPY 12,000.50) is written as held, as the arithmetic used it.
 */
export function formatMoney(amount: number, minorUnits: number): string {
  if (minorUnits === 2) return formatDecimal2(amount);
  const cents = Math.round(Math.abs(amount) * 100);
  if (minorUnits > 2) return Number.isFinite(cents) ? formatDecimal2(amount) + '0'.repeat(minorUnits - 2) : formatDecimal2(amount);
  if (minorUnits === 1 ? cents % 10 !== 0 : cents % 100 !== 0) return formatDecimal2(amount); // a fraction the unit does not write, or NaN
  if (minorUnits === 1) return formatDecimal2(amount).slice(0, -1);
  const text = formatKrw(cents / 100);
  return amount < 0 && cents > 0 ? `-${text}` : text;
}

/** A computed amount (not declared) rounded to its currency's minor units, e.g. before formatMoney. */
export function roundToMinorUnits(amount: number, minorUnits: number): number {
  const f = 10 ** Math.min(minorUnits, 2); // held to the hundredth at most (toHundredths)
  return Math.round(amount * f) / f;
}

/**
 * An exchange rate as KCS writes it: thousands grouped, every decimal kept and at least two
 * (1442.88 -> "1,442.88", 9.4 -> "9.40"; 관세평가 운영에 관한 고시 제3조: the broker's digits).
 */
export function formatRate(rate: number): string {
  const [whole, frac = ''] = String(Math.abs(rate)).split('.');
  if (!/^\d+$/.test(whole!)) return String(rate); // exponent notation, NaN: as written
  return `${rate < 0 ? '-' : ''}${formatKrw(Number(whole))}.${frac.padEnd(2, '0')}`;
}
