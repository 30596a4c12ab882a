// Goods the engine decided wrongly until the corrections of 2026-12-03 (exclusions-2019-06-01-r3,
// prohibited-2016-01-01-r2, liquor-*-r2), on the REAL reference data: hair dyes (기능성화장품 since
// 2017-05-30) were list-cleared; undenatured ethyl alcohol 2207.10 (주정, 주류 under 주세법) was
// list-cleared and untaxed; opium, poppy straw, poppy seeds and ephedra were list-cleared or sent to
// general clearance instead of being held. Each case is compared with the engine before the corrections.
//
// Values used: customs rate of the week of 2026-02-01, USD 1,442.88 (published,
// data/sources/fx-published-weeks.json); deemed freight US ≤1 kg: sea parcel 12,000, express 18,900
// (real rows of data/freight.json); hair care 3305 6.5% (data/tariff.json, uncertain), chapter 22
// default 20% (uncertain). Each tax per line is truncated to the won, each tax total to 10 won (README).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decl } from '../../test/fixtures/broker-audit-declarations.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { lawRefInEnglish } from './law-refs.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import type { Dataset, ReferenceFiles } from './reference/types.ts';

let ref: Reference;
/** The engine before these corrections: exclusions-2019-06-01-r2, prohibited-2016-01-01, the liquor versions uncorrected (the later
 * corrections exclusions-2019-06-01-r4 and prohibited-2016-01-01-r3 left out too: they keep what these added). */
let before: Reference;
beforeAll(async () => {
  const files: ReferenceFiles = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
  const without = <T,>(ds: Dataset<T>, drop: (v: Dataset<T>['versions'][number]) => boolean): Dataset<T> => ({ ...ds, versions: ds.versions.filter((v) => !drop(v)) });
  before = compileReference({
    ...files,
    exclusions: without(files.exclusions, (v) => ['exclusions-2019-06-01-r3', 'exclusions-2019-06-01-r4', 'exclusions-2019-06-01-r5', 'exclusions-2019-06-01-r6', 'exclusions-2019-06-01-r7'].includes(v.version)),
    prohibited: without(files.prohibited, (v) => ['prohibited-2016-01-01-r2', 'prohibited-2016-01-01-r3', 'prohibited-2016-01-01-r4', 'prohibited-2016-01-01-r5'].includes(v.version)),
    liquor: without(files.liquor, (v) => v.corrects !== undefined),
  });
});

