// Tariff coverage on the REAL reference data (data/tariff.json, correction tariff-2026-01-01-r2):
// goods of chapters that had no line (nuts, olive oil, prepared fish, paints …) were rated 0%
// with TARIFF_UNKNOWN, understating the taxes. Worked examples with the arithmetic written out.
//
// Values used: customs rate of the week of 2026-02-01, USD 1,442.88 (published,
// data/sources/fx-published-weeks.json); deemed express freight US ≤1 kg 18,900 and ≤2 kg 29,050
// (the two real rows of data/freight.json). Each tax per line is truncated to the won, each
// tax total to 10 won (README). The rates of the added lines are uncertain (data/README.md).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decl } from '../../test/fixtures/broker-audit-declarations.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import type { ReferenceFiles } from './reference/types.ts';

let files: ReferenceFiles;
let ref: Reference;
beforeAll(async () => {
  files = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
});

const codes = (a: Assessment) => a.reasons.map((r) => r.code);
const fromUs = (kg: number, o: Record<string, unknown> = {}) =>
  decl('T1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-T1', grossWeightKg: kg }, ...o });
const almonds = (price: number) => ({ description: '아몬드 Kirkland Signature Almonds 1.36kg', hsCode: '0802120000', quantity: 1, price, originCountry: 'US' });
const parcel = () =>
  fromUs(2, {
    items: [
      almonds(100),
      { description: '올리브유 Colavita Extra Virgin Olive Oil 1L', hsCode: '1509', quantity: 1, price: 50, originCountry: 'IT' },
      { description: '참치통조림 StarKist Chunk Light Tuna 12캔', hsCode: '1604', quantity: 1, price: 40, originCountry: 'TH' },
      { description: '수채물감 Winsor & Newton Cotman 24색', hsCode: '3213', quantity: 1, price: 60, originCountry: 'GB' },
    ],
  });

