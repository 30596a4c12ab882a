// Worked examples: every expected figure below was computed by hand from the fixture
// reference (test/fixtures/fixture-reference.ts: USD 1,400, EUR 1,500, CNY 200, JPY 10 in the
// week of 2026-03-01; USD 1,500 in the week of 2026-03-08), with the arithmetic written
// next to it. Rounding: lines truncated to the won, tax totals truncated to 10 won.
import { describe, expect, it } from 'vitest';
import { assessBatch, assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { fixtureReference as ref, sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';

const tshirt = (price: number, extra: Record<string, unknown> = {}) => ({ description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price, originCountry: 'VN', ...extra });
const one = (overrides: Record<string, unknown> = {}, history = []) => assessDeclaration(sampleDeclaration(overrides), ref, history);
const ship = (o: Record<string, unknown>) => ({ mode: 'express', shipFrom: 'US', hblNo: 'HBL0001', grossWeightKg: 0.5, ...o });
const codes = (a: Assessment) => a.reasons.map((r) => r.code);

describe('de minimis and routing', () => {
  it('1. T-shirt USD 100 from the US by express: list clearance, exempt; the taxes it would owe are shown', () => {
    const a = one();
    expect(a.status).toBe('assessed');
    expect(a.route).toBe('list');
    expect(a.deMinimis).toEqual({ thresholdUsd: 200, exempt: true });
    expect(a.taxes?.totalKrw).toBe(0);
    // goods 100 × 1,400 = 140,000; ≤ 200,000 → sea parcel US ≤1 kg = 12,000; taxable 152,000
    // duty 152,000 × 13% = 19,760; VAT (152,000 + 19,760) × 10% = 17,176 → 17,170; total 36,930
    expect(a.valuation).toMatchObject({ goodsValueKrw: 140_000, freightKrw: 12_000, taxableValueKrw: 152_000, freightBasis: 'sea-parcel' });
    expect(a.taxesWithoutExemption).toMatchObject({ dutyKrw: 19_760, vatKrw: 17_170, totalKrw: 36_930 });
    expect(codes(a)[0]).toBe('ROUTE_LIST');
  });

  it('1b. T-shirt USD 5: exempt, and its taxes without the exemption would be under KRW 10,000 anyway', () => {
    const a = one({ items: [tshirt(5)] });
    expect(a.route).toBe('list');
    // goods 5 × 1,400 = 7,000 → sea parcel US ≤1 kg = 12,000; taxable 19,000
    // duty 19,000 × 13% = 2,470; VAT (19,000 + 2,470) × 10% = 2,147 → 2,140; total 4,610 < 10,000: not collected
    expect(a.taxesWithoutExemption).toMatchObject({ dutyKrw: 2_470, vatKrw: 2_140, totalKrw: 4_610, collected: false });
    const next = a.reasons.at(-1)!;
    expect(next.code).toBe('NEXT_NONE_LIST_BELOW_MINIMUM');
    expect(next.ko).toContain('세액 4,610원이 10,000원 미만이라 징수되지 않습니다');
    expect(next.en).toContain('its tax, KRW 4,610, would be under KRW 10,000 and not collected');
    expect(next.ref).toContain('관세법 제40조');
  });

  it('1c. the next step of an exempt parcel names what the exemption saves (example 1: KRW 36,930)', () => {
    const next = one().reasons.at(-1)!;
    expect(next.code).toBe('NEXT_NONE_LIST');
    expect(next.ko).toContain('면세가 적용되지 않았다면 세금은 약 36,930원입니다');
    expect(next.en).toContain('it would owe about KRW 36,930');
  });

  it('2. exactly USD 200 from the US by express is still within the limit (≤)', () => {
    const a = one({ items: [tshirt(200)] });
    expect(a.route).toBe('list');
    expect(a.deMinimis.exempt).toBe(true);
  });

  it('3. USD 200.01 from the US by express: general clearance, the whole value taxed', () => {
    const a = one({ items: [tshirt(200.01)] });
    expect(a.route).toBe('general');
    expect(a.deMinimis).toEqual({ thresholdUsd: 200, exempt: false });
    // goods 200.01 × 1,400 = 280,014 > 200,000 → express US ≤1 kg = 18,900; taxable 298,914
    // duty 298,914 × 13% = 38,858.82 → 38,858 → total 38,850
    // VAT (298,914 + 38,858) × 10% = 33,777.2 → 33,777 → 33,770; total 72,620
    expect(a.valuation).toMatchObject({ goodsValueKrw: 280_014, freightKrw: 18_900, freightBasis: 'express', taxableValueKrw: 298_914 });
    expect(a.taxes).toEqual({ dutyKrw: 38_850, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 33_770, totalKrw: 72_620, collected: true });
    expect(codes(a)).toContain('DE_MINIMIS_EXCEEDED');
    expect(codes(a)).toContain('NEXT_PAY');
  });

  it('3b. the reasons show the VAT base and why the totals are a few won under the lines (example 3)', () => {
    const a = one({ items: [tshirt(200.01)] });
    const reason = (code: string) => a.reasons.find((r) => r.code === code)!;
    // VAT base = taxable 298,914 + duty 38,858 = 337,772; × 10% = 33,777.2 → 33,777 (the line, to the won)
    expect(reason('VAT_TOTAL').ko).toContain('337,772원 × 10% = 33,777원');
    expect(reason('VAT_TOTAL').en).toContain('KRW 337,772 × 10% = KRW 33,777');
    // totals to 10 won: duty 38,858 → 38,850, VAT 33,777 → 33,770; 38,850 + 33,770 = 72,620
    const total = reason('TAX_TOTAL');
    expect(total.ko).toContain('세금 합계 72,620원 = 관세 38,850원 (38,858원) + 부가가치세 33,770원 (33,777원)');
    expect(total.en).toContain('KRW 72,620 = duty KRW 38,850 (38,858) + VAT KRW 33,770 (33,777)');
    expect(total.ref).toContain('국고금 관리법 제47조');
    // an exempt parcel owes nothing: no total of taxes it does not pay (its next step names them)
    expect(codes(one())).not.toContain('TAX_TOTAL');
  });

  it('4. USD 150 from China is within the limit; USD 150.01 is over it', () => {
    const cn = { shipment: ship({ shipFrom: 'CN' }) };
    expect(one({ ...cn, items: [tshirt(150)] })).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 150, exempt: true } });
    const a = one({ ...cn, items: [tshirt(150.01)] });
    expect(a.route).toBe('general');
    // goods 150.01 × 1,400 = 210,014 > 200,000 → express CN ≤1 kg 9,000; taxable 219,014
    // duty 219,014 × 13% = 28,471.82 → 28,471 → 28,470; VAT (219,014 + 28,471) × 10% = 24,748.5 → 24,748 → 24,740
    expect(a.taxes).toMatchObject({ dutyKrw: 28_470, vatKrw: 24_740, totalKrw: 53_210 });
  });

  it('5. USD 180 from the US by post: the USD 200 case is for express only, so USD 150 applies', () => {
    const a = one({ shipment: ship({ mode: 'postal' }), items: [tshirt(180)] });
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: false });
    expect(a.route).toBe('general');
  });

  it('6. vitamins USD 50 from the US: excluded from list clearance, general clearance, but exempt (≤ USD 150)', () => {
    const a = one({ items: [{ description: '비타민C Nature Made 500mg', category: 'vitamin', quantity: 2, unit: 'bottle', price: 25 }] });
    expect(a.route).toBe('general');
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: true });
    expect(a.taxes?.totalKrw).toBe(0);
    expect(codes(a)).toContain('GENERAL_EXCLUDED');
    // The category gave HS 2106 (supplements), which the exclusion list names by its heading.
    expect(a.reasons.find((r) => r.code === 'GENERAL_EXCLUDED')!.en).toContain('matched HS 2106)');
    expect(codes(a)).toContain('NEXT_NONE_EXEMPT');
  });

  it('7. excluded goods from the US keep the USD 150 limit: vitamins USD 170 are taxed', () => {
    const a = one({ items: [{ description: '비타민C Nature Made 500mg', category: 'vitamin', quantity: 2, unit: 'bottle', price: 85 }] });
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: false });
    expect(a.route).toBe('general');
  });

  it('8. mixed parcel (chocolate USD 5 + clothing USD 190 from the US): whole parcel general at USD 150, taxed', () => {
    const a = one({
      shipment: ship({ grossWeightKg: 1 }),
      items: [
        { description: '초콜릿 Hershey Kisses', category: 'chocolate', quantity: 1, price: 5 },
        { description: '원피스 Levis 여름 원피스', hsCode: '6109', quantity: 1, price: 190 },
      ],
    });
    expect(a.route).toBe('general');
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: false });
    expect(codes(a)).toContain('GENERAL_MIXED_PARCEL');
    // goods 7,000 + 266,000 = 273,000 > 200,000 → express US ≤1 kg 18,900
    // freight shares: chocolate ⌊18,900 × 7,000 / 273,000⌋ = 484; dress ⌊18,900 × 266,000 / 273,000⌋ = 18,415; remainder 1 → dress 18,416
    // taxable: chocolate 7,484, dress 284,416
    // duty: chocolate 7,484 × 8% = 598.72 → 598; dress 284,416 × 13% = 36,974.08 → 36,974; total 37,572 → 37,570
    // VAT: chocolate (7,484 + 598) × 10% = 808.2 → 808; dress (284,416 + 36,974) × 10% = 32,139; total 32,947 → 32,940
    expect(a.lines.map((l) => [l.taxableValueKrw, l.dutyKrw, l.vatKrw])).toEqual([
      [7_484, 598, 808],
      [284_416, 36_974, 32_139],
    ]);
    expect(a.taxes).toMatchObject({ dutyKrw: 37_570, vatKrw: 32_940, totalKrw: 70_510, collected: true });
  });

  it('8b. freight is shared by declared value even when every line is worth under a won (JPY 10: ¥0.02 and ¥0.05 are KRW 0.2 and 0.5)', () => {
    const a = one({
      order: { orderNo: 'A-1', purchasedAt: '2026-03-01', currency: 'JPY' },
      items: [
        { description: '와인 Chateau Margaux 750ml', category: 'liquor-wine', quantity: 1, unit: 'bottle', volumeMl: 750, price: 0.02, originCountry: 'FR' },
        { description: '티셔츠 Nike Dri-FIT', hsCode: '6109101000', quantity: 1, price: 0.05, originCountry: 'VN' },
      ],
    });
    // goods: each line truncated to the won is 0; freight sea-parcel 12,000 shared 2 : 5 by declared value
    // wine ⌊12,000 × 2 / 7⌋ = 3,428; T-shirt ⌊12,000 × 5 / 7⌋ = 8,571, remainder 1 → T-shirt 8,572
    // (before: with every line at KRW 0 the first line, the wine, took all 12,000 and owed liquor tax 3,600)
    // wine, one bottle ≤ 1 L: duty and VAT exempt; liquor 3,428 × 30% = 1,028.4 → 1,028; education 1,028 × 10% = 102.8 → 102
    expect(a.lines.map((l) => [l.taxableValueKrw, l.liquorKrw, l.educationKrw])).toEqual([
      [3_428, 1_028, 102],
      [8_572, 0, 0],
    ]);
    expect(a.taxes).toMatchObject({ liquorKrw: 1_020, educationKrw: 100, totalKrw: 1_120, collected: false });
  });

  it('9. business purpose: no de minimis, general clearance, taxed from the first won', () => {
    const a = one({ purpose: 'business', items: [tshirt(50)] });
    expect(a.route).toBe('general');
    expect(a.deMinimis).toEqual({ thresholdUsd: null, exempt: false });
    // goods 70,000; sea parcel 12,000; taxable 82,000; duty 10,660; VAT (82,000 + 10,660) × 10% = 9,266 → 9,260
    expect(a.taxes).toMatchObject({ dutyKrw: 10_660, vatKrw: 9_260, totalKrw: 19_920, collected: true });
    // The next step does not suggest staying under a limit that business imports do not have.
    const next = a.reasons.at(-1)!;
    expect(next.code).toBe('NEXT_PAY_BUSINESS');
    expect(next.ko).toBe('다음 할 일: 수입신고가 수리되면 납부고지되는 세금 19,920원을 수리일부터 15일 이내에 납부하세요. 사업용(판매용) 수입은 금액과 관계없이 과세됩니다.');
    expect(next.en).not.toMatch(/USD/);
  });

  it('10. tax under KRW 10,000 is not collected', () => {
    const a = one({ purpose: 'business', items: [tshirt(20)] });
    // goods 28,000; freight 12,000; taxable 40,000; duty 5,200; VAT 4,520; total 9,720 < 10,000
    expect(a.taxes).toMatchObject({ dutyKrw: 5_200, vatKrw: 4_520, totalKrw: 9_720, collected: false });
    expect(codes(a)).toContain('MINIMUM_COLLECTION');
    expect(codes(a)).toContain('NEXT_NONE_NOT_COLLECTED');
  });

  it('11. a total of KRW 10,000 or more is collected', () => {
    // business, CNY from China, 0.5 kg: goods G, sea parcel 5,000. Clothing 13%, VAT 10%:
    // choose goods CNY 300 → 60,000; taxable 65,000; duty 8,450; VAT (65,000 + 8,450) × 10% = 7,345 → 7,340; total 15,790
    const a = one({ purpose: 'business', shipment: ship({ shipFrom: 'CN' }), order: { currency: 'CNY', purchasedAt: '2026-03-01' }, items: [tshirt(300)] });
    expect(a.taxes).toMatchObject({ dutyKrw: 8_450, vatKrw: 7_340, totalKrw: 15_790, collected: true });
  });

  it('12. cargo mode is never list clearance, but the de minimis still applies', () => {
    const a = one({ shipment: ship({ mode: 'cargo' }), items: [tshirt(100)] });
    expect(a.route).toBe('general');
    expect(a.deMinimis).toEqual({ thresholdUsd: 150, exempt: true });
    expect(codes(a)).toContain('GENERAL_MODE');
  });

  it('13. prohibited goods (CBD) are held with the reason, and still show the taxes they would owe', () => {
    const a = one({ items: [{ description: 'CBD oil 1000mg Charlotte', hsCode: '3304', quantity: 1, price: 300 }] });
    expect(a.route).toBe('hold');
    expect(a.reasons.find((r) => r.code === 'HOLD_PROHIBITED')?.ref).toContain('마약류');
    // goods 300 × 1,400 = 420,000 → express US 18,900; taxable 438,900; duty 6.5% = 28,528.5 → 28,528 → 28,520
    // VAT (438,900 + 28,528) × 10% = 46,742.8 → 46,742 → 46,740; total 75,260
    expect(a.taxes).toMatchObject({ dutyKrw: 28_520, vatKrw: 46_740, totalKrw: 75_260 });
  });

  it('14. supplements: 6 bottles pass (general, exempt), 7 bottles are held for an import approval', () => {
    const item = (quantity: number) => ({ description: '오메가3 Kirkland Signature', category: 'supplement', quantity, unit: 'bottle', price: 10 });
    const six = one({ items: [item(6)] });
    expect(six.route).toBe('general');
    const seven = one({ items: [item(7)] });
    expect(seven.route).toBe('hold');
    expect(codes(seven)).toContain('HOLD_QUANTITY');
    expect(codes(seven)).toContain('NEXT_HOLD_QUANTITY');
  });

  it('15. self-use limits add up over the items of a parcel: 4 + 3 bottles of supplements are held', () => {
    const a = one({
      items: [
        { description: '오메가3 Kirkland Signature', category: 'supplement', quantity: 4, unit: 'bottle', price: 10 },
        { description: '유산균 Culturelle Probiotic', category: 'supplement', quantity: 3, unit: 'bottle', price: 10 },
      ],
    });
    expect(a.route).toBe('hold');
  });

  it('16. perfume over 60 ml loses the exemption and is taxed even under USD 150', () => {
    const a = one({
      shipment: ship({ shipFrom: 'FR', grossWeightKg: 0.4 }),
      order: { currency: 'EUR', purchasedAt: '2026-03-01' },
      items: [{ description: '향수 Chanel No.5 EDP', category: 'perfume', quantity: 1, unit: 'bottle', volumeMl: 100, price: 80 }],
    });
    // EUR 80 × 1,500 = 120,000 = USD 85.71; sea parcel EU ≤1 kg 14,000; taxable 134,000
    // duty 134,000 × 6.5% = 8,710; VAT (134,000 + 8,710) × 10% = 14,271 → 14,270; total 22,980
    expect(a.route).toBe('general');
    expect(a.deMinimis.exempt).toBe(false);
    expect(a.goodsValueUsd).toBe(85.71);
    expect(a.taxes).toMatchObject({ dutyKrw: 8_710, vatKrw: 14_270, totalKrw: 22_980 });
    expect(codes(a)).toContain('QUANTITY_EXEMPTION_LOST');
    const lost = a.reasons.find((r) => r.code === 'QUANTITY_EXEMPTION_LOST')!;
    expect(lost.ko).toMatch(/^자가사용 면세 기준\(.+\)을 넘어\(100ml > 60ml\) 금액과 관계없이 과세됩니다\.$/);
    expect(lost.en).toMatch(/^Over the self-use exemption \(.+; here 100 ml > 60 ml\), so it is taxed whatever its value\.$/);
    // USD 85.71 is within the limit already: the next step explains the quantity, not the value.
    const next = a.reasons.at(-1)!;
    expect(next.code).toBe('NEXT_PAY_QUANTITY');
    expect(next.en).toBe('Next: pay KRW 22,980 within 15 days of acceptance of the import declaration, as the tax notice then says. Quantities over the self-use exemption are taxed even within the value limit.');
  });

  it('17. perfume of 50 ml stays in list clearance', () => {
    const a = one({ items: [{ description: '향수 Jo Malone 50ml', category: 'perfume', quantity: 1, unit: 'bottle', volumeMl: 50, price: 80 }] });
    expect(a.route).toBe('list');
  });

  it('18. one bottle of whisky (700 ml, USD 100): duty and VAT exempt, liquor and education taxes due', () => {
    const a = one({ shipment: ship({ grossWeightKg: 1.5 }), items: [{ description: '위스키 Jack Daniels Old No.7', category: 'liquor-whisky', quantity: 1, unit: 'bottle', volumeMl: 700, price: 100 }] });
    expect(a.route).toBe('general');
    expect(a.deMinimis.exempt).toBe(true);
    // goods 140,000; sea parcel US ≤2 kg 18,500; taxable 158,500; duty 0 (exempt)
    // liquor 158,500 × 72% = 114,120; education 114,120 × 30% = 34,236 → 34,230; VAT 0; total 148,350
    expect(a.taxes).toEqual({ dutyKrw: 0, exciseKrw: 0, educationKrw: 34_230, liquorKrw: 114_120, vatKrw: 0, totalKrw: 148_350, collected: true });
    expect(codes(a)).toContain('LIQUOR_TAXES_STILL_DUE');
    // The liquor line states the tax owed (on the taxable value, duty being exempt), not 72% of taxable value + duty.
    expect(a.reasons.find((r) => r.code === 'LIQUOR_LINE')!.ko).toContain('주세 = (과세가격+관세 158,500원) × 72% = 114,120원, 교육세 = 주세 × 30% = 34,236원');
    expect(a.reasons.at(-1)).toMatchObject({ code: 'NEXT_PAY_LIQUOR' });
    expect(a.reasons.at(-1)!.ko).toContain('주세·교육세 148,350원을 수리일부터 15일 이내에 납부하세요');
  });

  it('19. two bottles of whisky lose the exemption: duty, liquor, education and VAT', () => {
    const a = one({ shipment: ship({ grossWeightKg: 2 }), items: [{ description: '위스키 Jack Daniels Old No.7', category: 'liquor-whisky', quantity: 2, unit: 'bottle', volumeMl: 700, price: 60 }] });
    // goods 120 × 1,400 = 168,000; sea parcel ≤2 kg 18,500; taxable 186,500; duty 20% = 37,300
    // liquor (186,500 + 37,300) × 72% = 161,136 → 161,130; education 161,136 × 30% = 48,340.8 → 48,340
    // VAT (186,500 + 37,300 + 161,136 + 48,340) × 10% = 43,327.6 → 43,327 → 43,320; total 290,090
    expect(a.deMinimis.exempt).toBe(false);
    expect(a.taxes).toEqual({ dutyKrw: 37_300, exciseKrw: 0, educationKrw: 48_340, liquorKrw: 161_130, vatKrw: 43_320, totalKrw: 290_090, collected: true });
    expect(a.reasons.at(-1)).toMatchObject({ code: 'NEXT_PAY_QUANTITY' }); // USD 120 is within the limit: the second bottle is why
  });

  it('20. beer is taxed per litre (specific liquor tax)', () => {
    const a = one({ purpose: 'business', shipment: ship({ grossWeightKg: 3 }), items: [{ description: '맥주 Guinness Draught 캔', category: 'liquor-beer', quantity: 4, unit: 'bottle', volumeMl: 500, price: 5 }] });
    // goods 20 × 1,400 = 28,000; sea parcel US ≤5 kg 30,000; taxable 58,000; duty 30% = 17,400
    // liquor 2,000 ml × 885.7 / 1,000 = 1,771.4 → 1,771 → 1,770; education 1,771 × 30% = 531.3 → 531 → 530
    // VAT (58,000 + 17,400 + 1,771 + 531) × 10% = 7,770.2 → 7,770; total 17,400 + 1,770 + 530 + 7,770 = 27,470
    expect(a.taxes).toMatchObject({ dutyKrw: 17_400, liquorKrw: 1_770, educationKrw: 530, vatKrw: 7_770, totalKrw: 27_470 });
    const line = a.reasons.find((r) => r.code === 'LIQUOR_LINE')!;
    expect(line.ko).toContain('주세 = 2L × 1L당 885.7원 = 1,771원, 교육세 = 주세 × 30% = 531원');
    expect(line.en).toContain('liquor tax = 2 L × KRW 885.7 per litre = KRW 1,771; education tax = liquor tax × 30% = KRW 531');
  });

  it('20b. beer without its volume is held: a per-litre tax cannot be computed, and the tax shown says what it leaves out', () => {
    const a = one({ purpose: 'business', shipment: ship({ grossWeightKg: 3 }), items: [{ description: '맥주 Guinness Draught 캔', category: 'liquor-beer', quantity: 4, unit: 'bottle', price: 5 }] });
    // As 20 without volumeMl: taxable 58,000; duty 30% = 17,400; liquor 0 ml × 885.7 = 0, education 0
    // VAT (58,000 + 17,400) × 10% = 7,540; total 17,400 + 7,540 = 24,940 (the 1,770 + 530 of liquor taxes left out)
    expect(a.route).toBe('hold');
    expect(a.taxes).toMatchObject({ dutyKrw: 17_400, liquorKrw: 0, educationKrw: 0, vatKrw: 7_540, totalKrw: 24_940 });
    const held = a.reasons.find((r) => r.code === 'HOLD_LIQUOR_VOLUME')!;
    expect(held.ko).toContain('1번 물품(맥주)은 용량(리터)에 따라 주세를 매기는데');
    expect(held.ref).toContain('주세법');
    expect(a.reasons.at(-1)).toMatchObject({ code: 'NEXT_HOLD_LIQUOR_VOLUME' });
    expect(a.reasons.at(-1)!.ko).toBe('다음 할 일: 신고한 업체(판매자·배송대행지 또는 특송업체)가 1번 물품 한 단위(병·캔)의 용량(ml, volumeMl)을 적어 신고를 정정해야 통관이 이어집니다. 수하인은 그 업체에 용량을 알려 주세요. 지금 표시된 세액 24,940원에는 그 물품의 주세·교육세가 빠져 있습니다.');
    // Wine is taxed on its value: no volume needed, not held.
    const wine = one({ shipment: ship({ grossWeightKg: 2 }), items: [{ description: '와인 Penfolds Bin 389', category: 'liquor-wine', quantity: 1, unit: 'bottle', price: 60 }] });
    expect(wine.route).not.toBe('hold');
    expect(codes(wine)).not.toContain('HOLD_LIQUOR_VOLUME');
  });
});

