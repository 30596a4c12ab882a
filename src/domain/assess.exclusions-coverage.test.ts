// The list-clearance exclusion list (목록통관 배제대상물품) on the REAL reference data
// (data/exclusions.json, corrections exclusions-2019-06-01-r2 and -r3, which keeps these rules): foods of chapters the list missed
// (edible oils of chapter 15, flour of chapter 11) went to list clearance; oils bought as cosmetics
// (jojoba, argan: also chapter 15) must stay there. Worked examples with the arithmetic written out.
//
// Values used: customs rate of the week of 2026-02-01, USD 1,442.88 (published,
// data/sources/fx-published-weeks.json); deemed express freight US ≤1 kg 18,900 (a real row of
// data/freight.json); olive oil 8% (data/tariff.json 1509, uncertain). Each tax per line is
// truncated to the won, each tax total to 10 won (README).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decl } from '../../test/fixtures/broker-audit-declarations.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { lawRefInEnglish } from './law-refs.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import type { ReferenceFiles } from './reference/types.ts';

let files: ReferenceFiles;
let ref: Reference;
/** The engine as it was before the correction: exclusions-2019-06-01 in force. */
let before: Reference;
beforeAll(async () => {
  files = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
  before = compileReference({ ...files, exclusions: { ...files.exclusions, versions: files.exclusions.versions.filter((v) => !v.corrects) } });
});

type Item = Record<string, unknown>;
const fromUs = (items: Item[]) => decl('X1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-X1', grossWeightKg: 1 }, items });
const excluded = (a: Assessment) => a.reasons.filter((r) => r.code === 'GENERAL_EXCLUDED');
/** The rule each GENERAL_EXCLUDED reason names, and what matched. */
const grounds = (a: Assessment) => excluded(a).map((r) => r.ko.match(/배제대상\((.+)\)입니다\(근거: "?(.+?)"?\)\.$/)!.slice(1, 3).join(' / '));

const oliveOil = (price: number): Item => ({ description: '올리브유 Colavita Extra Virgin Olive Oil 1L', hsCode: '1509', quantity: 1, price, originCountry: 'IT' });
const FOOD_REF = '특송물품 수입통관 사무처리에 관한 고시 [별표 1] 목록통관 배제대상물품 (근거 조문 제8조②로 추정 — 조문 번호 미확인); 수입식품안전관리 특별법 제20조 (수입신고)';

describe('edible oils (chapter 15) are food; cosmetic oils of the same chapter are not', () => {
  it('olive oil USD 40 from the US: general clearance under 식품류·과자류, still duty-free (USD 40 ≤ 150)', () => {
    const a = assessDeclaration(fromUs([oliveOil(40)]), ref);
    expect(a.route).toBe('general');
    expect(a.deMinimis).toMatchObject({ thresholdUsd: 150, exempt: true });
    expect(a.taxes?.totalKrw).toBe(0);
    expect(a.dataVersions.exclusions).toBe('exclusions-2019-06-01-r7'); // r3 (hair dyes, 주정, opium), r4 (retinol, hemp seeds, kratom), r5 (nicotine replacement), r6 (2106 lines) and r7 (refs only) keep what r2 added
    const [r] = excluded(a);
    expect(excluded(a)).toHaveLength(1);
    expect(r!.ko).toBe('일반통관: 1번 물품 "올리브유 Colavita Extra Virgin Olive Oil 1L"은(는) 목록통관 배제대상(식품류·과자류)입니다(근거: HS 1509).');
    expect(r!.en).toBe('General clearance: item 1 "올리브유 Colavita Extra Virgin Olive Oil 1L" is excluded from list clearance (Food and confectionery; matched HS 1509).');
    expect(r!.ref).toBe(FOOD_REF);
    expect(lawRefInEnglish(r!.ref)).toContain('Special Act on Imported Food Safety Control Art. 20 (import declaration)');
    // Before the correction the same parcel was list-cleared, with no ground given.
    const old = assessDeclaration(fromUs([oliveOil(40)]), before);
    expect([old.route, old.dataVersions.exclusions, excluded(old)]).toEqual(['list', 'exclusions-2019-06-01', []]);
  });

  it('olive oil USD 180 from the US: the USD 200 of US express list clearance no longer exempts it — general import, limit USD 150, taxed', () => {
    const a = assessDeclaration(fromUs([oliveOil(180)]), ref);
    // goods   180 × 1,442.88 = 259,718.4 → 259,718 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; taxable 259,718 + 18,900 = 278,618
    // duty    278,618 × 8% = 22,289.44 → 22,289 → total 22,280
    // VAT     (278,618 + 22,289) × 10% = 30,090.7 → 30,090 → total 30,090
    // total   22,280 + 30,090 = 52,370
    expect(a.route).toBe('general');
    expect(a.deMinimis).toMatchObject({ thresholdUsd: 150, exempt: false });
    expect(a.valuation).toMatchObject({ goodsValueKrw: 259_718, freightKrw: 18_900, taxableValueKrw: 278_618 });
    expect(a.lines[0]).toMatchObject({ hsCode: '1509', dutyRate: 0.08, dutyKrw: 22_289, vatKrw: 30_090 });
    expect(a.taxes).toMatchObject({ dutyKrw: 22_280, vatKrw: 30_090, totalKrw: 52_370, collected: true });
    // Before: list clearance, exempt up to USD 200 from the US — 52,370 won not collected.
    const old = assessDeclaration(fromUs([oliveOil(180)]), before);
    expect(old).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 200, exempt: true } });
    expect(old.taxes?.totalKrw).toBe(0);
  });

  it('jojoba oil bought as a cosmetic, USD 30 from the US: list clearance, whether declared as a cosmetic or under its own HSK line 1515909030', () => {
    const jojoba = (o: Item): Item => ({ description: '호호바 오일 Cliganic Organic Jojoba Oil 120ml', quantity: 1, price: 30, originCountry: 'US', ...o });
    for (const item of [jojoba({ category: 'cosmetics' }), jojoba({ hsCode: '1515909030' }), jojoba({ hsCode: '3304991000' })]) {
      const a = assessDeclaration(fromUs([item]), ref);
      expect([a.route, excluded(a)], JSON.stringify(item)).toEqual(['list', []]);
      expect(a.deMinimis).toMatchObject({ thresholdUsd: 200, exempt: true }); // US express: USD 30 ≤ 200
    }
  });

  it('argan oil (1515909090, "other" oils) stays list-clearable; sesame oil of the same heading 1515 is food by its line or its name', () => {
    const argan = assessDeclaration(fromUs([{ description: '아르간 오일 Josie Maran 100% Pure Argan Oil 50ml', hsCode: '1515909090', quantity: 1, price: 48, originCountry: 'MA' }]), ref);
    expect([argan.route, excluded(argan)]).toEqual(['list', []]);
    // sesame oil under its 6-digit line 151550
    const sesame = assessDeclaration(fromUs([{ description: 'Kadoya Pure Sesame Oil 327ml', hsCode: '1515500000', quantity: 1, price: 12, originCountry: 'JP' }]), ref);
    expect(grounds(sesame)).toEqual(['식품류·과자류 / HS 151550']);
    // declared only as heading 1515 (which also holds jojoba and castor oil): its name decides
    const sesame4 = assessDeclaration(fromUs([{ description: '참기름 Ottogi 320ml', hsCode: '1515', quantity: 1, price: 12, originCountry: 'KR' }]), ref);
    expect(grounds(sesame4)).toEqual(['식품류·과자류 / 참기름']);
    expect(sesame4.route).toBe('general');
  });
});

