// The estimator builds a declaration and runs the intake engine on it: same answer, no
// second implementation. Hand-checked against the fixture reference (round numbers).
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { assessBatch } from '../domain/assess.ts';
import { fixtureFiles, fixtureReference } from '../../test/fixtures/fixture-reference.ts';
import { compileReference } from '../domain/reference/compile-reference.ts';
import { declarationOfEstimate, estimateDate, estimateTaxes, estimatorOptions, type EstimateInput } from './estimate-taxes.ts';

const deps = (date: string) => ({
  reference: { current: () => fixtureReference, reload: async () => undefined, reloadIfBehind: async () => false },
  clock: { now: () => new Date(`${date}T03:00:00Z`) },
});

const shoes: EstimateInput = { category: 'shoes', price: 120, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 };

describe('estimateTaxes', () => {
  test('is exactly the engine’s assessment of the declaration it builds', () => {
    const r = estimateTaxes(deps('2026-03-04'), shoes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = declarationOfEstimate(shoes, fixtureReference, '2026-03-04');
    expect(r.value.assessment).toEqual(assessBatch([d], fixtureReference, [])[0]);
    expect(d.items[0]).toMatchObject({ category: 'shoes', quantity: 1, price: 120, originCountry: 'US' });
    expect(d.shipment.grossWeightKg).toBe(1);
  });

  test('a duty-free parcel reports the headroom under the limit and what it would owe above it', () => {
    const r = estimateTaxes(deps('2026-03-04'), shoes);
    if (!r.ok) throw new Error('expected ok');
    const a = r.value.assessment;
    expect(a.route).toBe('list');
    expect(a.deMinimis).toEqual({ thresholdUsd: 200, exempt: true }); // express from the US: USD 200
    expect(r.value.headroomUsd).toBe(80);
    expect(a.taxesWithoutExemption?.totalKrw).toBeGreaterThan(0);
    expect(r.value.nextSteps.map((n) => n.code)).toEqual(['NEXT_NONE_LIST']);
    expect(r.value.assumptions.map((x) => x.field).sort()).toEqual(['originCountry', 'weightKg']);
  });

  test('over the limit: negative headroom and taxes with their formulas in the reasons', () => {
    const r = estimateTaxes(deps('2026-03-04'), { ...shoes, price: 250, weightKg: 2, originCountry: 'VN' });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.headroomUsd).toBe(-50);
    expect(r.value.assessment.taxes?.totalKrw).toBeGreaterThan(0);
    const codes = r.value.assessment.reasons.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['GOODS_VALUE', 'TAXABLE_VALUE', 'DUTY_LINE', 'VAT_TOTAL', 'DE_MINIMIS_EXCEEDED']));
    expect(r.value.assumptions).toEqual([]);
  });

  test('no headroom when the quantity, not the value, decides (held supplements)', () => {
    const r = estimateTaxes(deps('2026-03-04'), { category: 'supplement', price: 10, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 8 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.assessment.route).toBe('hold');
    expect(r.value.headroomUsd).toBeNull();
  });

  test('the description made up from the category is quoted in each reason in its own language', () => {
    // The fixture's categories are named by their codes: name supplements in both languages, as data/categories.json does.
    const categories = {
      ...fixtureFiles.categories,
      versions: fixtureFiles.categories.versions.map((v) => ({ ...v, records: v.records.map((c) => (c.category === 'supplement' ? { ...c, ko: '건강기능식품', en: 'Health supplements' } : c)) })),
    };
    const reference = compileReference({ ...fixtureFiles, categories });
    const on = { reference: { current: () => reference, reload: async () => undefined, reloadIfBehind: async () => false }, clock: { now: () => new Date('2026-03-04T03:00:00Z') } };
    // Supplements are excluded from list clearance: the engine quotes the item's description in that reason.
    const r = estimateTaxes(on, { category: 'supplement', price: 10, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 8 });
    if (!r.ok) throw new Error('expected ok');
    const excluded = r.value.assessment.reasons.find((x) => x.code === 'GENERAL_EXCLUDED')!;
    expect(excluded.en).toContain('item 1 "Health supplements" is excluded');
    expect(excluded.ko).toContain('"건강기능식품"');
    expect(r.value.assessment.reasons.filter((x) => /[\uAC00-\uD7A3]/.test(x.en))).toEqual([]);
    // Only an HS code: the made-up description is quoted in each language's words, not "품목 HS 2208" in English.
    const byHs = estimateTaxes(on, { hsCode: '2208', price: 80, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 });
    if (!byHs.ok) throw new Error('expected ok');
    const liquor = byHs.value.assessment.reasons.find((x) => x.code === 'GENERAL_EXCLUDED')!;
    expect(liquor.en).toContain('item 1 "HS 2208 goods" is excluded');
    expect(liquor.ko).toContain('1번 물품 "HS 2208 물품"');
    expect(byHs.value.assessment.reasons.filter((x) => /[\uAC00-\uD7A3]/.test(x.en))).toEqual([]);
    // A description the buyer typed is quoted as typed, in both languages.
    const own = estimateTaxes(on, { category: 'supplement', description: '비타민 Kirkland', price: 10, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 8 });
    if (!own.ok) throw new Error('expected ok');
    expect(own.value.assessment.reasons.find((x) => x.code === 'GENERAL_EXCLUDED')!.en).toContain('"비타민 Kirkland"');
  });

  test('a product name that names no goods ("선물", "gift": the field is optional) is set aside for the category, and said among the assumptions, not a refused estimate', () => {
    // Before: the estimate was rejected ("품명이 물품을 설명하지 않습니다 ("선물")"): the declaration's check of a
    // name customs would refuse, applied to a buyer estimating a present who wrote what it is to them.
    for (const word of ['선물', 'gift']) {
      const r = estimateTaxes(deps('2026-03-04'), { ...shoes, description: word });
      if (!r.ok) throw new Error('expected ok');
      expect(r.value.assessment.status, word).toBe('assessed');
      expect(r.value.fieldErrors, word).toEqual([]);
      // The same estimate as without a name: USD 120 of shoes from the US by express, within the USD 200 limit.
      const none = estimateTaxes(deps('2026-03-04'), shoes);
      if (!none.ok) throw new Error('expected ok');
      expect(r.value.assessment.taxes, word).toEqual(none.value.assessment.taxes);
      expect(r.value.assessment.route, word).toBe(none.value.assessment.route);
      const said = r.value.assumptions.find((x) => x.field === 'description')!;
      expect(said.ko).toContain(`상품명 "${word}"`);
      expect(said.ko).toContain('[품목] [브랜드] [제품명]');
      expect(said.ko).toContain('선택한 품목 분류로 계산했습니다');
      expect(said.en).toContain(`The product name "${word}"`);
      expect(/[\uAC00-\uD7A3]/.test(said.en.replace(`"${word}"`, ''))).toBe(false);
    }
    // A name that does describe the goods is used as typed, and no such assumption is made.
    const named = estimateTaxes(deps('2026-03-04'), { ...shoes, description: '선물 받은 운동화 Nike' });
    if (!named.ok) throw new Error('expected ok');
    expect(named.value.assumptions.map((x) => x.field)).not.toContain('description');
    expect(declarationOfEstimate({ ...shoes, description: '선물 받은 운동화 Nike' }, fixtureReference, '2026-03-04').items[0]!.description).toBe('선물 받은 운동화 Nike');
  });

  test('an HS code instead of a category; engine errors come back with the form field', () => {
    const byHs = estimateTaxes(deps('2026-03-04'), { hsCode: '6109.10', price: 30, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 });
    if (!byHs.ok) throw new Error('expected ok');
    expect(byHs.value.assessment.status).toBe('assessed');
    const bad = estimateTaxes(deps('2026-03-04'), { ...shoes, currency: 'XYZ' });
    if (!bad.ok) throw new Error('expected ok');
    expect(bad.value.assessment.status).toBe('rejected');
    expect(bad.value.fieldErrors.map((e) => e.field)).toContain('currency');
  });

  test('neither category nor HS code is a validation failure', () => {
    const r = estimateTaxes(deps('2026-03-04'), { price: 1, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION_FAILED');
  });

  test('uses the last loaded exchange-rate week when this week’s rate is missing', () => {
    expect(estimateDate(fixtureReference, '2026-03-10')).toBe('2026-03-10'); // week of 2026-03-08 is loaded
    expect(estimateDate(fixtureReference, '2026-06-01')).toBe('2026-03-14'); // last week 2026-03-08 + 6 days
    const r = estimateTaxes(deps('2026-06-01'), shoes);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.declaredAt).toBe('2026-03-14');
    expect(r.value.assumptions.map((x) => x.field)).toContain('date');
  });

  test('options list the categories, currencies with a rate this week, and countries', () => {
    const o = estimatorOptions(deps('2026-03-04'));
    expect(o.categories.map((c) => c.code)).toContain('shoes');
    expect(o.currencies.map((c) => c.code)).toEqual(expect.arrayContaining(['USD', 'EUR']));
    expect(o.currencies.map((c) => c.code)).not.toContain('THB');
    expect(o.thresholds?.deMinimisUsd).toBe(150);
  });

  test('a perfume without its volume: the 60 ml limit is an assumption of the estimate (not a declaration to correct), and with the volume there is none', () => {
    const perfume: EstimateInput = { category: 'perfume', price: 80, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1, weightKg: 0.4, originCountry: 'FR' };
    const r = estimateTaxes(deps('2026-03-04'), perfume);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.assessment.route).toBe('list'); // decided as within 60 ml, as the engine decides
    expect(r.value.assessment.reasons.map((x) => x.code)).not.toContain('QUANTITY_UNMEASURED');
    expect(r.value.assumptions.find((x) => x.field === 'volumeMl')).toEqual({
      field: 'volumeMl',
      ko: '한 병의 용량을 입력하지 않아 자가사용 인정기준(향수) 이내로 보고 계산했습니다. 기준을 넘으면 금액과 관계없이 과세됩니다.',
      en: 'No volume per bottle given: taken as within the self-use limit (perfume). Over it, it would be taxed whatever its value.',
    });
    const measured = estimateTaxes(deps('2026-03-04'), { ...perfume, volumeMl: 50 });
    if (!measured.ok) throw new Error('expected ok');
    expect(measured.value.assumptions.map((x) => x.field)).not.toContain('volumeMl');
  });
});