describe('goods of chapters that had no tariff line', () => {
  it('almonds USD 200 from the US by express: 8% duty (was 0%)', () => {
    const a = assessDeclaration(fromUs(1, { items: [almonds(200)] }), ref);
    // Almonds are excluded from list clearance (quarantine, HS 08): general import, where the
    // limit is USD 150 — so the USD 200 of the US express list clearance does not exempt them.
    // goods   200 × 1,442.88 = 288,576 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; CIF 288,576 + 18,900 = 307,476
    // duty    307,476 × 8% = 24,598.08 → 24,598 → total 24,590
    // VAT     (307,476 + 24,598) × 10% = 33,207.4 → 33,207 → 33,200
    // total   24,590 + 33,200 = 57,790 (before: duty 0, VAT 30,747.6 → 30,740)
    expect(a.route).toBe('general');
    expect(a.valuation).toMatchObject({ goodsValueKrw: 288_576, freightKrw: 18_900, freightBasis: 'express', taxableValueKrw: 307_476 });
    expect(a.lines[0]).toMatchObject({ hsCode: '080212', dutyRate: 0.08, rateType: 'basic', dutyKrw: 24_598, vatKrw: 33_207 });
    expect(a.taxes).toMatchObject({ dutyKrw: 24_590, vatKrw: 33_200, totalKrw: 57_790, collected: true });
    expect(a.dataVersions.tariff).toBe('tariff-2026-01-01-r5'); // r3 (the 2207 lines), r4 (FTA rates of industrial lines) and r5 (gemstones) keep what r2 added
    expect(codes(a)).not.toContain('TARIFF_UNKNOWN');
    // the rate rests on the engineer's recollection: the consumer is told it is an estimate
    const said = a.reasons.find((r) => r.code === 'TARIFF_UNCERTAIN')!;
    expect(said.ko).toBe('1번 물품(HS 0802120000)의 관세율 8%(HS 080212 기준)는 확인되지 않은 추정치입니다. 세관 심사에서 다른 세율이 적용될 수 있습니다.');
    expect(said.en).toBe('The duty rate of item 1 (HS 0802120000), 8% (line 080212), is an unverified estimate: customs may apply another rate.');
  });

  it('the same almonds under KORUS (US origin, receipt and marking): duty 0%, VAT only', () => {
    const a = assessDeclaration(fromUs(1, { items: [almonds(200)], fta: { agreement: 'KORUS', proof: 'marking-receipt' } }), ref);
    // KORUS eliminated almond duties on entry into force (data/tariff.json 080212 fta.KORUS 0)
    // duty 0; VAT 307,476 × 10% = 30,747.6 → 30,747 → 30,740
    expect(a.lines[0]).toMatchObject({ dutyRate: 0, rateType: 'fta', dutyKrw: 0 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 30_740, totalKrw: 30_740 });
    expect(codes(a)).toContain('FTA_APPLIED_ESTIMATE'); // the line is flagged uncertain: so the consumer reads of both rates
  });

  it('almonds, olive oil, canned tuna and watercolours, USD 250 by express from the US: each at its own rate', () => {
    const a = assessDeclaration(parcel(), ref);
    // goods per item (× 1,442.88, truncated): 144,288 + 72,144 + 57,715 (57,715.2) + 86,572 (86,572.8) = 360,719
    // freight US ≤2 kg express 29,050, shared by value: 11,620 + 5,810 + 4,648 + 6,971 = 29,049, the
    //   remaining won to the largest fraction (6,971.96) → 6,972
    // taxable: 155,908; 77,954; 62,363; 93,544 (sum 389,769)
    // duty:  155,908 × 8%   = 12,472.64 → 12,472   (almonds 080212)
    //         77,954 × 8%   =  6,236.32 →  6,236   (olive oil 1509)
    //         62,363 × 20%  = 12,472.6  → 12,472   (canned tuna 1604)
    //         93,544 × 6.5% =  6,080.36 →  6,080   (watercolours 3213)
    //        sum 37,260
    // VAT:  (155,908 + 12,472) × 10% = 16,838; (77,954 + 6,236) = 8,419; (62,363 + 12,472) = 7,483.5 → 7,483;
    //       (93,544 + 6,080) = 9,962.4 → 9,962; sum 42,702 → 42,700
    // total 37,260 + 42,700 = 79,960. Before the correction: duty 0 on all four (TARIFF_UNKNOWN ×4),
    // VAT 389,769 × 10% → 38,970, total 38,970: 41,000 won understated.
    expect(a.lines.map((l) => [l.hsCode, l.dutyRate, l.taxableValueKrw, l.dutyKrw, l.vatKrw])).toEqual([
      ['080212', 0.08, 155_908, 12_472, 16_838],
      ['1509', 0.08, 77_954, 6_236, 8_419],
      ['1604', 0.2, 62_363, 12_472, 7_483],
      ['3213', 0.065, 93_544, 6_080, 9_962],
    ]);
    expect(a.taxes).toMatchObject({ dutyKrw: 37_260, vatKrw: 42_700, totalKrw: 79_960 });
    expect(codes(a).filter((c) => c === 'TARIFF_UNCERTAIN')).toHaveLength(4);
    expect(codes(a)).not.toContain('TARIFF_UNKNOWN');
  });

  it('a code of a chapter without a heading line falls back on the chapter default and says it is an estimate', () => {
    // 5607 (twine, cordage, rope) has no heading line: chapter 56 default, 8%
    const a = assessDeclaration(fromUs(1, { items: [{ description: '로프 Paracord 550 100ft', hsCode: '5607', quantity: 1, price: 250, originCountry: 'US' }] }), ref);
    // USD 250 > 200 (US express list clearance): general. goods 250 × 1,442.88 = 360,720; + 18,900 = 379,620
    // duty 379,620 × 8% = 30,369.6 → 30,369 → 30,360; VAT (379,620 + 30,369) × 10% = 40,998.9 → 40,998 → 40,990
    expect(a.lines[0]).toMatchObject({ hsCode: '56', dutyRate: 0.08, rateType: 'default', dutyKrw: 30_369, vatKrw: 40_998 });
    expect(a.taxes).toMatchObject({ dutyKrw: 30_360, vatKrw: 40_990, totalKrw: 71_350 });
    expect(codes(a)).toContain('TARIFF_CHAPTER_DEFAULT');
    expect(codes(a)).not.toContain('TARIFF_UNCERTAIN'); // one warning per item: the chapter default says "estimate"
  });

  it('a forwarder declaring only the 품목 category (seed 002): the new categories map to the new lines', () => {
    const items = [
      { description: '뜨개실 Drops Alpaca 50g x10', category: 'yarn', quantity: 10, price: 10, originCountry: 'NO' },
      { description: '아몬드 Blue Diamond 1kg', category: 'almonds', quantity: 1, price: 100, originCountry: 'US' },
      { description: '수산물 통조림 Ortiz 참치 250g', category: 'canned-fish', quantity: 2, price: 25, originCountry: 'ES' },
    ];
    const a = assessDeclaration(fromUs(2, { items }), ref);
    // goods per item: 100 × 1,442.88 = 144,288; 144,288; 50 × 1,442.88 = 72,144 (sum 360,720)
    // freight US ≤2 kg express 29,050 shared by value: 11,620.3 → 11,620; 11,620; 5,810.1 → 5,810 (sum 29,050)
    // duty: (144,288 + 11,620) × 8% = 12,472.64 → 12,472 (yarn 5109); 12,472 (almonds 080212);
    //       (72,144 + 5,810) × 20% = 15,590.8 → 15,590 (canned fish 1604); sum 40,534 → 40,530
    expect(a.lines.map((l) => [l.hsCode, l.hsSource, l.dutyRate, l.taxableValueKrw, l.dutyKrw])).toEqual([
      ['5109', 'category', 0.08, 155_908, 12_472],
      ['080212', 'category', 0.08, 155_908, 12_472],
      ['1604', 'category', 0.2, 77_954, 15_590],
    ]);
    expect(a.taxes).toMatchObject({ dutyKrw: 40_530 });
    expect(a.dataVersions.categories).toBe('categories-2022-01-01-r2');
    expect(codes(a).filter((c) => c === 'HS_FROM_CATEGORY')).toHaveLength(3);
  });

  it('a line not flagged uncertain gets no TARIFF_UNCERTAIN (t-shirt 6109, 13%)', () => {
    const a = assessDeclaration(fromUs(1, { items: [{ description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price: 200, originCountry: 'VN' }] }), ref);
    expect(a.lines[0]).toMatchObject({ hsCode: '6109', dutyRate: 0.13 });
    expect(codes(a)).not.toContain('TARIFF_UNCERTAIN');
  });

  it('what an assessment that recorded tariff-2026-01-01 computed can still be reproduced: the version is in the file, unchanged', () => {
    // The corrected version stays; only the engine's choice moved to the correction. Without the
    // correction (as before 2026-12-03) the same parcel is rated 0% under tariff-2026-01-01.
    const before = compileReference({ ...files, tariff: { ...files.tariff, versions: files.tariff.versions.filter((v) => !v.corrects) } });
    const a = assessDeclaration(parcel(), before);
    expect(a.dataVersions.tariff).toBe('tariff-2026-01-01');
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 38_970, totalKrw: 38_970 });
    expect(codes(a).filter((c) => c === 'TARIFF_UNKNOWN')).toHaveLength(4);
  });
});
