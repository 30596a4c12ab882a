// Does a declaration carry the goods that were ordered? (order data reconciliation,
// ORDER_ITEM_SUBSTITUTED). Substitution is declaring cheaper goods than those bought: often within
// one HS chapter (an iPhone declared as a phone case, both ch. 85; a Rolex watch declared as a watch
// strap, 9102 → 9113), which a comparison of chapters does not see. Each ordered line must find a
// declared line that may be the same goods:
//   1. a declared line whose goods are an accessory or part (case, strap, cover, box …) is not the
//      ordered goods unless the order line names one too;
//   2. with HS codes on both lines: the same subheading (6 digits) is the same goods; another
//      heading (4 digits) is other goods unless the descriptions agree (a classification difference
//      of the same T-shirt, 6109 ↔ 6205); the same heading with another subheading is other goods
//      only when the descriptions disagree;
//   3. otherwise the chapter (from the HS code or the description's goods words, as before) and the
//      descriptions: other goods when the chapters differ and the descriptions do not agree, or when
//      the descriptions name different goods.
// Descriptions agree when they name the same goods (a product line counts as its kind: an iPhone
// is a phone), or, when one names none we know, share a word (brand, model), once Korean names are
// mapped to the English ones below (애플 아이폰 = Apple iPhone); they disagree when both name goods
// and none is the same (a shared brand is not enough). Wording, language and quantities split across lines are not substitution.
import { chapterOfDescription, descriptionWords } from './features.ts';

export interface MatchItem {
  description: string;
  hsCode?: string | undefined;
  brand?: string | undefined;
}

/** Korean (and variant) names → one canonical word, so that both languages compare. */
const ALIASES: Record<string, string> = {
  애플: 'apple', 아이폰: 'iphone', 아이패드: 'ipad', 에어팟: 'airpods', 맥북: 'macbook', 삼성: 'samsung', 갤럭시: 'galaxy', 소니: 'sony',
  나이키: 'nike', 아디다스: 'adidas', 롤렉스: 'rolex', 구찌: 'gucci', 샤넬: 'chanel', 프라다: 'prada', 에르메스: 'hermes', 까르띠에: 'cartier',
  디올: 'dior', 루이비통: 'vuitton', 오메가: 'omega', 다이슨: 'dyson', 레고: 'lego',
  휴대폰: 'phone', 핸드폰: 'phone', 스마트폰: 'phone', smartphone: 'phone', 전화기: 'phone', 시계: 'watch', 손목시계: 'watch', wristwatch: 'watch', 워치: 'watch',
  티셔츠: 't-shirt', tshirt: 't-shirt', tee: 't-shirt', 셔츠: 'shirt', 바지: 'pants', trousers: 'pants', 청바지: 'jeans', 신발: 'shoes', 운동화: 'sneakers',
  가방: 'bag', 핸드백: 'handbag', 지갑: 'wallet', 백팩: 'backpack', 이어폰: 'earbuds', earphones: 'earbuds', 헤드폰: 'headphones', headset: 'headphones',
  스피커: 'speaker', 충전기: 'charger', 케이블: 'cable', 노트북: 'laptop', notebook: 'laptop', 태블릿: 'tablet', 키보드: 'keyboard', 마우스: 'mouse',
  향수: 'perfume', 크림: 'cream', 세럼: 'serum', 로션: 'lotion', 립스틱: 'lipstick', 비타민: 'vitamin', 영양제: 'supplement', 꿀: 'honey', 차: 'tea', 커피: 'coffee',
  장난감: 'toy', 인형: 'doll', 피규어: 'figure', 책: 'book', 도서: 'book', 목걸이: 'necklace', 반지: 'ring', 귀걸이: 'earrings', 팔찌: 'bracelet',
  케이스: 'case', 커버: 'cover', 스트랩: 'strap', 밴드: 'band', 줄: 'strap', 박스: 'box', 상자: 'box', 파우치: 'pouch', 필름: 'film', 보호필름: 'film',
  거치대: 'holder', 부품: 'part', parts: 'part', 액세서리: 'accessory', accessories: 'accessory', 케이블타이: 'cable', 스킨: 'skin',
};

/** Goods that are an accessory or a part of other goods: declared instead of the goods, the classic substitution. */
const ACCESSORIES = new Set(['case', 'cover', 'strap', 'band', 'box', 'pouch', 'film', 'protector', 'holder', 'skin', 'sleeve', 'part', 'accessory', 'bumper', 'dustbag', 'packaging']);
/** Hangul endings of compound words that name an accessory (시계줄, 폰케이스, 액정보호필름). */
const ACCESSORY_SUFFIXES = ['케이스', '커버', '스트랩', '줄', '밴드', '박스', '파우치', '필름', '거치대', '부품'];

