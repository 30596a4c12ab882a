// Goods a customs officer would catch that the lists missed until the corrections exclusions-2019-06-01-r4,
// prohibited-2016-01-01-r3 and tariff-*-r3 (2026-12-03), on the REAL reference data: kratom and poppers
// (마약류 관리에 관한 법률: 향정신성의약품, 임시마약류) were list-cleared; retinol, adenosine and niacinamide
// cosmetics (기능성화장품), hemp seeds declared as anything but food, and flea and tick collars (동물용
// 의약품등, 약사법 제85조) were list-cleared; a niacinamide serum named 니코틴아마이드 was excluded as
// tobacco; 조주정 2207101000 was rated at the chapter-22 default. Each case is compared with the engine
// before these corrections, and each new keyword with the goods it must not catch.
//
// Values used: customs rate of the week of 2026-02-01, USD 1,442.88 (published,
// data/sources/fx-published-weeks.json); deemed freight US ≤1 kg: sea parcel 12,000, express 18,900
// (real rows of data/freight.json); cosmetics 3304 6.5% (data/tariff.json). Each tax per line is
// truncated to the won, each tax total to 10 won (README).
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
/** The engine before these corrections: exclusions-2019-06-01-r3, prohibited-2016-01-01-r2, tariff-*-r2 (r4, which copies r3, dropped too). */
let before: Reference;
beforeAll(async () => {
  const files: ReferenceFiles = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
  const without = <T,>(ds: Dataset<T>, drop: string[]): Dataset<T> => ({ ...ds, versions: ds.versions.filter((v) => !drop.includes(v.version)) });
  before = compileReference({
    ...files,
    exclusions: without(files.exclusions, ['exclusions-2019-06-01-r4', 'exclusions-2019-06-01-r5', 'exclusions-2019-06-01-r6', 'exclusions-2019-06-01-r7']),
    prohibited: without(files.prohibited, ['prohibited-2016-01-01-r3', 'prohibited-2016-01-01-r4', 'prohibited-2016-01-01-r5']),
    tariff: without(files.tariff, ['tariff-2022-01-01-r3', 'tariff-2026-01-01-r3', 'tariff-2022-01-01-r4', 'tariff-2026-01-01-r4', 'tariff-2022-01-01-r5', 'tariff-2026-01-01-r5']),
  });
});

