import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../declaration-schema.ts';
import { formatMoney, roundToMinorUnits } from '../money.ts';
import { substitutedItems } from './order-match.ts';
import { DEFAULT_POLICY, orderMoney, reconcileOrder, type OrderData } from './platform-risk.ts';

// The shared minor units (ISO 4217 exponent) of data/currencies.json, as the compiled reference gives them (Reference.minorUnits).
const CURRENCIES = JSON.parse(readFileSync(new URL('../../../data/currencies.json', import.meta.url), 'utf8')) as { code: string; minorUnits: number }[];
const UNITS = new Map(CURRENCIES.map((c) => [c.code, c.minorUnits]));
const minorUnits = (currency: string) => UNITS.get(currency) ?? 2;

const kinds = (ordered: { description: string; hsCode?: string }[], declared: { description: string; hsCode?: string; brand?: string }[]) =>
  substitutedItems(ordered, declared).map((s) => [s.orderedIndex, s.declaredIndex, s.kind]);

describe('ordered goods against declared goods (ORDER_ITEM_SUBSTITUTED), substitution within one HS chapter', () => {
  it('flags an iPhone declared as a phone case (both ch. 85): the declared goods are an accessory', () => {
    // With HS on both sides: 8517.13 (smartphones) ↔ 8517.79 (parts of telephones): same heading 8517, another subheading.
    expect(kinds([{ description: 'Apple iPhone 15 Pro', hsCode: '8517.13' }], [{ description: 'phone case', hsCode: '8517.79' }])).toEqual([[0, 0, 'accessory']]);
    // Without HS, and in Korean.
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: 'phone case' }])).toEqual([[0, 0, 'accessory']]);
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: '아이폰 케이스' }])).toEqual([[0, 0, 'accessory']]);
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: '아이폰용 실리콘 케이스' }])).toEqual([[0, 0, 'accessory']]);
  });

  it('flags a Rolex watch declared as a watch strap (9102 ↔ 9113, both ch. 91), with or without HS, in English or Korean', () => {
    expect(kinds([{ description: 'Rolex watch', hsCode: '9102.11' }], [{ description: 'watch strap', hsCode: '9113.90' }])).toEqual([[0, 0, 'accessory']]);
    expect(kinds([{ description: 'Rolex Submariner watch' }], [{ description: '시계줄' }])).toEqual([[0, 0, 'accessory']]);
    expect(kinds([{ description: '롤렉스 시계' }], [{ description: '시계 줄' }])).toEqual([[0, 0, 'accessory']]);
  });

  it('flags other goods of the same chapter by HS heading or subheading when the descriptions do not agree', () => {
    // 8518.30 headphones ↔ 8544.42 cable: ch. 85 both, headings 8518 ≠ 8544, no word in common.
    expect(kinds([{ description: 'Sony WH-1000XM5 headphones', hsCode: '851830' }], [{ description: 'USB cable', hsCode: '854442' }])).toEqual([[0, 0, 'heading']]);
    // 8471.30 laptop ↔ 8471.60 keyboard: heading 8471, subheadings differ, goods words differ.
    expect(kinds([{ description: 'MacBook Air laptop', hsCode: '847130' }], [{ description: 'keyboard', hsCode: '847160' }])).toEqual([[0, 0, 'subheading']]);
    // The same brand is not the same goods: an iPhone (8517.13) declared as Apple AirPods (8518.30).
    expect(kinds([{ description: 'Apple iPhone 15 Pro', hsCode: '851713' }], [{ description: 'Apple AirPods', hsCode: '851830' }])).toEqual([[0, 0, 'heading']]);
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: '애플 에어팟' }])).toEqual([[0, 0, 'goods']]);
    // No HS: both ch. 85 by their goods words, but headphones are not a cable.
    expect(kinds([{ description: 'Sony headphones' }], [{ description: 'USB cable' }])).toEqual([[0, 0, 'goods']]);
    // Other chapters (the former check), described apart.
    expect(kinds([{ description: 'Nike sneakers', hsCode: '6404' }], [{ description: 'T-shirt', hsCode: '6109' }])).toEqual([[0, 0, 'heading']]);
    expect(kinds([{ description: 'running shoes' }], [{ description: 'cotton T-shirt' }])).toEqual([[0, 0, 'chapter']]);
  });

  it('names each ordered line no declared line accounts for, with the closest declared line (same heading, else chapter)', () => {
    // The iPhone is missing; the case ordered with it is declared. Closest to 8517.13: the 8517.79 line (same heading), not the first.
    const r = substitutedItems(
      [{ description: 'iPhone 15', hsCode: '851713' }, { description: 'iPhone 15 case', hsCode: '420232' }],
      [{ description: 'book', hsCode: '4901' }, { description: 'phone case', hsCode: '851779' }, { description: 'iPhone 15 case', hsCode: '420232' }],
    );
    expect(r.map((s) => [s.orderedIndex, s.declaredIndex, s.kind])).toEqual([[0, 1, 'accessory']]);
  });

  it('does not flag the same goods worded differently, in Korean and English, classified one subheading apart, or split across lines', () => {
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: '애플 아이폰 15 프로' }])).toEqual([]);
    expect(kinds([{ description: 'Apple iPhone 15 Pro', hsCode: '8517.13' }], [{ description: '휴대폰', hsCode: '8517130000' }])).toEqual([]); // same subheading
    expect(kinds([{ description: 'Nike Dri-FIT T-shirt' }], [{ description: '티셔츠 Nike Dri-FIT' }])).toEqual([]);
    expect(kinds([{ description: 'Cotton T-shirt', hsCode: '610910' }], [{ description: '면 티셔츠', hsCode: '610990' }])).toEqual([]); // 6109.10 ↔ 6109.90, both T-shirts
    expect(kinds([{ description: 'T-shirt', hsCode: '6109' }], [{ description: '티셔츠', hsCode: '6205' }])).toEqual([]); // another heading, the same goods named
    expect(kinds([{ description: 'Rolex watch' }], [{ description: 'Rolex watch (box and papers)' }])).toEqual([]); // a box comes with the watch
    expect(kinds([{ description: 'Rolex watch' }], [{ description: '롤렉스 손목시계' }])).toEqual([]);
    expect(kinds([{ description: 'Apple iPhone 15 Pro' }], [{ description: '휴대폰' }])).toEqual([]); // an iPhone is a phone
    expect(kinds([{ description: 'Samsung Galaxy S24' }], [{ description: '삼성 갤럭시 S24 스마트폰' }])).toEqual([]);
    expect(kinds([{ description: 'Sony WF-1000XM5 earbuds' }], [{ description: '소니 무선 헤드폰' }])).toEqual([]); // earbuds are headphones (8518.30 both)
    expect(kinds([{ description: 'Apple Watch band' }], [{ description: '애플 워치 밴드' }])).toEqual([]); // an accessory ordered is an accessory declared
    expect(kinds([{ description: 'Silicone case for iPhone 15' }], [{ description: '아이폰 케이스' }])).toEqual([]);
    // 3 ordered, declared on two lines of 1 and 2 (the quantities are compared apart, in reconcileOrder).
    expect(kinds([{ description: 'vitamin C' }], [{ description: '비타민 C 1000' }, { description: 'Vitamin C' }])).toEqual([]);
    // Goods the heuristics do not know, no HS: nothing to say.
    expect(kinds([{ description: 'Dyson Airwrap' }], [{ description: 'hair styler' }])).toEqual([]);
  });
});

