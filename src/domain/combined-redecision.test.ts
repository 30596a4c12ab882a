import { describe, expect, it } from 'vitest';
import type { Assessment } from './assessment.ts';
import { laterRefs, outcomeChanged, redecisionReason, withPriorConsent } from './combined-redecision.ts';

const base: Assessment = {
  ref: 'A',
  status: 'assessed',
  errors: [],
  route: 'list',
  reasons: [{ code: 'ROUTE_LIST', ko: '목록통관', en: 'list', ref: 'x' }],
  goodsValueUsd: 100,
  deMinimis: { thresholdUsd: 150, exempt: true },
  combinedWith: [],
  valuation: null,
  lines: [],
  taxes: { dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 0, totalKrw: 0, collected: false },
  taxesWithoutExemption: null,
  signals: [],
  dataVersions: {},
};
// The worked example of test/integration/combined-redecision.test.ts: KRW 19,430 + 16,890 = 36,320.
const taxed: Assessment = {
  ...base,
  route: 'general',
  deMinimis: { thresholdUsd: 150, exempt: false },
  combinedWith: ['B'],
  taxes: { dutyKrw: 19_430, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 16_890, totalKrw: 36_320, collected: true },
};

describe('combined taxation decided again (고시 제68조)', () => {
  it('an outcome is the route, the exemption and the taxes; a longer list of refs alone is not one', () => {
    expect(outcomeChanged(base, taxed)).toBe(true);
    expect(outcomeChanged(base, { ...base, combinedWith: ['B'] })).toBe(false);
    expect(outcomeChanged(taxed, { ...taxed, taxes: { ...taxed.taxes!, vatKrw: 16_900, totalKrw: 36_330 } })).toBe(true);
    expect(laterRefs({ ...base, combinedWith: ['C'] }, { ...taxed, combinedWith: ['B', 'C'] })).toEqual(['B']);
  });

  it('keeps the consent outcome of the assessment it replaces', () => {
    const prior = { ...base, signals: ['VERIFIED_CONSUMER'], reasons: [...base.reasons, { code: 'CONSENT_VERIFIED', ko: '동의', en: 'consent', ref: 'y' }] };
    const fresh = withPriorConsent(prior, taxed);
    expect(fresh.signals).toEqual(['VERIFIED_CONSUMER']);
    expect(fresh.reasons.map((r) => r.code)).toEqual(['ROUTE_LIST', 'CONSENT_VERIFIED']);
    expect(withPriorConsent(base, taxed)).toBe(taxed);
  });

  it('says what changed and what to do, naming the later refs only when asked', () => {
    const named = redecisionReason(base, taxed, ['B'], true);
    expect(named.ko).toContain('이 신고가 뒤에 접수된 신고(B)와 합산되어');
    expect(named.ko).toContain('목록통관 → 일반통관(수입신고), 납부할 세액 0원 → 36,320원');
    expect(named.ko).toContain('관세법 제119조');
    expect(named.en).toContain('Next: pay KRW 36,320');
    expect(named.ref).toContain('고시 제68조');
    const counted = redecisionReason(base, taxed, ['B'], false);
    expect(counted.ko).toContain('이 신고가 뒤에 접수된 신고 1건과 합산되어');
    expect(`${counted.ko} ${counted.en}`).not.toContain(' B ');
  });

  it('no member joined or left: says a member\'s value or limit changed, and what to do', () => {
    const r = redecisionReason(taxed, { ...base, combinedWith: ['B'] }, [], false, []);
    expect(r.ko).toBe('합산과세 재산정: 함께 합산되는 신고의 물품가격 또는 면세한도가 바뀌어(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: 일반통관(수입신고) → 목록통관, 납부할 세액 36,320원 → 0원. 다음 할 일: 납부할 세금은 없습니다.');
    expect(r.en).toBe('Re-assessed for combined taxation: a declaration it is combined with now has another value or de minimis (KCS Notice on Import Clearance Art. 68) and its outcome changed: general clearance (import declaration) → list clearance, taxes due KRW 36,320 → KRW 0. Next: no taxes are due.');
    // Taxed by it: pay, or dispute the combination.
    expect(redecisionReason(base, taxed, [], false, []).ko).toContain('다음 할 일: 세금 36,320원을 납부하거나');
  });
});
