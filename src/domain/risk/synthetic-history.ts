// A synthetic history of e-commerce import declarations with inspection outcomes, for training
// and measuring the risk model where real outcomes cannot be published. Pure and seeded: the
// same options give the same history. Declarations have the shape of declaration-schema.ts and
// pass the engine's validation; parties (platforms, sellers, forwarders, couriers, brokers) and
// consignees (with PCCCs) are fictional.
//
// Fraud patterns (each is a label column of the history files, "pattern <name>"):
//   undervaluation     the seller declares a fraction (15–50%) of the real price, usually to get
//                      under the USD 150 de minimis; in a third of cases the platform's order data
//                      still carries the real amount paid (the engine's AMOUNT_PAID_MISMATCH).
//   misclassification  goods declared under a lower-duty category/HS code (shoes as sporting
//                      goods, tea as herbs, honey as food preparations, …) while the description
//                      still names the real goods.
//   split shipment     one purchase split into 3–5 parcels of USD 115–149 each, over 1–3 days,
//                      under different B/Ls and mostly different purchase dates (so combined
//                      taxation does not catch them).
//   pccc misuse        a stolen PCCC used by a resale ring with many names, phones and postcodes
//                      for goods in commercial quantities under the de minimis.
//   counterfeit        luxury brands (bags, watches, shoes, …) at implausible prices (USD 15–90)
//                      from sellers in CN/HK; a few say "replica"/"미러급" outright.
//   narcotics          concealment goods (herbal tea, gummies, e-liquid, bath salts, plush toys —
//                      the same goods and brands ordinary sellers ship) on a few routes (US, CA,
//                      TH, NL, VN), half through two forwarders, heavy for their value, one-off
//                      sellers, new or stolen identities; rarely a telltale keyword ("CBD").
// Look-alikes that are not fraud keep the task honest: sales at 35–60% of the usual price,
// families sharing one PCCC (a second name and phone), heavy shoppers who often buy just under
// the de minimis, honest misdeclared categories, cheap non-luxury goods of luxury-looking brands.
// An illicit parcel is found by inspection with probability `detectionRate` (label "illicit");
// revenue at stake is the tax the fraud avoids, approximated as value × KRW 1,350/USD × (duty +
// 10% VAT on value + duty), with the de minimis exemption for declared values ≤ USD 150
// (seizures of counterfeits and narcotics raise no revenue: 0).
import type { Declaration, DeclarationItem } from '../declaration-schema.ts';
import { dayNumber, dateOfDayNumber } from '../dates.ts';
import { logNormal, pick, pickWeighted, randomInt, seededRandom, weightedSampler, type Random } from './random.ts';

export const FRAUD_PATTERNS = ['undervaluation', 'misclassification', 'split shipment', 'pccc misuse', 'counterfeit', 'narcotics'] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];

export interface SyntheticCase {
  declaration: Declaration;
  /** Patterns present (ground truth); illicit = found by inspection. */
  patterns: FraudPattern[];
  illicit: boolean;
  revenueAtStakeKrw: number;
}

export interface SyntheticOptions {
  seed: number;
  count: number;
  from: string;
  to: string;
  detectionRate: number;
  /** Units of `currency` per USD on a date (e.g. the customs rates of the reference), so that
   *  "just under USD 150" holds at the engine's rates; default: fixed typical rates. */
  usdRate?: (currency: string, date: string) => number | null;
}

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = { seed: 7, count: 100_000, from: '2023-01-01', to: '2025-12-31', detectionRate: 0.9 };

const KRW_PER_USD = 1350;
const DE_MINIMIS_USD = 150;

interface Product {
  category: string;
  hs: string;
  duty: number;
  word: string;
  brands: string[];
  models: string[];
  medianUsd: number;
  sigma: number;
  weightKg: number;
  unit?: DeclarationItem['unit'];
  volumeMl?: number;
  maxQty: number;
}

const p = (category: string, hs: string, duty: number, word: string, brands: string[], models: string[], medianUsd: number, weightKg: number, extra: Partial<Product> = {}): Product => ({ category, hs, duty, word, brands, models, medianUsd, sigma: 0.45, weightKg, maxQty: 3, ...extra });