describe('the estimate’s placeholder-rate flag is the engine’s, for the purchase’s currency', () => {
  // Week of 2026-03-01 published except HKD (derived from USD, as in data/exchange-rates.json
  // 2026-02-01); week of 2026-03-08 a placeholder as a whole.
  const weeks = fixtureFiles.exchangeRates.weeks.map((w) =>
    w.weekStart === '2026-03-01' ? { ...w, placeholderCurrencies: ['HKD'] } : w.weekStart === '2026-03-08' ? { ...w, placeholder: true } : w,
  );
  const reference = compileReference({ ...fixtureFiles, exchangeRates: { ...fixtureFiles.exchangeRates, weeks } });
  const on = (date: string) => ({ reference: { current: () => reference, reload: async () => undefined, reloadIfBehind: async () => false }, clock: { now: () => new Date(`${date}T03:00:00Z`) } });
  const flagOf = (date: string, currency: string) => {
    const r = estimateTaxes(on(date), { ...shoes, currency });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.fxPlaceholder).toBe(r.value.assessment.signals.includes('FX_PLACEHOLDER'));
    return r.value.fxPlaceholder;
  };

  test('a published week: true for the approximated currency (HKD), false for the published ones', () => {
    expect(flagOf('2026-03-04', 'HKD')).toBe(true);
    expect(flagOf('2026-03-04', 'USD')).toBe(false);
    expect(flagOf('2026-03-04', 'EUR')).toBe(false);
    const o = estimatorOptions(on('2026-03-04'));
    expect(o.fxPlaceholder).toBe(false); // the week as a whole is published
    expect(o.currencies.filter((c) => c.placeholder).map((c) => c.code)).toEqual(['HKD']);
  });

  test('a placeholder week: true whatever the currency', () => {
    expect(flagOf('2026-03-10', 'USD')).toBe(true);
    expect(flagOf('2026-03-10', 'EUR')).toBe(true);
    expect(estimatorOptions(on('2026-03-10')).currencies.every((c) => c.placeholder)).toBe(true);
  });

  test('the unchanged fixture (every week published): false', () => {
    const r = estimateTaxes(deps('2026-03-04'), { ...shoes, currency: 'HKD' });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.fxPlaceholder).toBe(false);
  });
});

