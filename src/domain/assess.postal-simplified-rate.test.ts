// A taxed postal parcel within the 간이수입신고 limit (USD 1,000) may be taxed by the post office at a
// 간이세율 (관세법 제81조, 시행령 [별표2]; domain rules §4.7) instead of the general rates. The figures
// (data/simplified-rates.json: perfume 35 %, shoes/clothing 25 %, fur 30 %, others 20 %, customs.go.kr's
// postal page, undated) are UNCERTAIN, so the engine keeps its estimate on the general rates and says
// what the simplified rates would give (POSTAL_SIMPLIFIED_RATE), recording the data version it read.
// Real reference data (data/), week of 2026-02-01: USD 1,442.88; deemed express freight US ≤ 0.5 kg 13,800.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import { brokerCases, tshirt } from '../../test/fixtures/broker-audit-declarations.ts';

let ref: Reference;
beforeAll(async () => {
  ref = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
});
// B33: a personal parcel by post from the US, 0.5 kg, declared 2026-02-04.
const postal = (items: object[], o: object = {}) => ({ ...(brokerCases.B33 as object), items, ...o });
const reasonOf = (a: ReturnType<typeof assessDeclaration>, code: string) => a.reasons.find((r) => r.code === code);

describe('a taxed postal parcel: the general estimate, and the 간이세율 said beside it as unverified', () => {
  it('USD 300 of clothing by post (rate R = 25 %): 과세가격 446,664원 × 25% = 111,666 → 111,660원; the estimate stays on the general rates, 108,530원', () => {
    const a = assessDeclaration(postal([tshirt(300, { localTax: 0 })]), ref);
    // 과세가격 = 300.00 × 1,442.88 = 432,864 + deemed freight 13,800 = 446,664
    expect(a.valuation).toMatchObject({ goodsValueKrw: 432_864, freightKrw: 13_800, taxableValueKrw: 446_664 });
    // General: duty 446,664 × 13% = 58,066.32 → 58,066 → 58,060; VAT (446,664 + 58,066) × 10% = 50,473 → 50,470; 108,530
    expect(a.taxes).toMatchObject({ dutyKrw: 58_060, vatKrw: 50_470, totalKrw: 108_530, collected: true });
    const r = reasonOf(a, 'POSTAL_SIMPLIFIED_RATE')!;
    // Simplified: 446,664 × 25% = 111,666 → 111,660 (10 won)
    expect(r.ko).toContain('이 물품의 예상세액 108,530원은 일반세율(관세·부가가치세 등)로 계산한 것입니다.');
    expect(r.ko).toContain('간이세율(신발·의류 25%)로는 과세가격 446,664원 × 간이세율 = 111,660원(10원 미만 버림)입니다.');
    expect(r.ko).toContain('이 간이세율은 확인되지 않은 수치입니다');
    expect(r.ko).toContain('FTA 협정세율은 영수증 등 증빙을 내고 신청해야 적용됩니다.');
    expect(r.en).toContain("This parcel's estimated tax, KRW 108,530, uses the general rates (duty, VAT …).");
    expect(r.en).toContain('(shoes and clothing 25%) it would be taxable value KRW 446,664 × simplified rate = KRW 111,660 (rounded down to KRW 10).');
    expect(r.en).toContain('These simplified rates are not verified');
    expect(r.ref).toBe('관세법 제81조; 관세법 시행령 [별표2]; 국제우편물 수입통관 사무처리에 관한 고시');
    // Said after the total, before what to do next; the data version it read is recorded.
    const codes = a.reasons.map((x) => x.code);
    expect(codes.indexOf('POSTAL_SIMPLIFIED_RATE')).toBe(codes.indexOf('TAX_TOTAL') + 1);
    expect(a.dataVersions.simplifiedRates).toBe('simplified-rates-2015-12-01');
    expect(JSON.parse(JSON.stringify(r))).toEqual({ code: r.code, ko: r.ko, en: r.en, ref: r.ref });
  });

  it('perfume and a tumbler, USD 120 + 80: each line at its group\'s rate, 181,425 × 35% + 120,950 × 20% = 63,498 + 24,190 = 87,688 → 87,680원', () => {
    const a = assessDeclaration(
      postal([
        { description: 'Chanel No.5 Eau de Parfum 50ml', hsCode: '3303001000', quantity: 1, price: 120, originCountry: 'FR' },
        { description: 'Stanley stainless tumbler 591ml', hsCode: '9617', quantity: 1, price: 80, originCountry: 'CN' },
      ]),
      ref,
    );
    // 120 × 1,442.88 = 173,145.6 → 173,145 and 80 × 1,442.88 = 115,430.4 → 115,430 (288,575) + freight 13,800 = 302,375;
    // freight by value, 8,280 and 5,520: lines 181,425 and 120,950
    expect(a.lines.map((l) => l.taxableValueKrw)).toEqual([181_425, 120_950]);
    expect(a.taxes!.totalKrw).toBe(53_840); // general: duty 21,460 + VAT 32,380
    const r = reasonOf(a, 'POSTAL_SIMPLIFIED_RATE')!;
    expect(r.ko).toContain('간이세율(향수 35%(품목 1), 기타 20%(품목 2))로는 과세가격 302,375원 × 간이세율 = 87,680원');
    expect(r.en).toContain('(perfume 35% (item 1); other goods 20% (item 2)) it would be taxable value KRW 302,375 × simplified rate = KRW 87,680');
  });

  it('not said: an express parcel, a postal parcel within the de minimis, one over USD 1,000, a business one', () => {
    const express = assessDeclaration(postal([tshirt(300)], { shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 0.5 } }), ref);
    const exempt = assessDeclaration(postal([tshirt(100)]), ref);
    const over = assessDeclaration(postal([tshirt(1000.01)]), ref);
    const business = assessDeclaration(postal([tshirt(300)], { purpose: 'business' }), ref);
    expect(express.route).toBe('general');
    expect(exempt.deMinimis.exempt).toBe(true);
    expect(over.goodsValueUsd).toBe(1000.01);
    expect(business.taxes!.totalKrw).toBeGreaterThan(0);
    for (const a of [express, exempt, over, business]) {
      expect(a.status).toBe('assessed');
      expect(reasonOf(a, 'POSTAL_SIMPLIFIED_RATE')).toBeUndefined();
      expect(a.dataVersions.simplifiedRates).toBeUndefined(); // recorded only where read
    }
    // Exactly USD 1,000 is within: said.
    expect(reasonOf(assessDeclaration(postal([tshirt(1000)]), ref), 'POSTAL_SIMPLIFIED_RATE')).toBeDefined();
  });

  it('the data: every rate and the limit sourced and marked uncertain; one group (기타) without prefixes', () => {
    for (const v of ref.files.simplifiedRates!.versions) {
      expect(v.source).toMatch(/customs\.go\.kr/);
      expect(v.records.maxGoodsValueUsd.uncertain).toBe(true);
      for (const r of v.records.rates) {
        expect(r.uncertain, r.group).toBe(true);
        expect(r.source, r.group).toBeTruthy();
        expect(r.rate > 0 && r.rate < 1, r.group).toBe(true);
      }
      expect(v.records.rates.filter((r) => r.hsPrefixes.length === 0).map((r) => r.group)).toEqual(['other']);
    }
  });
});