const ORDINARY_PRODUCTS: Product[] = [
  p('clothing', '6109', 0.13, '티셔츠', ['Nike', 'Uniqlo', 'Zara', 'Adidas', 'Champion'], ['Dri-FIT Tee', 'Airism Crew', 'Basic Logo Tee', 'Heritage Tee'], 25, 0.25),
  p('outerwear', '6201', 0.13, '자켓', ['The North Face', 'Patagonia', 'Columbia'], ['Nuptse Down Jacket', 'Torrentshell', 'Fleece Jacket'], 130, 0.9),
  p('shoes', '6404', 0.13, '운동화', ['Nike', 'Adidas', 'New Balance', 'Asics'], ['Air Max 90', 'Ultraboost 22', '990v6', 'Gel-Kayano 30'], 95, 1.0),
  p('bag', '4202', 0.08, '가방', ['Coach', 'Michael Kors', 'Herschel', 'Samsonite'], ['Tabby Shoulder Bag', 'Jet Set Tote', 'Little America Backpack'], 150, 0.8),
  p('wallet', '420231', 0.08, '지갑', ['Coach', 'Fossil', 'Bellroy'], ['Slim Bifold', 'Card Holder', 'Zip Wallet'], 60, 0.2),
  p('watch', '9102', 0.08, '시계', ['Casio', 'Seiko', 'Garmin', 'Timex'], ['G-Shock GA-2100', 'Presage', 'Forerunner 255', 'Weekender'], 130, 0.3),
  p('jewellery', '7113', 0.08, '목걸이', ['Pandora', 'Swarovski'], ['Moments Chain', 'Millenia Pendant'], 80, 0.1),
  p('cosmetics', '3304', 0.065, '크림', ['Clinique', 'Estee Lauder', "Kiehl's", 'La Roche-Posay'], ['Moisture Surge', 'Advanced Night Repair', 'Ultra Facial Cream', 'Cicaplast Baume'], 40, 0.3),
  p('perfume', '3303', 0.065, '향수', ['Jo Malone', 'Diptyque', 'Byredo'], ['Wood Sage 50ml', 'Philosykos 50ml', 'Gypsy Water 50ml'], 120, 0.4, { volumeMl: 50, maxQty: 1 }),
  p('vitamin', '2106', 0.08, '비타민', ['Now Foods', 'Solgar', 'Nature Made', "Doctor's Best"], ['Vitamin C 1000mg', 'Vitamin D3 5000IU', 'Omega-3 Fish Oil', 'Magnesium Glycinate'], 20, 0.3, { unit: 'bottle', maxQty: 3 }),
  p('headphones', '851830', 0, '이어폰', ['Sony', 'Anker', 'Jabra', 'Bose'], ['WF-1000XM5', 'Soundcore Liberty 4', 'Elite 10', 'QuietComfort Earbuds'], 120, 0.3),
  p('speaker', '8518', 0.08, '스피커', ['JBL', 'Bose', 'Marshall'], ['Flip 6', 'SoundLink Flex', 'Emberton II'], 110, 0.9),
  p('toy', '9503', 0.08, '장난감', ['Hasbro', 'Mattel', 'Bandai'], ['Nerf Elite 2.0', 'Hot Wheels Track Set', 'Gundam HG Kit'], 35, 0.7),
  p('lego', '9503003300', 0, '레고', ['LEGO'], ['Technic 42154', 'Icons 10497', 'Star Wars 75367'], 80, 1.2),
  p('book', '4901', 0, '도서', ['Penguin', 'Oreilly', 'HarperCollins'], ['Atomic Habits', 'Designing Data-Intensive Applications', 'Project Hail Mary'], 18, 0.6),
  p('phone-case', '3926', 0.065, '휴대폰 케이스', ['Spigen', 'OtterBox', 'Casetify'], ['Ultra Hybrid', 'Defender Series', 'Impact Case'], 18, 0.1),
  p('tea', '0902', 0.4, '홍차', ['TWG', 'Harney Sons', 'Twinings'], ['1837 Black Tea', 'Hot Cinnamon Spice', 'English Breakfast'], 25, 0.3),
  p('honey', '0409', 2.43, '꿀', ['Manuka Health', 'Comvita'], ['MGO 263+ 250g', 'UMF 10+ 500g'], 45, 0.6, { maxQty: 2 }),
  p('coffee', '090121', 0.08, '커피', ['Lavazza', 'Illy', 'Starbucks'], ['Qualita Rossa Beans', 'Classico Ground', 'Pike Place Beans'], 20, 1.0),
  p('sporting-goods', '9506', 0.08, '요가매트', ['Lululemon', 'Manduka', 'Gaiam'], ['The Mat 5mm', 'PRO Mat', 'Premium Print Mat'], 70, 2.0),
  p('golf', '950631', 0.08, '골프공', ['Titleist', 'Callaway', 'TaylorMade'], ['Pro V1 Dozen', 'Chrome Soft Dozen', 'TP5 Dozen'], 50, 0.5),
  p('kitchenware', '7323', 0.08, '프라이팬', ['Tefal', 'Lodge', 'Le Creuset'], ['Ingenio Pan 28cm', 'Cast Iron Skillet', 'Toughened Pan'], 45, 1.5),
  p('sunglasses', '900410', 0.08, '선글라스', ['Ray-Ban', 'Oakley'], ['Wayfarer RB2140', 'Holbrook'], 150, 0.2),
];

/** Lower-duty categories goods are misdeclared under (true category → declared category, duty). */
const MISCLASSIFY: Record<string, { category: string; hs: string; duty: number }> = {
  shoes: { category: 'sporting-goods', hs: '9506', duty: 0.08 },
  clothing: { category: 'accessory', hs: '7117', duty: 0.08 },
  outerwear: { category: 'sporting-goods', hs: '9506', duty: 0.08 },
  tea: { category: 'herbal', hs: '1211', duty: 0.08 },
  honey: { category: 'food', hs: '2106', duty: 0.08 },
  speaker: { category: 'headphones', hs: '851830', duty: 0 },
  toy: { category: 'lego', hs: '9503003300', duty: 0 },
  bag: { category: 'book', hs: '4901', duty: 0 },
};

