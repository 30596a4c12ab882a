// Korean and English text of every validation error code. The code is stable; the text
// tells the operator what is wrong and how to fix it.
import type { Bilingual } from './bilingual.ts';

export const VALIDATION_MESSAGES = {
  not_an_object: { ko: '신고 자료가 객체(JSON object) 형식이 아닙니다.', en: 'The declaration is not a JSON object.' },
  required: { ko: '필수 항목이 없습니다.', en: 'This field is required.' },
  unknown_field: { ko: '정의되지 않은 항목입니다. 철자를 확인하세요.{hintKo}', en: 'Unknown field: check its spelling.{hintEn}' },
  wrong_type: { ko: '값의 형식이 올바르지 않습니다 ({expectedKo} 필요).', en: 'Wrong type: {expected} expected.' },
  not_allowed_value: { ko: '허용되지 않는 값입니다. 가능한 값: {allowed}.', en: 'Value not allowed; one of: {allowed}.' },
  bad_format: { ko: '형식이 올바르지 않습니다 ({format}).', en: 'Wrong format ({format}).' },
  too_long: { ko: '길이가 너무 깁니다 (최대 {limit}).', en: 'Too long (at most {limit}).' },
  too_short: { ko: '값이 비어 있습니다.', en: 'Must not be empty.' },
  too_many: { ko: '항목 수가 너무 많습니다 (최대 {limit}).', en: 'Too many entries (at most {limit}).' },
  invalid_date: { ko: '존재하지 않는 날짜입니다 (YYYY-MM-DD).', en: 'Not a real calendar date (YYYY-MM-DD).' },
  date_after_declaration: { ko: '신고일보다 늦은 날짜입니다.', en: 'Later than the declaration date.' },
  pccc_invalid: {
    ko: '개인통관고유부호는 P와 숫자 12자리입니다 (예: P123456789012).',
    en: 'A personal customs code (PCCC) is P followed by 12 digits (e.g. P123456789012).',
  },
  phone_invalid: { ko: '전화번호는 숫자 9~12자리여야 합니다.', en: 'A phone number has 9 to 12 digits.' },
  postcode_invalid: { ko: '우편번호는 숫자 5자리입니다.', en: 'A Korean postcode has 5 digits.' },
  country_unknown: { ko: 'ISO 3166 국가코드(영문 2자리)가 아닙니다: {value}.', en: 'Not an ISO 3166 alpha-2 country code: {value}.' },
  currency_unknown: { ko: 'ISO 4217 통화코드가 아닙니다: {value}.', en: 'Not an ISO 4217 currency code: {value}.' },
  items_empty: { ko: '물품이 하나 이상 있어야 합니다.', en: 'At least one item is required.' },
  description_missing: {
    ko: '품명이 없습니다. [품목] [브랜드] [제품명] 순으로 적으세요 (예: 티셔츠 Nike Dri-FIT).',
    en: 'The description is empty. Write [item] [brand] [product], e.g. "T-shirt Nike Dri-FIT".',
  },
  description_uninformative: {
    ko: '품명이 물품을 설명하지 않습니다 ("{value}"). 숫자·기호·의미 없는 글자는 받을 수 없습니다. [품목] [브랜드] [제품명] 순으로 적으세요.',
    en: 'The description says nothing about the goods ("{value}"). Numbers, symbols or placeholder letters are refused. Write [item] [brand] [product].',
  },
  quantity_not_positive: { ko: '수량은 0보다 커야 합니다.', en: 'The quantity must be greater than zero.' },
  quantity_not_integer: { ko: '개수 단위(piece, bottle)의 수량은 정수여야 합니다.', en: 'A count (piece, bottle) must be a whole number.' },
  amount_negative: { ko: '금액은 음수일 수 없습니다.', en: 'An amount cannot be negative.' },
  amount_too_large: { ko: '금액이 허용 범위를 넘습니다 (최대 {limit}).', en: 'The amount is out of range (at most {limit}).' },
  quantity_too_large: { ko: '수량이 허용 범위를 넘습니다 (최대 {limit}).', en: 'The quantity is out of range (at most {limit}).' },
  weight_too_large: { ko: '중량이 허용 범위를 넘습니다 (최대 {limit} kg).', en: 'The weight is out of range (at most {limit} kg).' },
  discount_exceeds_value: { ko: '할인액이 물품 금액보다 큽니다.', en: 'The discount is larger than the value of the line.' },
  number_not_positive: { ko: '0보다 큰 수여야 합니다.', en: 'Must be greater than zero.' },
  number_not_finite: { ko: '처리할 수 없는 수입니다(JSON에서 1e999처럼 범위를 넘는 수).', en: 'Not a usable number (out of range in the JSON, like 1e999).' },
  percent_out_of_range: { ko: '0에서 100 사이여야 합니다.', en: 'Must be between 0 and 100.' },
  classification_missing: {
    ko: 'HS 부호(hsCode) 또는 품목 분류(category) 중 하나는 있어야 합니다.{hintKo} 분류 코드 목록: GET /api/v1/reference/categories',
    en: 'Give either an HS code (hsCode) or a category.{hintEn} The codes: GET /api/v1/reference/categories',
  },
  hs_invalid: { ko: 'HS 부호는 숫자 2·4·6·8·10자리입니다.', en: 'An HS code has 2, 4, 6, 8 or 10 digits.' },
  hs_unknown: {
    ko: 'HSK 품목번호표에 없는 부호입니다: {value}.{hintKo} 부호 검색: UNI-PASS API018 (GET /ext/rest/hsSgnQry/searchHsSgn)',
    en: 'Not in the Korean HS nomenclature (HSK): {value}.{hintEn} Search: UNI-PASS API018 (GET /ext/rest/hsSgnQry/searchHsSgn)',
  },
  category_unknown: {
    ko: '알 수 없는 품목 분류입니다: {value}.{hintKo} 분류 코드 목록: GET /api/v1/reference/categories',
    en: 'Unknown category: {value}.{hintEn} The codes: GET /api/v1/reference/categories',
  },
  ecommerce_type_required: {
    ko: '전자상거래 유형(직접배송/배송대행/구매대행)은 2022-11-01 신고분부터 필수입니다.',
    en: 'The e-commerce type (direct, forwarding, purchase-agency) is mandatory for declarations from 2022-11-01.',
  },
  reference_data_missing: {
    ko: '{value} 기준의 참조자료(세율·한도 등)가 없어 심사할 수 없습니다.',
    en: 'No reference data (rates, thresholds) in force on {value}; cannot assess.',
  },
  exchange_rate_missing: {
    ko: '{value} 주의 {currency} 과세환율이 없습니다. 그 주에 과세환율이 있는 통화({available})로 금액을 신고하세요. 그 주의 환율: UNI-PASS API012, GET /ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo?imexTp=2&qryYymmDd={day}',
    en: "No customs exchange rate for {currency} in the week of {value}. Declare the amounts in a currency with one that week ({available}): the week's rates are at UNI-PASS API012, GET /ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo?imexTp=2&qryYymmDd={day}.",
  },
  fta_unknown: { ko: '알 수 없는 협정입니다: {value}.', en: 'Unknown trade agreement: {value}.' },
  approved_exporter_no_required: {
    ko: '인증수출자 증명에는 인증수출자 번호가 필요합니다.',
    en: 'An approved-exporter proof needs the approved exporter number.',
  },
} as const satisfies Record<string, Bilingual>;

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;

const TYPE_NAMES_KO: Record<string, string> = { number: '숫자', integer: '정수', string: '문자열', boolean: 'true 또는 false', object: '객체 {…}', array: '배열 […]', null: 'null' };

/** The params of wrong_type: a JSON Schema type ("number", "string,null") in words of each language, not "number 필요" in Korean text. */
export function expectedTypeParams(type: string): { expected: string; expectedKo: string } {
  const types = type.split(',');
  return { expected: types.join(' or '), expectedKo: types.map((t) => TYPE_NAMES_KO[t] ?? t).join(' 또는 ') };
}

const compiled = new Map<string, (string | { key: string })[]>();

/** Replaces {key} placeholders (error messages, consent reasons; the engine's reasons are compiled in explain.ts); templates are split once and cached. */
export function fillTemplate(template: string, params: Record<string, string | number> | undefined): string {
  if (!params || template.indexOf('{') < 0) return template;
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      parts.push(template.slice(last, m.index));
      parts.push({ key: m[1]! });
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    compiled.set(template, parts);
  }
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = params[p.key];
      out += v === undefined ? `{${p.key}}` : v;
    }
  }
  return out;
}