type Item = Record<string, unknown>;
const fromUs = (items: Item[]) => decl('L1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-L1', grossWeightKg: 1 }, items });
const item = (description: string, category: string, o: Item = {}): Item => ({ description, category, quantity: 1, price: 20, originCountry: 'US', ...o });
const codes = (a: Assessment, code: string) => a.reasons.filter((r) => r.code === code);
/** The rule each GENERAL_EXCLUDED reason names, and what matched. */
const grounds = (a: Assessment) => codes(a, 'GENERAL_EXCLUDED').map((r) => r.ko.match(/배제대상\((.+)\)입니다\(근거: "?(.+?)"?\)\.$/)!.slice(1, 3).join(' / '));
/** The rule each HOLD_PROHIBITED reason names, and what matched. */
const holds = (a: Assessment) => codes(a, 'HOLD_PROHIBITED').map((r) => r.ko.match(/"은\(는\) (.+)에 해당하는 것으로 보입니다\(일치: "?(.+?)"?\)\./)!.slice(1, 3).join(' / '));
const outcome = (a: Assessment) => [a.route, holds(a), grounds(a)];

describe('kratom (향정신성의약품) and poppers (알킬 나이트라이트, 임시마약류) are held', () => {
  it('kratom powder declared as an accessory: hold (HOLD_PROHIBITED, 마약류); before: list clearance', () => {
    const kratom = item('Kratom powder red vein 250g', 'accessory');
    const a = assessDeclaration(fromUs([kratom]), ref);
    expect(outcome(a)).toEqual(['hold', ['마약류(대마·CBD 포함) / kratom'], ['마약류 / kratom']]);
    expect(a.signals).toContain('PROHIBITED_GOODS');
    expect(a.dataVersions).toMatchObject({ prohibited: 'prohibited-2016-01-01-r5', exclusions: 'exclusions-2019-06-01-r7' }); // r5, r6 and r7 keep what r4 added (prohibited r4 and r5 what r3 added)
    expect(outcome(assessDeclaration(fromUs([kratom]), before))).toEqual(['list', [], []]);
  });

  it('크라톰 declared as tea: hold; before: general clearance as food only', () => {
    const kratom = item('크라톰 잎 티백 50개', 'tea');
    expect(outcome(assessDeclaration(fromUs([kratom]), ref))).toEqual(['hold', ['마약류(대마·CBD 포함) / 크라톰'], ['식품류·과자류 / HS 09', '마약류 / 크라톰']]);
    expect(outcome(assessDeclaration(fromUs([kratom]), before))).toEqual(['general', [], ['식품류·과자류 / HS 09']]);
  });

  it('poppers declared as cosmetics, by product name or chemical name: hold under ALKYL_NITRITES; before: list clearance', () => {
    const cases: [string, string][] = [
      ['Rush poppers original 10ml', 'rush poppers'],
      ['Jungle Juice Platinum 30ml', 'jungle juice'],
      ['러쉬 파퍼스 10ml', '러쉬 파퍼'],
      ['isobutyl nitrite aroma 10ml', 'isobutyl nitrite'],
    ];
    for (const [description, matched] of cases) {
      const a = assessDeclaration(fromUs([item(description, 'cosmetics', { price: 15 })]), ref);
      expect([a.route, holds(a)[0]], description).toEqual(['hold', `임시마약류(알킬 나이트라이트: 러쉬·파퍼스) / ${matched}`]);
      const [r] = codes(a, 'HOLD_PROHIBITED');
      expect(r!.ref).toBe('마약류 관리에 관한 법률 제5조의2 (임시마약류 지정: 알킬 나이트라이트류, 2군)·제3조 (일반 행위의 금지); 관세법 제269조 (밀수입죄)');
      expect(lawRefInEnglish(r!.ref)).toBe('Narcotics Control Act Art. 5-2 (designation of temporary narcotics: alkyl nitrites, group 2)·Art. 3 (prohibition of acts in general); Customs Act Art. 269 (smuggling)');
      expect(assessDeclaration(fromUs([item(description, 'cosmetics', { price: 15 })]), before).route, description).toBe('list');
    }
  });

  it('stays list-clearable: party poppers, a popcorn popper, a toothbrush head (브러쉬), the game Mario Golf: Super Rush', () => {
    const items: Item[] = [
      item('party poppers confetti 20pcs', 'toy'),
      item('popcorn popper machine', 'small-appliance'),
      item('bubble poppers fidget toy', 'toy'),
      item('전동칫솔 브러쉬 헤드 4개', 'accessory'),
      item('Mario Golf: Super Rush', 'video-game'),
    ];
    for (const i of items) expect(outcome(assessDeclaration(fromUs([i]), ref)), String(i.description)).toEqual(['list', [], []]);
  });
});

describe('functional cosmetics by ingredient (retinol, adenosine, niacinamide: 주름개선·미백, 기능성화장품)', () => {
  it('a retinol serum declared as cosmetics, USD 30 from the US: general clearance, still duty-free (USD 30 ≤ 150); before: list clearance', () => {
    const serum = item('The Ordinary Retinol 1% in Squalane 30ml', 'cosmetics', { price: 30 });
    const a = assessDeclaration(fromUs([serum]), ref);
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: true } });
    expect(a.taxes?.totalKrw).toBe(0);
    const [r] = codes(a, 'GENERAL_EXCLUDED');
    expect(r!.ko).toBe('일반통관: 1번 물품 "The Ordinary Retinol 1% in Squalane 30ml"은(는) 목록통관 배제대상(기능성화장품·태반·스테로이드 함유 화장품)입니다(근거: "retinol").');
    expect(outcome(assessDeclaration(fromUs([serum]), before))).toEqual(['list', [], []]);
  });

  it('the same serum at USD 180 from the US: the USD 200 of US express list clearance no longer applies — taxed', () => {
    const a = assessDeclaration(fromUs([item('The Ordinary Retinol 1% in Squalane 30ml', 'cosmetics', { price: 180 })]), ref);
    // goods   180 × 1,442.88 = 259,718.4 → 259,718 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; taxable 259,718 + 18,900 = 278,618
    // duty    278,618 × 6.5% (3304) = 18,110.17 → 18,110 → total 18,110
    // VAT     (278,618 + 18,110) × 10% = 29,672.8 → 29,672 → total 29,670
    // total   18,110 + 29,670 = 47,780
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(a.valuation).toMatchObject({ goodsValueKrw: 259_718, freightKrw: 18_900, taxableValueKrw: 278_618 });
    expect(a.taxes).toMatchObject({ dutyKrw: 18_110, vatKrw: 29_670, totalKrw: 47_780, collected: true });
    const old = assessDeclaration(fromUs([item('The Ordinary Retinol 1% in Squalane 30ml', 'cosmetics', { price: 180 })]), before);
    expect(old).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 200, exempt: true } });
  });

  it('by each ingredient, in English and Korean', () => {
    for (const [description, matched] of [['adenosine wrinkle eye cream', 'adenosine'], ['The Ordinary Niacinamide 10% + Zinc 1%', 'niacinamide'], ['레티놀 크림 50ml', '레티놀'], ['아데노신 주름 앰플', '아데노신'], ['나이아신아마이드 미백 세럼', '나이아신아마이드']]) {
      const a = assessDeclaration(fromUs([item(description!, 'cosmetics')]), ref);
      expect([a.route, grounds(a)], description).toEqual(['general', [`기능성화장품·태반·스테로이드 함유 화장품 / ${matched}`]]);
    }
  });

  it('니코틴아마이드 (nicotinamide = niacinamide) is a functional cosmetic, not tobacco; before: excluded as 담배류', () => {
    const serum = item('니코틴아마이드 세럼 30ml', 'cosmetics');
    expect(outcome(assessDeclaration(fromUs([serum]), ref))).toEqual(['general', [], ['기능성화장품·태반·스테로이드 함유 화장품 / 니코틴아마이드']]);
    expect(outcome(assessDeclaration(fromUs([serum]), before))).toEqual(['general', [], ['담배류 / 니코틴']]);
  });
});