const LUXURY: Product[] = [
  p('bag', '4202', 0.08, '가방', ['Gucci', 'Louis Vuitton', 'Chanel', 'Prada'], ['Marmont Shoulder Bag', 'Neverfull MM', 'Classic Flap', 'Re-Edition 2005'], 2200, 1.0, { maxQty: 1 }),
  p('wallet', '420231', 0.08, '지갑', ['Gucci', 'Louis Vuitton', 'Bottega Veneta'], ['GG Wallet', 'Zippy Wallet', 'Intrecciato Bifold'], 550, 0.2, { maxQty: 1 }),
  p('watch', '9102', 0.08, '시계', ['Rolex', 'Cartier', 'Omega'], ['Submariner 126610', 'Tank Must', 'Speedmaster Moonwatch'], 7000, 0.4, { maxQty: 1 }),
  p('shoes', '6404', 0.13, '운동화', ['Balenciaga', 'Dior', 'Gucci'], ['Triple S', 'B23 High-Top', 'Ace Sneaker'], 900, 1.2, { maxQty: 1 }),
  p('belt', '4203', 0.13, '벨트', ['Gucci', 'Hermes'], ['GG Marmont Belt', 'H Belt'], 480, 0.3, { maxQty: 1 }),
  p('sunglasses', '900410', 0.08, '선글라스', ['Dior', 'Prada'], ['DiorSoStellaire', 'Symbole PR 17WS'], 420, 0.2, { maxQty: 1 }),
];

/** Goods narcotics are hidden in; ordinary sellers sell the same goods under the same brands. */
const CONCEALMENT: Product[] = [
  p('herbal', '1211', 0.08, '허브차', ['Traditional Medicinals', 'Yogi', 'Pukka'], ['Chamomile Tea', 'Bedtime Herbal Tea', 'Relax Blend Tea'], 15, 0.3),
  p('confectionery', '1704', 0.08, '젤리', ['Haribo', 'Trolli', 'Albanese'], ['Gummy Bears', 'Sour Gummy Worms', 'Gummy Candy Mix'], 12, 0.5),
  p('vitamin', '2106', 0.08, '비타민', ['Olly', 'Vitafusion', 'Nature Made'], ['Sleep Gummies', 'Multivitamin Gummies', 'Melatonin Gummies'], 18, 0.4, { unit: 'bottle' }),
  p('e-cigarette-liquid', '2404', 0.08, '전자담배 액상', ['Naked 100', 'Pod Juice', 'Juice Head'], ['E-liquid Mango 30ml', 'E-liquid Lush Ice 30ml', 'E-liquid Berry 30ml'], 20, 0.1, { maxQty: 2 }),
  p('soap', '3401', 0.065, '입욕제', ['Lush', 'Dr Teals', 'Epsoak'], ['Bath Salt Lavender', 'Bath Bomb Set', 'Epsom Salt Relax'], 22, 0.9),
  p('toy', '9503', 0.08, '장난감', ['Jellycat', 'Squishmallows', 'Gund'], ['Plush Bear Large', 'Plush Cat 40cm', 'Plush Bunny'], 30, 0.5),
];

interface Origin {
  country: string;
  currency: string;
  perUsd: number;
  weight: number;
  platforms: string[];
}

const ORIGINS: Origin[] = [
  { country: 'CN', currency: 'CNY', perUsd: 7.1, weight: 60, platforms: ['Dragon Bazaar', 'Silk Market Online', 'Panda Deals', 'Jade Mall'] },
  { country: 'US', currency: 'USD', perUsd: 1, weight: 20, platforms: ['Liberty Shop', 'Eagle Marketplace', 'Vita Direct'] },
  { country: 'JP', currency: 'JPY', perUsd: 150, weight: 8, platforms: ['Sakura Ichiba', 'Fuji Market'] },
  { country: 'DE', currency: 'EUR', perUsd: 0.92, weight: 4, platforms: ['Rhein Mode', 'Euro Luxe'] },
  { country: 'FR', currency: 'EUR', perUsd: 0.92, weight: 2, platforms: ['Euro Luxe', 'Paris Boutique Online'] },
  { country: 'GB', currency: 'GBP', perUsd: 0.79, weight: 3, platforms: ['Thames Fashion', 'Euro Luxe'] },
  { country: 'HK', currency: 'HKD', perUsd: 7.8, weight: 3, platforms: ['Harbour Mall', 'Dragon Bazaar'] },
  { country: 'CA', currency: 'USD', perUsd: 1, weight: 1.5, platforms: ['Maple Mart', 'Eagle Marketplace'] },
  { country: 'NL', currency: 'EUR', perUsd: 0.92, weight: 1.5, platforms: ['Dutch Deals', 'Euro Luxe'] },
  { country: 'TH', currency: 'USD', perUsd: 1, weight: 1, platforms: ['Siam Market'] },
  { country: 'VN', currency: 'USD', perUsd: 1, weight: 1, platforms: ['Saigon Shop'] },
];

const PRODUCTS: Product[] = [...ORDINARY_PRODUCTS, ...CONCEALMENT];

const NARCOTICS_ROUTES = ORIGINS.filter((o) => ['US', 'CA', 'TH', 'NL', 'VN'].includes(o.country));

