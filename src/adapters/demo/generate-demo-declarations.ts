// Deterministic demo declarations: Korean consignees with P+12-digit PCCCs, real-looking
// platforms, sellers, forwarders and couriers, ~68% of parcels from China (domain-rules §9).
// The same seed and dates give the same declarations.

import { addDays } from '../../domain/dates.ts';

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

export interface Goods {
  category: string;
  ko: string;
  /** Each brand with models of its own: drawn apart, a parcel declared "헤드폰 Apple QuietComfort Ultra". */
  brands: { name: string; models: string[] }[];
  price: [number, number];
  weight: [number, number];
}

const CN_GOODS: Goods[] = [
  { category: 'phone-case', ko: '휴대폰케이스', brands: [{ name: 'Spigen', models: ['Ultra Hybrid', '터프 아머', '리퀴드 에어'] }, { name: 'ESR', models: ['MagSafe 투명', '클래식 하이브리드', '에어 아머'] }, { name: 'Baseus', models: ['슬림 실리콘', '매트 하드', '카드수납 범퍼'] }], price: [2, 18], weight: [0.1, 0.3] },
  { category: 'cable', ko: '충전케이블', brands: [{ name: 'Baseus', models: ['USB-C 100W 2m', '3in1 고속', 'Lightning 1m'] }, { name: 'UGREEN', models: ['USB-C 60W 1m', 'Lightning MFi 1m', '3in1 나일론'] }, { name: 'Anker', models: ['PowerLine III USB-C 1.8m', 'PowerLine II Lightning', '322 USB-C 0.9m'] }], price: [3, 15], weight: [0.1, 0.3] },
  { category: 'clothing', ko: '티셔츠', brands: [{ name: 'Uniqlo', models: ['에어리즘 코튼 오버핏', '드라이EX 크루넥', 'U 크루넥 반팔'] }, { name: 'SHEIN', models: ['오버핏 코튼', '반팔 라운드', '크롭 베이직'] }, { name: 'Li-Ning', models: ['Dri 기능성', '트레이닝 반팔', '로고 라운드'] }], price: [5, 35], weight: [0.2, 0.6] },
  { category: 'shoes', ko: '운동화', brands: [{ name: 'Li-Ning', models: ['러닝 Feidian 4', 'Way of Wade 10', '경량 워킹'] }, { name: 'Anta', models: ['KT7 농구화', 'C202 러닝', '경량 워킹'] }, { name: 'Xtep', models: ['160X 5.0 러닝', '경량 워킹', '쿠션 러닝'] }], price: [25, 120], weight: [0.8, 1.5] },
  { category: 'toy', ko: '블록장난감', brands: [{ name: 'Cada', models: ['테크닉 레이싱카', '시티 하우스', 'RC 오프로드'] }, { name: 'Mould King', models: ['테크닉 레이싱카', '로봇 변신', '크레인 트럭'] }, { name: 'Xingbao', models: ['시티 하우스', '중세 성', '꽃다발'] }], price: [10, 80], weight: [0.5, 2] },
  { category: 'kitchenware', ko: '주방용품', brands: [{ name: 'Xiaomi', models: ['스테인리스 거름망', '실리콘 조리도구 세트', '전자 주방저울'] }, { name: 'Joyoung', models: ['실리콘 조리도구 세트', '두유기 필터', '밀폐용기 5종'] }, { name: 'Supor', models: ['밀폐용기 5종', '스테인리스 거름망', '논스틱 프라이팬 28cm'] }], price: [4, 30], weight: [0.3, 1.2] },
  { category: 'lamp', ko: 'LED조명', brands: [{ name: 'Yeelight', models: ['무드등 RGB', '데스크 스탠드 Pro', '라이트 스트립'] }, { name: 'Xiaomi', models: ['데스크 스탠드', '센서 야간등', '무드등 RGB'] }, { name: 'Opple', models: ['센서 야간등', 'LED 스탠드', '무드등'] }], price: [6, 45], weight: [0.3, 1] },
  { category: 'bag', ko: '백팩', brands: [{ name: 'Xiaomi', models: ['노트북 방수 15인치', '미니 크로스', '시티 백팩'] }, { name: 'Tigernu', models: ['여행용 확장형', '노트북 방수 15인치', '미니 크로스'] }, { name: 'Bange', models: ['여행용 확장형', '비즈니스 백팩', '미니 크로스'] }], price: [15, 60], weight: [0.6, 1.2] },
  { category: 'headphones', ko: '무선이어폰', brands: [{ name: 'QCY', models: ['T13 ANC', 'HT05 MeloBuds', 'T17'] }, { name: 'Soundpeats', models: ['Air3 Pro', 'Air4', 'Capsule3 Pro'] }, { name: 'Haylou', models: ['GT7 블루투스', 'W1', 'X1 Neo'] }], price: [12, 50], weight: [0.1, 0.3] },
];
const US_GOODS: Goods[] = [
  { category: 'vitamin', ko: '비타민', brands: [{ name: 'Nature Made', models: ['비타민D3 2000IU', '멀티비타민 300정', '비타민C 500mg'] }, { name: "Nature's Bounty", models: ['비타민D3 1000IU', '비타민B 콤플렉스', '비타민C 1000mg'] }, { name: 'Kirkland', models: ['데일리 멀티비타민 500정', '비타민D3 2000IU', '비타민C 1000mg'] }], price: [9, 35], weight: [0.3, 0.8] },
  { category: 'supplement', ko: '영양제', brands: [{ name: 'NOW Foods', models: ['오메가3 피쉬오일', '마그네슘 글리시네이트', '루테인 20mg'] }, { name: 'Doctor’s Best', models: ['마그네슘 글리시네이트', '코엔자임Q10 100mg', '글루코사민 MSM'] }, { name: 'California Gold', models: ['오메가3 피쉬오일', '루테인 20mg', '유산균 50억'] }], price: [10, 40], weight: [0.3, 0.8] },
  { category: 'shoes', ko: '운동화', brands: [{ name: 'Nike', models: ['Air Zoom Pegasus 41', 'Air Max 90', 'Dunk Low'] }, { name: 'New Balance', models: ['990v6', '574', 'Fresh Foam X 1080'] }, { name: 'Adidas', models: ['Ultraboost Light', 'Samba OG', 'Gazelle'] }], price: [60, 190], weight: [0.9, 1.6] },
  { category: 'headphones', ko: '헤드폰', brands: [{ name: 'Bose', models: ['QuietComfort Ultra', 'QuietComfort 45', 'QuietComfort Earbuds II'] }, { name: 'Sony', models: ['WH-1000XM5', 'WH-1000XM4', 'WF-1000XM5'] }, { name: 'Apple', models: ['AirPods Pro 2', 'AirPods Max', 'AirPods 4'] }], price: [120, 380], weight: [0.4, 1] },
  { category: 'clothing', ko: '후드티', brands: [{ name: 'Champion', models: ['리버스위브 후디', '로고 크루넥', '에센셜 후디'] }, { name: 'Carhartt', models: ['WIP 후디', '체이스 스웻셔츠', '로고 크루넥'] }, { name: "Levi's", models: ['로고 크루넥', '배트윙 후디', '릴렉스 후디'] }], price: [30, 90], weight: [0.5, 1] },
  { category: 'cosmetics', ko: '화장품', brands: [{ name: 'CeraVe', models: ['모이스처라이징 크림 453g', '레티놀 세럼', '하이드레이팅 클렌저'] }, { name: 'Neutrogena', models: ['하이드로부스트 젤', '레티놀 세럼', '울트라 쉬어 선크림'] }, { name: 'Olay', models: ['리제너리스트 크림', '레티놀24 세럼', '비타민C 세럼'] }], price: [12, 45], weight: [0.3, 0.7] },
];
const JP_GOODS: Goods[] = [
  { category: 'cosmetics', ko: '선크림', brands: [{ name: 'Biore', models: ['UV 아쿠아리치', '톤업 에센스', '워터리 젤'] }, { name: 'Anessa', models: ['퍼펙트 UV 밀크', '퍼펙트 UV 젤', '톤업 UV 에센스'] }, { name: 'Skin Aqua', models: ['톤업 에센스', '슈퍼 모이스처 젤', 'UV 밀크'] }], price: [1200, 3800], weight: [0.2, 0.5] },
  { category: 'toy', ko: '피규어', brands: [{ name: 'Bandai', models: ['건프라 RG', '건프라 MG', 'S.H.Figuarts'] }, { name: 'Good Smile', models: ['넨도로이드', 'Pop Up Parade', 'figma'] }, { name: 'Kotobukiya', models: ['ARTFX J', 'ARTFX+', '프레임 암즈'] }], price: [3000, 15000], weight: [0.4, 1.2] },
];
const EU_GOODS: Goods[] = [
  { category: 'perfume', ko: '향수', brands: [{ name: 'Diptyque', models: ['도손 EDT 50ml', '필로시코스 EDT 50ml', '오 로즈 EDT 50ml'] }, { name: 'Le Labo', models: ['상탈33 EDP 50ml', '어나더13 EDP 50ml', '떼누아29 EDP 50ml'] }, { name: 'Byredo', models: ['블랑쉬 EDP 50ml', '집시워터 EDP 50ml', '모하비 고스트 EDP 50ml'] }], price: [90, 180], weight: [0.3, 0.6] },
  { category: 'cosmetics', ko: '크림', brands: [{ name: 'Caudalie', models: ['비노퍼펙트 세럼', '비노하이드라 크림', '뷰티 엘릭시르'] }, { name: 'La Roche-Posay', models: ['시카플라스트 밤', '톨레리앙 크림', '에빠끌라 젤'] }, { name: 'Nuxe', models: ['윌 프로디지우스', '크렘 프레쉬', '레브 드 미엘 립밤'] }], price: [15, 45], weight: [0.2, 0.5] },
];

