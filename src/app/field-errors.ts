// The one form of a refused request's details (VALIDATION_FAILED): a list of field errors, each
// naming the request field by its path (`body.items[2].description`, `querystring.from`,
// `params.role`: where it was sent, then the field as declaration errors write it) with a stable
// code and Korean and English text. The FieldError of declarations (domain/assessment.ts), so a
// refused declaration and a refused request read alike; `params` carries the values the text names
// (limits, allowed values) for machines, and `keyword` the JSON Schema keyword of a schema error
// (http/error-status.ts). Codes a declaration also uses keep its code and text (validation-messages.ts).
import type { FieldError } from '../domain/assessment.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { fillTemplate, VALIDATION_MESSAGES } from '../domain/validation-messages.ts';
import { fail, type Result } from './errors.ts';

export interface RequestFieldError extends FieldError {
  /** The values the text names, for machines (e.g. `{limit: 2000}`, `{allowedValues: [...]}`). */
  params?: Record<string, unknown>;
  /** A schema error's JSON Schema keyword (`enum`, `maximum`, …); absent on a use case's own check. */
  keyword?: string;
}

/** Texts of the codes only requests use (a request's rules that declarations do not have). */
export const REQUEST_FIELD_MESSAGES = {
  value_out_of_range: { ko: '허용 범위를 벗어난 값입니다 ({limit}).', en: 'Out of range ({limit}).' },
  too_few: { ko: '항목 수가 너무 적습니다 (최소 {limit}).', en: 'Too few entries (at least {limit}).' },
  invalid_timestamp: { ko: '존재하지 않는 시각입니다 (ISO 8601, 예: 2026-03-01T09:00:00Z).', en: 'Not a real time (ISO 8601, e.g. 2026-03-01T09:00:00Z).' },
  time_in_future: { ko: '지금보다 늦은 시각일 수 없습니다.', en: 'Cannot be later than now.' },
  period_invalid: { ko: '기간은 끝이 시작보다 앞설 수 없고 최대 {limit}{unitKo}입니다.', en: 'The period cannot end before it starts and spans at most {limit} {unitEn}.' },
  own_code_or_key: { ko: '우리 세관의 부호 또는 공개키입니다. 협력 세관의 것을 입력하세요.', en: "That is our own code or key: give the partner's." },
  revenue_on_clean: { ko: '이상 없음(clean) 검사에는 추징 세액이 있을 수 없습니다.', en: 'A clean inspection recovers no revenue.' },
  corrected_on_clean: { ko: '이상 없음(clean) 검사에는 정정 과세가격이나 정정 HS 부호가 있을 수 없습니다.', en: 'A clean inspection corrects neither the value nor the HS code.' },
  corrected_not_above_declared: {
    ko: '저가신고의 정정 과세가격은 신고 과세가격 {declared}원보다 커야 합니다.',
    en: 'The corrected value of an undervaluation must be above the declared taxable value, KRW {declared}.',
  },
  url_invalid: { ko: 'http(s) 주소가 아닙니다.', en: 'Not an http(s) URL.' },
  url_has_credentials: {
    ko: '주소에 사용자 이름이나 비밀번호(https://사용자:비밀번호@…)를 넣을 수 없습니다. 주소는 웹훅 목록 등에 그대로 보여 비밀이 드러납니다. 전송이 통관 플랫폼에서 온 것인지는 등록 때 받은 서명 비밀키(whsec_…)로 Tonggwan-Signature 헤더를 검증해 확인하세요.',
    en: 'The URL cannot carry a user name or password (https://user:password@…): an address is shown wherever the webhook is listed, and the secret with it. To know a delivery comes from the platform, verify its Tonggwan-Signature header with the signing secret (whsec_…) given at registration.',
  },
  address_not_public: {
    ko: '{value}은(는) 공개 주소가 아닙니다. 웹훅은 인터넷에서 운영자 서버로 닿는 주소여야 합니다.',
    en: "{value} is not a public address: a webhook must reach the operator's server over the internet.",
  },
  push_endpoint_not_public: {
    ko: '{value}은(는) 공개 주소가 아닙니다. 알림 구독 주소는 브라우저 푸시 서비스의 주소여야 합니다.',
    en: "{value} is not a public address: a subscription's endpoint must be a browser push service.",
  },
  card_number_invalid: { ko: '카드번호가 올바르지 않습니다(검증 숫자 불일치).', en: 'The card number fails the Luhn check.' },
  cargo_no_mismatch: {
    ko: '화물관리번호(cargoNo)와 신고 id(declarationId)가 서로 다른 신고를 가리킵니다. 하나만 보내거나 같은 신고의 값을 보내세요.',
    en: 'cargoNo and declarationId name different declarations: send one of them, or both of the same declaration.',
  },
  not_allowed_with: { ko: '{other}와(과) 함께 보낼 수 없습니다. 둘 중 하나만 보내세요.', en: 'Cannot be sent with {other}: send one of them.' },
  one_of_required: { ko: '{fields} 중 하나는 있어야 합니다.', en: 'Give one of {fields}.' },
  below_min_length: { ko: '{limit}자 이상이어야 합니다.', en: 'At least {limit} characters.' },
  only_when_refunded: {
    ko: '환불하지 않음({outcome})으로 처리할 때는 결제대행사 환불번호를 보낼 수 없습니다. 환불했다면 처리 결과를 환불 완료(refunded)로 하고, 아니라면 환불번호를 빼세요.',
    en: 'A provider refund reference cannot be sent when nothing was refunded ({outcome}): if it was refunded, send outcome refunded; if not, leave the reference out.',
  },
  not_for_reason: {
    ko: '이 건(사유 {reason})에는 이 처리 결과를 기록할 수 없습니다. 이중 반환(refunded_then_reversed)은 회수 완료(recovered)나 회수 포기(written_off)로, 그 밖의 환불 대상은 환불 완료(refunded)나 환불하지 않음(not_refunded)으로 처리하세요.',
    en: 'This outcome cannot be recorded for this one (reason {reason}): a deposit paid back twice (refunded_then_reversed) is recovered or written_off; any other refund due is refunded or not_refunded.',
  },
  cursor_of_other_list: {
    ko: 'after(다음 쪽)에는 이 목록(status={status})이 준 nextAfter를 그대로 보내세요({expected}).',
    en: 'Send as after (the next page) the nextAfter this list (status={status}) gave, as it is ({expected}).',
  },
} as const satisfies Record<string, Bilingual>;

