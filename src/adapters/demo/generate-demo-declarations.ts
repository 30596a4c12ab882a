// Deterministic demo declarations: Korean consignees with P+12-digit PCCCs, real-looking
// platforms, sellers, forwarders and couriers, ~68% of parcels from China (domain-rules §9).
// The same seed and dates give the same declarations.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
const money = (x: number) => Math.round(x * 100) / 100;

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = ['민지', '서연', '지훈', '도윤', '하은', '예준', '수빈', '지우', '현우', '서준', '유나', '지민', '은서', '태윤', '가은', '민준', '채원', '시우', '다은', '준호'];
const ADDRESSES: { city: string; postcode: string }[] = [
  { city: '서울특별시 강남구 테헤란로', postcode: '06236' },
  { city: '서울특별시 마포구 월드컵북로', postcode: '03925' },
  { city: '서울특별시 송파구 올림픽로', postcode: '05551' },
  { city: '부산광역시 해운대구 센텀중앙로', postcode: '48058' },
  { city: '인천광역시 연수구 송도과학로', postcode: '21984' },
  { city: '대구광역시 수성구 동대구로', postcode: '42020' },
  { city: '경기도 성남시 분당구 판교역로', postcode: '13529' },
  { city: '경기도 수원시 영통구 광교중앙로', postcode: '16514' },
  { city: '대전광역시 유성구 대학로', postcode: '34141' },
  { city: '광주광역시 서구 상무중앙로', postcode: '61945' },
];

export interface DemoConsignee {
  name: string;
  pccc: string;
  phone: string;
  postcode: string;
  address: string;
}

export function demoConsignees(count: number, seed = 7): DemoConsignee[] {
  const rng = mulberry32(seed);
  const out: DemoConsignee[] = [];
  const used = new Set<string>();
  while (out.length < count) {
    const year = pick(rng, ['18', '19', '20', '21', '22', '23', '24', '25']);
    const pccc = `P${year}${String(Math.floor(rng() * 1e10)).padStart(10, '0')}`;
    if (used.has(pccc)) continue;
    used.add(pccc);
    const a = pick(rng, ADDRESSES);
    out.push({
      name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
      pccc,
      phone: `010-${String(Math.floor(rng() * 9000) + 1000)}-${String(Math.floor(rng() * 9000) + 1000)}`,
      postcode: a.postcode,
      address: `${a.city} ${Math.floor(rng() * 400) + 1}, ${Math.floor(rng() * 20) + 1}층`,
    });
  }
  return out;
}

interface Goods {
  category: string;
  ko: string;
  brands: string[];
  models: string[];
  price: [number, number];
  weight: [number, number];
}

