// What ranks a scored parcel in the work queue, in won, on its row: the expected value of inspecting it
// (risk_scores.priority = expected revenue + the safety value of one find × the probability of a find by
// the model or the rules, platform-risk.ts queuePriority). The row showed only its points (149.5, 139.0),
// which the ranking note defines by this value without the row saying it. Pure: queue-value.test.ts.
import type { Bilingual } from '../../src/domain/bilingual.ts';
import { formatKrw } from '../../src/domain/money.ts';

export function queueValueText(risk: { score: number; ruleScore: number; expectedRevenueKrw: number | null; priority: number }): Bilingual {
  // P(find by the model or the rules): 1 − (1 − model)(1 − rules), as queuePriority combines them.
  const p = `${((1 - (1 - risk.score) * (1 - risk.ruleScore)) * 100).toFixed(1)}%`;
  const value = formatKrw(Math.round(risk.priority));
  const revenue = risk.expectedRevenueKrw === null ? null : formatKrw(Math.round(risk.expectedRevenueKrw));
  return {
    ko: `검사 기대가치 ${value}원 = ${revenue === null ? '' : `기대 세수 ${revenue}원 + `}적발 1건의 안전 가치 × 적발 확률 ${p}`,
    en: `Expected value of inspection KRW ${value} = ${revenue === null ? '' : `expected revenue KRW ${revenue} + `}the value of one find × a ${p} chance of a find`,
  };
}
