// A third customs broker's (관세사) audit of the engine ("tax", 2026-12-07), on the REAL reference data
// (data/), after assess.broker-audit, assess.broker-recheck, assess.engine-audit and
// assess.rules-crosscheck: only the cases where the engine's answer or its explanation was wrong.
// Every figure was computed by hand from the rules (domain-rules §1–§5, seed 002, issue 2) and the
// data files before the engine was run; the arithmetic is written next to each expectation.
//
// Values used: the customs rate of the week of 2026-02-01 (published): USD 1,442.88.
// Deemed freight (data/freight.json): US ≤0.5 kg sea parcel 8,750, US ≤1.5 kg express 23,950,
// CN ≤1 kg express 11,350. Duty: HS 4901 (books) 0%, HS 6109 13%, HS 3304 6.5%.
// Rounding (README "Rounding"): KRW values and each tax per line truncated to the won, each tax
// total truncated to 10 won; a total under KRW 10,000 is not collected (관세법 제40조).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import { codes, decl, nextStep, reason, tshirt } from '../../test/fixtures/broker-audit-declarations.ts';

let ref: Reference;
beforeAll(async () => {
  ref = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
});

const book = (price: number) => ({ description: '도서 Clean Code 원서', category: 'book', quantity: 1, price, originCountry: 'US' });

