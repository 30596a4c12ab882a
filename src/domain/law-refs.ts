// A reason's or a notice's legal basis (`ref`, always Korean) as an English reader can read it.
// Statute titles are the Korea Legislation Research Institute's official English titles
// (elaw.klri.re.kr, "Statutes of the Republic of Korea"); KCS notices (고시) have no official
// English title there, so they are named "KCS Notice on …" after their subject. Glosses and notes
// are the phrases that occur in data/*.json and in the engine's code; law-refs.test.ts fails on
// any ref that would keep Hangul, naming the fragment to add here.
//
// Pure and deterministic: a scan from left to right that, at each position, takes the longest
// term or pattern that matches there; everything else (punctuation, numbers, Latin text, the
// order of the parts) is copied as it is.

/** Korean → English, longest match first (the order here does not matter). */
const TERMS: readonly (readonly [ko: string, en: string])[] = [
  // Statutes, decrees and rules (KLRI titles; the FTA act's short title as the KCS uses it).
  ['자유무역협정의 이행을 위한 관세법의 특례에 관한 법률', 'Act on Special Cases of the Customs Act for the Implementation of Free Trade Agreements'],
  ['FTA 관세특례법 시행령', 'Enforcement Decree of the FTA Customs Act'],
  ['FTA 관세특례법', 'FTA Customs Act'],
  ['관세법 시행령', 'Enforcement Decree of the Customs Act'],
  ['관세법 시행규칙', 'Enforcement Rule of the Customs Act'],
  ['관세법', 'Customs Act'],
  ['부가가치세법', 'Value-Added Tax Act'],
  ['개별소비세법', 'Individual Consumption Tax Act'],
  ['교육세법', 'Education Tax Act'],
  ['주세법', 'Liquor Tax Act'],
  ['국고금 관리법', 'National Treasury Management Act'],
  ['약사법', 'Pharmaceutical Affairs Act'],
  ['의료기기법', 'Medical Devices Act'],
  ['화장품법', 'Cosmetics Act'],
  ['건강기능식품에 관한 법률', 'Health Functional Foods Act'],
  ['수입식품안전관리 특별법', 'Special Act on Imported Food Safety Control'],
  ['야생생물 보호 및 관리에 관한 법률', 'Wildlife Protection and Management Act'],
  ['가축전염병 예방법', 'Act on the Prevention of Contagious Animal Diseases'],
  ['식물방역법', 'Plant Protection Act'],
  ['수산생물질병 관리법', 'Aquatic Life Disease Control Act'],
  ['담배사업법', 'Tobacco Business Act'],
  ['지방세법', 'Local Tax Act'],
  ['국민건강증진법', 'National Health Promotion Act'],
  ['전파법 시행령', 'Enforcement Decree of the Radio Waves Act'],
  ['전파법', 'Radio Waves Act'],
  ['마약류 관리에 관한 법률', 'Narcotics Control Act'],
  ['총포·도검·화약류 등의 안전관리에 관한 법률', 'Act on the Safety Management of Guns, Swords, Explosives, Etc.'],
  ['공휴일에 관한 법률', 'Act on Public Holidays'],
  ['민법', 'Civil Act'],
  ['관공서의 공휴일에 관한 규정', 'Regulations on Holidays of Government Offices'],
  ['근로자의 날 제정에 관한 법률', "Act on the Designation of Workers' Day"],
  // "시행령" alone follows the act it belongs to ("개별소비세법 … 및 시행령 제4조").
  ['시행령', 'Enforcement Decree'],
  // Administrative rules: no official English title; named after their subject.
  ['특송물품 수입통관 사무처리에 관한 고시', 'KCS Notice on Import Clearance of Express Consignments'],
  ['국제우편물 수입통관 사무처리에 관한 고시', 'KCS Notice on Import Clearance of International Mail'],
  ['수입통관 사무처리에 관한 고시', 'KCS Notice on Import Clearance'],
  ['관세평가 운영에 관한 고시', 'KCS Notice on Customs Valuation'],
  ['수입물품 과세가격 결정에 관한 고시', 'KCS Notice on the Customs Value of Imported Goods'],
  ['통관고유부호 및 해외거래처부호 등록·관리에 관한 고시', 'KCS Notice on the Registration and Management of Personal Customs Clearance Codes and Overseas Supplier Codes'],
  ['화장품 안전기준 등에 관한 규정', 'MFDS Regulation on Safety Standards, etc. for Cosmetics'],
  ['관세율표', 'Tariff Schedule'],
  // Free trade agreements and their origin protocols.
  ['한-미 FTA', 'Korea-US FTA'],
  ['한-EU FTA', 'Korea-EU FTA'],
  ['한-영 FTA', 'Korea-UK FTA'],
  // The Korea-EU protocol under its title in the agreement's English text.
  ['원산지 결정기준 및 원산지 절차에 관한 의정서', 'Protocol concerning the definition of "originating products" and methods of administrative cooperation'],
  ['한-EU 의정서 준용', 'the Korea-EU protocol applies mutatis mutandis'],
  ['협정 원산지 의정서', "the agreement's origin protocol"],
  ['원산지 의정서', 'origin protocol'],
  ['원산지 규정 및 원산지 절차', 'Rules of Origin and Origin Procedures'],
  ['대한민국과 미합중국 간의 자유무역협정에 따른 특송물품 통관의 특례', 'special rules for express consignments under the Free Trade Agreement between the Republic of Korea and the United States of America'],
  // Markers.
  ['단서', 'proviso'],
  ['및', 'and'],
  ['조문 번호', 'article number'],
  // The article a notice's annex rests on is not confirmed (data/exclusions.json): said in each language.
  ['조문 번호 미확인', 'article number unconfirmed'],
  ['삭제', 'deleted'],
  // Article glosses (what the article is about), as they occur in the data.
  ['과세환율', 'customs exchange rate'],
  ['부당이득의 내용', 'unjust enrichment'],
  ['통관의 보류', 'suspension of clearance'],
  ['이의신청', 'objection'],
  ['불복의 신청', 'objections and appeals'],
  ['적용 법령', 'applicable law'],
  ['수정 및 경정', 'amendment and correction'],
  ['신고사항의 보완', 'supplementing a declaration'],
  ['납부기한', 'payment deadline'],
  ['수입의 신고', 'import declaration'],
  ['신고의 수리', 'acceptance of the declaration'],
  ['실제로 지급하였거나 지급하여야 할 가격', 'price actually paid or payable'],
  ['관세의 납부기한 등', 'due dates for paying customs duties, etc.'],
  ['직접운송', 'direct transport'],
  ['원산지결정기준', 'rules of origin'],
  ['원산지증빙서류 제출 생략', 'proof of origin need not be submitted'],
  ['협정관세의 적용신청', 'claim for the agreement rate'],
  ['협정관세의 사후적용', 'post-importation claim for the agreement rate'],
  ['협정관세', 'agreement rate of duty'],
  ['징수금액의 최저한', 'minimum amount collected'],
  ['과오납금의 환급', 'refund of taxes overpaid'],
  ['신고의 취하', 'withdrawal of a declaration'],
  ['국고금의 끝수 계산', 'fractions of national treasury funds'],
  ['과세가격 결정의 원칙', 'principle of determining the customs value'],
  ['합산과세 기준', 'combined taxation'],
  ['소액면세 기준', 'de minimis'],
  ['품목분류', 'tariff classification'],
  ['세율', 'tax rates'],
  ['수입재화의 과세표준', 'tax base of imported goods'],
  ['기준가격', 'base price'],
  ['보석 — 공업용 다이아몬드, 가공하지 않은 원석 및 나석(裸石)은 제외 —', 'precious stones — except industrial diamonds, unworked stones and loose, unset stones —'],
  ['진주 및 이를 사용한 제품', 'pearls and articles of them'],
  ['귀금속 제품', 'articles of precious metal'],
  ['세관장확인물품', 'goods whose import requirements the customs confirms'],
  ['의약품 수입', 'import of medicines'],
  ['한약재 수입', 'import of herbal medicinal materials'],
  ['국제적 멸종위기종의 수출입 허가', 'permit to export or import internationally endangered species'],
  ['수입 검역', 'import quarantine'],
  ['수입신고', 'import declaration'],
  ['지식재산권 보호', 'protection of intellectual property rights'],
  ['기능성화장품', 'functional cosmetics'],
  ['수입판매업 등록', 'registration as an importer and seller'],
  ['수입업 허가', 'import business licence'],
  ['방송통신기자재등의 적합성평가', 'conformity assessment of broadcasting and communications equipment'],
  ['적합성평가', 'conformity assessment'],
  ['일반 행위의 금지', 'prohibition of acts in general'],
  ['마약류취급자가 아닌 자의 취급 금지', 'prohibition of handling by persons other than narcotics handlers'],
  ['밀수입죄', 'smuggling'],
  ['수출입의 금지', 'prohibition of export and import'],
  ['수출입의 허가', 'permit to export or import'],
  ['정의', 'definitions'],
  ['공기총', 'air guns'],
  ['석궁', 'crossbows'],
  ['전자충격기', 'stun guns'],
  ['분사기', 'sprays (e.g. pepper spray)'],
  ['포함', 'included'],
  ['도검', 'swords'],
  ['화약류', 'explosives'],
  ['화폐·채권이나 그 밖의 유가증권의 위조품·변조품 또는 모조품', 'counterfeit, altered or imitation currency, bonds or other securities'],
  [
    '기한이 토요일·일요일, 공휴일에 관한 법률에 따른 공휴일 및 대체공휴일, 근로자의 날, 그 밖에 대통령령으로 정하는 날이면 그 다음 날을 기한으로 한다',
    "a deadline that falls on a Saturday, Sunday, public holiday under the Act on Public Holidays, substitute holiday, Workers' Day or another day set by Presidential Decree moves to the next day",
  ],
  ['도서·신문·잡지로서 대통령령으로 정하는 것', 'books, newspapers and magazines as prescribed by Presidential Decree'],
  ['광고 목적 간행물 제외', 'excluding publications for advertising'],
  // List clearance and the self-use allowances.
  ['목록통관 배제대상물품', 'goods excluded from list clearance'],
  ['목록통관 배제대상', 'excluded from list clearance'],
  ['목록통관 대상', 'eligible for list clearance'],
  ['목록통관', 'list clearance'],
  ['자가사용 인정기준', 'self-use allowances'],
  ['자가사용물품', 'goods for personal use'],
  ['면세 상업용 견본품', 'duty-free commercial samples'],
  ['건강기능식품', 'health functional foods'],
  ['처방의약품은 국내 의사 처방전 수량', "prescription medicines: the quantity on a Korean doctor's prescription"],
  ['의약품', 'medicines'],
  ['향수', 'perfume'],
  ['주류', 'liquor'],
  ['인삼', 'ginseng'],
  ['상황버섯', 'sanghwang mushroom'],
  ['녹용', 'deer antler velvet'],
  ['기타 한약재 품목별', 'other herbal medicinal materials, per item'],
  ['관세·부가세 면제', 'no duty or VAT'],
  ['주세·교육세 부과', 'liquor tax and education tax charged'],
  // Tobacco taxes (not computed by the engine: TOBACCO_TAXES_NOT_COMPUTED).
  ['담배소비세', 'tobacco consumption tax'],
  ['지방교육세', 'local education tax'],
  ['국민건강증진부담금', 'national health promotion charge'],
  ['담배', 'tobacco'],
  // Liquor.
  ['증류주류', 'distilled liquors'],
  ['발효주류', 'fermented liquors'],
  ['과실주', 'fruit wine'],
  ['청주', 'cheongju'],
  ['약주', 'yakju'],
  ['맥주 종량세', 'beer taxed per litre'],
  ['물가연동', 'indexed to prices'],
  // Values, freight, exchange rate, e-commerce type.
  ['물품가격', 'goods value'],
  ['물품대금', 'price of the goods'],
  ['현지 세금', 'local taxes'],
  ['현지 운송료', 'local delivery'],
  ['국제운임·보험료 제외', 'excluding international freight and insurance'],
  ['특송물품·우편물 과세운임', 'dutiable freight of express consignments and mail'],
  ['특송물품 과세운임', 'dutiable freight of express consignments'],
  ['과세운임', 'dutiable freight'],
  ['초과 특송 과세운임', 'express dutiable freight above that'],
  ['과세가격', 'customs value'],
  ['일요일~토요일 적용', 'applied from Sunday to Saturday'],
  ['입항일이 같은 물품', 'goods arriving on the same day'],
  ['통관목록·수입신고서 전자상거래 유형 기재', 'e-commerce type stated on the manifest list and the import declaration'],
  ['직접배송', 'direct delivery'],
  ['배송대행', 'forwarding'],
  ['구매대행', 'purchasing agency'],
  ['의무화', 'mandatory from'],
  ['계도기간', 'grace period'],
  // FTA notes.
  ['원산지 신고서', 'origin declaration'],
  ['초과 시 인증수출자', 'above that an approved exporter'],
  ['인증수출자', 'approved exporter'],
  ['통과 및 환적', 'transit and transshipment'],
  ['특혜관세대우 신청', 'claims for preferential tariff treatment'],
  ['수입자·수출자·생산자의 원산지증명서', 'certification of origin by the importer, exporter or producer'],
  ['예외', 'exceptions'],
  ['협정 원산지 규정', "the agreement's rules of origin"],
  ['EU 경유 운송은 발효 후 3년간 직접운송으로 인정', 'transport through the EU counts as direct transport for 3 years after entry into force'],
  ['전자상거래 구매물품은 소액 면제 대상 아님', 'e-commerce purchases do not get the small-value exemption'],
  ['국제우편물', 'international mail'],
  ['인천공항세관', 'Incheon Airport Customs'],
  ['수리 전 신청', 'claim before acceptance'],
  ['구매영수증', 'purchase receipt'],
  ['표시', 'marking'],
  // Where a figure was read (the data's sources).
  ['관세청 전자상거래 전용 수입통관 플랫폼', "KCS's import clearance platform for e-commerce"],
  ['주문 시 본인인증(QR·지문) 체계', 'identity verification when ordering (QR·fingerprint)'],
  ['관세사 답변', "licensed customs broker's answer"],
  ['관세청 답변', 'KCS answer'],
  ['국민신문고 답변', 'e-People answer'],
  // Hair dyes, 주정, opium poppy seeds and ephedra (exclusions-2019-06-01-r3, liquor -r2, prohibited-2016-01-01-r2).
  ['화장품법 시행규칙', 'Enforcement Rule of the Cosmetics Act'],
  ['모발의 색상 변화·탈염·탈색 기능', 'changing, removing or bleaching the colour of hair'],
  ['일시적 염모 제품 제외', 'products that colour hair only temporarily excluded'],
  ['가목', '(a)'],
  ['주정', 'jujeong (undenatured ethyl alcohol)'],
  ['1킬로리터당 57,000원', 'KRW 57,000 per kilolitre'],
  ['알코올분 95도 초과분 가산 미반영', 'the addition above 95 degrees of alcohol not applied'],
  ['교육세 미부과 가정', 'no education tax assumed'],
  ['세율은 작성자의 기억', "the rate is the author's recollection"],
  ['세율 미확인', 'tax rate not confirmed'],
  ['양귀비는 마약', 'the opium poppy is a narcotic'],
  ['마약의 원료가 되는 식물의 종자 수출입', 'import and export of seeds of plants that are raw materials of narcotics'],
  ['인천공항세관 안내', 'notice of Incheon Airport Customs'],
  ['양귀비 종자가 함유된 제품은 국내 반입 제한', 'products containing opium poppy seeds may not be brought in'],
  ['발아 불능 처리된 종자의 취급 미확인', 'whether seeds made unable to germinate may pass is not confirmed'],
  ['원료물질', 'precursors'],
  ['에페드린 제제는 의약품', 'ephedrine preparations are medicines'],
  ['에페드린', 'ephedrine'],
  ['호 번호, 수출입 승인 조문과 기준량 미확인', 'item number, the article on import approval and the threshold quantities not confirmed'],
  ['마황은 한약재', 'ephedra is a herbal medicine material'],
  ['식품의 기준 및 규격', 'MFDS Food Code (standards and specifications for food)'],
  ['식품에 사용할 수 없는 원료', 'ingredients that may not be used in food'],
  ['마황', 'ephedra'],
  // Hemp seeds and alkyl nitrites (exclusions-2019-06-01-r4, prohibited-2016-01-01-r3).
  ['대마초의 종자는 대마에서 제외', 'the seeds of the cannabis plant are not cannabis'],
  ['대마씨앗', 'hemp seeds'],
  ['대마씨유', 'hemp-seed oil'],
  ['이하', 'or less'],
  ['임시마약류 지정', 'designation of temporary narcotics'],
  ['알킬 나이트라이트류', 'alkyl nitrites'],
  ['2군', 'group 2'],
];