const COURIERS = [
  { name: 'Hanbit Express', code: 'CR01', mode: 'express' },
  { name: 'Seoul Global Courier', code: 'CR02', mode: 'express' },
  { name: 'Arirang Logistics', code: 'CR03', mode: 'express' },
  { name: 'Pacific Parcel', code: 'CR04', mode: 'express' },
  { name: 'K-Post International', code: 'CR05', mode: 'postal' },
  { name: 'Blue Crane Express', code: 'CR06', mode: 'express' },
] as const;

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = ['민준', '서연', '도윤', '지우', '하준', '서윤', '시우', '하은', '주원', '지민', '예준', '수아', '지호', '채원', '현우', '지유', '준서', '다은', '유진', '민서', '은우', '소율', '건우', '예린'];
const CITIES = [
  { city: '서울특별시 강남구 테헤란로', area: '06' },
  { city: '서울특별시 마포구 월드컵로', area: '04' },
  { city: '부산광역시 해운대구 센텀중앙로', area: '48' },
  { city: '인천광역시 연수구 송도과학로', area: '21' },
  { city: '대구광역시 수성구 동대구로', area: '42' },
  { city: '대전광역시 유성구 대학로', area: '34' },
  { city: '광주광역시 서구 상무중앙로', area: '61' },
  { city: '경기도 성남시 분당구 판교역로', area: '13' },
  { city: '경기도 수원시 영통구 광교로', area: '16' },
  { city: '경기도 고양시 일산동구 중앙로', area: '10' },
  { city: '경상남도 창원시 성산구 중앙대로', area: '51' },
  { city: '제주특별자치도 제주시 연동', area: '63' },
];

interface Consignee {
  name: string;
  pccc: string;
  phone: string;
  postcode: string;
  address: string;
  activity: number;
  /** Family members who use the same PCCC (legitimately, if not by the book). */
  family: { name: string; phone: string; postcode: string; address: string }[];
  /** Buys just under the de minimis by habit (not splitting). */
  bargainHunter: boolean;
}

type SellerKind = 'clean' | 'undervaluer' | 'misclassifier' | 'counterfeiter' | 'narcotics' | 'splitter';

interface Seller {
  code: string;
  name: string;
  origin: Origin;
  platform: string;
  kind: SellerKind;
  /** Share of the seller's parcels that carry its fraud. */
  rate: number;
  products: Product[];
  startDay: number;
  endDay: number;
  activity: number;
}

interface World {
  r: Random;
  usdRate: SyntheticOptions['usdRate'];
  consignees: Consignee[];
  pickConsignee: (r: Random) => Consignee;
  /** Active sellers of a day and a sampler by activity, cached per day. */
  sellersOfDay: Map<number, { sellers: Seller[]; pick: (r: Random) => Seller }>;
  sellers: Seller[];
  forwarders: { code: string; name: string; country: string; risky: boolean }[];
  brokers: { code: string; name: string }[];
  nextRef: number;
  nextHbl: number;
  /** Numbers one-off parties (shops, identities) while parcels are planned. */
  serial: number;
}

function person(r: Random, index: number): Consignee {
  const place = pick(r, CITIES);
  const postcode = `${place.area}${String(randomInt(r, 0, 999)).padStart(3, '0')}`;
  const surname = pick(r, SURNAMES);
  const family = r() < 0.08 ? Array.from({ length: randomInt(r, 1, 2) }, () => ({ name: `${r() < 0.5 ? surname : pick(r, SURNAMES)}${pick(r, GIVEN)}`, phone: `010-${randomInt(r, 1000, 9999)}-${randomInt(r, 1000, 9999)}`, postcode, address: '' })) : [];
  const bargainHunter = r() < 0.03;
  return {
    family,
    bargainHunter,
    name: `${surname}${pick(r, GIVEN)}`,
    pccc: `P${String(100_000_000_000 + index * 7919 + randomInt(r, 0, 7000)).padStart(12, '0').slice(-12)}`,
    phone: `010-${randomInt(r, 1000, 9999)}-${randomInt(r, 1000, 9999)}`,
    postcode,
    address: `${place.city} ${randomInt(r, 1, 400)}, ${randomInt(r, 101, 1504)}호`,
    activity: logNormal(r, 1, 1) * (bargainHunter ? 5 : 1),
  };
}

const SELLER_WORDS = ['Trading', 'Store', 'Outlet', 'Goods', 'Select', 'Direct', 'Shop', 'Supply'];
const SELLER_PREFIX: Record<string, string[]> = {
  CA: ['Toronto', 'Vancouver', 'Calgary'],
  NL: ['Amsterdam', 'Rotterdam', 'Utrecht'],
  TH: ['Bangkok', 'Chiang Mai', 'Pattaya'],
  VN: ['Hanoi', 'Saigon', 'Da Nang'],
  CN: ['Shenzhen', 'Guangzhou', 'Yiwu', 'Hangzhou', 'Dongguan'],
  US: ['Portland', 'Austin', 'Brooklyn', 'Denver', 'Tampa'],
  JP: ['Osaka', 'Nagoya', 'Sapporo', 'Kobe'],
  DE: ['Berlin', 'Hamburg', 'Munich'],
  FR: ['Lyon', 'Paris', 'Nice'],
  GB: ['London', 'Leeds', 'Bristol'],
  HK: ['Kowloon', 'Wan Chai', 'Mong Kok'],
};

