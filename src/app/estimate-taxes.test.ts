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

  test('options list the categories, currencies with a rate this week and the won, and countries', () => {
    const o = estimatorOptions(deps('2026-03-04'));
    expect(o.categories.map((c) => c.code)).toContain('shoes');
    expect(o.currencies.map((c) => c.code)).toEqual(expect.arrayContaining(['USD', 'EUR']));
    expect(o.currencies.map((c) => c.code)).not.toContain('THB');
    // A price in won (AliExpress and others charge Korean buyers in KRW) needs no customs rate: offered, at 1.
    expect(o.currencies.find((c) => c.code === 'KRW')).toMatchObject({ rate: 1, units: 1 });
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

describe('several items in one parcel (items[]): the engine decides the parcel as a whole', () => {
  const parcel = { currency: 'USD', mode: 'express' as const };
  const value = (input: EstimateInput) => {
    const r = estimateTaxes(deps('2026-03-04'), input);
    if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  test('2 items, each within USD 150 from China, together over it: the whole parcel is taxed (worked example, USD 1,400)', () => {
    const items = [
      { category: 'clothing', price: 90, quantity: 1, originCountry: 'CN' },
      { category: 'shoes', price: 80, quantity: 1, originCountry: 'CN' },
    ];
    // Each alone: USD 90 and USD 80 ≤ USD 150, list clearance, nothing owed.
    for (const item of items) expect(value({ ...parcel, shipFrom: 'CN', ...item }).assessment.route).toBe('list');
    const r = value({ ...parcel, shipFrom: 'CN', items });
    const a = r.assessment;
    // USD 90 + 80 = 170 > 150: over the de minimis, general clearance, taxed
    expect(a.goodsValueUsd).toBe(170);
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: false });
    expect(a.route).toBe('general');
    expect(r.headroomUsd).toBe(-20); // 150 − 170
    // goods 90 × 1,400 = 126,000 + 80 × 1,400 = 112,000 = 238,000 > 200,000 → express CN ≤ 1 kg (1 kg assumed) = 9,000
    // freight shares: clothing ⌊9,000 × 126,000 / 238,000⌋ = 4,764 (.71); shoes ⌊9,000 × 112,000 / 238,000⌋ = 4,235 (.29); remainder 1 → clothing 4,765
    // taxable: clothing 126,000 + 4,765 = 130,765; shoes 112,000 + 4,235 = 116,235
    // duty 13 % each: 130,765 × 13 % = 16,999.45 → 16,999; 116,235 × 13 % = 15,110.55 → 15,110; 32,109 → 32,100
    // VAT: (130,765 + 16,999) × 10 % = 14,776.4 → 14,776; (116,235 + 15,110) × 10 % = 13,134.5 → 13,134; 27,910
    expect(a.valuation).toMatchObject({ goodsValueKrw: 238_000, freightKrw: 9_000, taxableValueKrw: 247_000 });
    expect(a.lines.map((l) => [l.index, l.hsCode, l.dutyRate, l.taxableValueKrw, l.dutyKrw, l.vatKrw])).toEqual([
      [0, '6109', 0.13, 130_765, 16_999, 14_776],
      [1, '6403', 0.13, 116_235, 15_110, 13_134],
    ]);
    expect(a.taxes).toEqual({ dutyKrw: 32_100, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 27_910, totalKrw: 60_010, collected: true });
    expect(r.fieldErrors).toEqual([]);
  });

  test('3 items, a supplement among clothes from the US: the parcel goes to general clearance as a whole (limit USD 150, not 200), exempt at USD 130', () => {
    const r = value({
      ...parcel,
      shipFrom: 'US',
      items: [
        { category: 'clothing', description: '자켓 Patagonia Nano Puff', price: 40, quantity: 1, originCountry: 'VN' },
        { category: 'shoes', price: 50, quantity: 1, originCountry: 'VN' },
        { category: 'supplement', price: 20, quantity: 2, originCountry: 'US' },
      ],
    });
    const a = r.assessment;
    // The supplement is excluded from list clearance: the whole parcel is general, and its limit USD 150
    // (US express's USD 200 is for list clearance); USD 40 + 50 + 20 × 2 = 130 ≤ 150: exempt
    expect(a.goodsValueUsd).toBe(130);
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: true });
    expect(a.route).toBe('general');
    expect(a.reasons.map((x) => x.code)).toContain('GENERAL_MIXED_PARCEL');
    expect(a.taxes?.totalKrw).toBe(0);
    expect(r.headroomUsd).toBe(20); // 150 − 130
    // without the exemption: goods 56,000 + 70,000 + 56,000 = 182,000 ≤ 200,000 → sea parcel US ≤ 1 kg = 12,000
    // freight shares: ⌊12,000 × 56,000 / 182,000⌋ = 3,692 (.31); ⌊12,000 × 70,000 / 182,000⌋ = 4,615 (.38); 3,692 (.31); remainder 1 → shoes 4,616
    // taxable 59,692; 74,616; 59,692 — duty: × 13 % = 7,759.96 → 7,759; × 13 % = 9,700.08 → 9,700; × 8 % = 4,775.36 → 4,775; 22,234 → 22,230
    // VAT: (59,692 + 7,759) × 10 % = 6,745.1 → 6,745; (74,616 + 9,700) × 10 % = 8,431.6 → 8,431; (59,692 + 4,775) × 10 % = 6,446.7 → 6,446; 21,622 → 21,620
    expect(a.taxesWithoutExemption).toMatchObject({ dutyKrw: 22_230, vatKrw: 21_620, totalKrw: 43_850 });
    // The lines owed: one per item, its HS code and rate, no duty (exempt)
    expect(a.lines.map((l) => [l.index, l.hsCode, l.dutyRate, l.taxableValueKrw, l.dutyKrw])).toEqual([
      [0, '6109', 0.13, 59_692, 0],
      [1, '6403', 0.13, 74_616, 0],
      [2, '2106', 0.08, 59_692, 0],
    ]);
    // The engine quotes each item by its own description: the one typed, or the category's name
    expect(a.reasons.find((x) => x.code === 'GENERAL_EXCLUDED')?.en).toContain('item 3 "supplement" is excluded');
  });

  test('self-use quantity counts across items: 4 supplements + 3 vitamins = 7 > 6 is held, though each row is within', () => {
    const items = [
      { category: 'supplement', price: 10, quantity: 4 },
      { category: 'vitamin', price: 10, quantity: 3 },
    ];
    expect(value({ ...parcel, shipFrom: 'US', items: [items[0]!] }).assessment.route).not.toBe('hold');
    const r = value({ ...parcel, shipFrom: 'US', items });
    expect(r.assessment.route).toBe('hold');
    expect(r.headroomUsd).toBeNull();
  });

  test('assumptions per item (made-up description, unmeasured volume), and the assumed weight sums the items’ own weights', () => {
    const input: EstimateInput = {
      ...parcel,
      shipFrom: 'FR',
      items: [
        { category: 'clothing', price: 30, quantity: 2, weightG: 500, originCountry: 'FR' },
        { category: 'perfume', price: 60, quantity: 1, originCountry: 'FR' },
        { category: 'shoes', description: '선물', price: 20, quantity: 3, weightG: 400, originCountry: 'FR' },
      ],
    };
    // 500 g × 2 + 400 g × 3 = 2,200 g = 2.2 kg > 1 kg
    expect(declarationOfEstimate(input, fixtureReference, '2026-03-04').shipment.grossWeightKg).toBe(2.2);
    const r = value(input);
    expect(r.assumptions.map((x) => x.field)).toEqual(['items[1].volumeMl', 'weightKg', 'items[2].description']);
    expect(r.assumptions[0]!.ko).toBe('품목 2: 한 병의 용량을 입력하지 않아 자가사용 인정기준(향수) 이내로 보고 계산했습니다. 기준을 넘으면 금액과 관계없이 과세됩니다.');
    expect(r.assumptions[0]!.en).toBe('Item 2: No volume per bottle given: taken as within the self-use limit (perfume). Over it, it would be taxed whatever its value.');
    expect(r.assumptions[1]!.ko).toContain('물품 중량 합계 2.2kg');
    expect(r.assumptions[2]!.ko).toMatch(/^품목 3: 상품명 "선물"은\(는\) 물품을 설명하지 않아 선택한 품목 분류로 계산했습니다/);
    expect(r.assessment.reasons.map((x) => x.code)).not.toContain('QUANTITY_UNMEASURED');
    // The descriptions made up for items 1 and 2 and the one set aside for item 3: each the category's name
    expect(declarationOfEstimate(input, fixtureReference, '2026-03-04').items.map((it) => it.description)).toEqual(['clothing clothing', 'perfume perfume', 'shoes shoes']);
  });

  test('the origin: said once when no item gives it, per item when some do', () => {
    const none = value({ ...parcel, shipFrom: 'US', items: [{ category: 'clothing', price: 30, quantity: 1 }, { category: 'shoes', price: 30, quantity: 1 }] });
    expect(none.assumptions.filter((x) => x.field.endsWith('originCountry'))).toEqual([
      { field: 'originCountry', ko: '원산지를 발송국가와 같다고 보았습니다(FTA 협정세율 판단에 쓰임).', en: 'Origin assumed to be the ship-from country (used for FTA preferential rates).' },
    ]);
    const some = value({ ...parcel, shipFrom: 'US', items: [{ category: 'clothing', price: 30, quantity: 1, originCountry: 'VN' }, { category: 'shoes', price: 30, quantity: 1 }] });
    expect(some.assumptions.filter((x) => x.field.endsWith('originCountry')).map((x) => [x.field, x.ko.slice(0, 6)])).toEqual([['items[1].originCountry', '품목 2: ']]);
  });

  test('validation names the item: items[1].category when a row has neither category nor HS code, items[1].price for the engine’s refusal', () => {
    const missing = estimateTaxes(deps('2026-03-04'), { ...parcel, shipFrom: 'US', items: [{ category: 'shoes', price: 10, quantity: 1 }, { price: 10, quantity: 1 }] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('VALIDATION_FAILED');
      expect((missing.error.details as { path: string; code: string }[]).map((e) => [e.path, e.code])).toEqual([['body.items[1].category', 'classification_missing']]);
    }
    // 1,000,000,000 × 11 = 11,000,000,000 > the engine's 10,000,000,000 a line: items[1].price, as the form names it
    const tooMuch = value({ ...parcel, shipFrom: 'US', items: [{ category: 'shoes', price: 10, quantity: 1 }, { category: 'bag', price: 1_000_000_000, quantity: 11 }] });
    expect(tooMuch.assessment.status).toBe('rejected');
    expect(tooMuch.fieldErrors.map((e) => [e.path, e.field, e.code])).toEqual([['items[1].price', 'items[1].price', 'amount_too_large']]);
    // A parcel field keeps its form name in either form
    const currency = value({ ...parcel, currency: 'XYZ', shipFrom: 'US', items: [{ category: 'shoes', price: 10, quantity: 1 }] });
    expect(currency.fieldErrors.map((e) => e.field)).toContain('currency');
  });

  test('items[] and an item field beside it, or neither price nor items: refused, naming the field', () => {
    const both = estimateTaxes(deps('2026-03-04'), { ...parcel, shipFrom: 'US', price: 10, items: [{ category: 'shoes', price: 10, quantity: 1 }] });
    expect(both.ok).toBe(false);
    if (!both.ok) expect((both.error.details as { path: string; code: string }[]).map((e) => [e.path, e.code])).toEqual([['body.price', 'not_allowed_with']]);
    const neither = estimateTaxes(deps('2026-03-04'), { ...parcel, shipFrom: 'US', category: 'shoes' });
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect((neither.error.details as { path: string; code: string }[]).map((e) => [e.path, e.code])).toEqual([['body.price', 'required'], ['body.quantity', 'required']]);
  });

  test('one entry in items[] is the same estimate as the flat form, but its errors and assumptions name items[0]', () => {
    const flat = value(shoes);
    const { category, price, quantity, currency, shipFrom, mode } = shoes;
    const listed = value({ currency, shipFrom, mode, items: [{ category: category!, price: price!, quantity: quantity! }] });
    expect(listed.assessment).toEqual(flat.assessment);
    expect(listed.assumptions.map((x) => x.field)).toEqual(flat.assumptions.map((x) => x.field)); // weightKg, originCountry (every item's)
  });
});
