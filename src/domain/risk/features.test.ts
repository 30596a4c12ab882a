import { describe, expect, it } from 'vitest';
import type { Declaration } from '../declaration-schema.ts';
import { createPartyBook, recordDeclaration, riskFeatures, snapshotParties } from './features.ts';

const parcel = (ref: string, declaredAt: string): Declaration =>
  ({
    ref,
    declaredAt,
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'US', grossWeightKg: 0.5 },
    parties: { seller: { name: 'Nike Store', country: 'US' }, forwarder: { name: 'Malltail' } },
    consignee: { name: '김민지', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' },
    order: { currency: 'USD' },
    items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN' }],
  }) as unknown as Declaration;

const NO_PRICES = { priceKey: null, brand: null, logUnitPrice: null };

describe('party book: days known', () => {
  it('counts from the earliest day recorded, whatever the order the declarations came in', () => {
    // Recorded in id order: the 10th, then the 5th of November. The stored profiles keep
    // least(first_seen) = the 5th, so a batch must too, or a score would depend on where batches split.
    const book = createPartyBook();
    recordDeclaration(book, parcel('a', '2026-11-10'), 40, NO_PRICES);
    recordDeclaration(book, parcel('b', '2026-11-05'), 40, NO_PRICES);
    const s = snapshotParties(book, parcel('c', '2026-11-12'), null, null);
    expect(s.sellerDaysKnown).toBe(7); // 12 − 5, not 12 − 10
    expect(s.consigneeDaysKnown).toBe(7);
    expect(s.sellerParcels).toBe(2);
  });

  it('is the same when the earlier day is recorded first', () => {
    const book = createPartyBook();
    recordDeclaration(book, parcel('b', '2026-11-05'), 40, NO_PRICES);
    recordDeclaration(book, parcel('a', '2026-11-10'), 40, NO_PRICES);
    expect(snapshotParties(book, parcel('c', '2026-11-12'), null, null).sellerDaysKnown).toBe(7);
  });
});

describe('party book: the consignee\'s last 30 and 7 days', () => {
  it('counts only parcels declared on or before this one (a rescoring sees later parcels too)', () => {
    // The officer read '30일간 13건 수입' on a parcel of 2 November: the consignee's 13 parcels ran from
    // 29 October to 6 December. Book: USD 10 on 29 Oct, 20 on 31 Oct, 40 on 3 Nov, 80 on 20 Nov.
    // Parcel of 2 Nov: 30 days back are 29 and 31 Oct = 2 parcels; 7 days back (27 Oct…2 Nov) = 10 + 20 = USD 30.
    // Counting the later ones too gave 4 parcels and USD 150.
    const book = createPartyBook();
    for (const [ref, on, usd] of [['a', '2026-10-29', 10], ['b', '2026-10-31', 20], ['c', '2026-11-03', 40], ['d', '2026-11-20', 80]] as const)
      recordDeclaration(book, parcel(ref, on), usd, NO_PRICES);
    const s = snapshotParties(book, parcel('x', '2026-11-02'), null, null);
    expect([s.consigneeParcels30d, s.consigneeValue7dUsd]).toEqual([2, 30]);
  });
});

describe('risk features with a batch memo of descriptions', () => {
  const assessment = { goodsValueUsd: 140, lines: [{ index: 0, hsCode: '420221', dutyRate: 8 }, { index: 1, hsCode: '210690', dutyRate: 8 }], deMinimis: { thresholdUsd: 150 }, signals: [], taxes: null, route: 'list' };
  const withItems = (items: unknown[]): Declaration => ({ ...parcel('m', '2026-11-12'), items }) as unknown as Declaration;
  const snap = (d: Declaration) => snapshotParties(createPartyBook(), d, null, null);
  const cases = [
    // A brand that completes a luxury name begun in another item's text, or its own description.
    withItems([{ description: 'vuitton tote bag', brand: 'Louis', quantity: 1, price: 100 }, { description: 'herbal gummies', quantity: 2, price: 20 }]),
    withItems([{ description: 'vuitton tote bag', quantity: 1, price: 100 }, { description: 'bath', quantity: 1, price: 20 }, { description: 'salt scrub', quantity: 1, price: 20 }]),
    withItems([{ description: 'Vitamin C 1000mg', quantity: 1, price: 30 }, { description: 'vuitton tote bag', brand: 'louis', quantity: 1, price: 100 }]),
    withItems([{ description: '젤리 캔디 세트', quantity: 3, price: 10 }]),
  ];

  it('gives the rows computed without it, the memo shared across declarations', () => {
    const memo = new Map();
    for (const round of [1, 2])
      for (const d of cases) expect({ round, row: riskFeatures(d, assessment, snap(d), undefined, memo) }).toEqual({ round, row: riskFeatures(d, assessment, snap(d)) });
    expect(riskFeatures(cases[0]!, assessment, snap(cases[0]!), undefined, memo)['luxury brand']).toBe(1);
    expect(riskFeatures(cases[1]!, assessment, snap(cases[1]!), undefined, memo)).toMatchObject({ 'luxury brand': 0, 'concealment words': 0 });
    expect(riskFeatures(cases[3]!, assessment, snap(cases[3]!), undefined, memo)['concealment words']).toBe(1);
  });

  it('is 0, not negative, for a parcel dated before the first one on record', () => {
    // The officer read '수하인 첫 반입 후 경과일: -1': a parcel of the 4th declared after one of the 5th.
    const book = createPartyBook();
    recordDeclaration(book, parcel('a', '2026-11-05'), 40, NO_PRICES);
    const s = snapshotParties(book, parcel('b', '2026-11-04'), null, null);
    expect([s.consigneeDaysKnown, s.sellerDaysKnown]).toEqual([0, 0]);
  });
});
