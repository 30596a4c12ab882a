import { describe, expect, it } from 'vitest';
import { formatDecimal2, formatKrw, formatMeasure, formatMoney, formatRate, roundToMinorUnits } from './money.ts';

describe('money formatting', () => {
  it('groups won by thousands', () => {
    expect(formatKrw(0)).toBe('0');
    expect(formatKrw(999)).toBe('999');
    expect(formatKrw(1000)).toBe('1,000');
    expect(formatKrw(303_004)).toBe('303,004');
    expect(formatKrw(1_234_567_890)).toBe('1,234,567,890');
    expect(formatKrw(-42_504)).toBe('-42,504');
    // Edges, as written before the ready-made groups: truncated, a negative fraction keeps its sign, beyond the billions digit by digit.
    expect(formatKrw(999_999.9)).toBe('999,999');
    expect(formatKrw(1_000_000)).toBe('1,000,000');
    expect(formatKrw(-0.5)).toBe('-0');
    expect(formatKrw(-1e9)).toBe('-1,000,000,000');
    expect(formatKrw(Number.NaN)).toBe('NaN');
  });

  it('writes two decimals for foreign amounts', () => {
    expect(formatDecimal2(210)).toBe('210.00');
    expect(formatDecimal2(1999.5)).toBe('1,999.50');
    expect(formatDecimal2(0.005)).toBe('0.01'); // half a cent rounds up
    expect(formatDecimal2(-1234.5)).toBe('-1,234.50');
    expect(formatDecimal2(-0.001)).toBe('0.00');
    expect(formatDecimal2(1_000_000.07)).toBe('1,000,000.07');
  });

  it('writes a foreign amount with its currency\'s minor units (ISO 4217 exponent)', () => {
    // JPY and KRW have none: JPY 12,000, not JPY 12,000.00.
    expect(formatMoney(12000, 0)).toBe('12,000');
    expect(formatMoney(1_234_567, 0)).toBe('1,234,567');
    // A declared fraction of a yen (held in hundredths, money.ts) is written as held, so the text
    // shows the amount the arithmetic used: 12,000.50 × 9.40 is not 12,000 × 9.40.
    expect(formatMoney(12000.5, 0)).toBe('12,000.50');
    expect(formatMoney(-3000, 0)).toBe('-3,000');
    // USD, EUR, GBP, CNY, HKD: two.
    expect(formatMoney(449.7, 2)).toBe('449.70');
    expect(formatMoney(210, 2)).toBe('210.00');
    // Three (KWD, BHD): the hundredths held, and the third place written.
    expect(formatMoney(12.34, 3)).toBe('12.340');
    // A computed amount rounded to the currency's unit first: 6,000.4 yen -> 6,000; EUR 6,000.456 -> 6,000.46.
    expect(formatMoney(roundToMinorUnits(6000.4, 0), 0)).toBe('6,000');
    expect(formatMoney(roundToMinorUnits(6000.456, 2), 2)).toBe('6,000.46');
  });

  it('writes an exchange rate with its digits, grouped, at least two decimals', () => {
    expect(formatRate(1442.88)).toBe('1,442.88');
    expect(formatRate(9.4)).toBe('9.40'); // JPY per 1 yen: KCS prints 9.40
    expect(formatRate(207.51)).toBe('207.51');
    expect(formatRate(1723)).toBe('1,723.00');
    expect(formatRate(184.9831)).toBe('184.9831'); // an uploaded rate keeps its four decimals
  });

  it('writes a measure (ml, g, bottles) grouped, with its decimals as written', () => {
    expect(formatMeasure(3500)).toBe('3,500'); // 3,500 g of 감초 against the 3,000 g limit
    expect(formatMeasure(1750)).toBe('1,750');
    expect(formatMeasure(60)).toBe('60');
    expect(formatMeasure(1250.5)).toBe('1,250.5');
    expect(formatMeasure(0.75)).toBe('0.75');
    expect(formatMeasure(1e21)).toBe('1e+21'); // exponent notation stays as written
  });
});