/**
 * A store: `carries` its categories (absent: a general store), `brands` its own brands only (an
 * official store), `onlyOn` the one platform it sells through (its own shop). A parcel's platform
 * and seller are drawn among those that carry all its goods, so no iHerb parcel of Nike shoes.
 */
export interface Store {
  name: string;
  carries?: string[];
  brands?: string[];
  onlyOn?: string;
  /** Its share among the stores that fit, relative to the others (default 1). */
  weight?: number;
}
export interface Platform extends Store {
  country: string;
}

export interface Source {
  country: string;
  currency: string;
  share: number;
  goods: Goods[];
  platforms: Platform[];
  sellers: Store[];
}

export const DEMO_SOURCES: readonly Source[] = [
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
    sellers: [
      { name: 'Shenzhen Baseus Official Store', brands: ['Baseus'] },
      { name: 'UGREEN Global Store', brands: ['UGREEN'] },
      { name: 'Li-Ning Official', brands: ['Li-Ning'] },
      { name: 'Guangzhou Fashion Co.', carries: ['clothing', 'shoes', 'bag'] },
      { name: 'Yiwu Home Goods', carries: ['kitchenware', 'lamp', 'toy', 'bag'] },
      { name: 'Shenzhen Digital Accessories Co.', carries: ['phone-case', 'cable', 'headphones', 'lamp'] },
      { name: 'Hangzhou Global Trading Co.' },
    ],
  },
  {
    country: 'US',
    currency: 'USD',
    share: 0.2,
    goods: US_GOODS,
    platforms: [
      { name: 'Amazon', country: 'US' },
      // Most supplements Koreans buy from the US come through iHerb.
      { name: 'iHerb', country: 'US', carries: ['vitamin', 'supplement', 'cosmetics'], weight: 10 },
      { name: 'eBay', country: 'US' },
    ],
    sellers: [
      { name: 'Amazon.com Services' },
      { name: 'iHerb LLC', carries: ['vitamin', 'supplement', 'cosmetics'], onlyOn: 'iHerb' },
      { name: 'Nike Store', brands: ['Nike'] },
      { name: 'B&H Photo', carries: ['headphones'] },
      { name: 'Costco Wholesale', carries: ['vitamin', 'supplement', 'cosmetics', 'clothing', 'headphones'] },
    ],
  },
  {
    country: 'JP',
    currency: 'JPY',
    share: 0.08,
    goods: JP_GOODS,
    platforms: [{ name: 'Rakuten', country: 'JP' }, { name: 'Amazon Japan', country: 'JP' }],
    sellers: [{ name: 'Rakuten Books', carries: ['toy'] }, { name: 'Yodobashi Camera' }, { name: 'Matsumoto Kiyoshi', carries: ['cosmetics'] }],
  },
  {
    country: 'FR',
    currency: 'EUR',
    share: 0.04,
    goods: EU_GOODS,
    platforms: [{ name: 'Farfetch', country: 'GB' }, { name: 'Notino', country: 'CZ' }],
    sellers: [{ name: 'Notino s.r.o.', onlyOn: 'Notino' }, { name: 'Farfetch UK' }, { name: 'Pharmacie Monge', carries: ['cosmetics'] }],
  },
];

