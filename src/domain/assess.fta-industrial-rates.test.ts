// FTA rates of Korea's industrial goods: the correction tariff-*-r4 (2026-12-04), on the REAL
// reference data, each case against the engine before it (r3). Under KORUS (in force 2012-03-15)
// Korea's duties on industrial goods were gone within 10 years (by 2021-01-01), under Korea–EU
// (2011-07-01) within 5 to 7, and Korea–UK (2021-01-01) carries the Korea–EU concessions; the
// chapter defaults of 25–96 had no FTA rate, so a claimed agreement changed nothing
// (FTA_RATE_UNKNOWN). Fishery, agriculture and wood keep no rate (data/README.md, the version's
// source). FTA 관세특례법 제5조; the proof: KORUS marking + receipt up to USD 1,000 (data/fta.json).
//
// Values used: customs rates of the week of 2026-02-01, USD 1,442.88 and EUR 1,723.42 (published,
// data/sources/fx-published-weeks.json); deemed express freight US ≤1 kg 18,900, ≤2 kg 29,050 (the
// real rows of data/freight.json), US 5 kg 45,850 and EU ≤1 kg 19,850 (placeholders). Each tax per
// line is truncated to the won, each tax total to 10 won (README).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decl } from '../../test/fixtures/broker-audit-declarations.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import type { ReferenceFiles } from './reference/types.ts';

let ref: Reference;
/** The engine before the correction: tariff-*-r3 (r5, the gemstone lines, copies r4). */
let before: Reference;
beforeAll(async () => {
  const files: ReferenceFiles = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
  before = compileReference({ ...files, tariff: { ...files.tariff, versions: files.tariff.versions.filter((v) => !v.version.endsWith('-r4') && !v.version.endsWith('-r5')) } });
});

type Item = Record<string, unknown>;
const korus = (items: Item[], grossWeightKg: number) =>
  decl('K1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-K1', grossWeightKg }, items, fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
const codes = (a: Assessment) => a.reasons.map((r) => r.code);
const ftaSaid = (a: Assessment) => codes(a).filter((c) => c.startsWith('FTA_'));