type Pattern = readonly [re: RegExp, to: (m: RegExpExecArray) => string];

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const paragraph = (c: string | undefined): string => (c ? `(${CIRCLED.indexOf(c) + 1})` : '');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const krw = (man: string): string => (Number(man) * 10_000).toLocaleString('en-US');
const count = (n: string, one: string, many: string): string => `${n} ${n === '1' ? one : many}`;
const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;

/** Patterns with numbers in them (sticky: tried at one position). */
const PATTERNS: readonly Pattern[] = [
  // 제58조의2② → Art. 58-2(2)
  [new RegExp(`제(\\d+)조(?:의(\\d+))?([${CIRCLED}])?`, 'y'), (m) => `Art. ${m[1]}${m[2] ? `-${m[2]}` : ''}${paragraph(m[3])}`],
  // 제6.15조 → Art. 6.15 (the KORUS articles are numbered by chapter)
  [/제(\d+\.\d+)조/y, (m) => `Art. ${m[1]}`],
  [/제(\d+)항/y, (m) => `para. ${m[1]}`],
  [/제(\d+)호/y, (m) => `item ${m[1]}`],
  [/제(\d+)장/y, (m) => `Chapter ${m[1]}`],
  [new RegExp(`[${CIRCLED}]`, 'y'), (m) => paragraph(m[0])],
  [/\[별표\s*(\d*)\]/y, (m) => (m[1] ? `[Annex ${m[1]}]` : '[Annex]')],
  // The exclusions list's note on its own basis.
  [new RegExp(`근거 조문 제(\\d+)조([${CIRCLED}])?로 추정`, 'y'), (m) => `article presumed to be ${m[1]}${paragraph(m[2])}`],
  [/미화 ([\d,.]+)달러 이하/y, (m) => `USD ${m[1]} or less`],
  [/미화 ([\d,.]+)달러/y, (m) => `USD ${m[1]}`],
  [/([\d,.]+)유로 이하/y, (m) => `EUR ${m[1]} or less`],
  [/([\d,.]+)유로 기준/y, (m) => `EUR ${m[1]} threshold`],
  // 만원 is 10,000 won: written out, since "1 man won" means nothing in English.
  [/(\d+)만원 미만/y, (m) => `under KRW ${krw(m[1]!)}`],
  [/(\d+)만원 이하/y, (m) => `KRW ${krw(m[1]!)} or less`],
  [/물품가격 (\d+)만원 이하 선편소포요금/y, (m) => `surface parcel post rate up to a goods value of KRW ${krw(m[1]!)}`],
  [/(\d+)원 미만 절사/y, (m) => `amounts under KRW ${m[1]} dropped`],
  [/(\d+)병/y, (m) => count(m[1]!, 'bottle', 'bottles')],
  [/(\d+)리터/y, (m) => count(m[1]!, 'litre', 'litres')],
  [/(\d+)개월분/y, (m) => `${m[1]} months' supply`],
  [/(\d+)월 (\d+)일/y, (m) => `${m[2]} ${MONTHS[Number(m[1]) - 1] ?? m[1]}`],
  [/기준가격 초과분 ([\d.]+%)/y, (m) => `${m[1]} of the part over the base price`],
  [/세율 ([\d.]+%)/y, (m) => `tax rate ${m[1]}`],
  [/([\d,.]+)유로 이하 모든 수출자/y, (m) => `any exporter up to EUR ${m[1]}`],
  [/초과 시 용법상 (\d+)개월분/y, (m) => `above that ${m[1]} months' supply by the dosage`],
  [/주세율 ([\d.]+%) 초과 주류/y, (m) => `liquor taxed at over ${m[1]}`],
  [/주세액의 ([\d.]+%)/y, (m) => `${m[1]} of the liquor tax`],
  [/개별소비세액의 ([\d.]+%)/y, (m) => `${m[1]} of the individual consumption tax`],
  [new RegExp(`${DATE}부터`, 'y'), (m) => `from ${m[1]}`],
  [new RegExp(`${DATE}까지`, 'y'), (m) => `until ${m[1]}`],
  [new RegExp(`${DATE} 발표`, 'y'), (m) => `announced ${m[1]}`],
  [new RegExp(`${DATE} 수입신고분부터`, 'y'), (m) => `for import declarations from ${m[1]}`],
];

