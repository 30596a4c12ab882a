import { describe, expect, it } from 'vitest';
import { VALIDATION_MESSAGES } from '../domain/validation-messages.ts';
import { ERROR_TEXT } from './errors.ts';
import { invalidRequest, REQUEST_FIELD_MESSAGES, requestFieldError } from './field-errors.ts';

describe('a refused request’s field error', () => {
  it('fills its code’s text with the scalar params and keeps every param for machines', () => {
    // get-operator-scorecard: days = 400, allowed 1–365.
    expect(requestFieldError('querystring.days', 'value_out_of_range', { limit: '1–365', min: 1, max: 365 })).toEqual({
      path: 'querystring.days',
      code: 'value_out_of_range',
      ko: '허용 범위를 벗어난 값입니다 (1–365).',
      en: 'Out of range (1–365).',
      params: { limit: '1–365', min: 1, max: 365 },
    });
    // A list is kept in params but fills no placeholder.
    const role = requestFieldError('params.role', 'not_allowed_value', { allowed: 'seller | platform', allowedValues: ['seller', 'platform'] });
    expect([role.en, role.params]).toEqual(['Value not allowed; one of: seller | platform.', { allowed: 'seller | platform', allowedValues: ['seller', 'platform'] }]);
  });

  it('reads as a declaration’s error where the rule is the same: code and text of validation-messages.ts', () => {
    expect(requestFieldError('body.buyerPccc', 'pccc_invalid')).toEqual({ path: 'body.buyerPccc', code: 'pccc_invalid', ...VALIDATION_MESSAGES.pccc_invalid });
    expect(requestFieldError('body.reason', 'too_short')).toEqual({ path: 'body.reason', code: 'too_short', ko: '값이 비어 있습니다.', en: 'Must not be empty.' });
  });

  it('takes the use case’s own words when given, and refuses a code without text', () => {
    const own = { ko: '철회 사유(한국어)를 입력하세요.', en: 'Give the reason for the withdrawal in Korean.' };
    expect(requestFieldError('body.reason', 'too_short', undefined, own)).toEqual({ path: 'body.reason', code: 'too_short', ...own });
    expect(requestFieldError('body.validUntil', 'valid_until_past', undefined, { ko: '가', en: 'a' }).code).toBe('valid_until_past');
    expect(() => requestFieldError('body.x', 'no_such_code')).toThrow(/no_such_code has no text/);
  });

  it('has Korean and English text for every code, with the same placeholders in both', () => {
    for (const [code, t] of Object.entries(REQUEST_FIELD_MESSAGES)) {
      expect(t.ko, code).toMatch(/[가-힣]/);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/Ko$|En$/, '')).sort();
      expect(holes(t.ko), code).toEqual(holes(t.en));
    }
  });
});

describe('a refused request', () => {
  it('is VALIDATION_FAILED with the list of field errors as details, worded as its only error', () => {
    const e = requestFieldError('body.revenueKrw', 'revenue_on_clean');
    expect(invalidRequest(e)).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', ko: e.ko, en: e.en, details: [e] } });
  });

  it('keeps the text it is given, and the generic text of the code for several errors', () => {
    const a = requestFieldError('body.from', 'invalid_date');
    const b = requestFieldError('body.to', 'invalid_date');
    const text = { ko: '카드번호가 올바르지 않습니다.', en: 'The card number is invalid.' };
    expect(invalidRequest(a, text)).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', ...text, details: [a] } });
    expect(invalidRequest([a, b])).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', ...ERROR_TEXT.VALIDATION_FAILED, details: [a, b] } });
  });
});