function makeWorld(o: SyntheticOptions, r: Random, first: number, last: number): World {
  const span = last - first + 1;
  const nConsignees = Math.max(200, Math.round(o.count * 0.35));
  const consignees = Array.from({ length: nConsignees }, (_, i) => person(r, i));
  const nSellers = Math.max(60, Math.round(o.count * 0.03));
  const sellers: Seller[] = [];
  for (let i = 0; i < nSellers; i++) {
    const origin = pickWeighted(r, ORIGINS, (x) => x.weight);
    const u = r();
    const cheapOrigin = origin.country === 'CN' || origin.country === 'HK';
    let kind: SellerKind = 'clean';
    if (u < 0.06) kind = 'undervaluer';
    else if (u < 0.1) kind = 'misclassifier';
    else if (u < 0.14 && cheapOrigin) kind = 'counterfeiter';
    else if (u < 0.155) kind = 'splitter';
    let products: Product[];
    if (kind === 'counterfeiter') products = LUXURY.slice();
    else if (kind === 'misclassifier') products = PRODUCTS.filter((x) => MISCLASSIFY[x.category]);
    else if (!cheapOrigin && r() < 0.12) products = LUXURY.slice(0, 3 + Math.floor(r() * 3));
    else {
      const n = randomInt(r, 1, 3);
      products = Array.from({ length: n }, () => pick(r, PRODUCTS));
    }
    const long = kind === 'clean' || r() < 0.3;
    const startDay = first + Math.floor((r() * 1.2 - 0.3) * span);
    const duration = long ? span * 2 : Math.max(30, logNormal(r, span * 0.25, 0.6));
    const prefix = pick(r, SELLER_PREFIX[origin.country] ?? ['Global']);
    sellers.push({
      code: `S${origin.country}${String(i + 1).padStart(5, '0')}`,
      name: `${prefix} ${pick(r, SELLER_WORDS)} ${i + 1}`,
      origin,
      platform: pick(r, origin.platforms),
      kind,
      rate: kind === 'clean' ? 0.004 : 0.35 + r() * 0.4,
      products,
      startDay,
      endDay: startDay + duration,
      activity: logNormal(r, 1, 1.1),
    });
  }
  const forwarders = [
    ...['US', 'US', 'US', 'JP', 'JP', 'DE', 'GB', 'HK', 'CN', 'CN'].map((country, i) => ({ code: `FW${String(i + 1).padStart(2, '0')}`, name: `${country} Gateway Forwarding ${i + 1}`, country, risky: false })),
    { code: 'FW11', name: 'Northern Relay Forwarding', country: 'CA', risky: true },
    { code: 'FW12', name: 'Delta Parcel Forwarding', country: 'NL', risky: true },
  ];
  const brokers = Array.from({ length: 15 }, (_, i) => ({ code: `BR${String(i + 1).padStart(2, '0')}`, name: `관세법인 ${['한길', '대한', '누리', '세움', '바른'][i % 5]} ${i + 1}` }));
  return { r, usdRate: o.usdRate, consignees, pickConsignee: weightedSampler(consignees, (c) => c.activity), sellersOfDay: new Map(), sellers, forwarders, brokers, nextRef: 1, nextHbl: 1, serial: 0 };
}

/** Declared tax on a value (USD) at a duty rate: duty + 10% VAT on (value + duty), in KRW. */
function taxKrw(valueUsd: number, duty: number, exemptUnderDeMinimis = true): number {
  if (exemptUnderDeMinimis && valueUsd <= DE_MINIMIS_USD) return 0;
  return Math.round(valueUsd * KRW_PER_USD * (duty + 0.1 * (1 + duty)));
}

function money(usd: number, perUsd: number, currency: string): number {
  const x = usd * perUsd;
  return currency === 'JPY' ? Math.max(1, Math.round(x)) : Math.max(0.01, Math.round(x * 100) / 100);
}

interface Line {
  product: Product;
  brand: string;
  model: string;
  qty: number;
  trueUnitUsd: number;
  declaredUnitUsd: number;
  declared: { category: string; hs: string; duty: number };
  description?: string;
}

interface ParcelPlan {
  day: number;
  consignee: Consignee;
  nameOverride?: { name: string; phone: string; postcode: string; address: string };
  seller: Seller | null;
  origin: { country: string; currency: string; perUsd: number };
  platform: string | null;
  lines: Line[];
  patterns: FraudPattern[];
  amountPaidUsd: number | null | 'declared';
  revenueKrw: number;
  forwarder?: World['forwarders'][number];
  mode?: 'express' | 'postal';
  purchasedDay?: number;
  weightKg?: number;
}

function line(r: Random, product: Product, unitUsd: number, qty = 1): Line {
  return {
    product,
    brand: pick(r, product.brands),
    model: pick(r, product.models),
    qty,
    trueUnitUsd: unitUsd,
    declaredUnitUsd: unitUsd,
    declared: { category: product.category, hs: product.hs, duty: product.duty },
  };
}