export type RequestFieldCode = keyof typeof VALIDATION_MESSAGES | keyof typeof REQUEST_FIELD_MESSAGES | 'nul_character' | 'unpaired_surrogate';

const textOf = (code: string): Bilingual | undefined => (REQUEST_FIELD_MESSAGES as Record<string, Bilingual>)[code] ?? (VALIDATION_MESSAGES as Record<string, Bilingual>)[code];

/**
 * One field error: `code`'s text with `params` filled in, or `text` when the use case words it
 * itself (a code from elsewhere, e.g. a domain refusal's, must bring its text). Scalar params fill
 * the text's {placeholders}; all are kept in `params` for machines.
 */
export function requestFieldError(path: string, code: RequestFieldCode | (string & {}), params?: Record<string, unknown>, text?: Bilingual): RequestFieldError {
  const t = text ?? textOf(code);
  if (!t) throw new Error(`field error code ${code} has no text: give one`);
  const fill = params && (Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>);
  return { path, code, ko: fillTemplate(t.ko, fill), en: fillTemplate(t.en, fill), ...(params && Object.keys(params).length ? { params } : {}) };
}

/**
 * A refused request: VALIDATION_FAILED with its field errors as details. The error's own text is
 * `text`, else that of its only field error, else the generic one of the code (errors.ts).
 */
export function invalidRequest<T = never>(errors: RequestFieldError | readonly RequestFieldError[], text?: Bilingual): Result<T> {
  const list = Array.isArray(errors) ? [...(errors as readonly RequestFieldError[])] : [errors as RequestFieldError];
  const only = list.length === 1 ? list[0]! : null;
  return fail('VALIDATION_FAILED', list, text ?? (only ? { ko: only.ko, en: only.en } : undefined));
}
