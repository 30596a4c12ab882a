import { describe, expect, it } from 'vitest';
import { exOfficioCancelText } from './pccc-registry.ts';

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
