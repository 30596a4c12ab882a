import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './contact-masks.ts';

describe('contact masks', () => {
  it('a mobile number: its first three digits and last four, whatever the hyphens', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone('01012345678')).toBe('010-****-5678');
    // 10 digits (an older 011 number): 011 + **** + the last four 4567.
    expect(maskPhone('011-123-4567')).toBe('011-****-4567');
    // Fewer than 8 digits tell nothing worth keeping.
    expect(maskPhone('1234567')).toBe('****');
  });

  it('an e-mail address: its first character and its domain', () => {
    expect(maskEmail('minji.kim@example.com')).toBe('m***@example.com');
    expect(maskEmail('a@b.kr')).toBe('a***@b.kr');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail('no-at-sign')).toBe('***');
  });
});