const CN_GOODS: Goods[] = [
  { category: 'phone-case', ko: '휴대폰케이스', brands: ['Spigen', 'ESR', 'Baseus'], models: ['Ultra Hybrid', 'MagSafe 투명', 'Armor Shield'], price: [2, 18], weight: [0.1, 0.3] },
  { category: 'cable', ko: '충전케이블', brands: ['Baseus', 'UGREEN', 'Anker'], models: ['USB-C 100W 2m', 'Lightning 1m', '3in1 고속'], price: [3, 15], weight: [0.1, 0.3] },
  { category: 'clothing', ko: '티셔츠', brands: ['Uniqlo', 'SHEIN', 'Li-Ning'], models: ['오버핏 코튼', 'Dri 기능성', '반팔 라운드'], price: [5, 35], weight: [0.2, 0.6] },
  { category: 'shoes', ko: '운동화', brands: ['Li-Ning', 'Anta', 'Xtep'], models: ['러닝 Feidian', 'KT7 농구화', '경량 워킹'], price: [25, 120], weight: [0.8, 1.5] },
  { category: 'toy', ko: '블록장난감', brands: ['Cada', 'Mould King', 'Xingbao'], models: ['테크닉 레이싱카', '시티 하우스', '로봇 변신'], price: [10, 80], weight: [0.5, 2] },
  { category: 'kitchenware', ko: '주방용품', brands: ['Xiaomi', 'Joyoung', 'Supor'], models: ['실리콘 조리도구 세트', '스테인리스 거름망', '밀폐용기 5종'], price: [4, 30], weight: [0.3, 1.2] },
  { category: 'lamp', ko: 'LED조명', brands: ['Yeelight', 'Xiaomi', 'Opple'], models: ['무드등 RGB', '데스크 스탠드', '센서 야간등'], price: [6, 45], weight: [0.3, 1] },
  { category: 'bag', ko: '백팩', brands: ['Xiaomi', 'Tigernu', 'Bange'], models: ['노트북 방수 15인치', '여행용 확장형', '미니 크로스'], price: [15, 60], weight: [0.6, 1.2] },
  { category: 'headphones', ko: '무선이어폰', brands: ['QCY', 'Soundpeats', 'Haylou'], models: ['T13 ANC', 'Air3 Pro', 'GT7 블루투스'], price: [12, 50], weight: [0.1, 0.3] },
];
const US_GOODS: Goods[] = [
  { category: 'vitamin', ko: '비타민', brands: ['Nature Made', "Nature's Bounty", 'Kirkland'], models: ['비타민D3 2000IU', '멀티비타민 300정', '비타민C 500mg'], price: [9, 35], weight: [0.3, 0.8] },
  { category: 'supplement', ko: '영양제', brands: ['NOW Foods', 'Doctor’s Best', 'California Gold'], models: ['오메가3 피쉬오일', '마그네슘 글리시네이트', '루테인 20mg'], price: [10, 40], weight: [0.3, 0.8] },
  { category: 'shoes', ko: '운동화', brands: ['Nike', 'New Balance', 'Adidas'], models: ['Air Zoom Pegasus', '990v6', 'Ultraboost Light'], price: [60, 190], weight: [0.9, 1.6] },
  { category: 'headphones', ko: '헤드폰', brands: ['Bose', 'Sony', 'Apple'], models: ['QuietComfort Ultra', 'WH-1000XM5', 'AirPods Pro 2'], price: [120, 380], weight: [0.4, 1] },
  { category: 'clothing', ko: '후드티', brands: ['Champion', 'Carhartt', "Levi's"], models: ['리버스위브', 'WIP 후디', '로고 크루넥'], price: [30, 90], weight: [0.5, 1] },
  { category: 'cosmetics', ko: '화장품', brands: ['CeraVe', 'Neutrogena', 'Olay'], models: ['모이스처라이징 크림 453g', '하이드로부스트 젤', '레티놀 세럼'], price: [12, 45], weight: [0.3, 0.7] },
];
const JP_GOODS: Goods[] = [
  { category: 'cosmetics', ko: '선크림', brands: ['Biore', 'Anessa', 'Skin Aqua'], models: ['UV 아쿠아리치', '퍼펙트 UV 밀크', '톤업 에센스'], price: [1200, 3800], weight: [0.2, 0.5] },
  { category: 'toy', ko: '피규어', brands: ['Bandai', 'Good Smile', 'Kotobukiya'], models: ['건프라 RG', '넨도로이드', 'ARTFX J'], price: [3000, 15000], weight: [0.4, 1.2] },
];
const EU_GOODS: Goods[] = [
  { category: 'perfume', ko: '향수', brands: ['Diptyque', 'Le Labo', 'Byredo'], models: ['도손 EDT 50ml', '상탈33 EDP 50ml', '블랑쉬 EDP 50ml'], price: [90, 180], weight: [0.3, 0.6] },
  { category: 'cosmetics', ko: '크림', brands: ['Caudalie', 'La Roche-Posay', 'Nuxe'], models: ['비노퍼펙트 세럼', '시카플라스트 밤', '윌 프로디지우스'], price: [15, 45], weight: [0.2, 0.5] },
];

interface Source {
  country: string;
  currency: string;
  share: number;
  goods: Goods[];
  platforms: { name: string; country: string }[];
  sellers: string[];
}

