// How the portal writes money, dates and times, in one place (pure but for todayInKorea, which
// reads the clock; the I18n context wraps the rest).
// - Won are whole: "46,510원" in Korean, "KRW 46,510" in English (no decimals, Money floor rules).
// - Dates and times are those of Korea (KST), whatever the device's time zone, in the form the
//   Korea Customs Service and the platform's own texts use (UNI-PASS, tax notices: 2026-11-16):
//   year-month-day and a 24-hour clock, so "오전 12:30" (midnight or noon?) and 03/12/2026
//   (3 December or 12 March?) never appear. English adds "KST": an English reader may be abroad;
//   the identity pages add it in Korean too (formatDateTime's withZone).
import { koreanDateOf } from '../../src/domain/dates.ts';

export type Lang = 'ko' | 'en';

const INTEGER = { ko: new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }) };

export function formatKrw(lang: Lang, amount: number): string {
  const n = INTEGER[lang].format(Math.trunc(amount));
  return lang === 'ko' ? `${n}원` : `KRW ${n}`;
}

/**
 * A declared amount in its own currency, as an officer compares it with an invoice: the ISO code,
 * thousands separators and the currency's minor digits ("USD 8.20", "JPY 1,200"); more decimals
 * are kept when declared (up to 4), never rounded away. An unknown code is shown as it came.
 */
export function formatMoney(lang: Lang, currency: string, amount: number): string {
  try {
    return new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

const KST = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function kstParts(iso: string): { date: string; time: string } | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const p: Record<string, string> = {};
  for (const part of KST.formatToParts(d)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** A calendar date (YYYY-MM-DD, shown as it is) or the KST date of a timestamp. */
export function formatDate(_lang: Lang, iso: string): string {
  if (CALENDAR_DATE.test(iso)) return iso;
  return kstParts(iso)?.date ?? iso;
}

/**
 * A timestamp as its KST date and 24-hour time. `withZone`: name KST in Korean too, where a time is
 * compared with the device's clock (a passkey's waiting period, an approval's deadline: the
 * identity pages), which abroad is not Korea's.
 */
export function formatDateTime(lang: Lang, iso: string, withZone = lang === 'en'): string {
  const p = kstParts(iso);
  if (!p) return iso;
  return withZone ? `${p.date} ${p.time} KST` : `${p.date} ${p.time}`;
}

/** Today's date in Korea (YYYY-MM-DD): the days officers enter are Korean calendar days, as the server's. */
export function todayInKorea(): string {
  return koreanDateOf(new Date().toISOString());
}