describe('a parcel whose taxes come to nothing is not told it is under the collection minimum (관세법 제40조)', () => {
  it('a book of USD 300 from the US by express: over USD 200, general clearance; duty 0% and VAT exempt, so nothing is owed, and the next step says so without citing the KRW 10,000 minimum', () => {
    const a = assessDeclaration(decl('Z01', { shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-Z01', grossWeightKg: 1.5 } as never, items: [book(300)] }), ref);
    // goods 300 × 1,442.88 = 432,864 > 200,000 → express US ≤1.5 kg 23,950; taxable 456,814;
    // duty 456,814 × 0% = 0; VAT: books exempt (부가가치세법 제27조 제2호) → 0; total 0.
    expect(a.route).toBe('general');
    expect(a.valuation).toMatchObject({ goodsValueKrw: 432_864, freightKrw: 23_950, taxableValueKrw: 456_814 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 0, totalKrw: 0, collected: false });
    // Before: NEXT_NONE_NOT_COLLECTED, '다음 할 일: 납부할 세금이 없습니다.' citing 관세법 제40조 — the
    // minimum-collection article, though there was nothing to collect and no minimum involved.
    expect(nextStep(a)).toEqual(['NEXT_NONE_ZERO_TAX']);
    const next = reason(a, 'NEXT_NONE_ZERO_TAX');
    expect(next.ref).not.toMatch(/제40조/);
    expect(next.ref).toMatch(/관세법 제241조/);
    expect(next.ko).toMatch(/0원/);
    expect(next.ko).toMatch(/수입신고/);
    expect(next.en).toMatch(/KRW 0/);
    expect(next.en).toMatch(/import declaration/);
    expect(codes(a)).not.toContain('MINIMUM_COLLECTION');
  });

  it('a business import of a book of USD 50 (no de minimis): the same, nothing owed, not a minimum case', () => {
    const a = assessDeclaration(decl('Z02', { purpose: 'business', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-Z02', grossWeightKg: 0.5 } as never, items: [book(50)] }), ref);
    // goods 50 × 1,442.88 = 72,144 ≤ 200,000 → sea parcel US ≤0.5 kg 8,750; taxable 80,894; duty 0%; VAT exempt; total 0
    expect(a.valuation).toMatchObject({ goodsValueKrw: 72_144, freightKrw: 8_750, taxableValueKrw: 80_894 });
    expect(a.taxes).toMatchObject({ totalKrw: 0, collected: false });
    expect(nextStep(a)).toEqual(['NEXT_NONE_ZERO_TAX']);
  });

  it('a total above zero but under KRW 10,000 keeps NEXT_NONE_NOT_COLLECTED with 관세법 제40조', () => {
    const a = assessDeclaration(decl('Z03', { purpose: 'business', shipment: { mode: 'express', shipFrom: 'CN', hblNo: 'H-Z03', grossWeightKg: 0.5 } as never, items: [tshirt(20)] }), ref);
    // goods 20 × 1,442.88 = 28,857.6 → 28,857; sea parcel CN ≤0.5 kg 5,250; taxable 34,107;
    // duty 34,107 × 13% = 4,433.91 → 4,433 → 4,430; VAT (34,107 + 4,433) × 10% = 3,854 → 3,850; total 8,280 < 10,000
    expect(a.taxes).toMatchObject({ dutyKrw: 4_430, vatKrw: 3_850, totalKrw: 8_280, collected: false });
    expect(nextStep(a)).toEqual(['NEXT_NONE_NOT_COLLECTED']);
    expect(reason(a, 'NEXT_NONE_NOT_COLLECTED').ref).toMatch(/관세법 제40조/);
  });
});

describe('an order paid in won (AliExpress and other sites charge Korean buyers in KRW) is assessed, not refused for a missing KRW customs rate', () => {
  const krwOrder = (ref: string, price: number, o: Record<string, unknown> = {}) =>
    decl(ref, { order: { orderNo: `O-${ref}`, purchasedAt: '2026-02-01', currency: 'KRW' }, items: [tshirt(price)], ...o });

  it('a T-shirt of KRW 216,000 from China: KRW needs no conversion; USD 149.70 for the de minimis (÷ the USD rate), list clearance', () => {
    // Before: rejected, order.currency exchange_rate_missing ('2026-02-01 주의 KRW 과세환율이 없습니다').
    const a = assessDeclaration(krwOrder('K01', 216_000), ref);
    expect(a.status).toBe('assessed');
    // goods KRW 216,000 (no conversion); in USD 216,000 ÷ 1,442.88 = 149.7006 → 149.70 ≤ 150: exempt, list clearance
    expect(a.goodsValueUsd).toBe(149.7);
    expect(a.route).toBe('list');
    // 216,000 > 200,000 → express CN ≤1 kg 11,350; taxable 227,350
    expect(a.valuation).toMatchObject({ currency: 'KRW', exchangeRate: 1, goodsValueKrw: 216_000, freightKrw: 11_350, taxableValueKrw: 227_350 });
    const gv = reason(a, 'GOODS_VALUE_KRW');
    expect(gv.ko).toContain('216,000원');
    expect(gv.en).toContain('KRW 216,000');
    expect(gv.ko).not.toMatch(/× 과세환율/);
    const usd = reason(a, 'GOODS_VALUE_USD_FROM_KRW');
    expect(usd.ko).toContain('216,000원 ÷ 미화 과세환율 1,442.88 (2026-02-01 주) = 미화 149.70달러');
    expect(usd.en).toContain('KRW 216,000 ÷ USD customs rate 1,442.88 (week of 2026-02-01) = USD 149.70');
    expect(codes(a)).not.toContain('GOODS_VALUE');
    expect(codes(a)).not.toContain('GOODS_VALUE_USD');
  });

  it('KRW 216,500 is USD 150.05 (216,500 ÷ 1,442.88 = 150.0468 → 150.05): over the limit, taxed', () => {
    const a = assessDeclaration(krwOrder('K02', 216_500), ref);
    expect(a.route).toBe('general');
    // taxable 216,500 + 11,350 = 227,850; duty 13% = 29,620.5 → 29,620; VAT (227,850 + 29,620) × 10% = 25,747 → 25,740; total 55,360
    expect(a.taxes).toMatchObject({ dutyKrw: 29_620, vatKrw: 25_740, totalKrw: 55_360, collected: true });
  });

  it('the deemed-freight switch at exactly KRW 200,000 (business: no de minimis): 200,000 takes the sea-parcel rate, 200,001 the express rate', () => {
    // ≤ 200,000 → 선편 CN ≤1 kg 7,200; > 200,000 → 특송 CN ≤1 kg 11,350 (domain-rules §4.3)
    const at = assessDeclaration(krwOrder('K03', 200_000, { purpose: 'business' }), ref);
    const over = assessDeclaration(krwOrder('K04', 200_001, { purpose: 'business' }), ref);
    expect(at.valuation).toMatchObject({ goodsValueKrw: 200_000, freightKrw: 7_200, taxableValueKrw: 207_200 });
    expect(over.valuation).toMatchObject({ goodsValueKrw: 200_001, freightKrw: 11_350, taxableValueKrw: 211_351 });
    // 207,200 × 13% = 26,936; VAT (207,200 + 26,936) × 10% = 23,413.6 → 23,413 → 23,410; total 26,930 + 23,410 = 50,340
    expect(at.taxes).toMatchObject({ dutyKrw: 26_930, vatKrw: 23_410, totalKrw: 50_340 });
  });
});

describe('a gift or sample declared at its price without a discount is said to be counted at no charge (seed 002: 정품 가격을 상품가에, 같은 금액을 할인금액에)', () => {
  const sample = { description: '샘플 립밤 Laneige 립 슬리핑 마스크', hsCode: '3304', quantity: 1, price: 30, gift: true };

  it('a T-shirt of USD 140 with a lip-balm sample marked gift at USD 30, no discount: goods value USD 140, and a reason says why the USD 30 is not in it', () => {
    const a = assessDeclaration(decl('G01', { items: [tshirt(140), sample] }), ref);
    // goods: 140.00 + (30.00 − 30.00 taken as the equal discount) = USD 140.00 ≤ 150 → exempt, list
    // 140 × 1,442.88 = 202,003.2 → 202,003 > 200,000 → express CN ≤1 kg 11,350
    expect(a.goodsValueUsd).toBe(140);
    expect(a.route).toBe('list');
    expect(a.valuation).toMatchObject({ goodsValueKrw: 202_003, freightKrw: 11_350 });
    // Before: no word of the sample; GOODS_VALUE read 'USD 140.00' for items priced USD 170 in all.
    const g = reason(a, 'GIFT_NO_CHARGE');
    expect(g.ko).toContain('2번 물품');
    expect(g.ko).toContain('USD 30.00');
    expect(g.en).toContain('Item 2');
    expect(g.en).toContain('USD 30.00');
    expect(g.ref).toMatch(/관세법 제30조/);
  });

  it('not said when the gift carries its own discount (then the discount is declared and in GOODS_VALUE), nor for ordinary items', () => {
    const withDiscount = assessDeclaration(decl('G02', { items: [tshirt(140), { ...sample, discount: 30 }] }), ref);
    expect(withDiscount.goodsValueUsd).toBe(140);
    expect(codes(withDiscount)).not.toContain('GIFT_NO_CHARGE');
    expect(codes(assessDeclaration(decl('G03', { items: [tshirt(140)] }), ref))).not.toContain('GIFT_NO_CHARGE');
  });
});

describe('an FTA claim refused for its proof says what to do to still get the rate (FTA 관세특례법 제8조, 제9조)', () => {
  it('a German-made T-shirt of EUR 6,001 from Germany, Korea–EU claimed with an invoice origin declaration (ceiling EUR 6,000): basic 13%, and the next step says how to claim with an approved exporter’s declaration, before acceptance or within a year after', () => {
    const a = assessDeclaration(
      decl('F01', { shipment: { mode: 'express', shipFrom: 'DE', hblNo: 'H-F01', grossWeightKg: 1 } as never, order: { orderNo: 'O-F01', purchasedAt: '2026-02-01', currency: 'EUR' }, items: [tshirt(6001, { originCountry: 'DE' })], fta: { agreement: 'KOREU', proof: 'origin-declaration' } }),
      ref,
    );
    // goods 6,001 × 1,723.42 = 10,342,243.42 → 10,342,243; express EU ≤1 kg 19,850; taxable 10,362,093;
    // duty 13% = 1,347,072.09 → 1,347,072 → 1,347,070; VAT (10,362,093 + 1,347,072) × 10% = 1,170,916.5 → 1,170,916 → 1,170,910;
    // total 2,517,980. At KOREU 0% it would be VAT 1,036,209 → 1,036,200 only.
    expect(a.taxes).toMatchObject({ dutyKrw: 1_347_070, vatKrw: 1_170_910, totalKrw: 2_517_980 });
    expect(codes(a)).toContain('FTA_NOT_APPLIED_PROOF');
    // Before: NEXT_PAY, whose note was the USD 150 limit and split purchases — nothing on the FTA.
    expect(nextStep(a)).toEqual(['NEXT_PAY_FTA_PROOF']);
    const next = reason(a, 'NEXT_PAY_FTA_PROOF');
    expect(next.ko).toContain('2,517,980원');
    expect(next.ko).toContain('KOREU');
    expect(next.ko).toMatch(/1년 이내/);
    expect(next.en).toContain('KRW 2,517,980');
    expect(next.en).toMatch(/within one year/);
    expect(next.ref).toMatch(/FTA 관세특례법 제9조/);
  });
});
