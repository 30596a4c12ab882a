// The expected value of inspecting a parcel, in won, on its queue row (what the ranking is by).
import { describe, expect, it } from 'vitest';
import { queueValueText } from './queue-value.ts';

describe('queueValueText', () => {
  it('says the value in won and its parts', () => {
    // Model 36.1 %, rules 42.0 %: P(find) = 1 − 0.639 × 0.580 = 62.9 %; 26,236 + 500,000 × 0.629 = 340,741 won.
    const risk = { score: 0.36085729105998754, ruleScore: 0.419552, expectedRevenueKrw: 26236, priority: 340741.44644059386 };
    expect(queueValueText(risk)).toEqual({
      ko: '검사 기대가치 340,741원 = 기대 세수 26,236원 + 적발 1건의 안전 가치 × 적발 확률 62.9%',
      en: 'Expected value of inspection KRW 340,741 = expected revenue KRW 26,236 + the value of one find × a 62.9% chance of a find',
    });
  });

  it('leaves the revenue out when the model estimates none', () => {
    expect(queueValueText({ score: 0.5, ruleScore: 0, expectedRevenueKrw: null, priority: 250000 }).en).toBe('Expected value of inspection KRW 250,000 = the value of one find × a 50.0% chance of a find');
  });
});
