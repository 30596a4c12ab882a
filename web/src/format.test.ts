import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatKrw, formatMoney } from './format.ts';

describe('formatKrw', () => {
  it('writes whole won with thousands separators, 원 after the number in Korean, KRW before it in English', () => {
    expect(formatKrw('ko', 46510)).toBe('46,510원');
    expect(formatKrw('en', 46510)).toBe('KRW 46,510');
    expect(formatKrw('ko', 0)).toBe('0원');
    expect(formatKrw('ko', 1234567.8)).toBe('1,234,567원'); // never rounds a tax up
  });
});

describe('formatMoney', () => {
  it('writes a declared price with its currency code, separators and the currency\'s minor digits', () => {
    expect(formatMoney('ko', 'USD', 8.2)).toMatch(/^USD\s8\.20$/);
    expect(formatMoney('en', 'USD', 1234.5)).toMatch(/^USD\s1,234\.50$/);
    expect(formatMoney('ko', 'JPY', 1200)).toMatch(/^JPY\s1,200$/);
    expect(formatMoney('en', 'USD', 9.995)).toMatch(/^USD\s9\.995$/); // a declared third decimal is kept, not rounded to 10.00
    expect(formatMoney('ko', 'XX1', 5)).toBe('XX1 5');
  });
});

describe('formatDate and formatDateTime (KST)', () => {
  it('shows a calendar date as it is', () => {
    expect(formatDate('ko', '2026-11-16')).toBe('2026-11-16');
    expect(formatDate('en', '2026-11-16')).toBe('2026-11-16');
  });

  it('gives the date in Korea of a timestamp (15:30 UTC is past midnight in Seoul)', () => {
    expect(formatDate('ko', '2026-10-27T15:30:00.000Z')).toBe('2026-10-28');
  });

  it('writes times on a 24-hour clock in KST: 00:30, not 오전 12:30; 28 October, not 28/10 or 10/28', () => {
    expect(formatDateTime('ko', '2026-10-27T15:30:00.000Z')).toBe('2026-10-28 00:30');
    expect(formatDateTime('ko', '2026-10-27T04:05:00.000Z')).toBe('2026-10-27 13:05');
    expect(formatDateTime('en', '2026-10-27T15:30:00.000Z')).toBe('2026-10-28 00:30 KST');
  });

  it('names KST in Korean too when asked (the identity pages): 15:30 UTC + 9 h = 00:30 the next day', () => {
    expect(formatDateTime('ko', '2026-10-27T15:30:00.000Z', true)).toBe('2026-10-28 00:30 KST');
    expect(formatDateTime('en', '2026-10-27T15:30:00.000Z', true)).toBe('2026-10-28 00:30 KST');
  });

  it('gives back a text it cannot read as it is', () => {
    expect(formatDateTime('ko', 'soon')).toBe('soon');
  });
});