type Item = Record<string, unknown>;
const fromUs = (items: Item[]) => decl('G1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-G1', grossWeightKg: 1 }, items });
const codes = (a: Assessment, code: string) => a.reasons.filter((r) => r.code === code);
/** The rule each GENERAL_EXCLUDED reason names, and what matched. */
const grounds = (a: Assessment) => codes(a, 'GENERAL_EXCLUDED').map((r) => r.ko.match(/배제대상\((.+)\)입니다\(근거: "?(.+?)"?\)\.$/)!.slice(1, 3).join(' / '));
/** The rule each HOLD_PROHIBITED reason names, and what matched. */
const holds = (a: Assessment) => codes(a, 'HOLD_PROHIBITED').map((r) => r.ko.match(/"은\(는\) (.+)에 해당하는 것으로 보입니다\(일치: "?(.+?)"?\)\./)!.slice(1, 3).join(' / '));

describe('hair dyes are functional cosmetics (기능성화장품): excluded from list clearance', () => {
  const dye = (price: number, o: Item = {}): Item => ({ description: "Clairol Nice'n Easy permanent hair dye 6A", hsCode: '3305909000', quantity: 1, price, originCountry: 'US', ...o });

  it('USD 30 from the US: general clearance, still duty-free (USD 30 ≤ 150); before: list clearance', () => {
    const a = assessDeclaration(fromUs([dye(30)]), ref);
    expect(a.route).toBe('general');
    expect(a.deMinimis).toMatchObject({ thresholdUsd: 150, exempt: true });
    expect(a.taxes?.totalKrw).toBe(0);
    expect(a.dataVersions.exclusions).toBe('exclusions-2019-06-01-r7'); // r4, r5, r6 and r7 keep what r3 added
    const [r] = codes(a, 'GENERAL_EXCLUDED');
    expect(r!.ko).toBe(`일반통관: 1번 물품 "Clairol Nice'n Easy permanent hair dye 6A"은(는) 목록통관 배제대상(기능성화장품(염모제·탈염제·탈색제))입니다(근거: "hair dye").`);
    expect(r!.en).toBe(`General clearance: item 1 "Clairol Nice'n Easy permanent hair dye 6A" is excluded from list clearance (Functional cosmetics: hair dyes, colour removers and bleaches; matched "hair dye").`);
    expect(r!.ref).toContain('화장품법 시행규칙 제2조 (모발의 색상 변화·탈염·탈색 기능, 2017-05-30부터; 일시적 염모 제품 제외)');
    expect(lawRefInEnglish(r!.ref)).toContain('Enforcement Rule of the Cosmetics Act Art. 2 (changing, removing or bleaching the colour of hair, from 2017-05-30; products that colour hair only temporarily excluded)');
    const old = assessDeclaration(fromUs([dye(30)]), before);
    expect([old.route, old.dataVersions.exclusions, grounds(old)]).toEqual(['list', 'exclusions-2019-06-01-r2', []]);
  });

  it('USD 180 from the US: the USD 200 of US express list clearance no longer applies — general import over USD 150, taxed', () => {
    const a = assessDeclaration(fromUs([dye(180)]), ref);
    // goods   180 × 1,442.88 = 259,718.4 → 259,718 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; taxable 259,718 + 18,900 = 278,618
    // duty    278,618 × 6.5% = 18,110.17 → 18,110 → total 18,110
    // VAT     (278,618 + 18,110) × 10% = 29,672.8 → 29,672 → total 29,670
    // total   18,110 + 29,670 = 47,780
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(a.valuation).toMatchObject({ goodsValueKrw: 259_718, freightKrw: 18_900, taxableValueKrw: 278_618 });
    expect(a.lines[0]).toMatchObject({ dutyRate: 0.065, dutyKrw: 18_110, vatKrw: 29_672 });
    expect(a.taxes).toMatchObject({ dutyKrw: 18_110, vatKrw: 29_670, totalKrw: 47_780, collected: true });
    // Before: list clearance, exempt up to USD 200 from the US — 47,780 won not collected.
    const old = assessDeclaration(fromUs([dye(180)]), before);
    expect(old).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 200, exempt: true } });
    expect(old.taxes?.totalKrw).toBe(0);
  });

  it('by its Korean name whatever it is declared as (염모제, 염색약, 새치염색, 헤나 염색)', () => {
    for (const description of ['염모제 로레알 엑셀랑스 크림 6.0', '로레알 엑셀랑스 크림 염색약', '새치염색 크림 다크브라운', '헤나 염색 파우더 100g']) {
      const a = assessDeclaration(fromUs([{ description, category: 'hair-care', quantity: 1, price: 20, originCountry: 'FR' }]), ref);
      expect([a.route, grounds(a)[0]?.split(' / ')[0]], description).toEqual(['general', '기능성화장품(염모제·탈염제·탈색제)']);
    }
  });

  it('stays list-clearable: a hair dryer, a dye-free shampoo, a fabric dye (3204), a dye brush and bowl set, a temporary colour spray', () => {
    const items: Item[] = [
      { description: 'Dyson Supersonic hair dryer', category: 'hair-dryer' },
      { description: 'Briogeo dye-free shampoo 500ml', category: 'shampoo' },
      { description: 'Rit All-Purpose fabric dye', hsCode: '3204160000' },
      { description: '다이론 옷 염색약', hsCode: '3204160000' },
      { description: 'hair dye brush and bowl set', category: 'hair-care' },
      { description: 'temporary hair color spray', category: 'hair-care' },
    ];
    for (const item of items) {
      const a = assessDeclaration(fromUs([{ quantity: 1, price: 20, originCountry: 'US', ...item }]), ref);
      expect([a.route, grounds(a)], JSON.stringify(item)).toEqual(['list', []]);
    }
  });
});

