// Invariants of the engine over random declarations (fast-check): no NaN, nothing negative,
// taxes never fall when the price rises, and the result does not depend on the order of
// items or declarations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessBatch, historyEntryOf } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { fixtureReference as ref, sampleDeclaration } from '../../test/fixtures/fixture-reference.ts';

const categories = ['clothing', 'shoes', 'bag', 'watch', 'jewellery', 'cosmetics', 'perfume', 'supplement', 'book', 'toy', 'laptop', 'liquor-whisky', 'liquor-wine', 'chocolate'];
const descriptions = ['티셔츠 Nike Dri-FIT', '가방 Coach Tabby', '시계 Seiko 5', '비타민 Centrum Silver', '향수 Diptyque 75ml', '도서 Clean Code', '위스키 Glenfiddich 12'];

const itemArb = fc.record({
  description: fc.constantFrom(...descriptions),
  category: fc.constantFrom(...categories),
  quantity: fc.integer({ min: 1, max: 8 }),
  unit: fc.constantFrom('piece', 'bottle'),
  volumeMl: fc.constantFrom(30, 50, 100, 700, 1000),
  price: fc.integer({ min: 0, max: 400_000 }).map((c) => c / 100),
  localShipping: fc.integer({ min: 0, max: 2_000 }).map((c) => c / 100),
  discount: fc.constant(0),
  originCountry: fc.constantFrom('US', 'CN', 'FR', 'VN'),
});

const declArb = fc.record({
  ref: fc.uuid(),
  shipFrom: fc.constantFrom('US', 'CN', 'FR', 'JP'),
  mode: fc.constantFrom('express', 'postal', 'cargo'),
  purpose: fc.constantFrom('personal', 'business'),
  currency: fc.constantFrom('USD', 'EUR', 'JPY', 'CNY'),
  grossWeightKg: fc.integer({ min: 1, max: 400 }).map((g) => g / 10),
  seller: fc.constantFrom('Shop A', 'Shop B'),
  purchasedAt: fc.constantFrom('2026-03-01', '2026-03-02'),
  hblNo: fc.constantFrom('BL1', 'BL2', 'BL3', 'BL4'),
  fta: fc.option(fc.constantFrom({ agreement: 'KORUS', proof: 'marking-receipt' }, { agreement: 'KOREU', proof: 'origin-declaration' }), { nil: undefined }),
  items: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
});

type Gen = typeof declArb extends fc.Arbitrary<infer T> ? T : never;

const toDeclaration = (g: Gen) =>
  sampleDeclaration({
    ref: g.ref,
    purpose: g.purpose,
    shipment: { mode: g.mode, shipFrom: g.shipFrom, hblNo: g.hblNo, grossWeightKg: g.grossWeightKg },
    parties: { seller: { name: g.seller } },
    order: { currency: g.currency, purchasedAt: g.purchasedAt },
    items: g.items,
    ...(g.fta ? { fta: g.fta } : {}),
  });

function numbersIn(a: Assessment): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'number') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk({ ...a, reasons: [] });
  return out;
}

const summary = (a: Assessment) => ({ route: a.route, taxes: a.taxes, deMinimis: a.deMinimis, value: a.goodsValueUsd, combinedWith: a.combinedWith });

