// Validates a message a partner sent, pure: the envelope, then the body of its kind (the schemas of
// message.ts), then what a schema cannot say (real dates, not issued in the future, valid-until not
// before the issue day, addressed to us, a version we read). Never throws: each problem is a
// FieldError naming its field (`body.goods[0].hsCode`) in Korean and English, as declarations do.
// The signature is checked before this, by the caller (it needs the partner's key).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldError } from '../assessment.ts';
import { dayNumber } from '../dates.ts';
import { schemaFieldError, toFieldPath } from '../validate-declaration.ts';
import type { Bilingual } from '../bilingual.ts';
import { expectedTypeParams, fillTemplate, VALIDATION_MESSAGES } from '../validation-messages.ts';
import { EnvelopeSchema, MESSAGE_KINDS, PartyNoticeWithdrawalBodySchema, RiskyPartyNoticeBodySchema, SeizureReportBodySchema, SUPPORTED_MAJOR, type ExchangeMessage, type MessageKind } from './message.ts';

const EXCHANGE_MESSAGES = {
  version_unsupported: { ko: '지원하지 않는 형식 버전입니다: {value} (지원: {supported}.x).', en: 'Unsupported format version {value} (supported: {supported}.x).' },
  issued_in_future: { ko: '발행 시각이 현재보다 늦습니다(허용 오차 {limit}초).', en: 'Issued in the future (beyond {limit} s of clock skew).' },
  invalid_timestamp: { ko: '존재하지 않는 시각입니다 (UTC ISO 8601).', en: 'Not a real time (UTC ISO 8601).' },
  not_for_us: { ko: '다른 기관 앞으로 보낸 메시지입니다: {value}.', en: 'The message is addressed to another administration: {value}.' },
  valid_until_passed: { ko: '유효기간 종료일이 발행일보다 앞섭니다.', en: 'Valid-until is before the day of issue.' },
  seized_after_issue: { ko: '적발일이 발행일보다 늦습니다.', en: 'The seizure date is after the day of issue.' },
  value_out_of_range: { ko: '허용 범위를 벗어난 값입니다 ({limit}).', en: 'Out of range ({limit}).' },
  withdrawn_before_issue: { ko: '철회 메시지보다 나중에 발행된 통보는 철회할 수 없습니다.', en: 'The withdrawn notice was issued after this withdrawal.' },
  text_missing: { ko: '사유를 한국어 또는 영어로 적어야 합니다.', en: 'Give the reason in Korean or English.' },
} as const satisfies Record<string, Bilingual>;

type Code = keyof typeof VALIDATION_MESSAGES | keyof typeof EXCHANGE_MESSAGES;

function fieldError(path: string, code: Code, params?: Record<string, string | number>): FieldError {
  const text: Bilingual = (EXCHANGE_MESSAGES as Record<string, Bilingual>)[code] ?? VALIDATION_MESSAGES[code as keyof typeof VALIDATION_MESSAGES];
  return { path, code, ko: fillTemplate(text.ko, params), en: fillTemplate(text.en, params) };
}

function formatOf(path: string): string {
  if (/issuedAt$/.test(path)) return 'YYYY-MM-DDThh:mm:ssZ';
  if (/(Date|validUntil)$/.test(path)) return 'YYYY-MM-DD';
  if (/[Cc]ountry$/.test(path)) return 'ISO 3166 alpha-2, upper case, e.g. CN';
  if (/currency$/.test(path)) return 'ISO 4217, e.g. USD';
  if (/hsCode$|HsCode$/.test(path)) return 'HS 2, 4 or 6 digits';
  if (/keyId$/.test(path)) return 'RFC 7638 thumbprint, base64url';
  if (/signature\.value$/.test(path)) return 'Ed25519 signature, base64url';
  if (/^(from|to)$/.test(path)) return 'A-Z 0-9 _ -';
  if (/id$/.test(path)) return 'A-Z a-z 0-9 . _ : -';
  return 'pattern';
}

function shapeError(e: ErrorObject, prefix: string): FieldError {
  const p = e.params as Record<string, unknown>;
  const at = (child?: string) => {
    const inner = toFieldPath(e.instancePath, child);
    return prefix && inner ? `${prefix}.${inner}`.replace('.[', '[') : prefix || inner;
  };
  const common = schemaFieldError(e, at, formatOf);
  if (common) return common;
  switch (e.keyword) {
    case 'const':
      return fieldError(at(), 'not_allowed_value', { allowed: String(p.allowedValue) });
    case 'minItems':
      return fieldError(at(), 'items_empty');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return fieldError(at(), 'value_out_of_range', { limit: `${String(p.comparison)} ${String(p.limit)}` });
    default:
      return fieldError(at(), 'bad_format', { format: e.keyword });
  }
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, removeAdditional: false });
const checkEnvelope = ajv.compile(EnvelopeSchema);
const checkBody: Record<MessageKind, ValidateFunction> = {
  seizure_report: ajv.compile(SeizureReportBodySchema),
  risky_party_notice: ajv.compile(RiskyPartyNoticeBodySchema),
  party_notice_withdrawal: ajv.compile(PartyNoticeWithdrawalBodySchema),
};
const isKind = (k: unknown): k is MessageKind => typeof k === 'string' && (MESSAGE_KINDS as readonly string[]).includes(k);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One error per field: the first found is kept. */
function add(errors: FieldError[], e: FieldError): void {
  if (!errors.some((x) => x.path === e.path)) errors.push(e);
}