describe('KORUS, Korea–EU and Korea–UK rates of the industrial chapter defaults (tariff-*-r4)', () => {
  it('US-made tumblers (9617, chapter-96 default 8%) under KORUS with marking + receipt: 0% duty; before, 8% and FTA_RATE_UNKNOWN', () => {
    const tumblers = korus([{ description: '텀블러 Stanley Quencher H2.0 40oz 진공 보온', hsCode: '9617001000', quantity: 5, price: 50, originCountry: 'US' }], 2);
    const a = assessDeclaration(tumblers, ref);
    // goods   5 × USD 50 = USD 250 × 1,442.88 = 360,720 KRW (> USD 200, the US express limit: taxed)
    // freight US ≤2 kg express 29,050; taxable 360,720 + 29,050 = 389,770 (USD 270.13 ≤ 1,000: the proof holds)
    // duty    389,770 × 0% (KORUS) = 0
    // VAT     389,770 × 10% = 38,977 → 38,970; total 38,970
    expect(a.route).toBe('general');
    expect(a.valuation).toMatchObject({ goodsValueKrw: 360_720, freightKrw: 29_050, taxableValueKrw: 389_770 });
    expect(a.lines[0]).toMatchObject({ hsCode: '96', rateType: 'fta', dutyRate: 0, dutyKrw: 0, vatKrw: 38_977 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 38_970, totalKrw: 38_970 });
    expect(a.dataVersions.tariff).toBe('tariff-2026-01-01-r5');
    // A chapter default: the agreement's rate is an estimate too, and the consumer is told so.
    expect(ftaSaid(a)).toEqual(['FTA_APPLIED_ESTIMATE']);
    expect(a.reasons.find((r) => r.code === 'FTA_APPLIED_ESTIMATE')!.en).toBe(
      "Item 1: KORUS preferential rate 0% applied (basic rate 8%). Both rates are estimates of Tonggwan's tariff data (line 96); customs confirms the rate on the declaration.",
    );
    // still an estimate, and the consumer is told so: the chapter default, not the HSK line
    expect(codes(a)).toContain('TARIFF_CHAPTER_DEFAULT');
    // before: duty 389,770 × 8% = 31,181.6 → 31,181 → 31,180; VAT (389,770 + 31,181) × 10% = 42,095.1 → 42,095 → 42,090
    const was = assessDeclaration(tumblers, before);
    expect(was.lines[0]).toMatchObject({ rateType: 'default', dutyRate: 0.08, dutyKrw: 31_181 });
    expect(was.taxes).toMatchObject({ dutyKrw: 31_180, vatKrw: 42_090, totalKrw: 73_270 });
    expect([was.dataVersions.tariff, ftaSaid(was)]).toEqual(['tariff-2026-01-01-r3', ['FTA_RATE_UNKNOWN']]);
  });

  it('a US-made fly rod (9507, chapter-95 default 8%) under KORUS: 0% duty; before, 8%', () => {
    const rod = korus([{ description: '낚싯대 Sage R8 Core fly rod 9ft 5wt', hsCode: '9507101000', quantity: 1, price: 480, originCountry: 'US' }], 1);
    const a = assessDeclaration(rod, ref);
    // goods   USD 480 × 1,442.88 = 692,582.4 → 692,582 KRW
    // freight US ≤1 kg express 18,900; taxable 692,582 + 18,900 = 711,482 (USD 493.10 ≤ 1,000)
    // duty    0 (KORUS); VAT 711,482 × 10% = 71,148.2 → 71,148 → 71,140; total 71,140
    expect(a.valuation).toMatchObject({ goodsValueKrw: 692_582, freightKrw: 18_900, taxableValueKrw: 711_482 });
    expect(a.lines[0]).toMatchObject({ hsCode: '95', rateType: 'fta', dutyRate: 0, dutyKrw: 0, vatKrw: 71_148 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 71_140, totalKrw: 71_140 });
    expect(ftaSaid(a)).toEqual(['FTA_APPLIED_ESTIMATE']);
    // before: duty 711,482 × 8% = 56,918.56 → 56,918 → 56,910; VAT (711,482 + 56,918) × 10% = 76,840 → 76,840
    const was = assessDeclaration(rod, before);
    expect(was.taxes).toMatchObject({ dutyKrw: 56_910, vatKrw: 76_840, totalKrw: 133_750 });
    expect(ftaSaid(was)).toEqual(['FTA_RATE_UNKNOWN']);
  });

  it('an Italian leather handbag (4202) under Korea–EU with an origin declaration: the rates it already had, unchanged', () => {
    const bag = decl('K2', {
      ecommerceType: 'direct',
      shipment: { mode: 'express', shipFrom: 'IT', hblNo: 'H-K2', grossWeightKg: 1 },
      order: { orderNo: 'O-K2', purchasedAt: '2026-02-01', currency: 'EUR' },
      items: [{ description: '핸드백 Furla Metropolis 가죽 숄더백', hsCode: '4202211090', quantity: 1, price: 300, originCountry: 'IT' }],
      fta: { agreement: 'KOREU', proof: 'origin-declaration' },
    });
    // goods   EUR 300 × 1,723.42 = 517,026 KRW (USD 358.33 > 150: taxed)
    // freight EU ≤1 kg express 19,850 (placeholder); taxable 536,876
    // duty    0 (KOREU 0 on 4202 since r1); VAT 536,876 × 10% = 53,687.6 → 53,687 → 53,680
    const a = assessDeclaration(bag, ref);
    expect(a.lines[0]).toMatchObject({ hsCode: '4202', rateType: 'fta', dutyRate: 0, dutyKrw: 0, vatKrw: 53_687 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 53_680, totalKrw: 53_680 });
    const was = assessDeclaration(bag, before);
    expect([was.lines, was.taxes, was.reasons]).toEqual([a.lines, a.taxes, a.reasons]);
    expect(was.dataVersions.tariff).toBe('tariff-2026-01-01-r3');
  });

  it('goods of the chapters left out keep FTA_RATE_UNKNOWN: a US maple cutting board (44, wood) and a US canned salmon (1604, fishery)', () => {
    const board = korus([{ description: '도마 John Boos maple cutting board', hsCode: '4419901000', quantity: 1, price: 250, originCountry: 'US' }], 5);
    // goods USD 250 = 360,720; freight US 5 kg 45,850 (placeholder); taxable 406,570
    // duty 406,570 × 8% = 32,525.6 → 32,525 → 32,520; VAT (406,570 + 32,525) × 10% = 43,909.5 → 43,909 → 43,900
    const a = assessDeclaration(board, ref);
    expect(a.lines[0]).toMatchObject({ hsCode: '44', rateType: 'default', dutyRate: 0.08, dutyKrw: 32_525 });
    expect(a.taxes).toMatchObject({ dutyKrw: 32_520, vatKrw: 43_900, totalKrw: 76_420 });
    expect(ftaSaid(a)).toEqual(['FTA_RATE_UNKNOWN']);
    expect(assessDeclaration(board, before).taxes).toEqual(a.taxes);
    const salmon = korus([{ description: '연어통조림 Wild Planet wild sockeye salmon 6캔', hsCode: '1604111000', quantity: 1, price: 250, originCountry: 'US' }], 2);
    const s = assessDeclaration(salmon, ref);
    expect([s.lines[0]?.hsCode, s.lines[0]?.dutyRate, ftaSaid(s)]).toEqual(['1604', 0.2, ['FTA_RATE_UNKNOWN']]);
    expect(assessDeclaration(salmon, before).taxes).toEqual(s.taxes);
  });
});