describe('undenatured ethyl alcohol 2207.10 is 주정, liquor under 주세법; denatured alcohol 2207.20 is not', () => {
  const ethanol = (price: number, hsCode = '2207109090'): Item => ({ description: 'Undenatured ethanol 96% lab grade 1L', hsCode, quantity: 1, unit: 'bottle', volumeMl: 1000, price, originCountry: 'US' });

  it('USD 200 from the US: general clearance under 주류, duty, 주세 (per litre) and VAT; before: list clearance, untaxed', () => {
    const a = assessDeclaration(fromUs([ethanol(200)]), ref);
    // goods   200 × 1,442.88 = 288,576 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; taxable 288,576 + 18,900 = 307,476
    // duty    307,476 × 20% (chapter 22 default) = 61,495.2 → 61,495 → total 61,490
    // 주세    1,000 ml × 57 KRW/L (주정 57,000 KRW/kl, uncertain) = 57 → total 50; 교육세 57 × 0% = 0
    // VAT     (307,476 + 61,495 + 57) × 10% = 36,902.8 → 36,902 → total 36,900
    // total   61,490 + 50 + 36,900 = 98,440
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(a.dataVersions.liquor).toBe('liquor-2023-04-01-r4'); // r3 and r4 keep r2's ETHANOL
    expect(a.lines[0]).toMatchObject({ taxableValueKrw: 307_476, dutyKrw: 61_495, liquorKrw: 57, educationKrw: 0, vatKrw: 36_902 });
    expect(a.taxes).toMatchObject({ dutyKrw: 61_490, liquorKrw: 50, educationKrw: 0, vatKrw: 36_900, totalKrw: 98_440, collected: true });
    expect(grounds(a)).toEqual(['주류 / HS 220710']);
    const [line] = codes(a, 'LIQUOR_LINE');
    expect(line!.ko).toBe('1번 물품(주정(변성하지 않은 에틸알코올, 알코올분 80% 이상)) 주세 = 1L × 1L당 57원 = 57원, 교육세 = 주세 × 0% = 0원.');
    expect(line!.ref).toContain('(UNCERTAIN: 세율 미확인)');
    const old = assessDeclaration(fromUs([ethanol(200)]), before);
    // before: list clearance from the US up to USD 200, no tax at all
    expect([old.route, old.taxes?.totalKrw, old.lines[0]!.liquorKrw]).toEqual(['list', 0, 0]);
  });

  it('USD 20: duty and VAT exempt, the 주세 of 57 KRW is under the 10,000 KRW minimum collection; the parcel is still not list-cleared', () => {
    const a = assessDeclaration(fromUs([ethanol(20, '2207101000')]), ref);
    // 주세 1 L × 57 = 57 → 50 (10-won total) < 10,000 → not collected (관세법 제40조)
    expect(a).toMatchObject({ route: 'general', deMinimis: { exempt: true } });
    expect(a.taxes).toMatchObject({ liquorKrw: 50, totalKrw: 50, collected: false });
  });

  it('denatured alcohol 2207.20 (fuel, industrial) stays list-clearable and untaxed', () => {
    const a = assessDeclaration(fromUs([{ description: 'Klean-Strip denatured alcohol 1 qt', hsCode: '2207200000', quantity: 1, price: 20, originCountry: 'US' }]), ref);
    expect([a.route, grounds(a), a.lines[0]!.liquorKrw]).toEqual(['list', [], 0]);
  });

  it('a 96 % spirit sold to drink is vodka (2208.60): SPIRITS 72 % as before, and caught by its name when declared wrongly', () => {
    const spirytus = assessDeclaration(fromUs([{ description: 'Spirytus Rektyfikowany 96% 500ml', hsCode: '2208600000', quantity: 1, unit: 'bottle', volumeMl: 500, price: 20, originCountry: 'PL' }]), ref);
    expect(codes(spirytus, 'LIQUOR_LINE')[0]!.en).toContain('Spirits (whisky, brandy, vodka');
    const misdeclared = () => fromUs([{ description: 'Spirytus Rektyfikowany 96% 500ml', category: 'food', quantity: 1, price: 20, originCountry: 'PL' }]);
    expect(grounds(assessDeclaration(misdeclared(), ref))).toContain('주류 / spirytus');
    expect(grounds(assessDeclaration(misdeclared(), before))).not.toContain('주류 / spirytus');
  });
});