/** The terms by their first character, longest first. */
const BY_FIRST = new Map<string, (readonly [string, string])[]>();
for (const term of TERMS) {
  const list = BY_FIRST.get(term[0][0]!) ?? [];
  list.push(term);
  BY_FIRST.set(term[0][0]!, list);
}
for (const list of BY_FIRST.values()) list.sort((a, b) => b[0].length - a[0].length);

const KOREAN = new RegExp(`[\\p{Script=Hangul}${CIRCLED}]`, 'u');

function longestAt(ref: string, i: number): { length: number; en: string } | null {
  let best: { length: number; en: string } | null = null;
  for (const [ko, en] of BY_FIRST.get(ref[i]!) ?? []) {
    if (ref.startsWith(ko, i)) {
      best = { length: ko.length, en };
      break;
    }
  }
  for (const [re, to] of PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(ref);
    if (m && m[0].length > (best?.length ?? 0)) best = { length: m[0].length, en: to(m) };
  }
  return best;
}

/**
 * The English reading of a Korean legal reference: "관세법 제241조; 관세법 시행규칙 제45조②" →
 * "Customs Act Art. 241; Enforcement Rule of the Customs Act Art. 45(2)". A ref without Korean
 * comes back as it is; a Korean fragment not known here stays Korean.
 */
export function lawRefInEnglish(ref: string): string {
  if (!KOREAN.test(ref)) return ref;
  let out = '';
  let translated = false; // whether the last thing written was a translation
  for (let i = 0; i < ref.length; ) {
    const hit = longestAt(ref, i);
    const next = hit ? hit.en : ref[i]!;
    // Korean writes "제18조(과세환율)" and "6병" without a space; English wants one between words.
    if ((hit || translated) && /[A-Za-z0-9).]$/.test(out) && /^(?:[A-Za-z]|\([A-Za-z\p{Script=Hangul}])/u.test(hit ? next : ref.slice(i, i + 2))) out += ' ';
    out += next;
    translated = hit !== null;
    i += hit ? hit.length : 1;
  }
  return out;
}
