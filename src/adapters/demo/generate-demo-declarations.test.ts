import { describe, expect, it } from 'vitest';
import { DEMO_SOURCES, demoConsignees, generateDemoDeclarations, ORDER_DATA_PLATFORM } from './generate-demo-declarations.ts';

interface Item { description: string; brand: string; category: string }
interface Parcel { ref: string; parties: { platform: { name: string }; seller: { name: string } }; items: Item[] }

const parcels = generateDemoDeclarations({ count: 3000, until: '2026-12-06', days: 40, consignees: demoConsignees(200), orderData: true }) as unknown as Parcel[];
const stores = DEMO_SOURCES.flatMap((s) => [...s.platforms, ...s.sellers]);
const storeNamed = (name: string) => stores.find((s) => s.name === name)!;

describe('demo declarations read like real orders', () => {
  it('name each item by its brand and one of that brand’s own models (no "헤드폰 Apple QuietComfort Ultra")', () => {
    const models = new Map(DEMO_SOURCES.flatMap((s) => s.goods.flatMap((g) => g.brands.map((b) => [`${g.ko} ${b.name}`, b.models] as const))));
    for (const p of parcels)
      for (const it of p.items) {
        const prefix = [...models.keys()].find((k) => it.description.startsWith(`${k} `) && k.endsWith(` ${it.brand}`));
        expect(prefix, it.description).toBeDefined();
        expect(models.get(prefix!), it.description).toContain(it.description.slice(prefix!.length + 1));
      }
  });

  it('come from a platform and a seller that sell every item of the parcel', () => {
    for (const p of parcels)
      for (const store of [storeNamed(p.parties.platform.name), storeNamed(p.parties.seller.name)])
        for (const it of p.items) {
          if (store.carries) expect(store.carries, `${p.ref} ${store.name}: ${it.description}`).toContain(it.category);
          if (store.brands) expect(store.brands, `${p.ref} ${store.name}: ${it.description}`).toContain(it.brand);
        }
  });

  it('sell through a single-vendor platform only by its own store, and that store nowhere else', () => {
    const iherb = parcels.filter((p) => p.parties.platform.name === ORDER_DATA_PLATFORM);
    expect(iherb.length).toBeGreaterThan(20);
    for (const p of iherb) expect(p.parties.seller.name).toBe('iHerb LLC');
    for (const p of parcels.filter((x) => x.parties.seller.name === 'iHerb LLC')) expect(p.parties.platform.name).toBe(ORDER_DATA_PLATFORM);
    for (const p of parcels.filter((x) => x.parties.platform.name === 'Notino')) expect(p.parties.seller.name).toBe('Notino s.r.o.');
  });

  it('keep every store in use (each is eligible for some parcel)', () => {
    const used = new Set(parcels.flatMap((p) => [p.parties.platform.name, p.parties.seller.name]));
    expect(stores.map((s) => s.name).filter((n) => !used.has(n))).toEqual([]);
  });
});