function buildDeclaration(w: World, plan: ParcelPlan): Declaration {
  const r = w.r;
  const ref = `SYN-${String(w.nextRef++).padStart(7, '0')}`;
  const declaredAt = dateOfDayNumber(plan.day);
  const mode = plan.mode ?? (r() < 0.78 ? 'express' : 'postal');
  const courier = pick(r, COURIERS.filter((c) => c.mode === mode));
  const forwarder = plan.forwarder ?? (plan.origin.country !== 'CN' && r() < 0.45 ? pick(r, w.forwarders.filter((f) => !f.risky && f.country === plan.origin.country)) : undefined);
  const ecommerceType = forwarder ? 'forwarding' : r() < 0.15 ? 'purchase-agency' : 'direct';
  const who = plan.nameOverride ?? plan.consignee;
  const perUsd = w.usdRate?.(plan.origin.currency, declaredAt) ?? plan.origin.perUsd;
  const items: DeclarationItem[] = plan.lines.map((l) => {
    const useHs = r() < 0.35;
    return {
      description: l.description ?? `${l.product.word} ${l.brand} ${l.model}`,
      ...(useHs ? { hsCode: l.declared.hs } : { category: l.declared.category }),
      quantity: l.qty,
      ...(l.product.unit ? { unit: l.product.unit } : {}),
      ...(l.product.volumeMl ? { volumeMl: l.product.volumeMl } : {}),
      price: money(l.declaredUnitUsd, perUsd, plan.origin.currency),
      originCountry: plan.origin.country,
      brand: l.brand,
    };
  });
  let amountPaid: number | undefined;
  if (plan.amountPaidUsd === 'declared') amountPaid = items.reduce((s, it) => s + it.price * it.quantity, 0);
  else if (plan.amountPaidUsd !== null) amountPaid = money(plan.amountPaidUsd, perUsd, plan.origin.currency);
  const weight = plan.weightKg ?? plan.lines.reduce((s, l) => s + l.product.weightKg * l.qty, 0.2) * (0.85 + r() * 0.3);
  const purchased = plan.purchasedDay ?? plan.day - randomInt(r, 2, 18);
  const seller = plan.seller;
  const d: Declaration = {
    ref,
    declaredAt,
    ecommerceType,
    purpose: 'personal',
    shipment: { mode, shipFrom: plan.origin.country, hblNo: `H${String(w.nextHbl++).padStart(10, '0')}`, grossWeightKg: Math.round(Math.max(0.1, weight) * 100) / 100 },
    parties: {
      ...(plan.platform ? { platform: { name: plan.platform, country: plan.origin.country } } : {}),
      ...(seller ? { seller: { name: seller.name, code: seller.code, country: seller.origin.country } } : {}),
      ...(forwarder ? { forwarder: { name: forwarder.name, code: forwarder.code, country: forwarder.country } } : {}),
      courier: { name: courier.name, code: courier.code },
      ...(r() < 0.3 ? { broker: pick(r, w.brokers) } : {}),
    },
    consignee: { name: who.name, pccc: plan.consignee.pccc, phone: who.phone, postcode: who.postcode, address: who.address },
    order: { orderNo: `O${ref.slice(4)}`, purchasedAt: dateOfDayNumber(Math.min(purchased, plan.day)), currency: plan.origin.currency, ...(amountPaid !== undefined ? { amountPaid } : {}) },
    items,
  };
  return d;
}

function activeSellers(w: World, day: number): { sellers: Seller[]; pick: (r: Random) => Seller } {
  let cached = w.sellersOfDay.get(day);
  if (!cached) {
    const sellers = w.sellers.filter((s) => s.startDay <= day && day <= s.endDay);
    w.sellersOfDay.set(day, (cached = { sellers, pick: weightedSampler(sellers, (s) => s.activity) }));
  }
  return cached;
}

