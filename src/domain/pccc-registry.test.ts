import { describe, expect, it } from 'vitest';
import { exOfficioCancelText, pcccChangeText } from './pccc-registry.ts';

describe('the ex officio cancel message', () => {
  it('names the code by its last four digits only, says the devices were signed out, in Korean and English', () => {
    const m = exOfficioCancelText('P260000001234');
    expect(m.subject).toBe('[통관] 개인통관고유부호 직권 해지');
    expect(m.ko).toContain('끝자리 1234');
    expect(m.ko).toContain('로그아웃');
    expect(m.en).toContain('ending 1234');
    expect(m.en).toContain('signed out');
    expect(`${m.ko} ${m.en}`).not.toContain('P260000001234');
  });
});

describe('the messages of a change to the code', () => {
  it('say in Korean and English which devices were signed out: the holder’s own reissue or suspend the other devices, an officer’s every one; the code by its last four digits only', () => {
    const own = pcccChangeText({ action: 'reissue', by: 'holder', pccc: 'P260000005678' });
    expect(own.ko).toContain('새 부호 끝자리 5678');
    expect(own.ko).toContain('다른 기기는 모두 로그아웃');
    expect(own.en).toContain('Every other device was signed out');
    const officer = pcccChangeText({ action: 'reissue', by: 'officer', pccc: 'P260000005678' });
    expect(officer.subject).toBe('[통관] 개인통관고유부호 직권 재발급');
    expect(officer.ko).toContain('로그인된 기기는 모두 로그아웃');
    expect(officer.en).toContain('reissued ex officio');
    const suspended = pcccChangeText({ action: 'suspend', by: 'officer', pccc: 'P260000005678' });
    expect(suspended.ko).toContain('해제는 세관에 요청');
    expect(suspended.en).toContain('ask customs to lift it');
    expect(pcccChangeText({ action: 'renew', by: 'holder', pccc: 'P260000005678', expiresOn: '2027-12-06' }).en).toBe('Your personal customs code is now valid until 2027-12-06.');
    expect(pcccChangeText({ action: 'cancel', by: 'officer', pccc: 'P260000001234' })).toEqual(exOfficioCancelText('P260000001234'));
    for (const action of ['suspend', 'resume', 'reissue'] as const)
      for (const by of ['holder', 'officer'] as const) {
        const m = pcccChangeText({ action, by, pccc: 'P260000005678' });
        expect(`${m.ko} ${m.en}`, `${action} by ${by}`).not.toContain('P260000005678');
        expect(m.en.length, `${action} by ${by}`).toBeGreaterThan(0);
      }
  });
});
