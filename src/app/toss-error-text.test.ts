// Toss's error codes explained for the administrators: a known code in Korean and English with
// Toss's code and message kept as detail; a code not in the table, and no error object at all,
// get generic texts.
import { describe, expect, it } from 'vitest';
import { explainTossError, TOSS_ERROR_TEXT, TOSS_ERROR_UNKNOWN, TOSS_NO_ERROR_OBJECT } from './toss-error-text.ts';

describe('explainTossError', () => {
  it('explains a code Toss sends when it refuses a cancel, keeping its code and Korean message', () => {
    expect(explainTossError({ code: 'NOT_CANCELABLE_PAYMENT', message: '취소 할 수 없는 결제 입니다.' })).toEqual({
      ko: expect.stringContaining('취소할 수 없다고'),
      en: expect.stringContaining('cannot be cancelled'),
      providerCode: 'NOT_CANCELABLE_PAYMENT',
      providerMessage: '취소 할 수 없는 결제 입니다.',
    });
  });

  it('gives a code not in the table the generic text, and still shows the code and message', () => {
    expect(explainTossError({ code: 'SOMETHING_NEW', message: '새 오류' })).toEqual({ ...TOSS_ERROR_UNKNOWN, providerCode: 'SOMETHING_NEW', providerMessage: '새 오류' });
    // Not a property of every object: "constructor" is a code like any other unknown one.
    expect(explainTossError({ code: 'constructor', message: '' })).toEqual({ ...TOSS_ERROR_UNKNOWN, providerCode: 'constructor', providerMessage: null });
  });

  it('says when Toss sent no error object (no answer, a server error)', () => {
    expect(explainTossError(null)).toEqual({ ...TOSS_NO_ERROR_OBJECT, providerCode: null, providerMessage: null });
  });

  it('has both languages for every code, and Korean that is Korean', () => {
    for (const [code, text] of Object.entries(TOSS_ERROR_TEXT)) {
      expect(text.ko, code).toMatch(/[가-힣]/);
      expect(text.en, code).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