const SOURCES: Source[] = [
  {
    country: 'CN',
    currency: 'USD',
    share: 0.68,
    goods: CN_GOODS,
    platforms: [
      { name: 'AliExpress', country: 'CN' },
      { name: 'Temu', country: 'CN' },
      { name: 'Taobao', country: 'CN' },
      { name: 'Coupang Global', country: 'KR' },
    ],
    sellers: ['Shenzhen Baseus Official Store', 'UGREEN Global Store', 'Guangzhou Fashion Co.', 'Yiwu Home Goods', 'Li-Ning Official'],
  },
  {
    country: 'US',
    currency: 'USD',
    share: 0.2,
    goods: US_GOODS,
    platforms: [
      { name: 'Amazon', country: 'US' },
      { name: 'iHerb', country: 'US' },
      { name: 'eBay', country: 'US' },
    ],
    sellers: ['Amazon.com Services', 'iHerb LLC', 'Nike Store', 'B&H Photo', 'Costco Wholesale'],
  },
  { country: 'JP', currency: 'JPY', share: 0.08, goods: JP_GOODS, platforms: [{ name: 'Rakuten', country: 'JP' }, { name: 'Amazon Japan', country: 'JP' }], sellers: ['Rakuten Books', 'Yodobashi Camera', 'Matsumoto Kiyoshi'] },
  { country: 'FR', currency: 'EUR', share: 0.04, goods: EU_GOODS, platforms: [{ name: 'Farfetch', country: 'GB' }, { name: 'Notino', country: 'CZ' }], sellers: ['Notino s.r.o.', 'Farfetch UK', 'Pharmacie Monge'] },
];

export const DEMO_COURIERS = [
  { code: 'CJKX', name: 'CJ대한통운' },
  { code: 'HJEX', name: '한진' },
  { code: 'LTEX', name: '롯데글로벌로지스' },
  { code: 'EPOST', name: '우체국 EMS' },
] as const;
export const DEMO_FORWARDERS = [
  { code: 'MALLTAIL', name: '몰테일' },
  { code: 'OHMYZIP', name: '오마이집' },
] as const;

/**
 * One forwarder, its name with its code. Name and code were drawn apart, so half the forwarded parcels
 * named 몰테일 under OHMYZIP's code or 오마이집 under MALLTAIL's (the profiles of both came out under
 * the other's name). The second draw is kept, so every other parcel stays as it was.
 */
function forwarderOf(rng: () => number): { code: string; name: string } {
  const f = pick(rng, DEMO_FORWARDERS);
  rng();
  return { code: f.code, name: f.name };
}

/** The platform whose parcels carry order data (amount paid, HS-6): the fast lane of the demo. */
export const ORDER_DATA_PLATFORM = 'iHerb';
/** HS subheadings of its goods (data/categories.json maps them to the heading; tariff.json by heading). */
const DEMO_HS6: Record<string, string> = { vitamin: '210690', supplement: '210690', shoes: '640411', headphones: '851830', clothing: '611020', cosmetics: '330499' };

export interface DemoDeclarationOptions {
  count: number;
  /** Declaration dates are spread over the `days` days up to `until` (YYYY-MM-DD). */
  until: string;
  days: number;
  consignees: DemoConsignee[];
  seed?: number;
  refPrefix?: string;
  /** ORDER_DATA_PLATFORM's parcels carry order data and HS-6 (the demo of npm start); off, the benches' workload stays as it was. */
  orderData?: boolean;
}