/** Whether a store sells every item of a parcel. */
function sellsAll(store: Store, items: readonly { category: string; brand: string }[]): boolean {
  return items.every((it) => (!store.carries || store.carries.includes(it.category)) && (!store.brands || store.brands.includes(it.brand)));
}

/** The store a draw in [0, 1) picks, by weight, among those that sell every item (each source has a general store, so never none). */
function storeFor<T extends Store>(stores: readonly T[], items: readonly { category: string; brand: string }[], draw: number, platform?: string): T {
  const fits = stores.filter((s) => sellsAll(s, items) && (platform === undefined || (s.onlyOn ?? platform) === platform));
  // A single-vendor platform sells only its own store's goods (iHerb sells through iHerb LLC).
  const own = platform === undefined ? [] : fits.filter((s) => s.onlyOn === platform);
  const pool = own.length > 0 ? own : fits;
  let left = draw * pool.reduce((sum, s) => sum + (s.weight ?? 1), 0);
  for (const s of pool) if ((left -= s.weight ?? 1) < 0) return s;
  return pool[pool.length - 1]!;
}

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
const DEMO_HS6: Record<string, string> = { vitamin: '210690', supplement: '210690', cosmetics: '330499' };

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
    let src = DEMO_SOURCES[0]!;
    for (const s of DEMO_SOURCES) {
      if (r < s.share) {
        src = s;
        break;
      }
      r -= s.share;
    }
    const consignee = o.consignees[Math.floor(Math.pow(rng(), 1.6) * o.consignees.length)]!; // some buy often
    const declaredAt = addDays(o.until, -Math.floor(rng() * o.days));
    const purchasedAt = addDays(declaredAt, -(1 + Math.floor(rng() * 6)));
    const arrivalDate = addDays(declaredAt, 1 + Math.floor(rng() * 2)) > o.until ? declaredAt : addDays(declaredAt, 1);
    // Drawn here, as before, so every later draw is the same; the stores are chosen once the goods are known.
    const platformDraw = rng();
    const sellerDraw = rng();
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
        description: `${g.ko} ${brand.name} ${pick(rng, brand.models)}`,
        brand: brand.name,
        category: g.category,
        quantity,
        unit: g.category === 'vitamin' || g.category === 'supplement' ? 'bottle' : 'piece',
        price: unitPrice,
        originCountry: src.country,
      });
    }
    const platform = storeFor(src.platforms, items, platformDraw);
    const seller = storeFor(src.sellers, items, sellerDraw, platform.name).name;
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
        platform: { name: platform.name, country: platform.country },
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