describe('narcotics without an HS match until now: opium, poppy straw, poppy seeds, ephedra are held', () => {
  it('opium (1302.11): held as 마약류; before: list clearance (FOOD of r2 left 1302.11 out on purpose)', () => {
    const item = { description: 'raw opium gum 10g', hsCode: '1302110000', quantity: 1, price: 30, originCountry: 'AF' };
    const a = assessDeclaration(fromUs([item]), ref);
    expect(a.route).toBe('hold');
    expect(holds(a)).toEqual(['마약류(대마·CBD 포함) / HS 130211']);
    expect(a.signals).toContain('PROHIBITED_GOODS');
    expect(codes(a, 'NEXT_HOLD_PROHIBITED')).toHaveLength(1);
    expect(a.dataVersions.prohibited).toBe('prohibited-2016-01-01-r5'); // r3, r4 and r5 keep what r2 added
    expect(assessDeclaration(fromUs([item]), before).route).toBe('list');
  });

  it('poppy straw (1211.40) and dried poppy pods by name: held; before: general clearance as a 한약재', () => {
    const byHs = { description: '건조 식물 200g', hsCode: '1211409000', quantity: 1, price: 15, originCountry: 'CN' };
    expect(holds(assessDeclaration(fromUs([byHs]), ref))).toEqual(['마약류(대마·CBD 포함) / HS 121140']);
    expect(assessDeclaration(fromUs([byHs]), before).route).toBe('general');
    const byName = { description: 'dried poppy pods 500g decorative', category: 'herbal', quantity: 1, price: 15, originCountry: 'US' };
    expect(holds(assessDeclaration(fromUs([byName]), ref))).toEqual(['마약류(대마·CBD 포함) / poppy pod']);
  });

  it('poppy seeds and an everything-bagel seasoning (Incheon Airport Customs, 2024): held; before: general clearance as food', () => {
    for (const [description, matched] of [
      ["Trader Joe's Everything but the Bagel Sesame Seasoning Blend", 'everything but the bagel'],
      ['organic blue poppy seeds 1 lb', 'poppy seed'],
      ['양귀비씨 500g 베이킹용', '양귀비씨'],
    ] as const) {
      const item = { description, category: 'food', quantity: 1, price: 6, originCountry: 'US' };
      const a = assessDeclaration(fromUs([item]), ref);
      expect(holds(a), description).toEqual([`양귀비 종자(양귀비씨가 든 식품 포함) / ${matched}`]);
      expect(codes(a, 'HOLD_PROHIBITED')[0]!.ref, description).toContain('UNCERTAIN: 발아 불능 처리된 종자의 취급 미확인');
      expect(assessDeclaration(fromUs([item]), before).route, description).toBe('general');
    }
  });

  it('seeds of ornamental poppies (꽃양귀비, California poppy) are quarantine goods, not held', () => {
    for (const description of ['꽃양귀비 씨앗 1000립', 'California poppy seeds (Eschscholzia)']) {
      const a = assessDeclaration(fromUs([{ description, hsCode: '1209919000', quantity: 1, price: 4, originCountry: 'US' }]), ref);
      expect([a.route, holds(a), grounds(a)[0]?.split(' / ')[0]], description).toEqual(['general', [], '농림축수산물 등 검역대상물품(축산물가공품·애완동물사료 포함)']);
    }
  });

  it('ephedra (마황) and ephedrine: held; pseudoephedrine cold medicine stays a medicine (general clearance)', () => {
    const herb = { description: '마황 ephedra herb 500g', category: 'herbal', quantity: 1, price: 20, originCountry: 'CN' };
    expect(holds(assessDeclaration(fromUs([herb]), ref))).toEqual(['마황(에페드라)·에페드린(마약류 원료물질) / 마황']);
    expect(assessDeclaration(fromUs([herb]), before).route).toBe('general');
    const extract = { description: 'plant extract powder', hsCode: '1302140000', quantity: 1, price: 20, originCountry: 'CN' };
    expect(holds(assessDeclaration(fromUs([extract]), ref))).toEqual(['마황(에페드라)·에페드린(마약류 원료물질) / HS 130214']);
    expect(assessDeclaration(fromUs([extract]), before).route).toBe('list');
    const sudafed = assessDeclaration(fromUs([{ description: 'Sudafed 12 hour pseudoephedrine 20 tablets', category: 'medicine', quantity: 1, price: 12, originCountry: 'US' }]), ref);
    expect([sudafed.route, holds(sudafed), grounds(sudafed)]).toEqual(['general', [], ['의약품 / HS 3004']]);
  });

  it('look-alikes stay as they were: YSL Black Opium perfume, a Poppy Playtime plush', () => {
    for (const item of [
      { description: 'YSL Black Opium eau de parfum 50ml', category: 'perfume' },
      { description: 'Poppy Playtime Huggy Wuggy plush', category: 'toy' },
    ]) {
      const a = assessDeclaration(fromUs([{ quantity: 1, price: 40, originCountry: 'FR', ...item }]), ref);
      expect([a.route, holds(a)], item.description).toEqual(['list', []]);
    }
  });
});

describe('coloured contact lenses are medical devices (의료기기법)', () => {
  it('"colored contacts" declared as cosmetics: general clearance under 의료기기; before: list clearance', () => {
    const item = { description: 'Colorblends colored contacts 2 pack, hazel', category: 'cosmetics', quantity: 1, price: 30, originCountry: 'US' };
    expect(grounds(assessDeclaration(fromUs([item]), ref))).toEqual(['의료기기 / colored contacts']);
    expect(assessDeclaration(fromUs([item]), before).route).toBe('list');
  });
});

describe('veterinary medicines are medicines (약사법)', () => {
  it('a heartworm chew declared as a pet accessory: general clearance under 의약품; before: list clearance', () => {
    const item = { description: 'NexGard chewables for dogs 10.1-24 lbs 3 pack', category: 'accessory', quantity: 1, price: 45, originCountry: 'US' };
    expect(grounds(assessDeclaration(fromUs([item]), ref))).toEqual(['의약품 / nexgard']);
    expect(assessDeclaration(fromUs([item]), before).route).toBe('list');
  });
});
