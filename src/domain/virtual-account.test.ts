import { describe, expect, it } from 'vitest';
import { bankOf, koreanDateTimeOf, validHoursFor, virtualAccountText } from './virtual-account.ts';

const POLICY = { maxValidHours: 72 };

describe('virtual account deadline', () => {
  it('runs at most the hours the policy allows (72 here), and never past the end of the due date in Korean time', () => {
    const now = Date.parse('2026-12-01T01:00:00Z'); // 10:00 KST
    expect(validHoursFor(now, '2026-12-31', POLICY)).toBe(72);
    expect(validHoursFor(now, '2026-12-02', POLICY)).toBe(37); // to 23:59:59 KST on 12-02: 37 whole hours
    expect(validHoursFor(now, '2026-12-01', POLICY)).toBe(13);
  });

  it('is none when less than an hour is left or the due date has passed', () => {
    expect(validHoursFor(Date.parse('2026-12-01T14:30:00Z'), '2026-12-01', POLICY)).toBeNull(); // 23:30 KST
    expect(validHoursFor(Date.parse('2026-12-02T01:00:00Z'), '2026-12-01', POLICY)).toBeNull();
    expect(validHoursFor(Date.parse('2026-12-02T01:00:00Z'), 'not a date', POLICY)).toBeNull();
  });

  it('tells the payer bank, number, holder, amount and deadline (Korean time) in Korean and English', () => {
    const t = virtualAccountText({ bankCode: '88', accountNumber: 'X1234567890', holderName: '통관 세금 납부', amountKrw: 45_000, dueAt: '2026-12-04T09:00:00.000Z' });
    expect(t.ko).toContain('신한은행 X1234567890(예금주 통관 세금 납부)로 45,000원을 2026-12-04(금) 18:00까지');
    expect(t.en).toContain('KRW 45,000 to Shinhan Bank X1234567890 (holder 통관 세금 납부) by 2026-12-04 (Fri) 18:00 (Korean time)');
    expect(koreanDateTimeOf('2026-12-04T15:30:00Z')).toBe('2026-12-05 00:30');
    expect(bankOf('45')).toEqual({ code: '45', ko: '은행 45', en: 'bank 45' });
  });
});