export interface ValidateOptions {
  /** Now (from the caller's clock). */
  now: Date;
  /** Our code as partners know it: a message addressed to another administration is refused. */
  recipient: string;
  /** Tolerated clock difference for issuedAt (default 300 s). */
  maxSkewSeconds?: number;
}

export type ValidatedMessage = { ok: true; message: ExchangeMessage } | { ok: false; errors: FieldError[] };

export function validateExchangeMessage(input: unknown, o: ValidateOptions): ValidatedMessage {
  if (!isObj(input)) return { ok: false, errors: [fieldError('', 'wrong_type', expectedTypeParams('object'))] };
  const errors: FieldError[] = [];
  if (!checkEnvelope(input)) for (const e of checkEnvelope.errors ?? []) add(errors, shapeError(e, ''));
  const kind = input.kind;
  if (isKind(kind) && input.body !== undefined) {
    const check = checkBody[kind];
    if (!check(input.body))
      for (const e of check.errors ?? [])
        add(errors, e.keyword === 'minProperties' ? fieldError(toFieldPath(`/body${e.instancePath}`), 'text_missing') : shapeError(e, 'body'));
  }
  if (typeof input.version === 'string' && /^\d+\.\d+$/.test(input.version) && input.version.split('.')[0] !== SUPPORTED_MAJOR)
    add(errors, fieldError('version', 'version_unsupported', { value: input.version, supported: SUPPORTED_MAJOR }));
  if (typeof input.to === 'string' && input.to !== o.recipient) add(errors, fieldError('to', 'not_for_us', { value: input.to }));
  let issuedDay: number | null = null;
  if (typeof input.issuedAt === 'string' && !errors.some((e) => e.path === 'issuedAt')) {
    const t = Date.parse(input.issuedAt);
    const day = dayNumber(input.issuedAt.slice(0, 10));
    if (Number.isNaN(t) || day === null || new Date(t).toISOString().slice(0, 19) !== input.issuedAt.slice(0, 19)) add(errors, fieldError('issuedAt', 'invalid_timestamp'));
    else if (t > o.now.getTime() + (o.maxSkewSeconds ?? 300) * 1000) add(errors, fieldError('issuedAt', 'issued_in_future', { limit: o.maxSkewSeconds ?? 300 }));
    else issuedDay = day;
  }
  const body = input.body;
  if (isObj(body)) {
    for (const path of ['seizureDate', 'validUntil'] as const) {
      const v = body[path];
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayNumber(v) === null) add(errors, fieldError(`body.${path}`, 'invalid_date'));
    }
    if (kind === 'risky_party_notice' && typeof body.validUntil === 'string' && issuedDay !== null) {
      const until = dayNumber(body.validUntil);
      if (until !== null && until < issuedDay) add(errors, fieldError('body.validUntil', 'valid_until_passed'));
    }
    // A withdrawal comes after the notice it withdraws (the notice's own issue time, under the signature).
    const withdraws = body.withdraws;
    if (kind === 'party_notice_withdrawal' && isObj(withdraws) && typeof withdraws.issuedAt === 'string' && issuedDay !== null && typeof input.issuedAt === 'string') {
      const then = Date.parse(withdraws.issuedAt);
      if (!errors.some((e) => e.path === 'body.withdraws.issuedAt')) {
        if (Number.isNaN(then) || new Date(then).toISOString().slice(0, 19) !== withdraws.issuedAt.slice(0, 19)) add(errors, fieldError('body.withdraws.issuedAt', 'invalid_timestamp'));
        else if (then > Date.parse(input.issuedAt)) add(errors, fieldError('body.withdraws.issuedAt', 'withdrawn_before_issue'));
      }
    }
    if (kind === 'seizure_report' && typeof body.seizureDate === 'string' && issuedDay !== null) {
      const seized = dayNumber(body.seizureDate);
      // A seizure date is a day of the reporting country's calendar, up to a day ahead of UTC (UTC+14 at most).
      if (seized !== null && seized > issuedDay + 1) add(errors, fieldError('body.seizureDate', 'seized_after_issue'));
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, message: input as unknown as ExchangeMessage };
}