describe('other foods and quarantine goods the list missed, and one it had', () => {
  it('bread flour (HS 1101) USD 25: general clearance under 식품류·과자류 (before: list clearance)', () => {
    const flour = () => fromUs([{ description: 'King Arthur Bread Flour 5 lb', hsCode: '1101001000', quantity: 1, price: 25, originCountry: 'US' }]);
    const a = assessDeclaration(flour(), ref);
    expect(a.route).toBe('general');
    expect(grounds(a)).toEqual(['식품류·과자류 / HS 1101']);
    expect(excluded(a)[0]!.en).toBe('General clearance: item 1 "King Arthur Bread Flour 5 lb" is excluded from list clearance (Food and confectionery; matched HS 1101).');
    expect(assessDeclaration(flour(), before).route).toBe('list');
  });

  it('a seed packet: quarantine goods (식물방역법) by HS 12, and by its name when declared under a wrong code', () => {
    const byHs = assessDeclaration(fromUs([{ description: 'Burpee Heirloom Tomato Seeds', hsCode: '1209915000', quantity: 1, price: 5, originCountry: 'US' }]), ref);
    expect(byHs.route).toBe('general');
    expect(grounds(byHs)).toEqual(['농림축수산물 등 검역대상물품(축산물가공품·애완동물사료 포함) / HS 12']);
    expect(excluded(byHs)[0]!.en).toContain('(Agricultural, livestock and fishery goods subject to quarantine (incl. processed meat, pet food); matched HS 12)');
    expect(excluded(byHs)[0]!.ref).toContain('식물방역법 제10조');
    // A packet declared under a wrong code (printed matter, 4911: the packet is printed) is still caught by "seed packet"; before, by nothing.
    const byName = () => fromUs([{ description: 'Botanical Interests basil seed packet', hsCode: '4911990000', quantity: 1, price: 4, originCountry: 'US' }]);
    expect(grounds(assessDeclaration(byName(), ref))).toEqual(['농림축수산물 등 검역대상물품(축산물가공품·애완동물사료 포함) / seed packet']);
    expect(assessDeclaration(byName(), before).route).toBe('list');
  });

  it('a cosmetic that names olive oil stays list-clearable: the keywords are "올리브유" and "extra virgin olive oil", not "olive oil"', () => {
    const cleansing = assessDeclaration(fromUs([{ description: 'DHC Deep Cleansing Oil (olive oil) 200ml', category: 'cosmetics', quantity: 1, price: 28, originCountry: 'JP' }]), ref);
    expect([cleansing.route, excluded(cleansing)]).toEqual(['list', []]);
  });
});
