import { describe, expect, it } from 'vitest';
import { commaMisplaced, currencyMarked, numberOrUndefined } from './amount.ts';

describe('numberOrUndefined', () => {
  it('reads digits with a decimal point, and commas that separate thousands', () => {
    expect(numberOrUndefined('180')).toBe(180);
    expect(numberOrUndefined(' 180.50 ')).toBe(180.5);
    expect(numberOrUndefined('1,234')).toBe(1234);
    expect(numberOrUndefined('1,234.50')).toBe(1234.5);
    expect(numberOrUndefined('12,345,678')).toBe(12345678);
    expect(numberOrUndefined('')).toBeUndefined();
    expect(numberOrUndefined('  ')).toBeUndefined();
  });

  it('does not read a decimal comma as a thousands separator: "420,00" is not 42000, "1,5" kg is not 15 kg', () => {
    // Before: the commas were dropped, so a European price EUR 420,00 was estimated as EUR 42,000.00
    // (KRW 32,021,250 of tax for a bag) and a parcel of 1,5 kg weighed 15 kg.
    for (const typed of ['420,00', '1,5', '1.234,50', '12,34', '1,2345', ',5', '1,,000']) {
      expect(numberOrUndefined(typed), typed).toBeNaN();
      expect(commaMisplaced(typed), typed).toBe(true);
    }
    for (const typed of ['180', '1,234.50', 'abc', '$180']) expect(commaMisplaced(typed), typed).toBe(false);
  });

  it('refuses letters and currency signs', () => {
    for (const typed of ['two', '$180', '12O', '180 USD']) expect(numberOrUndefined(typed), typed).toBeNaN();
  });
});

describe('currencyMarked', () => {
  it('tells a price pasted with its currency ($180, US$ 180, 180 USD, €420, 1,200円) from other text', () => {
    for (const typed of ['$180', 'US$ 180', '180 USD', '180usd', '€420', '£99.99', '¥1,200', '1,200円', '99元', '₩50,000', 'KRW 50000']) expect(currencyMarked(typed), typed).toBe(true);
    for (const typed of ['180', '1,234.50', 'two', '12O', '']) expect(currencyMarked(typed), typed).toBe(false);
  });
});
