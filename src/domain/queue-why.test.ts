import { describe, expect, it } from 'vitest';
import { holdTextOf, scoreReasons } from './queue-why.ts';

describe('holdTextOf', () => {
  it("joins the engine's hold reasons, or gives the officer's words", () => {
    const engine = { source: 'engine', reasons: [{ code: 'ROUTE_HOLD', ko: '통관보류.', en: 'Held.', ref: '' }, { code: 'HOLD_PROHIBITED', ko: 'CBD.', en: 'CBD.', ref: '' }] };
    expect(holdTextOf(engine)).toEqual({ ko: '통관보류. CBD.', en: 'Held. CBD.', codes: ['ROUTE_HOLD', 'HOLD_PROHIBITED'], since: null });
    expect(holdTextOf({ reason: '원산지 증빙 확인', at: '2026-12-02T10:00:00Z' })).toEqual({ ko: '원산지 증빙 확인', en: '원산지 증빙 확인', codes: ['OFFICER_HOLD'], since: '2026-12-02T10:00:00Z' });
    expect(holdTextOf(null)).toBeNull();
  });

  it("says a consignee's \"not me\" report held it, not an officer, and names nobody", () => {
    const reported = { source: 'consumer-report', reason: '개인통관고유부호 도용 신고: …', reasonEn: 'PCCC misuse reported: …', at: '2026-12-02T10:00:00Z' };
    const hold = holdTextOf(reported)!;
    // before: codes ['OFFICER_HOLD'], as if an officer had held it
    expect([hold.codes, hold.since]).toEqual([['CONSUMER_REPORT_HOLD'], '2026-12-02T10:00:00Z']);
    expect(hold.ko).toContain('수하인이');
    expect(hold.ko).toContain('관세법 제237조');
    expect(hold.en).toContain('Customs Act Article 237');
  });
});

describe('scoreReasons', () => {
  it('gives rule hits by weight first, then the factors that raised the score, three at most', () => {
    const hits = [
      { ko: '주문 결제금액보다 낮게 신고', en: 'declared below the amount paid', weight: 0.3 },
      { ko: '30일간 13건 수입', en: '13 parcels in 30 days', weight: 0.5 },
    ];
    const factors = [
      { ko: '판매자 적발 이력', en: 'seller finds', contribution: 0.4 },
      { ko: '신고 가격', en: 'declared value', contribution: -0.9 },
      { ko: '브랜드 가격 대비', en: 'price vs brand', contribution: 0.7 },
    ];
    expect(scoreReasons(hits, factors).map((r) => r.en)).toEqual(['13 parcels in 30 days', 'declared below the amount paid', 'price vs brand']);
    expect(scoreReasons([], factors, 5).map((r) => r.en)).toEqual(['price vs brand', 'seller finds']); // lowering factors are not reasons to inspect
    expect(scoreReasons(null, undefined)).toEqual([]);
  });

  it('puts the side that carries the score first: the model’s factors when P(illicit) is above the rule score', () => {
    // DEMO-0000052: P 0.522, its one rule hit HS_FROM_CATEGORY (weight 0.03, rule score 0.03).
    const hits = [{ ko: '품목분류를 카테고리로 추정', en: 'HS code inferred from category', weight: 0.03 }];
    const factors = [
      { ko: '브랜드 × 적출국', en: 'brand × country shipped from', contribution: 1.076 },
      { ko: '판매자', en: 'seller', contribution: -0.814 },
      { ko: '수하인 첫 반입 후 경과일', en: 'days since the consignee was first seen', contribution: 0.528 },
    ];
    expect(scoreReasons(hits, factors, 3, { model: 0.522, rules: 0.03 }).map((r) => r.en)).toEqual(['brand × country shipped from', 'days since the consignee was first seen', 'HS code inferred from category']);
    // Rules at least as strong (an order paid 2.3 × the value declared: 0.515 against P 0.246): rules first.
    expect(scoreReasons(hits, factors, 3, { model: 0.246, rules: 0.515 }).map((r) => r.en)[0]).toBe('HS code inferred from category');
    expect(scoreReasons(hits, factors, 3, { model: 0.5, rules: 0.5 }).map((r) => r.en)[0]).toBe('HS code inferred from category');
  });
});