/** An ordinary purchase, possibly with the seller's fraud. */
function ordinaryParcel(w: World, day: number, active: ReturnType<typeof activeSellers>): ParcelPlan {
  const r = w.r;
  const seller = active.pick(r);
  const consignee = w.pickConsignee(r);
  const nLines = r() < 0.75 ? 1 : r() < 0.8 ? 2 : 3;
  const lines: Line[] = [];
  for (let k = 0; k < nLines; k++) {
    const product = pick(r, seller.products);
    lines.push(line(r, product, logNormal(r, product.medianUsd, product.sigma), randomInt(r, 1, product.maxQty === 1 ? 1 : r() < 0.8 ? 1 : product.maxQty)));
  }
  const plan: ParcelPlan = { day, consignee, seller, origin: seller.origin, platform: r() < 0.9 ? seller.platform : null, lines, patterns: [], amountPaidUsd: r() < 0.6 ? 'declared' : null, revenueKrw: 0 };
  // The long tail: small one-off shops (no history), and the odd parcel without a seller.
  if (seller.kind === 'clean' && r() < 0.05) {
    const serial = ++w.serial;
    plan.seller = { ...seller, code: `S${seller.origin.country}T${serial}`, name: `${pick(r, SELLER_PREFIX[seller.origin.country] ?? ['Global'])} ${pick(r, SELLER_WORDS)} T${serial}` };
  }
  else if (seller.kind === 'clean' && r() < 0.02) plan.seller = null;
  if (consignee.family.length && r() < 0.3) {
    const member = pick(r, consignee.family);
    plan.nameOverride = { ...member, address: consignee.address };
  }
  // Look-alikes: sales, habitual just-under-the-limit shopping, honest category slips.
  if (r() < 0.06) for (const l of lines) l.trueUnitUsd = l.declaredUnitUsd = l.trueUnitUsd * (0.35 + r() * 0.25);
  if (consignee.bargainHunter && r() < 0.6) {
    const target = 120 + r() * 29.5;
    const current = lines.reduce((s, l) => s + l.declaredUnitUsd * l.qty, 0);
    for (const l of lines) l.trueUnitUsd = l.declaredUnitUsd = (l.declaredUnitUsd * target) / current;
  }
  if (r() < 0.02) {
    const l = lines[0]!;
    const slip = MISCLASSIFY[l.product.category];
    if (slip) l.declared = slip;
  }
  const commits = r() < seller.rate;
  const kind: SellerKind = seller.kind === 'clean' ? (commits ? (r() < 0.7 ? 'undervaluer' : 'misclassifier') : 'clean') : commits ? seller.kind : 'clean';
  const trueUsd = () => plan.lines.reduce((s, l) => s + l.trueUnitUsd * l.qty, 0);
  const declaredUsd = () => plan.lines.reduce((s, l) => s + l.declaredUnitUsd * l.qty, 0);
  if (kind === 'undervaluer') {
    // Real value mostly above the de minimis; declared at 15–50% of it.
    for (const l of plan.lines) {
      if (l.trueUnitUsd * l.qty < 160) l.trueUnitUsd = (160 + r() * 400) / l.qty;
      l.declaredUnitUsd = l.trueUnitUsd * (0.15 + r() * 0.35);
    }
    const u = r();
    plan.amountPaidUsd = u < 0.33 ? trueUsd() : u < 0.73 ? 'declared' : null;
    plan.patterns.push('undervaluation');
    const duty = plan.lines.reduce((s, l) => s + l.product.duty * l.trueUnitUsd * l.qty, 0) / trueUsd();
    plan.revenueKrw = Math.max(0, taxKrw(trueUsd(), duty) - taxKrw(declaredUsd(), duty));
  } else if (kind === 'misclassifier') {
    const target = plan.lines.find((l) => MISCLASSIFY[l.product.category]) ?? null;
    if (target) {
      target.declared = MISCLASSIFY[target.product.category]!;
      if (trueUsd() < 160) target.trueUnitUsd = target.declaredUnitUsd = (160 + r() * 450) / target.qty;
      plan.patterns.push('misclassification');
      const v = trueUsd();
      plan.revenueKrw = Math.max(0, taxKrw(v, target.product.duty) - taxKrw(v, target.declared.duty));
    }
  } else if (kind === 'counterfeiter') {
    for (const l of plan.lines) {
      l.trueUnitUsd = l.declaredUnitUsd = 15 + r() * 75;
      if (r() < 0.08) l.description = `${l.product.word} ${l.brand} ${l.model} ${pick(r, ['Replica', '미러급', 'AAA grade'])}`;
    }
    plan.patterns.push('counterfeit');
  } else if (kind === 'splitter') {
    // Splitting sellers also sell ordinary parcels; their split series come from splitSeries().
  }
  return plan;
}

/** One purchase split into several parcels just under USD 150 (3–5 parcels over 1–3 days). */
function splitSeries(w: World, day: number, active: ReturnType<typeof activeSellers>): ParcelPlan[] {
  const r = w.r;
  const splitters = active.sellers.filter((s) => s.kind === 'splitter');
  const seller = splitters.length && r() < 0.7 ? pick(r, splitters) : active.pick(r);
  const consignee = w.pickConsignee(r);
  const product = pick(r, seller.products.filter((x) => x.medianUsd < 1000).length ? seller.products.filter((x) => x.medianUsd < 1000) : PRODUCTS);
  const n = randomInt(r, 3, 5);
  const samePurchase = r() < 0.35;
  const purchasedDay = day - randomInt(r, 2, 10);
  const plans: ParcelPlan[] = [];
  const values: number[] = Array.from({ length: n }, () => 115 + r() * 34);
  const total = values.reduce((a, b) => a + b, 0);
  for (let k = 0; k < n; k++) {
    const l = line(r, product, values[k]!, 1);
    plans.push({
      day: day + randomInt(r, 0, 2),
      consignee,
      seller,
      origin: seller.origin,
      platform: seller.platform,
      lines: [l],
      patterns: ['split shipment'],
      amountPaidUsd: r() < 0.5 ? 'declared' : null,
      revenueKrw: Math.round(taxKrw(total, product.duty, false) / n),
      purchasedDay: samePurchase ? purchasedDay : purchasedDay + k,
    });
  }
  return plans;
}

interface Ring {
  victim: Consignee;
  aliases: { name: string; phone: string; postcode: string; address: string }[];
  sellers: Seller[];
  startDay: number;
  endDay: number;
}