function dateMinus(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function generateDemoDeclarations(o: DemoDeclarationOptions): Record<string, unknown>[] {
  const rng = mulberry32(o.seed ?? 20260301);
  // A house B/L is one consignee's shipment: calls with their own seed (the benches' batches) number
  // theirs apart. Numbered by the index alone, the parcel at the same index of another batch shared
  // it whenever courier and date matched (about two parcels in three, in 60 batches), chaining
  // strangers' parcels into one combined-taxation group, which no real load does.
  const blSerialPrefix = o.seed === undefined ? '' : o.seed.toString(36).toUpperCase();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < o.count; i++) {
    let r = rng();
    let src = SOURCES[0]!;
    for (const s of SOURCES) {
      if (r < s.share) {
        src = s;
        break;
      }
      r -= s.share;
    }
    const consignee = o.consignees[Math.floor(Math.pow(rng(), 1.6) * o.consignees.length)]!; // some buy often
    const declaredAt = dateMinus(o.until, Math.floor(rng() * o.days));
    const purchasedAt = dateMinus(declaredAt, 1 + Math.floor(rng() * 6));
    const arrivalDate = dateMinus(declaredAt, -1 - Math.floor(rng() * 2)) > o.until ? declaredAt : dateMinus(declaredAt, -1);
    const platform = pick(rng, src.platforms);
    const seller = pick(rng, src.sellers);
    const viaForwarder = src.country === 'US' && rng() < 0.4;
    const courier = src.country === 'JP' && rng() < 0.3 ? DEMO_COURIERS[3] : pick(rng, DEMO_COURIERS.slice(0, 3));
    const itemCount = rng() < 0.75 ? 1 : rng() < 0.8 ? 2 : 3;
    const items = [];
    let weight = 0;
    for (let k = 0; k < itemCount; k++) {
      const g = pick(rng, src.goods);
      const quantity = rng() < 0.8 ? 1 : 2;
      const unitPrice = src.currency === 'JPY' ? Math.round(between(rng, g.price[0], g.price[1]) / 10) * 10 : money(between(rng, g.price[0], g.price[1]));
      weight += between(rng, g.weight[0], g.weight[1]) * quantity;
      // The brand in its own field as well as in the name ([품목] [브랜드] [제품명]), as operators
      // declare it: the risk model's brand features were trained on items that carry one.
      const brand = pick(rng, g.brands);
      items.push({
        description: `${g.ko} ${brand} ${pick(rng, g.models)}`,
        brand,
        category: g.category,
        quantity,
        unit: g.category === 'vitamin' || g.category === 'supplement' ? 'bottle' : 'piece',
        price: unitPrice,
        originCountry: src.country,
      });
    }
    // The demo's well-behaved platform (iHerb): its parcels carry the amount paid (equal to the goods
    // declared) and HS codes of 6 digits, as a fast-lane operator's would: data quality 3 of 4
    // quarters (no consumer consent), the policy's 75 % only if every parcel has both. No random
    // draw, so every other parcel is as before.
    const orderData = o.orderData === true && platform.name === ORDER_DATA_PLATFORM;
    if (orderData) for (const it of items) if (DEMO_HS6[it.category]) Object.assign(it, { hsCode: DEMO_HS6[it.category] });
    const amountPaid = orderData ? money(items.reduce((s, it) => s + it.price * it.quantity, 0)) : undefined;
    const n = String(i + 1).padStart(7, '0');
    out.push({
      ref: `${o.refPrefix ?? 'DEMO'}-${n}`,
      declaredAt,
      ecommerceType: viaForwarder ? 'forwarding' : platform.name === 'Coupang Global' ? 'purchase-agency' : 'direct',
      purpose: 'personal',
      shipment: {
        mode: courier.code === 'EPOST' ? 'postal' : 'express',
        shipFrom: src.country,
        hblNo: `${courier.code.slice(0, 2)}${declaredAt.replace(/-/g, '').slice(2)}${blSerialPrefix}${n}`,
        mblNo: `${src.country === 'CN' ? '180' : src.country === 'US' ? '988' : '618'}-${String(10_000_000 + Math.floor(rng() * 89_999_999))}`,
        arrivalDate,
        grossWeightKg: Math.max(0.1, Math.round(weight * 10) / 10),
      },
      parties: {
        platform,
        seller: { name: seller, country: src.country === 'FR' ? 'FR' : src.country },
        courier: { name: courier.name, code: courier.code },
        ...(viaForwarder ? { forwarder: { ...forwarderOf(rng), country: 'US' } } : {}),
      },
      consignee: { name: consignee.name, pccc: consignee.pccc, phone: consignee.phone, postcode: consignee.postcode, address: consignee.address },
      order: {
        orderNo: `${platform.name.slice(0, 2).toUpperCase()}${Math.floor(rng() * 1e12)}`,
        purchasedAt,
        currency: src.currency,
        ...(amountPaid !== undefined ? { amountPaid } : {}),
      },
      items,
    });
  }
  return out;
}