describe('excise and high-value goods', () => {
  const bag = (price: number) => ({ description: '가방 Louis Vuitton Neverfull MM', category: 'bag', quantity: 1, price, originCountry: 'FR' });
  const fromFr = { shipment: ship({ shipFrom: 'FR', grossWeightKg: 1.5 }), order: { currency: 'EUR', purchasedAt: '2026-03-01' } };

  it('21. bag EUR 2,000: excise 20% on the part over KRW 2,000,000, education 30% of it', () => {
    const a = one({ ...fromFr, items: [bag(2000)] });
    // goods 3,000,000; express EU ≤2 kg 32,000; taxable 3,032,000; duty 8% = 242,560
    // excise (3,032,000 + 242,560 − 2,000,000) × 20% = 254,912 → 254,910; education 254,912 × 30% = 76,473.6 → 76,473 → 76,470
    // VAT (3,032,000 + 242,560 + 254,912 + 76,473) × 10% = 360,594.5 → 360,594 → 360,590
    expect(a.taxes).toEqual({ dutyKrw: 242_560, exciseKrw: 254_910, educationKrw: 76_470, liquorKrw: 0, vatKrw: 360_590, totalKrw: 934_530, collected: true });
    expect(codes(a)).toContain('EXCISE_LINE');
  });

  it('22. bag under the excise threshold pays no excise', () => {
    const a = one({ ...fromFr, items: [bag(1000)] });
    // goods 1,500,000; express 32,000; taxable 1,532,000; duty 122,560; 1,654,560 < 2,000,000 → no excise
    expect(a.taxes).toMatchObject({ dutyKrw: 122_560, exciseKrw: 0, educationKrw: 0 });
  });

  it('23. watch USD 2,000: excise at KRW 2,000,000', () => {
    const a = one({ items: [{ description: '시계 Omega Seamaster 300', category: 'watch', quantity: 1, price: 2000 }] });
    // goods 2,800,000; express US ≤1 kg 18,900; taxable 2,818,900; duty 8% = 225,512 → 225,510
    // excise (2,818,900 + 225,512 − 2,000,000) × 20% = 208,882.4 → 208,882 → 208,880; education 62,664.6 → 62,664 → 62,660
    // VAT (2,818,900 + 225,512 + 208,882 + 62,664) × 10% = 331,595.8 → 331,595 → 331,590; total 828,640
    expect(a.taxes).toEqual({ dutyKrw: 225_510, exciseKrw: 208_880, educationKrw: 62_660, liquorKrw: 0, vatKrw: 331_590, totalKrw: 828_640, collected: true });
  });

  it('24. jewellery USD 2,000 is under its KRW 5,000,000 threshold: no excise', () => {
    const a = one({ items: [{ description: '목걸이 Tiffany 골드 펜던트', category: 'jewellery', quantity: 1, price: 2000 }] });
    // taxable 2,818,900; duty 225,512 → 225,510; VAT (2,818,900 + 225,512) × 10% = 304,441.2 → 304,440; total 529,950
    expect(a.taxes).toMatchObject({ dutyKrw: 225_510, exciseKrw: 0, vatKrw: 304_440, totalKrw: 529_950 });
  });

  it('25. excise is per unit: two watches of USD 1,000 each are each under the threshold', () => {
    const a = one({ items: [{ description: '시계 Seiko Presage 자동', category: 'watch', quantity: 2, price: 1000 }] });
    // taxable 2,818,900 + duty 225,512 = 3,044,412 for 2 units → 1,522,206 per unit < 2,000,000 → no excise
    expect(a.taxes?.exciseKrw).toBe(0);
  });
});