/** A parcel of a resale ring that uses a stolen PCCC with its own names, phones and addresses. */
function ringParcel(w: World, ring: Ring, day: number): ParcelPlan {
  const r = w.r;
  const seller = pick(r, ring.sellers);
  const product = pick(r, seller.products.filter((x) => x.medianUsd < 1000).length ? seller.products.filter((x) => x.medianUsd < 1000) : PRODUCTS.slice(0, 8));
  const qty = randomInt(r, 2, 5);
  const unit = (100 + r() * 48) / qty;
  const l = line(r, { ...product, maxQty: 5 }, unit, qty);
  return {
    day,
    consignee: ring.victim,
    nameOverride: pick(r, ring.aliases),
    seller,
    origin: seller.origin,
    platform: seller.platform,
    lines: [l],
    patterns: ['pccc misuse'],
    amountPaidUsd: r() < 0.5 ? 'declared' : null,
    revenueKrw: taxKrw(unit * qty, product.duty, false),
  };
}

/** A concealment parcel on a narcotics route. */
function narcoticsParcel(w: World, day: number): ParcelPlan {
  const r = w.r;
  const route = pick(r, NARCOTICS_ROUTES);
  const risky = w.forwarders.filter((f) => f.risky);
  const forwarder = r() < 0.5 ? pick(r, risky) : undefined;
  const stolen = r() < 0.3;
  const consignee = stolen ? w.pickConsignee(r) : person(r, 2_000_000 + ++w.serial);
  const product = pick(r, CONCEALMENT);
  const unit = logNormal(r, product.medianUsd, 0.4);
  const l = line(r, product, unit, 1);
  if (r() < 0.06) l.description = `${product.word} ${l.brand} ${l.model} CBD`;
  const origin = { ...route, weight: 0, platforms: [] };
  const seller: Seller = { code: `S${route.country}X${++w.serial}`, name: `${pick(r, SELLER_PREFIX[route.country] ?? ['Global'])} ${pick(r, SELLER_WORDS)} ${randomInt(r, 1, 999)}`, origin, platform: '', kind: 'narcotics', rate: 1, products: [product], startDay: day, endDay: day, activity: 1 };
  return {
    day,
    consignee,
    ...(stolen ? { nameOverride: person(r, 0) } : {}),
    seller: r() < 0.7 ? seller : null,
    origin: route,
    platform: r() < 0.6 && route.platforms.length ? pick(r, route.platforms) : null,
    lines: [l],
    patterns: ['narcotics'],
    amountPaidUsd: null,
    revenueKrw: 0,
    ...(forwarder ? { forwarder } : {}),
    mode: r() < 0.55 ? 'postal' : 'express',
    weightKg: product.weightKg * (1.3 + r() * 1.2) + 0.2,
  };
}

/** Generates the history, in declaration order (by date, then reference). */
export function generateSyntheticHistory(options: Partial<SyntheticOptions> = {}): SyntheticCase[] {
  const o: SyntheticOptions = { ...DEFAULT_SYNTHETIC_OPTIONS, ...options };
  const r = seededRandom(o.seed);
  const first = dayNumber(o.from);
  const last = dayNumber(o.to);
  if (first === null || last === null || last < first) throw new Error('synthetic history: from/to must be dates, from ≤ to');
  const w = makeWorld(o, r, first, last);
  const span = last - first + 1;
  // Resale rings: each steals one PCCC and uses it for 2–8 weeks.
  const rings: Ring[] = Array.from({ length: Math.max(3, Math.round(o.count / 2500)) }, () => {
    const start = first + Math.floor(r() * span);
    const cheap = w.sellers.filter((s) => s.origin.country === 'CN' || s.origin.country === 'HK');
    return {
      victim: w.pickConsignee(r),
      aliases: Array.from({ length: randomInt(r, 3, 9) }, (_, i) => person(r, 700_000 + i)),
      sellers: Array.from({ length: 3 }, () => pick(r, cheap.length ? cheap : w.sellers)),
      startDay: start,
      endDay: start + randomInt(r, 14, 56),
    };
  });
  const plans: ParcelPlan[] = [];
  // Volume grows ~30% over the period; plans are drawn until `count` parcels exist.
  while (plans.length < o.count) {
    // Inverse CDF of a density rising linearly by 30% from `from` to `to`.
    const growth = 0.3;
    const x = (Math.sqrt(1 + growth * (2 + growth) * r()) - 1) / growth;
    const day = first + Math.min(span - 1, Math.floor(span * x));
    const sellers = activeSellers(w, day);
    if (!sellers.sellers.length) continue;
    const u = r();
    if (u < 0.004) plans.push(...splitSeries(w, day, sellers));
    else if (u < 0.008) plans.push(narcoticsParcel(w, day));
    else if (u < 0.02) {
      const active = rings.filter((g) => g.startDay <= day && day <= g.endDay);
      plans.push(active.length ? ringParcel(w, pick(r, active), day) : ordinaryParcel(w, day, sellers));
    } else plans.push(ordinaryParcel(w, day, sellers));
  }
  plans.length = o.count;
  for (const plan of plans) plan.day = Math.min(last, plan.day);
  plans.sort((a, b) => a.day - b.day);
  return plans.map((plan) => {
    const declaration = buildDeclaration(w, plan);
    const illicit = plan.patterns.length > 0 && r() < o.detectionRate;
    return { declaration, patterns: plan.patterns, illicit, revenueAtStakeKrw: plan.patterns.length ? Math.round(plan.revenueKrw) : 0 };
  });
}
