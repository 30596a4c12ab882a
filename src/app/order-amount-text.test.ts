import { describe, expect, it } from 'vitest';
import { orderAmountText } from './order-amount-text.ts';

describe('orderAmountText', () => {
  it('writes yen and won without decimals and dollars with two (ISO 4217 minor units)', () => {
    expect(orderAmountText(1_200_000, 'JPY')).toBe('JPY 12,000'); // 1,200,000 hundredths = 12,000 yen
    expect(orderAmountText(4_500_000, 'krw')).toBe('KRW 45,000');
    expect(orderAmountText(3_386, 'USD')).toBe('USD 33.86');
    expect(orderAmountText(150_000, 'EUR')).toBe('EUR 1,500.00');
  });
  it('gives an unknown code two decimals rather than failing', () => {
    expect(orderAmountText(1_234, 'XQQ')).toBe('XQQ 12.34');
  });
});