describe('reconcileOrder: ORDER_ITEM_SUBSTITUTED with the officer reason', () => {
  const decl = (items: Declaration['items']): Declaration =>
    ({
      ref: 'R-1',
      declaredAt: '2026-11-18',
      shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H1', arrivalDate: '2026-11-19', grossWeightKg: 0.5 },
      consignee: { name: '김민지', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울' },
      order: { orderNo: 'O-1', purchasedAt: '2026-11-15', currency: 'USD' },
      items,
    }) as unknown as Declaration;
  const order = (items: OrderData['items'], amountPaid: number): OrderData => ({ orderNo: 'O-1', platform: 'AMAZON', buyerPccc: 'P123456789012', currency: 'USD', amountPaid, items });

  it('says which ordered goods were declared as what, with the HS codes (호, 소호)', () => {
    // Declared 30 USD against 1,199 paid: undervalued too (30 < 1,199 × 0.95).
    const hits = reconcileOrder(order([{ description: 'Apple iPhone 15 Pro', quantity: 1, price: 1199, hsCode: '8517.13' }], 1199), decl([{ description: 'phone case', hsCode: '8517.79', quantity: 1, price: 30, originCountry: 'CN' }]), DEFAULT_POLICY, minorUnits);
    expect(hits.map((h) => h.code)).toEqual(['ORDER_UNDERVALUED', 'ORDER_ITEM_SUBSTITUTED']);
    // Both amounts as money: the officer reads which is declared and which was paid.
    expect(hits[0]).toMatchObject({ ko: '신고가격 USD 30.00: 주문 결제금액 USD 1,199.00보다 낮음', en: 'declared USD 30.00, below the USD 1,199.00 paid on the order' });
    expect([orderMoney('jpy', 12000, minorUnits), orderMoney('KRW', 46396.4, minorUnits), orderMoney('EUR', 9.5, minorUnits)]).toEqual(['JPY 12,000', 'KRW 46,396', 'EUR 9.50']);
    expect(hits[1]).toMatchObject({
      ko: '주문 물품 "Apple iPhone 15 Pro" (HS 8517.13) 대신 부분품·부속품 "phone case" (HS 8517.79)(으)로 신고',
      en: 'ordered "Apple iPhone 15 Pro" (HS 8517.13), declared "phone case" (HS 8517.79): an accessory or part instead of the goods',
      weight: 0.4,
      ref: 'order:O-1',
    });
    const strap = reconcileOrder(order([{ description: 'Rolex watch', quantity: 1, price: 9000, hsCode: '9102' }, { description: 'Book', quantity: 1, price: 10 }], 9010), decl([{ description: 'watch strap', hsCode: '9113', quantity: 2, price: 4505, originCountry: 'CH' }]), DEFAULT_POLICY, minorUnits);
    // Book (ch. 49 by its word) against a ch. 91 strap: also unaccounted for → "외 1건".
    expect(strap.map((h) => [h.code, h.ko, h.en])).toEqual([
      ['ORDER_ITEM_SUBSTITUTED', '주문 물품 "Rolex watch" (HS 9102) 대신 부분품·부속품 "watch strap" (HS 9113)(으)로 신고 외 1건', 'ordered "Rolex watch" (HS 9102), declared "watch strap" (HS 9113): an accessory or part instead of the goods, and 1 more ordered line'],
    ]);
  });

  it('keeps the quantity check, and says nothing when the goods and units are declared', () => {
    const fewer = reconcileOrder(order([{ description: 'T-shirt', quantity: 3, price: 20 }], 60), decl([{ description: '티셔츠', quantity: 2, price: 30, originCountry: 'VN' }]), DEFAULT_POLICY, minorUnits);
    expect(fewer.map((h) => [h.code, h.ko, h.en])).toEqual([['ORDER_ITEM_SUBSTITUTED', '주문 수량 3개, 신고 수량 2개', '3 units ordered, 2 declared']]);
    const split = reconcileOrder(
      order([{ description: 'Apple iPhone 15 Pro', quantity: 2, price: 999, hsCode: '851713' }], 1998),
      decl([
        { description: '애플 아이폰 15 프로', hsCode: '8517130000', quantity: 1, price: 999, originCountry: 'CN' },
        { description: 'iPhone 15 Pro', hsCode: '8517130000', quantity: 1, price: 999, originCountry: 'CN' },
      ]),
      DEFAULT_POLICY,
      minorUnits,
    );
    expect(split).toEqual([]);
  });
});

describe('orderMoney: the currency\'s minor units from the shared source (data/currencies.json), not a list of its own', () => {
  it('writes JPY and KRW whole, USD with two decimals, as the currency data says', () => {
    // JPY 0 and KRW 0 decimals: 12,000.4 → 12,000 and 46,396.5 → 46,397 (to the unit); USD 2: 1,199 → 1,199.00, 33.856 → 33.86.
    expect(orderMoney('JPY', 12000.4, minorUnits)).toBe('JPY 12,000');
    expect(orderMoney('krw', 46396.5, minorUnits)).toBe('KRW 46,397');
    expect(orderMoney('USD', 1199, minorUnits)).toBe('USD 1,199.00');
    expect(orderMoney('usd', 33.856, minorUnits)).toBe('USD 33.86');
  });

  it('follows the data where a list of its own disagreed: VND 0 decimals, KWD 3 (it wrote VND 1,500,000.00 and KWD 12.34)', () => {
    expect(orderMoney('VND', 1_500_000, minorUnits)).toBe('VND 1,500,000');
    expect(orderMoney('KWD', 12.34, minorUnits)).toBe('KWD 12.340');
    // A source that says otherwise is followed: the units are not decided here.
    expect(orderMoney('JPY', 12000, () => 2)).toBe('JPY 12,000.00');
  });

  it('writes every currency of the data as the engine\'s reasons write money (formatMoney), so the two cannot disagree', () => {
    for (const { code, minorUnits: m } of CURRENCIES) expect(orderMoney(code, 1234.5, minorUnits)).toBe(`${code} ${formatMoney(roundToMinorUnits(1234.5, m), m)}`);
  });

  it('says a JPY order undervalued in yen, both amounts whole (declared 8,000 × 1 against 12,000 paid)', () => {
    const jpy = (amountPaid: number): OrderData => ({ orderNo: 'O-J', platform: 'RAKUTEN', buyerPccc: 'P123456789012', currency: 'JPY', amountPaid, items: [{ description: 'T-shirt', quantity: 1, price: 12000 }] });
    const d = {
      declaredAt: '2026-11-20',
      items: [{ description: 'T-shirt', quantity: 1, price: 8000, originCountry: 'JP' }],
      order: { orderNo: 'O-J', purchasedAt: '2026-11-15', currency: 'JPY' },
    } as unknown as Declaration;
    // 8,000 < 12,000 × (1 − 0.05) = 11,400: undervalued.
    const [hit] = reconcileOrder(jpy(12000), d, DEFAULT_POLICY, minorUnits);
    expect(hit).toMatchObject({ code: 'ORDER_UNDERVALUED', ko: '신고가격 JPY 8,000: 주문 결제금액 JPY 12,000보다 낮음', en: 'declared JPY 8,000, below the JPY 12,000 paid on the order' });
  });

  it('compares an order in won with a declaration in dollars at the customs rate of the declaration\'s week (it was never compared: another currency)', () => {
    // Declared USD 141.00 × 1,370.24 (USD, week of 2026-12-06) = 193,203.84 → 193,204 won, against 400,000 won paid:
    // 193,204 < 400,000 × (1 − 0.05) = 380,000, undervalued. Against 190,000 won paid (180,500): not.
    const krw = (amountPaid: number): OrderData => ({ orderNo: 'O-K', platform: 'COUPANG', buyerPccc: 'P123456789012', currency: 'KRW', amountPaid, items: [{ description: '운동화', quantity: 1, price: amountPaid }] });
    const d = {
      declaredAt: '2026-12-07',
      items: [{ description: '운동화 러닝', quantity: 1, price: 141, originCountry: 'CN' }],
      order: { orderNo: 'O-K', purchasedAt: '2026-12-02', currency: 'USD' },
    } as unknown as Declaration;
    const krwPerUnit = (c: string) => (c === 'KRW' ? 1 : c === 'USD' ? 1370.24 : null);
    const [hit] = reconcileOrder(krw(400000), d, DEFAULT_POLICY, minorUnits, krwPerUnit);
    expect(hit).toMatchObject({
      code: 'ORDER_UNDERVALUED',
      ko: '신고가격 USD 141.00(과세환율 환산 193,204원): 주문 결제금액 KRW 400,000보다 낮음',
      en: 'declared USD 141.00 (KRW 193,204 at the customs rate), below the KRW 400,000 paid on the order',
    });
    expect(reconcileOrder(krw(190000), d, DEFAULT_POLICY, minorUnits, krwPerUnit)).toEqual([]);
    // No rate for a currency: not compared, as before.
    expect(reconcileOrder(krw(400000), d, DEFAULT_POLICY, minorUnits, () => null)).toEqual([]);
  });
});