describe('FTA', () => {
  const bagEu = { description: '가방 Longchamp Le Pliage', category: 'bag', quantity: 1, price: 2000, originCountry: 'FR' };
  const fromFr = { shipment: ship({ shipFrom: 'FR', grossWeightKg: 1.5 }), order: { currency: 'EUR', purchasedAt: '2026-03-01' } };

  it('26. Korea–EU: origin FR, shipped from FR, EUR 2,000 with an origin declaration → 0% duty', () => {
    const a = one({ ...fromFr, items: [bagEu], fta: { agreement: 'KOREU', proof: 'origin-declaration' } });
    // taxable 3,032,000; duty 0; excise (3,032,000 − 2,000,000) × 20% = 206,400; education 61,920
    // VAT (3,032,000 + 206,400 + 61,920) × 10% = 330,032 → 330,030; total 598,350
    expect(a.lines[0]).toMatchObject({ rateType: 'fta', dutyRate: 0, dutyKrw: 0 });
    expect(a.taxes).toMatchObject({ dutyKrw: 0, exciseKrw: 206_400, educationKrw: 61_920, vatKrw: 330_030, totalKrw: 598_350 });
    expect(codes(a)).toContain('FTA_APPLIED');
  });

  it('27. Korea–EU goods sent via a US forwarder lose the preference (direct transport)', () => {
    const a = one({ ...fromFr, shipment: ship({ shipFrom: 'US', grossWeightKg: 1.5 }), items: [bagEu], fta: { agreement: 'KOREU', proof: 'origin-declaration' } });
    expect(a.lines[0]?.rateType).toBe('basic');
    expect(codes(a)).toContain('FTA_NOT_APPLIED_TRANSPORT');
  });

  it('28. Korea–EU above EUR 6,000 needs an approved exporter', () => {
    const big = { ...bagEu, price: 7000 };
    const declared = one({ ...fromFr, items: [big], fta: { agreement: 'KOREU', proof: 'origin-declaration' } });
    expect(declared.lines[0]?.rateType).toBe('basic');
    expect(codes(declared)).toContain('FTA_NOT_APPLIED_PROOF');
    const approved = one({ ...fromFr, items: [big], fta: { agreement: 'KOREU', proof: 'approved-exporter', approvedExporterNo: 'FR/123/456' } });
    expect(approved.lines[0]?.rateType).toBe('fta');
  });

  it('29. KORUS: US-made T-shirts, CIF USD 313.50 ≤ 1,000 with marking + receipt → 0% duty', () => {
    const a = one({ items: [tshirt(300, { originCountry: 'US' })], fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
    // goods 420,000; express US 18,900; taxable 438,900 = USD 313.50; duty 0; VAT 43,890
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 43_890, totalKrw: 43_890 });
  });

  it('30. KORUS: CIF over USD 1,000 needs a certificate', () => {
    const a = one({ items: [tshirt(1000, { originCountry: 'US' })], fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
    // goods 1,400,000 + 18,900 = 1,418,900 = USD 1,013.50 > 1,000 → basic 13%: duty 184,457 → 184,450
    // VAT (1,418,900 + 184,457) × 10% = 160,335.7 → 160,335 → 160,330; total 344,780
    expect(codes(a)).toContain('FTA_NOT_APPLIED_PROOF');
    const why = a.reasons.find((r) => r.code === 'FTA_NOT_APPLIED_PROOF')!;
    expect(why.ko).toContain('원산지 표시와 구매 영수증 방식으로 원산지를 증명할 수 있는 금액은 USD 1,000 이하인데, 이 물품은 USD 1,013.50입니다');
    expect(why.en).toContain('with origin marking and purchase receipt as proof, origin can be shown only up to USD 1,000, and these goods are USD 1,013.50');
    expect(a.taxes).toMatchObject({ dutyKrw: 184_450, vatKrw: 160_330, totalKrw: 344_780 });
    const cert = one({ items: [tshirt(1000, { originCountry: 'US' })], fta: { agreement: 'KORUS', proof: 'certificate' } });
    expect(cert.taxes?.dutyKrw).toBe(0);
  });

  it('31. KORUS claimed for goods made in China: no preference for that line', () => {
    const a = one({ items: [tshirt(300, { originCountry: 'CN' })], fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
    expect(a.lines[0]?.rateType).toBe('basic');
    expect(codes(a)).toContain('FTA_NOT_APPLIED_ORIGIN');
  });

  it('31a. KORUS claimed for a line whose KORUS rate the data lacks: the basic rate, said to be a rate not known here (not "no lower rate")', () => {
    // The fixture's category toy is HS 9503: a basic rate of 8% and no FTA rates.
    const toy = { description: '완구 LEGO Technic 42115', category: 'toy', quantity: 1, price: 250, originCountry: 'US' };
    const a = one({ items: [toy], fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
    // goods 250 × 1,400 = 350,000 > 200,000 → express US 18,900; taxable 368,900 = USD 263.50 (≤ 1,000: the proof holds)
    // duty 368,900 × 8% = 29,512; VAT (368,900 + 29,512) × 10% = 39,841.2 → 39,841
    // totals to 10 won: duty 29,510 + VAT 39,840 = 69,350
    expect(a.lines[0]).toMatchObject({ rateType: 'basic', dutyRate: 0.08, dutyKrw: 29_512 });
    expect(a.taxes).toMatchObject({ dutyKrw: 29_510, vatKrw: 39_840, totalKrw: 69_350 });
    expect(codes(a)).not.toContain('FTA_NO_BENEFIT');
    const why = a.reasons.find((r) => r.code === 'FTA_RATE_UNKNOWN')!;
    expect(why.en).toBe(
      "Item 1: Tonggwan's tariff data has no KORUS rate for HS 9503, so the basic rate 8% is used here. The agreement's rate may be lower: with the proof of origin, the claim for the agreement rate is decided by customs on the declaration; check the rate in UNI-PASS (tariff rates) or with a customs broker.",
    );
    expect(why.ko).toContain('HS 9503의 KORUS 협정세율이 없어 기본세율 8%로 계산했습니다');
    expect(why.ref).toBe('FTA 관세특례법 제5조 (협정관세)·제8조 (협정관세의 적용신청)');
    // A line at 0% has nothing to gain: still "no lower rate" (books, 4901, basic 0).
    const book = one({ items: [{ description: '도서 Atomic Habits hardcover', category: 'book', quantity: 1, price: 250, originCountry: 'US' }], fta: { agreement: 'KORUS', proof: 'marking-receipt' } });
    expect([codes(book).includes('FTA_NO_BENEFIT'), codes(book).includes('FTA_RATE_UNKNOWN')]).toEqual([true, false]);
  });

  it('32. Korea–UK: UK goods through the EU counted as direct until 2023-12-31 only (rule history)', () => {
    // needs a week in the fixture for 2022: declared 2022-11-16, GBP 1,800, EUR 1,500
    const uk = (declaredAt: string) =>
      one({ declaredAt, shipment: ship({ shipFrom: 'NL', grossWeightKg: 1 }), order: { currency: 'GBP', purchasedAt: '2022-11-01' }, items: [{ ...bagEu, price: 1000, originCountry: 'GB' }], fta: { agreement: 'KORUK', proof: 'origin-declaration' } });
    expect(uk('2022-11-16').lines[0]?.rateType).toBe('fta');
    expect(codes(uk('2026-03-04'))).toContain('FTA_NOT_APPLIED_TRANSPORT');
  });
});

describe('valuation', () => {
  it('33. goods value = price × qty + local tax + local shipping − discount + other costs; international freight is not in it', () => {
    const a = one({ items: [tshirt(50, { quantity: 2, localTax: 8.5, localShipping: 10, discount: 5, otherCosts: 1.5 })] });
    // 100 + 8.5 + 10 − 5 + 1.5 = 115.00
    expect(a.goodsValueUsd).toBe(115);
    expect(a.valuation?.goodsValueKrw).toBe(161_000);
  });

  it('34. a gift or sample is declared at its price with an equal discount: it adds nothing', () => {
    const a = one({ items: [tshirt(100), { description: '샘플 립밤 Laneige Lip Sleeping Mask', hsCode: '3304', quantity: 1, price: 30, gift: true }] });
    expect(a.goodsValueUsd).toBe(100);
  });

  it('35. the weekly customs rate runs Sunday to Saturday, chosen by declaredAt', () => {
    // Saturday 2026-03-07 → week of 2026-03-01 (1,400); Sunday 2026-03-08 → week of 2026-03-08 (1,500)
    expect(one({ declaredAt: '2026-03-07' }).valuation).toMatchObject({ rateWeekStart: '2026-03-01', exchangeRate: 1400, goodsValueKrw: 140_000 });
    expect(one({ declaredAt: '2026-03-08' }).valuation).toMatchObject({ rateWeekStart: '2026-03-08', exchangeRate: 1500, goodsValueKrw: 150_000 });
  });

  it('36. other currencies go to USD through KRW at the week’s customs rates', () => {
    const jp = one({ shipment: ship({ shipFrom: 'JP' }), order: { currency: 'JPY', purchasedAt: '2026-03-01' }, items: [tshirt(15000)] });
    // JPY 15,000 × 10 = 150,000 KRW; / 1,400 = USD 107.142… → 107.14
    expect(jp.goodsValueUsd).toBe(107.14);
    expect(jp.route).toBe('list');
  });

  it('37. deemed freight switches from sea-parcel to express rates above KRW 200,000 of goods', () => {
    const at = (price: number) => one({ purpose: 'business', shipment: ship({ shipFrom: 'CN' }), order: { currency: 'CNY', purchasedAt: '2026-03-01' }, items: [tshirt(price)] }).valuation;
    // CNY 1,000 × 200 = 200,000 → sea parcel CN 5,000; CNY 1,000.01 × 200 = 200,002 → express CN 9,000
    expect(at(1000)).toMatchObject({ goodsValueKrw: 200_000, freightKrw: 5_000, freightBasis: 'sea-parcel' });
    expect(at(1000.01)).toMatchObject({ goodsValueKrw: 200_002, freightKrw: 9_000, freightBasis: 'express' });
  });

  it('38. deemed freight is by actual weight; above the table, the per-kg supplement is added', () => {
    // US sea parcel: ≤5 kg 30,000; 7.2 kg → 30,000 + ⌈2.2⌉ × 5,000 = 45,000
    expect(one({ shipment: ship({ grossWeightKg: 7.2 }) }).valuation?.freightKrw).toBe(45_000);
    expect(one({ shipment: ship({ grossWeightKg: 1.01 }) }).valuation?.freightKrw).toBe(18_500);
  });

  it('39. a category declared without an HS code is classified through the category → HS table', () => {
    const a = one({ purpose: 'business', items: [{ description: '운동화 Nike Pegasus 41', category: 'shoes', quantity: 1, price: 50 }] });
    expect(a.lines[0]).toMatchObject({ hsCode: '6403', hsSource: 'category', dutyRate: 0.13 });
    expect(codes(a)).toContain('HS_FROM_CATEGORY');
  });

  it('40. HS fallback: a 10-digit code not in the table is rated under its 4-digit heading; a 2-digit chapter default is flagged', () => {
    const a = one({ purpose: 'business', items: [tshirt(50, { hsCode: '6109902000' })] });
    expect(a.lines[0]).toMatchObject({ hsCode: '6109', dutyRate: 0.13, rateType: 'basic' });
    const ch = one({ purpose: 'business', items: [{ description: '요가매트 Manduka PRO', hsCode: '9506', quantity: 1, price: 50 }] });
    expect(ch.lines[0]).toMatchObject({ hsCode: '95', rateType: 'default', dutyRate: 0.08 });
    expect(codes(ch)).toContain('TARIFF_CHAPTER_DEFAULT');
  });

  it('41. books are duty-free and VAT-exempt', () => {
    const a = one({ items: [{ description: '도서 Atomic Habits 하드커버', category: 'book', quantity: 3, price: 90 }] });
    // USD 270 > 200 → general; duty 0%; VAT exempt → total 0
    expect(a.route).toBe('general');
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 0, totalKrw: 0 });
    expect(codes(a)).toContain('VAT_EXEMPT_BOOKS');
  });

  it('42. laptop USD 1,000: 0% duty (ITA), VAT on the CIF value', () => {
    const a = one({ shipment: ship({ grossWeightKg: 2 }), items: [{ description: '노트북 Apple MacBook Air 13', category: 'laptop', quantity: 1, price: 1000 }] });
    // goods 1,400,000; express US ≤2 kg 29,050; taxable 1,429,050; VAT 142,905 → 142,900
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 142_900, totalKrw: 142_900 });
  });
});

describe('combined taxation (합산과세)', () => {
  const cn = (ref: string, price: number, o: Record<string, unknown> = {}) =>
    sampleDeclaration({ ref, shipment: ship({ shipFrom: 'CN', hblNo: `H-${ref}` }), items: [tshirt(price)], ...o });

  it('43. one B/L split into two declarations: combined USD 180 > 150, both lose the exemption and name each other', () => {
    const [a, b] = assessBatch([cn('a', 100, { shipment: ship({ shipFrom: 'CN', hblNo: 'SAME-BL' }) }), cn('b', 80, { shipment: ship({ shipFrom: 'CN', hblNo: 'SAME-BL' }), parties: {} })], ref);
    expect(a).toMatchObject({ route: 'general', combinedWith: ['b'], deMinimis: { exempt: false } });
    expect(b).toMatchObject({ route: 'general', combinedWith: ['a'], deMinimis: { exempt: false } });
    // a: goods 140,000; sea parcel CN 5,000; taxable 145,000; duty 18,850; VAT 16,385 → 16,380; total 35,230
    // b: goods 112,000; taxable 117,000; duty 15,210; VAT (117,000 + 15,210) × 10% = 13,221 → 13,220; total 28,430
    expect(a!.taxes?.totalKrw).toBe(35_230);
    expect(b!.taxes?.totalKrw).toBe(28_430);
    expect(a!.reasons.find((r) => r.code === 'NEXT_PAY_OR_DISPUTE_COMBINATION')?.en).toContain('b');
  });

  it('44. same consignee, same seller, same purchase date, split into parcels: combined', () => {
    const [a, b] = assessBatch([cn('a', 90), cn('b', 70)], ref);
    expect(a!.combinedWith).toEqual(['b']);
    expect(a!.route).toBe('general');
    expect(b!.route).toBe('general');
  });

  it('45. same seller on different purchase dates: not combined', () => {
    const [a, b] = assessBatch([cn('a', 90), cn('b', 70, { order: { currency: 'USD', purchasedAt: '2026-03-02' } })], ref);
    expect(a!.combinedWith).toEqual([]);
    expect([a!.route, b!.route]).toEqual(['list', 'list']);
  });

  it('46. combined but within the limit: listed, still exempt', () => {
    const [a] = assessBatch([cn('a', 60), cn('b', 50)], ref);
    expect(a).toMatchObject({ route: 'list', combinedWith: ['b'], deMinimis: { exempt: true } });
    expect(codes(a!)).toContain('COMBINED_WITHIN_DE_MINIMIS');
  });

  it('47. combination looks at the stored history too, not only the batch', () => {
    const history = [{ ref: 'old-1', declaredAt: '2026-03-03', consigneeKey: 'P123456789012', sellerCodeKey: null, sellerNameKey: 'nikestore', purchasedAt: '2026-03-01', hblNo: 'H-OLD', arrivalDate: null, goodsValueUsd: 100, personal: true, thresholdUsd: 150 }];
    const a = assessDeclaration(cn('new', 60), ref, history);
    expect(a).toMatchObject({ route: 'general', combinedWith: ['old-1'] });
  });

  it('47b. a B/L is its number and its year (UNI-PASS hblNo + blYy): a reused house B/L number of another year is another B/L', () => {
    // On record: USD 100 under house B/L REUSED-7, from another seller and purchase date, so only the B/L could join them.
    const stored = (declaredAt: string, arrivalDate: string | null) => [
      { ref: 'old-bl', declaredAt, consigneeKey: 'P999999999999', sellerCodeKey: null, sellerNameKey: 'othershop', purchasedAt: '2025-02-20', hblNo: 'REUSED7', arrivalDate, goodsValueUsd: 100, personal: true, thresholdUsd: 150 },
    ];
    const parcel = cn('new', 60, { shipment: ship({ shipFrom: 'CN', hblNo: 'REUSED-7' }) }); // declared in 2026, no arrival date: B/L year 2026
    // 2025's B/L REUSED-7 (declared 2025-03-03, no arrival date): not this parcel's B/L; USD 60 alone ≤ 150 → list
    expect(assessDeclaration(parcel, ref, stored('2025-03-03', null))).toMatchObject({ route: 'list', combinedWith: [] });
    // the same number arriving in 2026 (declared 2025-12-31, arrived 2026-01-02): the same B/L year → one B/L, 100 + 60 = 160 > 150 → general
    expect(assessDeclaration(parcel, ref, stored('2025-12-31', '2026-01-02'))).toMatchObject({ route: 'general', combinedWith: ['old-bl'] });
  });

  it('48. same arrival date combined only for declarations before 2022-11-17 (rule history)', () => {
    const arriving = (refName: string, declaredAt: string, seller: string) =>
      sampleDeclaration({ ref: refName, declaredAt, shipment: ship({ shipFrom: 'CN', hblNo: `H-${refName}`, arrivalDate: '2022-11-15' }), parties: { seller: { name: seller } }, order: { currency: 'USD', purchasedAt: refName === 'x' ? '2022-11-01' : '2022-11-02' }, items: [tshirt(100)] });
    const before = assessBatch([arriving('x', '2022-11-16', 'Shop A'), arriving('y', '2022-11-16', 'Shop B')], ref);
    expect(before[0]).toMatchObject({ combinedWith: ['y'], route: 'general' });
    const after = assessBatch([arriving('x', '2022-11-17', 'Shop A'), arriving('y', '2022-11-17', 'Shop B')], ref);
    expect(after[0]).toMatchObject({ combinedWith: [], route: 'list' });
  });

  it('49. US express parcels combine against USD 200: 120 + 90 = 210 > 200', () => {
    const us = (r: string, price: number) => sampleDeclaration({ ref: r, shipment: ship({ hblNo: `H-${r}` }), items: [tshirt(price)] });
    const [a] = assessBatch([us('a', 120), us('b', 90)], ref);
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 200, exempt: false } });
  });

  it('49b. one supplier declared with its code and name by a marketplace and by its name alone by a forwarder: the names join them (issue 5)', () => {
    // Same PCCC, same purchase date (2026-03-01), separate B/Ls. Keys: a gives code 'c123' and name 'nikestore',
    // b the name 'nikestore' alone: the one key each stored before ('c123' against 'nikestore') never met.
    const [a, b] = assessBatch(
      [
        cn('mkt-1', 90, { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { code: 'C-123', name: 'Nike Store' } } }),
        cn('fwd-1', 90, { parties: { forwarder: { name: '몰테일' }, seller: { name: 'NIKE store' } } }),
      ],
      ref,
    );
    // combined 90 + 90 = USD 180 > 150 (from CN): both lose the de minimis; each names the other
    expect(a).toMatchObject({ route: 'general', combinedWith: ['fwd-1'], deMinimis: { thresholdUsd: 150, exempt: false } });
    expect(b).toMatchObject({ route: 'general', combinedWith: ['mkt-1'], deMinimis: { thresholdUsd: 150, exempt: false } });
    // each: goods 90 × 1,400 = 126,000; sea parcel CN ≤1 kg 5,000; taxable 131,000; duty 13 % = 17,030;
    // VAT (131,000 + 17,030) × 10 % = 14,803 → 14,800; total 31,830
    expect(a!.taxes).toMatchObject({ dutyKrw: 17_030, vatKrw: 14_800, totalKrw: 31_830, collected: true });
    expect(b!.taxes?.totalKrw).toBe(31_830);
    for (const [x, other] of [[a!, 'fwd-1'], [b!, 'mkt-1']] as const) {
      const combined = x.reasons.find((r) => r.code === 'COMBINED_OVER_DE_MINIMIS')!;
      expect(combined.ko).toContain(other);
      expect(combined.ko).toContain('같은 공급자·같은 구매일');
      expect(combined.en).toContain(`together with ${other} (same supplier, same purchase date) the goods value is USD 180.00, over the USD 150 limit, so no exemption applies.`);
      expect(x.reasons.find((r) => r.code === 'NEXT_PAY_OR_DISPUTE_COMBINATION')?.en).toContain(other);
    }
  });

  it('49c. different seller codes and different names: not the same supplier, not combined', () => {
    const [a, b] = assessBatch(
      [
        cn('mkt-1', 90, { parties: { seller: { code: 'C-123', name: 'Nike Store' } } }),
        cn('mkt-2', 90, { parties: { seller: { code: 'C-456', name: 'Adidas Store' } } }),
      ],
      ref,
    );
    expect([a!.combinedWith, b!.combinedWith]).toEqual([[], []]);
    expect([a!.route, b!.route]).toEqual(['list', 'list']);
    expect([a!.deMinimis.exempt, b!.deMinimis.exempt]).toEqual([true, true]);
  });

  it('49d. the same seller code under another name joins too; a stored declaration joins by either key', () => {
    const renamed = assessBatch(
      [cn('a', 90, { parties: { seller: { code: 'C-123', name: 'Nike Store' } } }), cn('b', 90, { parties: { seller: { code: 'c123', name: 'Nike Official' } } })],
      ref,
    );
    expect(renamed.map((x) => x.combinedWith)).toEqual([['b'], ['a']]);
    // On record: the forwarder's parcel, by name only (as the stored history gives it: both keys).
    const history = [{ ref: 'old-fwd', declaredAt: '2026-03-03', consigneeKey: 'P123456789012', sellerCodeKey: null, sellerNameKey: 'nikestore', purchasedAt: '2026-03-01', hblNo: 'H-OLD', arrivalDate: null, goodsValueUsd: 90, personal: true, thresholdUsd: 150 }];
    const a = assessDeclaration(cn('new-mkt', 90, { parties: { seller: { code: 'C-123', name: 'Nike Store' } } }), ref, history);
    expect(a).toMatchObject({ route: 'general', combinedWith: ['old-fwd'], deMinimis: { exempt: false } });
  });

  it('50. business declarations are not combined with personal ones', () => {
    const [a] = assessBatch([cn('a', 100), cn('b', 100, { purpose: 'business' })], ref);
    expect(a!.combinedWith).toEqual([]);
  });
});

