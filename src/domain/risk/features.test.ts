import { describe, expect, it } from 'vitest';
import type { Declaration } from '../declaration-schema.ts';
import { createPartyBook, recordDeclaration, snapshotParties } from './features.ts';

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
