import { describe, expect, it } from 'vitest';
import { contactProof, contactValue } from './change-holder-contact.ts';

describe('contactValue: the field error names body.<field>', () => {
  it('answers the normalized value', () => {
    expect(contactValue('phone', '010-2000-3000')).toEqual({ ok: true, value: '01020003000' });
    expect(contactValue('email', 'A@Example.com')).toEqual({ ok: true, value: 'A@example.com' });
  });
  it('refuses with VALIDATION_FAILED, one field error in Korean and English', () => {
    const phone = contactValue('phone', '02-123-4567');
    expect(phone.ok).toBe(false);
    if (!phone.ok) {
      expect(phone.error.code).toBe('VALIDATION_FAILED');
      expect(phone.error.details).toEqual([expect.objectContaining({ path: 'body.phone', code: 'mobile_invalid', ko: expect.stringContaining('01로 시작'), en: expect.stringContaining('10 or 11 digits') })]);
    }
    const email = contactValue('email', 'nobody');
    if (!email.ok) expect(email.error.details).toEqual([expect.objectContaining({ path: 'body.email', code: 'email_invalid' })]);
    else expect.unreachable();
  });
});

describe('contactProof: what the code proves', () => {
  it('binds the challenge, the field and the new value, and is never a sign-in challenge’s `${id}:${code}`', () => {
    const p = contactProof('cch_1', 'phone', '01020003000', '123456');
    expect(p).toBe('contact:cch_1:phone:01020003000:123456');
    expect(p).not.toBe(contactProof('cch_1', 'phone', '01020003001', '123456'));
    expect(p).not.toBe(contactProof('cch_1', 'email', '01020003000', '123456'));
    expect(p).not.toBe('cch_1:123456');
  });
});
