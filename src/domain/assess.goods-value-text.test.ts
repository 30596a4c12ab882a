// The goods value's calculation as the consumer reads it (/me's parcels, the estimator): the value in
// won once, and the value in dollars (the duty-free limit's currency) on a line of its own only when
// the order was in another currency. Before, every GOODS_VALUE ended "= KRW … = USD …": for an order
// in dollars, "USD 150.00 × 1,442.88 = KRW 216,432 = USD 150.00", the dollars written twice.
// Real reference data (data/), week of 2026-02-01: USD 1,442.88, EUR 1,723.42 (as the broker audit).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import { brokerCases } from '../../test/fixtures/broker-audit-declarations.ts';

let ref: Reference;
beforeAll(async () => {
  ref = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
});
const reasonsOf = (key: string) => assessDeclaration(brokerCases[key], ref).reasons;

describe('the goods value reads once', () => {
  it('ordered in dollars (B01, USD 150.00): one line, ending in won; no dollar line', () => {
    const rs = reasonsOf('B01');
    const g = rs.find((r) => r.code === 'GOODS_VALUE')!;
    // 150.00 × 1,442.88 = 216,432
    expect(g.en).toBe('Goods value USD 150.00 (price + local tax + local shipping − discount + other costs, international freight excluded) × customs rate 1,442.88 (week of 2026-02-01) = KRW 216,432.');
    expect(g.ko).toBe('물품가격 USD 150.00 (상품가+현지세금+현지운송료−할인+기타비용, 국제운송료 제외) × 과세환율 1,442.88 (2026-02-01 주) = 216,432원.');
    expect(rs.map((r) => r.code)).not.toContain('GOODS_VALUE_USD');
    // no text of the parcel says "= USD" (was: "= KRW 216,432 = USD 150.00.")
    expect(rs.filter((r) => r.en.includes('= USD') || r.ko.includes('= 미화'))).toEqual([]);
  });

  it('ordered in euros (B06, EUR 127.00): the won, then the dollars on their own line with their arithmetic', () => {
    const rs = reasonsOf('B06');
    const codes = rs.map((r) => r.code);
    expect(codes.indexOf('GOODS_VALUE_USD')).toBe(codes.indexOf('GOODS_VALUE') + 1);
    // 127.00 × 1,723.42 = 218,874.34 → 218,874 won
    expect(rs.find((r) => r.code === 'GOODS_VALUE')!.en).toMatch(/× customs rate 1,723\.42 \(week of 2026-02-01\) = KRW 218,874\.$/);
    // 218,874.34 ÷ 1,442.88 = 151.6925 → USD 151.69, over the USD 150 limit
    const u = rs.find((r) => r.code === 'GOODS_VALUE_USD')!;
    expect(u.en).toBe('Goods value in US dollars, as the duty-free limit is set: EUR 127.00 × customs rate 1,723.42 ÷ USD customs rate 1,442.88 = USD 151.69.');
    expect(u.ko).toBe('면세한도(미화)와 견줄 물품가격: EUR 127.00 × 과세환율 1,723.42 ÷ 미화 과세환율 1,442.88 = 미화 151.69달러.');
    expect(u.ref).toBe('관세법 제18조(과세환율); 수입통관 사무처리에 관한 고시 제67조');
  });

  it('ordered in yen (B04, JPY 23,025): yen without decimals, as the currency has none (ISO 4217 exponent 0); the dollars the engine computes keep two', () => {
    const rs = reasonsOf('B04');
    const g = rs.find((r) => r.code === 'GOODS_VALUE')!;
    // 23,025 × 9.40 = 216,435 won (was written "JPY 23,025.00")
    expect(g.ko).toBe('물품가격 JPY 23,025 (상품가+현지세금+현지운송료−할인+기타비용, 국제운송료 제외) × 과세환율 9.40 (2026-02-01 주) = 216,435원.');
    expect(g.en).toBe('Goods value JPY 23,025 (price + local tax + local shipping − discount + other costs, international freight excluded) × customs rate 9.40 (week of 2026-02-01) = KRW 216,435.');
    // 216,435 ÷ 1,442.88 = 150.0021 → USD 150.00 (two decimals: a dollar amount)
    const u = rs.find((r) => r.code === 'GOODS_VALUE_USD')!;
    expect(u.ko).toBe('면세한도(미화)와 견줄 물품가격: JPY 23,025 × 과세환율 9.40 ÷ 미화 과세환율 1,442.88 = 미화 150.00달러.');
    expect(u.en).toBe('Goods value in US dollars, as the duty-free limit is set: JPY 23,025 × customs rate 9.40 ÷ USD customs rate 1,442.88 = USD 150.00.');
    // Serialised (toJSON) as read.
    expect(JSON.parse(JSON.stringify(g)).en).toBe(g.en);
    // No reason of the parcel writes yen with decimals.
    expect(rs.filter((r) => /JPY [\d,]+\.\d/.test(r.ko + r.en))).toEqual([]);
  });

  it('a declared fraction of a yen is written as the arithmetic used it (JPY 12,000.50 × 9.40 = 112,804.7 → 112,804 won)', () => {
    const d = { ...(brokerCases.B04 as object), items: [{ description: '화장품 SK-II 피테라 에센스', hsCode: '3304', quantity: 1, price: 12000.5, originCountry: 'JP' }] };
    const g = assessDeclaration(d, ref).reasons.find((r) => r.code === 'GOODS_VALUE')!;
    expect(g.en).toContain('Goods value JPY 12,000.50 (');
    expect(g.en).toContain('= KRW 112,804.');
  });
});