describe('self-use limits by weight (real reference data): the estimate takes the weight of one unit', async () => {
  const { loadReferenceFiles } = await import('../adapters/reference/load-reference-files.ts');
  const real = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
  const on = (date: string) => ({ reference: { current: () => real, reload: async () => undefined, reloadIfBehind: async () => false }, clock: { now: () => new Date(`${date}T03:00:00Z`) } });
  const ginseng: EstimateInput = { category: 'ginseng', price: 20, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 4, weightKg: 1 };

  test('the options say which measure each category’s limits count, and which HS prefixes', () => {
    const o = estimatorOptions(on('2026-03-04'));
    const measures = (code: string) => o.categories.find((c) => c.code === code)?.measures;
    expect(measures('ginseng')).toEqual(['weightG']);
    expect(measures('herbal')).toEqual(['weightG']);
    expect(measures('perfume')).toEqual(['volumeMl']);
    expect(measures('shoes')).toEqual([]);
    expect(o.measuredHs).toEqual(expect.arrayContaining([{ prefix: '121120', measure: 'weightG' }, { prefix: '3303', measure: 'volumeMl' }]));
  });

  test('4 × 100 g of ginseng is over 300 g: held; 2 × 100 g is within it; without a weight it is an assumption', () => {
    const over = estimateTaxes(on('2026-03-04'), { ...ginseng, weightG: 100 });
    if (!over.ok) throw new Error('expected ok');
    expect(over.value.assessment.route).toBe('hold');
    expect(over.value.assumptions.map((x) => x.field)).not.toContain('weightG');
    const within = estimateTaxes(on('2026-03-04'), { ...ginseng, quantity: 2, weightG: 100 });
    if (!within.ok) throw new Error('expected ok');
    expect(within.value.assessment.route).not.toBe('hold');
    const unknown = estimateTaxes(on('2026-03-04'), ginseng);
    if (!unknown.ok) throw new Error('expected ok');
    expect(unknown.value.assessment.route).not.toBe('hold');
    expect(unknown.value.assumptions.find((x) => x.field === 'weightG')?.ko).toMatch(/^1개당 중량을 입력하지 않아 자가사용 인정기준\(인삼/);
  });
});

describe('the parcel weight assumed when none is given', () => {
  test('1 kg, or the goods’ own weight when the weight of one unit comes to more (10 × 300 g of herbs: 3 kg)', () => {
    const herbs: EstimateInput = { category: 'shoes', price: 10, currency: 'USD', shipFrom: 'CN', mode: 'express', quantity: 10, weightG: 300 };
    expect(declarationOfEstimate(herbs, fixtureReference, '2026-03-04').shipment.grossWeightKg).toBe(3);
    expect(declarationOfEstimate({ ...herbs, quantity: 2 }, fixtureReference, '2026-03-04').shipment.grossWeightKg).toBe(1);
    expect(declarationOfEstimate({ ...herbs, quantity: 7, weightG: 333 }, fixtureReference, '2026-03-04').shipment.grossWeightKg).toBe(2.4); // 2,331 g, up to 0.1 kg
    expect(declarationOfEstimate({ ...herbs, weightKg: 5 }, fixtureReference, '2026-03-04').shipment.grossWeightKg).toBe(5);
    const r = estimateTaxes(deps('2026-03-04'), herbs);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.assumptions.find((x) => x.field === 'weightKg')).toMatchObject({
      ko: '배송 무게를 입력하지 않아 물품 중량 합계 3kg으로 계산했습니다(과세운임은 실중량 기준).',
      en: "No parcel weight given: the goods' own 3 kg assumed (deemed freight is by actual weight).",
    });
  });
});