describe('a large combined group (a reseller: one seller, one purchase date, many parcels)', () => {
  it('names the first 10 other refs and how many more in its reasons, and lists them all in combinedWith', () => {
    // 13 parcels of USD 60 each, separate B/Ls, same consignee, seller and purchase date (고시 제68조):
    // combined 13 × 60 = USD 780 > 150, so every parcel is taxed (each over KRW 10,000: 60 × ~1,400 won
    // with 13% duty and 10% VAT), though each alone is within: pay or dispute; each has 12 others.
    const refs = Array.from({ length: 13 }, (_, i) => `R-${String(i).padStart(2, '0')}`);
    const out = assessBatch(refs.map((r, i) => sampleDeclaration({ ref: r, shipment: ship({ hblNo: `HB${i}` }), items: [tshirt(60)] })), ref);
    const a = out[0]!; // the others are R-01 … R-12, sorted
    expect(a.combinedWith).toEqual(refs.slice(1));
    const combined = a.reasons.find((r) => r.code === 'COMBINED_OVER_DE_MINIMIS')!;
    // named: R-01 … R-10 (10 refs), then 12 − 10 = 2 more
    expect(combined.ko).toContain('R-01, R-02, R-03, R-04, R-05, R-06, R-07, R-08, R-09, R-10 외 2건');
    expect(combined.en).toContain('R-01, R-02, R-03, R-04, R-05, R-06, R-07, R-08, R-09, R-10 and 2 more');
    expect(combined.ko).not.toContain('R-11');
    const next = a.reasons.find((r) => r.code === 'NEXT_PAY_OR_DISPUTE_COMBINATION')!;
    expect(next.en).toContain('R-10 and 2 more');
    // its others are R-00 … R-11 (its own ref left out once)
    expect(out[12]!.combinedWith).toEqual(refs.slice(0, 12));
  });
});
