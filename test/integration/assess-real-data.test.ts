// The engine on the real reference files in data/. Expected figures are computed by hand
// from the values that are real, not placeholders: the customs rates of the week of
// 2026-02-01 (USD 1,442.88, CNY 207.51, EUR 1,723.42), of 2025-07-27 (USD 1,383.42) and of
// 2025-07-20 (USD 1,382.76, EUR 1,609.30; data/sources/fx-published-weeks.json), the US deemed-freight rows
// (≤1 kg: sea parcel 12,000 / express 18,900) and the basic rate of HS 6109 (13%).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../../src/adapters/reference/load-reference-files.ts';
import { assessBatch, assessDeclaration } from '../../src/domain/assess.ts';
import { compileReference, type Reference } from '../../src/domain/reference/compile-reference.ts';
import { sampleDeclaration } from '../fixtures/fixture-reference.ts';

let reference: Reference;
beforeAll(async () => {
  reference = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
});

const feb = (o: Record<string, unknown> = {}) =>
  sampleDeclaration({ declaredAt: '2026-02-04', order: { currency: 'USD', purchasedAt: '2026-02-01' }, shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H1', grossWeightKg: 0.8 }, ...o });
const tshirt = (price: number) => ({ description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price, originCountry: 'VN' });

describe('assessment on the real reference data', () => {
  it('T-shirt USD 100 from the US, week of 2026-02-01: list clearance; the taxes it would owe', () => {
    const a = assessDeclaration(feb({ items: [tshirt(100)] }), reference);
    expect(a.route).toBe('list');
    // goods 100 × 1,442.88 = 144,288; sea parcel US ≤1 kg 12,000; taxable 156,288
    // duty 156,288 × 13% = 20,317.44 → 20,317 → 20,310; VAT (156,288 + 20,317) × 10% = 17,660.5 → 17,660; total 37,970
    expect(a.valuation).toMatchObject({ exchangeRate: 1442.88, rateWeekStart: '2026-02-01', goodsValueKrw: 144_288, freightKrw: 12_000, taxableValueKrw: 156_288 });
    expect(a.taxesWithoutExemption).toMatchObject({ dutyKrw: 20_310, vatKrw: 17_660, totalKrw: 37_970 });
    expect(a.reasons.map((r) => r.code)).not.toContain('FX_PLACEHOLDER');
    // The rate as KCS writes it, grouped: USD 100.00 × 1,442.88 = 144,288 won.
    const goods = a.reasons.find((r) => r.code === 'GOODS_VALUE')!;
    expect(goods.ko).toContain('USD 100.00 (');
    expect(goods.ko).toContain('× 과세환율 1,442.88 (2026-02-01 주) = 144,288원');
    expect(goods.en).toContain('× customs rate 1,442.88 (week of 2026-02-01) = KRW 144,288');
    expect(a.dataVersions).toMatchObject({ exchangeRateWeek: '2026-02-01' });
    expect(Object.keys(a.dataVersions)).toEqual(expect.arrayContaining(['thresholds', 'exchangeRates', 'freight', 'tariff', 'exclusions', 'quantityLimits']));
  });

  it('T-shirt USD 250 from the US: general clearance, express freight', () => {
    const a = assessDeclaration(feb({ items: [tshirt(250)] }), reference);
    // goods 250 × 1,442.88 = 360,720 > 200,000 → express US ≤1 kg 18,900; taxable 379,620
    // duty 379,620 × 13% = 49,350.6 → 49,350; VAT (379,620 + 49,350) × 10% = 42,897 → 42,890; total 92,240
    expect(a.route).toBe('general');
    expect(a.taxes).toMatchObject({ dutyKrw: 49_350, vatKrw: 42_890, totalKrw: 92_240, collected: true });
  });

  it('CNY 1,000 from China converts through KRW: USD 143.82, list clearance', () => {
    const a = assessDeclaration(feb({ shipment: { mode: 'express', shipFrom: 'CN', hblNo: 'H2', grossWeightKg: 0.8 }, order: { currency: 'CNY', purchasedAt: '2026-02-01' }, items: [tshirt(1000)] }), reference);
    // 1,000 × 207.51 = 207,510 KRW; / 1,442.88 = 143.816… → 143.82
    expect(a.valuation?.goodsValueKrw).toBe(207_510);
    expect(a.goodsValueUsd).toBe(143.82);
    expect(a.route).toBe('list');
  });

  it('T-shirt USD 100 from the US, week of 2025-07-27 (published: USD 1,383.42): list clearance, no placeholder rate', () => {
    const a = assessDeclaration(feb({ declaredAt: '2025-07-30', order: { currency: 'USD', purchasedAt: '2025-07-25' }, items: [tshirt(100)] }), reference);
    // goods 100 × 1,383.42 = 138,342; sea parcel US ≤1 kg 12,000; taxable 150,342
    // duty 150,342 × 13% = 19,544.46 → 19,544 → 19,540; VAT (150,342 + 19,544) × 10% = 16,988.6 → 16,988 → 16,980; total 36,520
    expect(a.route).toBe('list');
    expect(a.valuation).toMatchObject({ exchangeRate: 1383.42, rateWeekStart: '2025-07-27', goodsValueKrw: 138_342, freightKrw: 12_000, taxableValueKrw: 150_342 });
    expect(a.taxesWithoutExemption).toMatchObject({ dutyKrw: 19_540, vatKrw: 16_980, totalKrw: 36_520 });
    expect(a.reasons.map((r) => r.code)).not.toContain('FX_PLACEHOLDER');
  });

  it('EUR 100 in the week of 2025-07-20 (published: EUR 1,609.30, USD 1,382.76) converts through KRW: USD 116.38', () => {
    const a = assessDeclaration(feb({ declaredAt: '2025-07-23', shipment: { mode: 'express', shipFrom: 'DE', hblNo: 'H3', grossWeightKg: 0.8 }, order: { currency: 'EUR', purchasedAt: '2025-07-21' }, items: [tshirt(100)] }), reference);
    // 100 × 1,609.30 = 160,930 KRW; / 1,382.76 = 116.383… → 116.38 (1,382.76 × 116.38 = 160,925.61, 4.39 short of 160,930: less than half of 0.01 USD = 6.91 KRW)
    expect(a.valuation).toMatchObject({ exchangeRate: 1609.3, rateWeekStart: '2025-07-20', goodsValueKrw: 160_930 });
    expect(a.goodsValueUsd).toBe(116.38);
    expect(a.reasons.map((r) => r.code)).not.toContain('FX_PLACEHOLDER');
  });

  it('every category of the category table classifies to a duty rate', () => {
    const categories = reference.files.categories.versions.at(-1)!.records;
    const declarations = categories.map((c, i) => feb({ ref: `c${i}`, shipment: { mode: 'express', shipFrom: 'US', hblNo: `HC${i}`, grossWeightKg: 0.5 }, items: [{ description: `${c.ko} 테스트브랜드 상품명`, category: c.category, quantity: 1, price: 20 }] }));
    const out = assessBatch(declarations, reference);
    for (const a of out) {
      expect(a.status, JSON.stringify(a.errors)).toBe('assessed');
      expect(a.reasons.map((r) => r.code)).not.toContain('TARIFF_UNKNOWN');
    }
  });

  it('keywords route narcotics to hold and supplements to general clearance; ordinary goods stay in list clearance', () => {
    const item = (description: string, category: string) => feb({ items: [{ description, category, quantity: 1, price: 30 }] });
    const [cbd, vitamin, bag, dryer] = assessBatch(
      [item('CBD 오일 Charlotte 1000mg', 'cosmetics'), item('비타민D Now Foods 5000IU', 'food'), item('에코백 Hemp Tote 캔버스', 'bag'), item('헤어드라이어 Dyson Supersonic', 'hair-dryer')].map((d, i) => ({ ...d, ref: `k${i}`, shipment: { mode: 'express', shipFrom: 'US', hblNo: `HK${i}`, grossWeightKg: 0.8 } })),
      reference,
    );
    expect(cbd!.route).toBe('hold');
    expect(vitamin!.route).toBe('general');
    expect(bag!.route).toBe('list');
    expect(dryer!.route).toBe('list');
  });
});
