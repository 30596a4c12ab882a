// Deterministic synthetic declarations for benchmarks: realistic mixes of origin, mode,
// category and value (China ~68% of items, as in 2023), some combined by B/L or seller.
import { seededRandom } from '../src/domain/risk/random.ts';

const GOODS = [
  { description: '티셔츠 Nike Dri-FIT', category: 'clothing', price: [8, 60] },
  { description: '운동화 Adidas Ultraboost', category: 'shoes', price: [40, 180] },
  { description: '휴대폰 케이스 Spigen Ultra Hybrid', category: 'phone-case', price: [3, 25] },
  { description: '블루투스 이어폰 Anker Soundcore', category: 'headphones', price: [15, 120] },
  { description: '비타민C Now Foods 1000mg', category: 'vitamin', price: [10, 40], unit: 'bottle' },
  { description: '립스틱 MAC Matte', category: 'cosmetics', price: [10, 40] },
  { description: '가방 Coach Tabby 26', category: 'bag', price: [80, 600] },
  { description: '장난감 LEGO Technic', category: 'toy', price: [20, 150] },
  { description: '도서 Atomic Habits', category: 'book', price: [10, 30] },
  { description: '노트북 거치대 Rain Design mStand', category: 'computer-parts', price: [20, 70] },
] as const;

const ORIGINS = [
  { country: 'CN', currency: 'CNY', rate: 7.1, weight: 68 },
  { country: 'US', currency: 'USD', rate: 1, weight: 18 },
  { country: 'JP', currency: 'JPY', rate: 150, weight: 7 },
  { country: 'DE', currency: 'EUR', rate: 0.92, weight: 5 },
  { country: 'GB', currency: 'GBP', rate: 0.79, weight: 2 },
];

export function syntheticDeclarations(n: number, options: { seed?: number; declaredAt?: string } = {}): Record<string, unknown>[] {
  const r = seededRandom(options.seed ?? 42);
  const declaredAt = options.declaredAt ?? '2026-02-04';
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const totalWeight = ORIGINS.reduce((a, o) => a + o.weight, 0);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    let w = r() * totalWeight;
    const origin = ORIGINS.find((o) => (w -= o.weight) < 0) ?? ORIGINS[0]!;
    const itemCount = 1 + Math.floor(r() * r() * 4);
    const items = [];
    for (let k = 0; k < itemCount; k++) {
      const g = pick(GOODS);
      const usd = g.price[0] + r() * (g.price[1] - g.price[0]);
      items.push({
        description: g.description,
        category: g.category,
        quantity: 1 + Math.floor(r() * r() * 3),
        ...('unit' in g ? { unit: g.unit } : {}),
        price: Math.round(usd * origin.rate * 100) / 100,
        originCountry: origin.country,
      });
    }
    const consumer = Math.floor(r() * n * 0.6);
    out.push({
      ref: `bench-${i}`,
      declaredAt,
      ecommerceType: pick(['direct', 'forwarding', 'purchase-agency']),
      purpose: r() < 0.02 ? 'business' : 'personal',
      shipment: { mode: r() < 0.85 ? 'express' : 'postal', shipFrom: origin.country, hblNo: `HB${String(Math.floor(i * 0.97)).padStart(9, '0')}`, grossWeightKg: Math.round((0.2 + r() * 4) * 10) / 10 },
      parties: { platform: { name: pick(['AliExpress', 'Amazon', 'Taobao', 'iHerb', 'Temu']) }, seller: { name: `Seller ${Math.floor(r() * 5000)}` }, courier: { name: pick(['CJ대한통운', '한진택배', '롯데글로벌로지스']) } },
      consignee: { name: '김민지', pccc: `P${String(100000000000 + consumer).slice(-12)}`, phone: '010-1234-5678', postcode: String(10000 + (consumer % 89999)).padStart(5, '0'), address: '서울특별시 강남구 테헤란로 123' },
      order: { orderNo: `O-${i}`, purchasedAt: '2026-02-01', currency: origin.currency },
      items,
    });
  }
  return out;
}