describe('nicotine liquids and pouches are excluded as 담배류 (not list-cleared), before and after', () => {
  it('nicotine pouches and e-liquid, whatever the category: general clearance under 담배류', () => {
    for (const [description, matched] of [['ZYN nicotine pouches cool mint 15ct', 'nicotine'], ['니코틴 파우치 민트 20개입', '니코틴'], ['전자담배 액상 30ml 니코틴 3mg', '담배']]) {
      for (const r of [ref, before]) {
        const a = assessDeclaration(fromUs([item(description!, 'accessory')]), r);
        expect([a.route, grounds(a)[0]], description).toEqual(['general', `담배류 / ${matched}`]);
      }
    }
  });

  it('니코틴산 (nicotinic acid, niacin) is not nicotine', () => {
    const a = assessDeclaration(fromUs([item('니코틴산 나이아신 플러시 프리 500mg', 'accessory')]), ref);
    expect(outcome(a)).toEqual(['list', [], []]);
  });
});

describe('hemp seeds and hemp-seed oil are food (THC limits): excluded whatever the category', () => {
  it('hemp hearts declared as an accessory, hemp-seed oil as cosmetics: general clearance under the hemp-seed food rule; before: list clearance', () => {
    for (const [description, category, matched] of [['Manitoba Harvest hemp hearts 340g', 'accessory', 'hemp hearts'], ['햄프씨드 1kg', 'accessory', '햄프씨드'], ['cold pressed hemp seed oil 500ml', 'cosmetics', 'hemp seed']]) {
      const i = item(description!, category!);
      const a = assessDeclaration(fromUs([i]), ref);
      expect(outcome(a), description).toEqual(['general', [], [`식품류(대마 씨앗·대마씨유) / ${matched}`]]);
      expect(codes(a, 'GENERAL_EXCLUDED')[0]!.ref).toContain('마약류 관리에 관한 법률 제2조 (정의: 대마초의 종자는 대마에서 제외)');
      expect(outcome(assessDeclaration(fromUs([i]), before)), description).toEqual(['list', [], []]);
    }
  });

  it('declared as food they were excluded already, now by one more ground', () => {
    const a = assessDeclaration(fromUs([item('hemp seed hearts 500g', 'food')]), ref);
    expect(grounds(a)).toEqual(['식품류·과자류 / HS 21', '식품류(대마 씨앗·대마씨유) / hemp seed']);
  });

  it('stays list-clearable: hemp bags, hemp rope and cosmetics made with hemp-seed oil', () => {
    for (const i of [item('hemp tote bag', 'bag'), item('hemp seed oil lip balm', 'cosmetics'), item('hemp seed body lotion 250ml', 'cosmetics'), item('햄프씨드 오일 비누', 'soap')]) {
      expect(outcome(assessDeclaration(fromUs([i]), ref)), String(i.description)).toEqual(['list', [], []]);
    }
  });

  it('대마씨 stays held as before (the Korean word 대마 is a narcotics keyword; UNCERTAIN, see the exclusions source)', () => {
    const i = item('대마씨 오일 500ml', 'accessory');
    expect(assessDeclaration(fromUs([i]), ref).route).toBe('hold');
    expect(assessDeclaration(fromUs([i]), before).route).toBe('hold');
  });
});

