import { describe, expect, it } from 'vitest';
import { identityDetail, phoneText } from './pccc-identities.ts';

const ids = [
  { name: '이영희', phone: '01055556666', postcode: '04522', firstSeen: '2026-12-05' },
  { name: '홍길동', phone: '01011112222', postcode: '04520', firstSeen: '2026-12-01' },
  { name: '홍길동', phone: '01011112222', postcode: '04521', firstSeen: '2026-12-03' },
];

describe('identityDetail', () => {
  it('lists what each PCCC-misuse detector counted, first seen first, without repeats', () => {
    expect(identityDetail('PCCC_MANY_NAMES', ids)).toEqual({ ko: '지금까지 신고된 이름: 홍길동, 이영희', en: 'names declared so far: 홍길동, 이영희' });
    expect(identityDetail('PCCC_MANY_PHONES', ids)?.en).toBe('phone numbers declared so far: 010-1111-2222, 010-5555-6666');
    expect(identityDetail('PCCC_MANY_POSTCODES', ids)?.ko).toBe('지금까지 신고된 우편번호: 04520, 04521, 04522');
  });
  it('says how many more past eight, and nothing for other hits or no identities', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `N${i}`, phone: '', postcode: '', firstSeen: `2026-12-${String(i + 10)}` }));
    expect(identityDetail('PCCC_MANY_NAMES', many)).toEqual({ ko: '지금까지 신고된 이름: N0, N1, N2, N3, N4, N5, N6, N7 외 3개', en: 'names declared so far: N0, N1, N2, N3, N4, N5, N6, N7 and 3 more' });
    expect(identityDetail('PCCC_VOLUME', ids)).toBeNull();
    expect(identityDetail('PCCC_MANY_NAMES', [])).toBeNull();
  });
  it('writes mobile numbers with hyphens', () => {
    expect([phoneText('01012345678'), phoneText('0101234567'), phoneText('0212345678')]).toEqual(['010-1234-5678', '010-123-4567', '0212345678']);
  });
});
