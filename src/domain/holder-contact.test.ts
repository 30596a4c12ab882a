import { describe, expect, it } from 'vitest';
import { contactChangeText, contactCodeText, normalizeEmail, normalizeMobile } from './holder-contact.ts';
import { pcccChangeText } from './pccc-registry.ts';

describe('normalizeMobile: a Korean mobile as the registry takes one at issue (01X, 10 or 11 digits)', () => {
  it('keeps the digits of 010-1234-5678 (11) and 011 123 4567 (10)', () => {
    expect(normalizeMobile('010-1234-5678')).toBe('01012345678');
    expect(normalizeMobile('011 123 4567')).toBe('0111234567');
  });
  it('refuses a landline, too few or too many digits, letters and a +82 form', () => {
    expect(normalizeMobile('02-123-4567')).toBeNull();
    expect(normalizeMobile('010-123-456')).toBeNull(); // 9 digits
    expect(normalizeMobile('010-12345-67890')).toBeNull(); // 12 digits
    expect(normalizeMobile('010-1234-567a')).toBeNull();
    expect(normalizeMobile('+82-10-1234-5678')).toBeNull();
    expect(normalizeMobile('')).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('trims, and lowers the domain only (the part before the @ may be case-sensitive)', () => {
    expect(normalizeEmail('  Hana.Kim@Example.CO.KR ')).toBe('Hana.Kim@example.co.kr');
  });
  it('refuses no @, two @, spaces, no dotted domain, an empty or one-letter top level, .. in the domain, and past the lengths (64 before the @, 254 in all)', () => {
    for (const bad of ['hana', 'a@b@example.com', 'ha na@example.com', 'hana@localhost', 'hana@example.c', 'hana@example..com', '@example.com', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(250)}.com`])
      expect(normalizeEmail(bad), bad).toBeNull();
    expect(normalizeEmail(`${'a'.repeat(64)}@example.com`)).toBe(`${'a'.repeat(64)}@example.com`);
  });
});

describe('what the holder is told', () => {
  it('the code goes with what it is for, in Korean and English', () => {
    const t = contactCodeText('phone', '123456', 5);
    expect(t.body).toContain('인증번호 123456 (5분 내 입력)');
    // The English half says as much as the Korean: how long the code holds, and to ignore it if not asked for.
    expect(t.body.split(' / ')[1]).toBe('Code to make this your mobile number for customs notices: 123456 (enter within 5 minutes). If you did not ask for it, ignore this message.');
    expect(contactCodeText('email', '654321', 5).body).toContain('전자우편 주소 변경 인증번호 654321');
  });
  it('a change of contact names the new one masked and says what to do if it was not the holder; pcccChangeText renders it for the outbox', () => {
    const t = contactChangeText('phone', '010-****-5678');
    expect(t.ko).toMatch(/^통관 알림을 받을 휴대전화 번호가 010-\*\*\*\*-5678\(으\)로 변경되었습니다\. .* 본인이 변경하지 않았다면 즉시 통관 포털 보안 페이지에서 부호를 사용정지하고 세관\(125\)에 알리세요\.$/);
    expect(t.en).toContain('Your phone number for customs notices was changed to 010-****-5678. ');
    expect(t.en).toContain(' Not you?');
    expect(pcccChangeText({ action: 'email', by: 'holder', pccc: 'P123456789012', to: 'h***@example.com' }).en).toContain('Your e-mail address for customs notices was changed to h***@example.com.');
  });
  it('a new mobile number: the holder is told to give it to the shops too, since their PCCC check (API028) is by name and mobile; not for an e-mail address', () => {
    const t = contactChangeText('phone', '010-****-5678');
    expect(t.ko).toBe(
      '통관 알림을 받을 휴대전화 번호가 010-****-5678(으)로 변경되었습니다. 쇼핑몰에 등록된 휴대전화 번호도 새 번호로 바꾸세요: 개인통관고유부호 확인은 이름·휴대전화 번호로 합니다. 본인이 변경하지 않았다면 즉시 통관 포털 보안 페이지에서 부호를 사용정지하고 세관(125)에 알리세요.',
    );
    expect(t.en).toBe(
      'Your phone number for customs notices was changed to 010-****-5678. Change the mobile number your shops have on file to the new one too: your customs code (PCCC) is checked by name and mobile number. Not you? Suspend your code at once on the portal’s security page and tell customs (125).',
    );
    const mail = contactChangeText('email', 'h***@example.com');
    expect(mail.ko).not.toContain('쇼핑몰');
    expect(mail.en).not.toContain('shops');
  });
});