/** Words that say nothing about which goods (model suffixes, colours, sizes, packing). */
const STOP_WORDS = new Set([
  'the', 'and', 'with', 'for', 'of', 'new', 'set', 'pack', 'pcs', 'pro', 'max', 'mini', 'plus', 'ultra', 'lite', 'size', 'color', 'colour',
  'black', 'white', 'red', 'blue', 'men', 'women', 'kids', 'original', 'genuine', 'official', '정품', '새상품', '세트', '신상', '남성', '여성', '블랙', '화이트',
]);

/** Goods words recognised as naming goods (the canonical words of ALIASES that are not brands, and the description heuristics' words). */
const GOODS = new Set([
  'phone', 'iphone', 'ipad', 'airpods', 'macbook', 'watch', 't-shirt', 'shirt', 'pants', 'jeans', 'dress', 'jacket', 'coat', 'hoodie', 'sweater', 'shoes', 'sneakers',
  'boots', 'sandals', 'bag', 'handbag', 'wallet', 'backpack', 'belt', 'earbuds', 'headphones', 'speaker', 'charger', 'cable', 'laptop', 'tablet', 'keyboard', 'mouse',
  'perfume', 'cream', 'serum', 'lotion', 'lipstick', 'sunscreen', 'vitamin', 'supplement', 'protein', 'honey', 'tea', 'coffee', 'toy', 'doll', 'figure', 'book',
  'necklace', 'ring', 'earrings', 'bracelet', 'scarf', 'umbrella', 'ginseng', ...ACCESSORIES,
]);

/** A product line names its kind of goods too: an iPhone is a phone (so "iPhone" and "휴대폰" are the same goods). */
const KIND_OF: Record<string, string> = { iphone: 'phone', ipad: 'tablet', airpods: 'earbuds', earbuds: 'headphones', macbook: 'laptop', sneakers: 'shoes', boots: 'shoes', sandals: 'shoes', handbag: 'bag', backpack: 'bag', 't-shirt': 'shirt' };

const canonical = (w: string) => ALIASES[w] ?? w;
const isWord = (w: string) => /[a-z\uac00-\ud7a3]/.test(w) && w.length >= 2 && !STOP_WORDS.has(w);
/** A Hangul compound naming an accessory (시계줄): the accessory's canonical word. */
function accessoryOfCompound(w: string): string | null {
  for (const s of ACCESSORY_SUFFIXES) if (w.length > s.length && w.endsWith(s)) return canonical(s);
  return null;
}

interface Profile {
  words: Set<string>;
  goods: Set<string>;
  /** The head noun names an accessory or part (the goods are that accessory). */
  accessory: string | null;
  heading: string | null;
  subheading: string | null;
  chapter: string | null;
  hs: string;
}