describe('engine invariants', () => {
  it('never produces NaN, infinities or negative amounts', () => {
    fc.assert(
      fc.property(fc.array(declArb, { minLength: 1, maxLength: 5 }), (gens) => {
        for (const a of assessBatch(gens.map(toDeclaration), ref)) {
          expect(a.status).toBe('assessed');
          for (const n of numbersIn(a)) {
            expect(Number.isFinite(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(0);
          }
          const t = a.taxes!;
          expect(t.totalKrw).toBe(t.dutyKrw + t.exciseKrw + t.educationKrw + t.liquorKrw + t.vatKrw);
          for (const v of [t.dutyKrw, t.exciseKrw, t.educationKrw, t.liquorKrw, t.vatKrw]) expect(v % 10).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Deemed freight is spread over the lines by value, so raising the price of one cheap,
  // low-duty line moves freight away from a high-tax line (liquor) and can lower the total:
  // a property of the allocation, not a bug. Monotonicity therefore holds for a single line
  // and for the whole order priced up together (every price multiplied by the same factor).
  const full = (a: Assessment) => (a.taxesWithoutExemption ?? a.taxes)!;

  it('taxes never fall when the price of a one-line declaration rises', () => {
    fc.assert(
      fc.property(declArb, fc.integer({ min: 1, max: 100_000 }), (g, bump) => {
        const single = { ...g, items: g.items.slice(0, 1) };
        const lower = assessBatch([toDeclaration(single)], ref)[0]!;
        const raised = { ...single, items: single.items.map((it) => ({ ...it, price: it.price + bump / 100 })) };
        const higher = assessBatch([toDeclaration(raised)], ref)[0]!;
        expect(full(higher).totalKrw).toBeGreaterThanOrEqual(full(lower).totalKrw);
        // crossing the limit can only take the exemption away, never give it
        if (!lower.deMinimis.exempt) expect(higher.deMinimis.exempt).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('taxes never fall when every price of an order is multiplied by the same factor', () => {
    fc.assert(
      fc.property(declArb, fc.integer({ min: 2, max: 5 }), (g, factor) => {
        const lower = assessBatch([toDeclaration(g)], ref)[0]!;
        const raised = { ...g, items: g.items.map((it) => ({ ...it, price: it.price * factor, localShipping: it.localShipping * factor })) };
        const higher = assessBatch([toDeclaration(raised)], ref)[0]!;
        expect(full(higher).totalKrw).toBeGreaterThanOrEqual(full(lower).totalKrw);
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the order of items', () => {
    fc.assert(
      fc.property(declArb, (g) => {
        const a = assessBatch([toDeclaration(g)], ref)[0]!;
        const b = assessBatch([toDeclaration({ ...g, items: [...g.items].reverse() })], ref)[0]!;
        expect(summary(b)).toEqual(summary(a));
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the order of declarations in a batch', () => {
    fc.assert(
      fc.property(fc.array(declArb, { minLength: 2, maxLength: 6 }), (gens) => {
        const forward = assessBatch(gens.map(toDeclaration), ref);
        const backward = assessBatch([...gens].reverse().map(toDeclaration), ref).reverse();
        expect(backward.map(summary)).toEqual(forward.map(summary));
      }),
      { numRuns: 200 },
    );
  });

  // One supplier may be declared by its code and name (a marketplace) or by its name alone (a
  // forwarder): the supplier ground joins a shared code or a shared name, transitively. The groups
  // then must not depend on the order of the batch, nor on which declarations were already on
  // record (assessed earlier and given as history) and which came in the batch.
  const sellerArb = fc.constantFrom(
    { code: 'C-1', name: 'Shop A' },
    { name: 'SHOP a' },
    { code: 'c1', name: 'Shop B' },
    { name: 'Shop B' },
    { code: 'C-2', name: 'Shop C' },
    { code: 'C-2', name: 'Shop A' },
    { name: 'C-1' },
    { code: 'C-3', name: 'Shop D' },
  );
  const sellersArb = fc.array(fc.tuple(declArb, sellerArb, fc.constantFrom('HX1', 'HX2', 'HX3', 'HX4', 'HX5', 'HX6')), { minLength: 2, maxLength: 7 });
  const withSeller = ([g, seller, hblNo]: [Gen, { code?: string; name: string }, string]) => {
    const d = toDeclaration({ ...g, purchasedAt: '2026-03-01' });
    return { ...d, shipment: { ...(d.shipment as object), hblNo }, parties: { seller } };
  };

  it('groups by seller code or name do not depend on the order of the batch or on what was already on record', () => {
    fc.assert(
      fc.property(sellersArb, fc.nat(), (gens, cut) => {
        const decls = gens.map(withSeller);
        const whole = assessBatch(decls, ref);
        const backward = assessBatch([...decls].reverse(), ref).reverse();
        expect(backward.map(summary)).toEqual(whole.map(summary));
        // The first k on record (as the platform stores them: historyEntryOf), the rest in a later batch.
        const k = 1 + (cut % (decls.length - 1));
        const history = decls.slice(0, k).map((d, i) => historyEntryOf(d as never, whole[i]!, ref));
        const later = assessBatch(decls.slice(k), ref, history);
        expect(later.map(summary)).toEqual(whole.slice(k).map(summary));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (values) => {
        const out = assessBatch(values, ref);
        expect(out).toHaveLength(values.length);
        for (const a of out) expect(a.status).toBe('rejected');
      }),
      { numRuns: 300 },
    );
  });
});