describe('flea and tick collars for pets are veterinary medicines (약사법 제85조)', () => {
  it('Seresto declared as an accessory: general clearance under 의약품; before: list clearance', () => {
    for (const [description, matched] of [['Bayer Seresto flea and tick collar large dog', 'seresto'], ['세레스토 진드기 목걸이 고양이용', '세레스토'], ['flea collar for cats 8 months', 'flea collar']]) {
      const i = item(description!, 'accessory');
      expect(outcome(assessDeclaration(fromUs([i]), ref)), description).toEqual(['general', [], [`의약품 / ${matched}`]]);
      expect(outcome(assessDeclaration(fromUs([i]), before)), description).toEqual(['list', [], []]);
    }
  });

  it('stays list-clearable: an ordinary dog collar', () => {
    expect(outcome(assessDeclaration(fromUs([item('leather dog collar with name tag', 'accessory')]), ref))).toEqual(['list', [], []]);
  });
});

describe('조주정 2207101000 has its own rate (10%), no longer the chapter-22 default (20%)', () => {
  it('USD 200 from the US, 1 L: duty 10% (TARIFF_UNCERTAIN); before: 20% (TARIFF_CHAPTER_DEFAULT)', () => {
    const ethanol = { description: 'Roughly distilled alcohol 1L', hsCode: '2207101000', quantity: 1, unit: 'bottle', volumeMl: 1000, price: 200, originCountry: 'US' };
    const a = assessDeclaration(fromUs([ethanol]), ref);
    // goods   200 × 1,442.88 = 288,576 KRW (> 200,000 → express freight)
    // freight US ≤1 kg express 18,900; taxable 288,576 + 18,900 = 307,476
    // duty    307,476 × 10% = 30,747.6 → 30,747 → total 30,740
    // 주세    1 L × 57 KRW/L (주정, uncertain) = 57 → total 50; 교육세 0
    // VAT     (307,476 + 30,747 + 57) × 10% = 33,828 → total 33,820
    // total   30,740 + 50 + 33,820 = 64,610 (before: 98,440 with the 20% default)
    expect(a.route).toBe('general');
    expect(a.dataVersions.tariff).toBe('tariff-2026-01-01-r5'); // r4 and r5 keep r3's 2207 lines
    expect(a.lines[0]).toMatchObject({ dutyRate: 0.1, dutyKrw: 30_747, liquorKrw: 57, vatKrw: 33_828 });
    expect(a.taxes).toMatchObject({ dutyKrw: 30_740, liquorKrw: 50, vatKrw: 33_820, totalKrw: 64_610 });
    expect(codes(a, 'TARIFF_UNCERTAIN')).toHaveLength(1);
    expect(codes(a, 'TARIFF_CHAPTER_DEFAULT')).toHaveLength(0);
    const old = assessDeclaration(fromUs([ethanol]), before);
    expect(old.lines[0]).toMatchObject({ dutyRate: 0.2 });
    expect(old.taxes?.totalKrw).toBe(98_440);
    expect(codes(old, 'TARIFF_CHAPTER_DEFAULT')).toHaveLength(1);
  });

  it('2207109090 (other 주정, e.g. 96% rectified spirit) keeps the chapter default: no source gives its rate', () => {
    const a = assessDeclaration(fromUs([{ description: 'Undenatured ethanol 96% 1L', hsCode: '2207109090', quantity: 1, unit: 'bottle', volumeMl: 1000, price: 200, originCountry: 'US' }]), ref);
    expect(a.lines[0]).toMatchObject({ dutyRate: 0.2 });
    expect(codes(a, 'TARIFF_CHAPTER_DEFAULT')).toHaveLength(1);
  });
});