function profileOf(item: MatchItem): Profile {
  // The goods are named before "for", "with", a bracket or a list: "Silicone case for iPhone 15" is a case,
  // "Rolex watch (box and papers)" a watch.
  const main = item.description.toLowerCase().split(/\(|\[|,|\+|&|\/| with | for | and | incl| 및 /)[0] ?? '';
  const mainWords = descriptionWords(main).filter((w) => /[a-z\uac00-\ud7a3]/.test(w));
  const head = mainWords.length > 0 ? mainWords[mainWords.length - 1]! : '';
  const headWord = canonical(head);
  const accessory = ACCESSORIES.has(headWord) ? headWord : accessoryOfCompound(head);
  const words = new Set<string>();
  for (const w of [...descriptionWords(item.description), ...descriptionWords(item.brand ?? '')]) {
    const c = canonical(w);
    if (isWord(c)) words.add(c);
    const part = accessoryOfCompound(w);
    if (part) {
      words.add(part);
      const stem = canonical(w.slice(0, w.length - ([...ACCESSORY_SUFFIXES].find((s) => w.endsWith(s))?.length ?? 0)));
      if (isWord(stem)) words.add(stem);
    }
  }
  const goods = new Set<string>();
  for (const w of words)
    if (GOODS.has(w) && !ACCESSORIES.has(w)) for (let k: string | undefined = w; k; k = KIND_OF[k]) goods.add(k);
  const hs = (item.hsCode ?? '').replace(/\D/g, '');
  return {
    words,
    goods,
    accessory,
    heading: hs.length >= 4 ? hs.slice(0, 4) : null,
    subheading: hs.length >= 6 ? hs.slice(0, 6) : null,
    chapter: hs.length >= 2 ? hs.slice(0, 2) : chapterOfDescription(item.description),
    hs,
  };
}

/** Why a declared line is not the ordered goods. */
export type MismatchKind = 'accessory' | 'heading' | 'subheading' | 'chapter' | 'goods';

/**
 * Both name goods: they agree when some are the same (a brand in common is not enough: an iPhone
 * declared as Apple AirPods is other goods). Otherwise a word in common (brand, model) agrees.
 */
function descriptions(o: Profile, d: Profile): 'agree' | 'disagree' | 'unknown' {
  if (o.goods.size > 0 && d.goods.size > 0) {
    for (const g of o.goods) if (d.goods.has(g)) return 'agree';
    return 'disagree';
  }
  for (const w of o.words) if (!ACCESSORIES.has(w) && d.words.has(w)) return 'agree';
  return 'unknown';
}

/** null when the declared line may be the ordered goods, else why not. */
function mismatch(o: Profile, d: Profile): MismatchKind | null {
  if (d.accessory && !o.accessory) return 'accessory';
  const desc = descriptions(o, d);
  if (o.heading && d.heading) {
    if (o.subheading && d.subheading && o.subheading === d.subheading) return null;
    if (o.heading !== d.heading) return desc === 'agree' ? null : 'heading';
    return desc === 'disagree' ? 'subheading' : null;
  }
  if (o.chapter && d.chapter && o.chapter !== d.chapter) return desc === 'agree' ? null : 'chapter';
  return desc === 'disagree' ? 'goods' : null;
}

export interface Substitution {
  /** Index of the ordered line no declared line matches. */
  orderedIndex: number;
  /** The declared line that came closest (the same heading, else the same chapter, else the first). */
  declaredIndex: number;
  kind: MismatchKind;
  ordered: { description: string; hs: string };
  declared: { description: string; hs: string };
}

/** The ordered lines that no declared line may be (empty when every ordered line is accounted for, or a side has no lines). */
export function substitutedItems(ordered: readonly MatchItem[], declared: readonly MatchItem[]): Substitution[] {
  if (ordered.length === 0 || declared.length === 0) return [];
  const ds = declared.map(profileOf);
  const out: Substitution[] = [];
  ordered.forEach((item, oi) => {
    const o = profileOf(item);
    const kinds = ds.map((d) => mismatch(o, d));
    if (kinds.some((k) => k === null)) return;
    const closest = (pred: (d: Profile) => boolean) => ds.findIndex(pred);
    let di = closest((d) => o.heading !== null && d.heading === o.heading);
    if (di < 0) di = closest((d) => o.chapter !== null && d.chapter === o.chapter);
    if (di < 0) di = 0;
    out.push({ orderedIndex: oi, declaredIndex: di, kind: kinds[di]!, ordered: { description: item.description, hs: o.hs }, declared: { description: declared[di]!.description, hs: ds[di]!.hs } });
  });
  return out;
}

const fmtHs = (hs: string) => (hs.length > 4 ? `${hs.slice(0, 4)}.${hs.slice(4)}` : hs);

/** Officer's reason for one substitution (호 = heading, 소호 = subheading, 류 = chapter). */
export function substitutionReason(s: Substitution, more: number): { ko: string; en: string } {
  const o = `"${s.ordered.description}"${s.ordered.hs ? ` (HS ${fmtHs(s.ordered.hs)})` : ''}`;
  const d = `"${s.declared.description}"${s.declared.hs ? ` (HS ${fmtHs(s.declared.hs)})` : ''}`;
  const k = {
    accessory: { ko: `주문 물품 ${o} 대신 부분품·부속품 ${d}(으)로 신고`, en: `ordered ${o}, declared ${d}: an accessory or part instead of the goods` },
    heading: { ko: `주문 물품 ${o}과 신고 물품 ${d}의 HS 호(4단위)가 다르고 품명도 일치하지 않음`, en: `ordered ${o} and declared ${d} differ in HS heading (4 digits) and description` },
    subheading: { ko: `주문 물품 ${o}과 신고 물품 ${d}의 HS 소호(6단위)와 품명이 다름`, en: `ordered ${o} and declared ${d} differ in HS subheading (6 digits) and description` },
    chapter: { ko: `주문 물품 ${o}과 신고 물품 ${d}의 HS 류(2단위)가 다름`, en: `ordered ${o} and declared ${d} are in different HS chapters` },
    goods: { ko: `주문 물품 ${o}과 신고 물품 ${d}의 품명이 서로 다른 물품임`, en: `ordered ${o} and declared ${d} name different goods` },
  }[s.kind];
  return more > 0 ? { ko: `${k.ko} 외 ${more}건`, en: `${k.en}, and ${more} more ordered line${more > 1 ? 's' : ''}` } : k;
}
