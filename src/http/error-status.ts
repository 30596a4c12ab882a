// The one table from error codes to HTTP statuses, and the error body every route sends:
// {"error": {"code", "message", "ko", "en", "details"?}}. Never a 5xx for bad input.
import type { Bilingual } from '../domain/bilingual.ts';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_TEXT, type AppError, type ErrorCode } from '../app/errors.ts';
import { requestFieldError, type RequestFieldCode, type RequestFieldError } from '../app/field-errors.ts';
import type { FieldError } from '../domain/assessment.ts';
import { schemaFieldError, toFieldPath } from '../domain/validate-declaration.ts';
import { JsonBodyError, NotUtf8BodyError, type JsonErrorPlace } from './json-body.ts';
import { adviceFor, effectiveBodyLimit, payloadTooLargeText, type TooLargeAdvice } from './body-limits.ts';
import { securityHeaders } from './security-headers.ts';
import { requestHeadOf, type ParserError } from './request-head.ts';

const HTTP_ERROR_TEXT = {
  ROUTE_NOT_FOUND: { ko: '없는 경로입니다.', en: 'No such route.' },
  MALFORMED_JSON: { ko: 'JSON 형식이 올바르지 않습니다.', en: 'The body is not valid JSON.' },
  EMPTY_BODY: { ko: '요청 본문이 비어 있습니다: 이 경로가 받는 JSON 본문을 보내세요(형식은 /api/docs).', en: 'The request body is empty: send the JSON body this route takes (its schema is at /api/docs).' },
  NOT_UTF8: { ko: '요청 본문이 UTF-8 텍스트가 아닙니다. UTF-8로 저장해 다시 보내세요.', en: 'The body is not UTF-8 text: save it as UTF-8 and send it again.' },
  UNSUPPORTED_MEDIA_TYPE: {
    ko: '지원하지 않는 Content-Type입니다: JSON 본문은 Content-Type: application/json으로 보내세요 (CSV 업로드는 text/csv).',
    en: 'Unsupported Content-Type: send a JSON body with Content-Type: application/json (CSV uploads: text/csv).',
  },
  PAYLOAD_TOO_LARGE: { ko: '요청 본문이 너무 큽니다.', en: 'The request body is too large.' },
  BAD_REQUEST: { ko: '잘못된 요청입니다.', en: 'Bad request.' },
  MALFORMED_URL: { ko: 'URL 형식이 올바르지 않습니다(잘못된 퍼센트 인코딩 등).', en: 'The URL is malformed (e.g. a bad percent-encoding).' },
  URI_TOO_LONG: { ko: 'URL 경로의 값이 너무 깁니다.', en: 'A value in the URL path is too long.' },
  MALFORMED_REQUEST: { ko: 'HTTP 요청 형식이 올바르지 않습니다.', en: 'The HTTP request is malformed.' },
  HEADERS_TOO_LARGE: { ko: '요청 헤더가 너무 큽니다.', en: 'The request headers are too large.' },
  REQUEST_TIMEOUT: { ko: '요청을 제시간에 받지 못했습니다.', en: 'The request did not arrive in time.' },
  HOST_REQUIRED: { ko: 'Host 헤더가 없습니다. HTTP/1.1 요청에는 Host 헤더를 보내야 합니다.', en: 'The Host header is missing: an HTTP/1.1 request must carry one.' },
  HOST_INVALID: {
    ko: 'Host 헤더가 올바르지 않습니다. Host 헤더는 하나만, 비어 있지 않은 호스트[:포트] 형식으로 보내야 합니다.',
    en: 'The Host header is invalid: send exactly one, as a non-empty host[:port].',
  },
  RATE_LIMITED: { ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.', en: 'Too many requests; try again later.' },
  INTERNAL: { ko: '서버 내부 오류입니다.', en: 'Internal server error.' },
} as const;

export type HttpErrorCode = ErrorCode | keyof typeof HTTP_ERROR_TEXT;

export const STATUS_OF: Record<HttpErrorCode, number> = {
  UNAUTHENTICATED: 401,
  INVALID_API_KEY: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  DECLARATION_NOT_FOUND: 404,
  CARGO_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  LAST_API_KEY: 409,
  WEBHOOK_NOT_FOUND: 404,
  DELIVERY_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONCURRENT_UPDATE: 409,
  ILLEGAL_TRANSITION: 409,
  EVENT_NOT_ALLOWED_FOR_ROLE: 403,
  DECLARATION_INVALID: 422,
  REF_IMMUTABLE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  VALIDATION_FAILED: 400,
  CSV_INVALID: 400,
  REFERENCE_ALREADY_LOADED: 409,
  LOOKUP_QUERY_INVALID: 400,
  VERIFICATION_FAILED: 401,
  VERIFICATION_RATE_LIMITED: 429,
  SIGN_IN_RATE_LIMITED: 429,
  SIGN_IN_SLOWED: 429,
  CHALLENGE_INVALID: 401,
  SMS_NOT_SENT: 503,
  PCCC_NOT_ACTIVE: 403,
  PCCC_NOT_FOUND: 404,
  PCCC_ISSUE_INVALID: 422,
  REISSUE_LIMIT_REACHED: 409,
  RENEWAL_NOT_ALLOWED: 409,
  TOO_MANY_POSTCODES: 422,
  PASSKEY_PROOF_REQUIRED: 403,
  PASSKEY_INVALID: 401,
  PASSKEY_NOT_FOUND: 404,
  NO_PASSKEY: 409,
  CONSENT_PCCC_CHECK_FAILED: 422,
  CONSENT_RATE_LIMITED: 429,
  CONSENT_NOT_FOUND: 404,
  CONSENT_NOT_PENDING: 409,
  CONSENT_EXPIRED: 410,
  CONSENT_NUMBER_MISMATCH: 403,
  CONSENT_WRONG_HOLDER: 403,
  CONSENT_TOKEN_INVALID: 400,
  PARTY_NOT_FOUND: 404,
  RULE_SET_INVALID: 422,
  RULE_DRAFT_NOT_FOUND: 404,
  RULE_VERSION_EXISTS: 409,
  RULE_SET_UNCHANGED: 409,
  ORDER_CONFLICT: 409,
  RISK_MODEL_INVALID: 400,
  RISK_MODEL_NOT_FOUND: 404,
  NO_TAXES_DUE: 409,
  AMOUNT_MISMATCH: 422,
  TAXES_ALREADY_PAID: 409,
  TAXES_NOT_PAYABLE_HELD: 409,
  PAYMENT_DECLINED: 402,
  PAYMENT_OUTCOME_UNKNOWN: 502,
  RECEIPT_NOT_FOUND: 404,
  TRANSFER_NOT_AVAILABLE: 409,
  VIRTUAL_ACCOUNT_NOT_ISSUED: 502,
  DEPOSIT_CALLBACK_REJECTED: 403,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  NO_WAITING_ACCOUNT: 409,
  NO_DEPOSIT_TO_REVERSE: 409,
  RECEIPT_VOID: 410,
  REFUND_DUE_NOT_FOUND: 404,
  REFUND_DUE_CANCEL_RETRYING: 409,
  ACCOUNT_CLOSURE_NOT_FOUND: 404,
  HOLDER_NOTICE_NOT_FOUND: 404,
  CONSULTATION_NOT_FOUND: 404,
  CONSULTATION_CLOSED: 409,
  EXCHANGE_PARTNER_EXISTS: 409,
  EXCHANGE_PARTNER_NOT_FOUND: 404,
  EXCHANGE_KEY_INVALID: 400,
  EXCHANGE_KEY_EXISTS: 409,
  EXCHANGE_KEY_NOT_FOUND: 404,
  EXCHANGE_KEY_REVOKED: 409,
  EXCHANGE_MESSAGE_KEY_REVOKED: 409,
  EXCHANGE_KEY_NOT_REVOKED: 409,
  EXCHANGE_KEY_COMPROMISE_STATED: 409,
  EXCHANGE_NOTICE_WITHOUT_FINDINGS: 409,
  EXCHANGE_LAST_KEY: 409,
  EXCHANGE_SIGNATURE_INVALID: 401,
  EXCHANGE_MESSAGE_INVALID: 400,
  EXCHANGE_MESSAGE_CONFLICT: 409,
  EXCHANGE_MESSAGE_NOT_FOUND: 404,
  EXCHANGE_NOTHING_TO_PROPOSE: 422,
  EXCHANGE_NOTICE_NOT_FOUND: 404,
  EXCHANGE_NOT_WITHDRAWABLE: 422,
  EXCHANGE_NOTICE_WITHDRAWN: 409,
  OPERATOR_CODE_TAKEN: 409,
  OPERATOR_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  CANNOT_DISABLE_SELF: 409,
  LAST_ADMIN: 409,
  CURRENT_PASSWORD_WRONG: 400,
  PASSWORD_TOO_WEAK: 400,
  PASSWORD_CHANGE_RATE_LIMITED: 429,
  EXCHANGE_MESSAGE_WITHDRAWN: 409,
  EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE: 422,
  EXCHANGE_WITHDRAWAL_MISMATCH: 409,
  MALFORMED_JSON: 400,
  EMPTY_BODY: 400,
  NOT_UTF8: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  MALFORMED_URL: 400,
  URI_TOO_LONG: 414,
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  HOST_REQUIRED: 400,
  HOST_INVALID: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

function textOf(code: HttpErrorCode): Bilingual {
  return (ERROR_TEXT as Record<string, Bilingual>)[code] ?? (HTTP_ERROR_TEXT as Record<string, Bilingual>)[code]!;
}

export function errorBody(code: HttpErrorCode, details?: unknown, text?: Bilingual) {
  const t = text ?? textOf(code);
  return { error: { code, message: t.en, ko: t.ko, en: t.en, ...(details === undefined ? {} : { details }) } };
}

export function sendFailure(reply: FastifyReply, e: AppError): FastifyReply {
  return reply.code(STATUS_OF[e.code]).send(errorBody(e.code, withPathSubject(e.code, e.details, reply.request?.params), { ko: e.ko, en: e.en }));
}

export function sendCode(reply: FastifyReply, code: HttpErrorCode, details?: unknown): FastifyReply {
  return reply.code(STATUS_OF[code]).send(errorBody(code, withPathSubject(code, details, reply.request?.params)));
}

/**
 * The path parameters a 404's subject may come from, by code (the first the route has wins:
 * `/admin/operators/:id/api-keys/:keyId` answers API_KEY_NOT_FOUND of `keyId`, OPERATOR_NOT_FOUND of `id`).
 * A 404 not listed here never comes from the path (PCCC_NOT_FOUND of a consumer's session, ROUTE_NOT_FOUND);
 * error-status.test.ts holds every 404 code to one list or the other.
 */
export const NOT_FOUND_PARAMS: Partial<Record<HttpErrorCode, readonly string[]>> = {
  DECLARATION_NOT_FOUND: ['id', 'declarationId', 'cargoNo'],
  CARGO_NOT_FOUND: ['cargoNo'],
  API_KEY_NOT_FOUND: ['keyId', 'id'],
  WEBHOOK_NOT_FOUND: ['id'],
  DELIVERY_NOT_FOUND: ['id'],
  PCCC_NOT_FOUND: ['pccc'],
  PASSKEY_NOT_FOUND: ['credentialId'],
  CONSENT_NOT_FOUND: ['id'],
  PARTY_NOT_FOUND: ['key'],
  RULE_DRAFT_NOT_FOUND: ['id'],
  RISK_MODEL_NOT_FOUND: ['version'],
  RECEIPT_NOT_FOUND: ['receiptNo'],
  REFUND_DUE_NOT_FOUND: ['id'],
  ACCOUNT_CLOSURE_NOT_FOUND: ['id'],
  HOLDER_NOTICE_NOT_FOUND: ['id'],
  CONSULTATION_NOT_FOUND: ['id'],
  EXCHANGE_PARTNER_NOT_FOUND: ['code'],
  EXCHANGE_KEY_NOT_FOUND: ['keyId'],
  EXCHANGE_MESSAGE_NOT_FOUND: ['id'],
  EXCHANGE_NOTICE_NOT_FOUND: ['messageId'],
  OPERATOR_NOT_FOUND: ['id'],
  USER_NOT_FOUND: ['id'],
};

/**
 * A 404 of something the URL path named says which parameter, as a refused field is named
 * (`details.path`, `params.<name>`, beside the code's own details): `params.id` of a webhook id that
 * is none of the operator's. Details that already name a path (a body field: `body.declarationId`) are kept.
 */
export function withPathSubject(code: HttpErrorCode, details: unknown, params: unknown): unknown {
  const names = NOT_FOUND_PARAMS[code];
  if (!names || typeof params !== 'object' || params === null) return details;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details) || 'path' in details)) return details;
  const name = names.find((n) => Object.hasOwn(params, n));
  return name === undefined ? details : { path: `params.${name}`, ...(details as object | undefined) };
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/**
 * Ajv's errors as the field errors of every refused request (app/field-errors.ts): the path names
 * the field (`body.items[2].price`, `querystring.status`; a missing or unknown property is named
 * itself, not its parent), the code and Korean and English text are those a declaration's errors
 * use (validate-declaration.ts), and `keyword` and `params` stay Ajv's. A value outside a union of
 * literals (event types, statuses) is one `enum` error listing the allowed values instead of one
 * "must be equal to constant" per value and an anyOf.
 */
export function validationDetails(errors: readonly SchemaError[], context: string): RequestFieldError[] {
  const at = (instancePath: string) => (child?: string) => {
    const inner = toFieldPath(instancePath, child);
    return inner ? `${context}${inner.startsWith('[') ? '' : '.'}${inner}` : context;
  };
  const allowed = new Map<string, unknown[]>();
  for (const v of errors) if (v.keyword === 'const') allowed.set(v.instancePath, [...(allowed.get(v.instancePath) ?? []), v.params.allowedValue]);
  const out: RequestFieldError[] = [];
  const listed = new Set<string>(); // a union of unions (eventTypes) fails one anyOf per union: one error
  for (const v of errors) {
    const merged = allowed.get(v.instancePath)?.length ?? 0;
    if (v.keyword === 'const' && merged > 1) continue;
    if (v.keyword === 'anyOf' && merged > 1) {
      if (listed.has(v.instancePath)) continue;
      listed.add(v.instancePath);
      const allowedValues = allowed.get(v.instancePath)!;
      out.push({ ...requestFieldError(at(v.instancePath)(), 'not_allowed_value', { allowed: allowedValues.join(' | ') }), keyword: 'enum', params: { allowedValues } });
      continue;
    }
    out.push({ ...schemaError(v, at(v.instancePath)), keyword: v.keyword, params: v.params });
  }
  return out;
}

/**
 * The formats of the route schemas' patterns and string formats, in words: a regular expression in
 * the text ("Wrong format (^[Pp][0-9]{12}$)") told an integrator little. `params` keeps Ajv's for machines.
 */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^\\d{4}-\\d{2}-\\d{2}$': 'YYYY-MM-DD',
  '^\\d{4}-(0[1-9]|1[0-2])$': 'YYYY-MM',
  '^\\d{4}$': 'YYYY',
  '^\\d{2}$': '2 digits',
  '^[0-9]{2}$': '2 digits',
  '^[A-Za-z]{3}$': '3 letters, e.g. USD',
  '^[A-Z]{2}$': '2 capital letters, e.g. US',
  '^[A-Za-z]{2}$': '2 letters, e.g. US',
  '^[0-9.\\-]{2,13}$': 'HS code: 2 to 10 digits',
  '^[0-9.\\-\\s]{2,13}$': 'HS code: 2 to 10 digits',
  '^https?://': 'http(s) URL',
};
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: 'YYYY-MM-DD',
  'date-time': 'ISO 8601 date and time with offset, e.g. 2026-03-01T09:00:00+09:00',
};
/** A pattern that encodes a rule declarations have keeps the declaration's code and text (docs/api.md, "Bad requests"). */
const PATTERN_CODES: Readonly<Record<string, RequestFieldCode>> = { '^[Pp][0-9]{12}$': 'pccc_invalid' };

/** The code and text of one Ajv error: the declaration's wording for the keywords it shares, ours for the others. */
function schemaError(v: SchemaError, at: (child?: string) => string): FieldError {
  const p = v.params;
  switch (v.keyword) {
    case 'pattern': {
      const pattern = String(p.pattern);
      const code = PATTERN_CODES[pattern];
      return code ? requestFieldError(at(), code) : requestFieldError(at(), 'bad_format', { format: PATTERN_WORDS[pattern] ?? pattern });
    }
    case 'format':
      return requestFieldError(at(), 'bad_format', { format: FORMAT_WORDS[String(p.format)] ?? String(p.format) });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      // Written as amounts are read (10,000,000,000,000): a bound of thirteen bare digits is hard to count.
      return requestFieldError(at(), 'value_out_of_range', { limit: `${String(p.comparison)} ${typeof p.limit === 'number' ? p.limit.toLocaleString('en-US', { maximumFractionDigits: 20 }) : String(p.limit)}` });
    case 'minItems':
      return requestFieldError(at(), 'too_few', { limit: Number(p.limit) });
    // "Must not be empty" (the declaration's too_short) misread a value too short for its field, a
    // cargo number of 5 characters where 15 are the least: past one character, the least is named.
    case 'minLength':
      return Number(p.limit) > 1 ? requestFieldError(at(), 'below_min_length', { limit: Number(p.limit) }) : requestFieldError(at(), 'too_short');
    case 'const':
      return requestFieldError(at(), 'not_allowed_value', { allowed: String(p.allowedValue) });
    default:
      return schemaFieldError(v as Parameters<typeof schemaFieldError>[0], at, () => 'pattern') ?? requestFieldError(at(), 'bad_format', { format: v.keyword });
  }
}

/** MALFORMED_JSON with the place of the error (json-body.ts), when the parser could tell it. */
function malformedJsonAt(place: JsonErrorPlace, parserMessage: string): { code: HttpErrorCode; details: unknown; text: Bilingual } {
  const { line, column } = place;
  return {
    code: 'MALFORMED_JSON',
    details: { line, column, position: place.position, parser: parserMessage },
    text: {
      ko: `JSON 형식이 올바르지 않습니다: ${line}행 ${column}열 근처. 그 자리의 쉼표, 따옴표, 괄호를 확인하세요.`,
      en: `The body is not valid JSON: near line ${line}, column ${column}. Check the commas, quotes and brackets there.`,
    },
  };
}

/** Maps Fastify's own errors (parsing, validation, limits) onto the table above. */
export function codeOfFastifyError(error: FastifyError): { code: HttpErrorCode; details?: unknown; text?: Bilingual } {
  if (error instanceof NotUtf8BodyError) {
    const { line, column, position } = error.place;
    return {
      code: 'NOT_UTF8',
      details: { line, column, position },
      text: {
        ko: `요청 본문이 UTF-8 텍스트가 아닙니다: ${line}행 ${column}열 (EUC-KR/CP949로 저장한 파일?). UTF-8로 저장해 다시 보내세요${error.csv ? " (Excel: 'CSV UTF-8(쉼표로 분리)')" : ''}.`,
        en: `The body is not UTF-8 text: line ${line}, column ${column} (a file saved as EUC-KR/CP949?). Save it as UTF-8 and send it again${error.csv ? " (Excel: 'CSV UTF-8 (Comma delimited)')" : ''}.`,
      },
    };
  }
  if (error instanceof JsonBodyError && error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return error.place ? malformedJsonAt(error.place, error.message) : { code: 'MALFORMED_JSON', details: { parser: error.message } };
  }
  if (error.validation) return { code: 'VALIDATION_FAILED', details: validationDetails(error.validation, error.validationContext ?? 'body') };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'EMPTY_BODY' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'MALFORMED_JSON' };
    default:
      break;
  }
  if (error instanceof SyntaxError) return { code: 'MALFORMED_JSON' };
  const status = error.statusCode ?? 500;
  if (status === 429) return { code: 'RATE_LIMITED' };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE' };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE' };
  if (status === 404) return { code: 'ROUTE_NOT_FOUND' };
  if (status >= 400 && status < 500) return { code: 'BAD_REQUEST', details: { reason: error.message } };
  return { code: 'INTERNAL' };
}

/** The code of a request Fastify's router refused (frameworkErrorHandler). */
export const frameworkErrorCode = (error: { code?: string | undefined }): 'MALFORMED_URL' | 'URI_TOO_LONG' | 'BAD_REQUEST' =>
  error.code === 'FST_ERR_BAD_URL' ? 'MALFORMED_URL' : error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_REQUEST';

/** The code of a request Node's parser refused (clientErrorHandler). */
export const clientErrorCode = (error: { code?: string | undefined }): 'REQUEST_TIMEOUT' | 'HEADERS_TOO_LARGE' | 'MALFORMED_REQUEST' =>
  error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';

/**
 * Fastify answers some malformed requests before any route or error handler sees them (a bad
 * percent-encoding in the path, a path parameter beyond maxParamLength): same error body.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const code = frameworkErrorCode(error);
  return reply.code(STATUS_OF[code]).send(errorBody(code));
}

/**
 * Node's HTTP parser refuses a request it cannot read (a byte above 0x7f in the request line,
 * oversized headers, a timeout) before Fastify has a request: answer on the raw socket, as
 * Fastify's default does, but with our error body and the security headers every other answer
 * carries (security-headers.ts: its onSend hook never sees this answer), in request order
 * (refuseInOrder). `answerOf`: another answer for some requests (the UNI-PASS XML form), else null.
 */
export function clientErrorHandler(
  o: { https: boolean },
  answerOf?: (error: NodeJS.ErrnoException, socket: Duplex) => string | null,
): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  const headers = Object.entries(securityHeaders(JSON_TYPE, o))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error, socket) => {
    // the parser's error again, as more bytes arrive, while the refusal waits: answered once
    if (error.code === 'ECONNRESET' || socket.destroyed || refusing.has(socket)) return;
    let answer = answerOf?.(error, socket) ?? null;
    if (answer === null) {
      const code = clientErrorCode(error);
      const status = STATUS_OF[code];
      const body = JSON.stringify(errorBody(code));
      // An answer to HEAD has no body (RFC 9110 §9.3.2; a client reading one fails to parse the answer). Whether the
      // refused request is HEAD is read from its own head (request-head.ts), not from the start of the chunk Node
      // hands with the error, where a request pipelined before it begins (and which a timeout has none of).
      const head = isHead(requestHeadOf(error as ParserError, socket));
      answer = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${JSON_TYPE}\r\n${headers}Connection: close\r\n\r\n${head ? '' : body}`;
    }
    refuseInOrder(socket, answer, error);
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether a request's bytes, from its request line, are a HEAD request's (methods are case-sensitive: RFC 9110 §9.1). */
const isHead = (requestHead: Buffer | null): boolean =>
  requestHead !== null && requestHead.length >= 5 && requestHead[0] === 0x48 && requestHead[1] === 0x45 && requestHead[2] === 0x41 && requestHead[3] === 0x44 && requestHead[4] === 0x20;

/** Sockets whose refusal is written, or waits for the answers before it. */
const refusing = new WeakSet<Duplex>();

/** Node's ServerResponse as the socket holds it (`_httpMessage`: the answer being written, the first of those not finished). */
interface InFlight {
  req?: unknown;
  headersSent?: boolean;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Writes `answer`, a whole HTTP answer to the request Node refused on `socket`, then ends the connection,
 * in request order (RFC 9112 §9.3.2: a server sends its answers in the order the requests came). The
 * requests before the refused one in a pipelined chunk were handed to the app as they were read, before
 * the parser reached the bad bytes: their answers, still being worked out, were lost when the refusal
 * was written ahead of them and the connection closed (and one begun was cut short). Now the refusal
 * waits for each of them to finish (Node writes them one after another, `_httpMessage` the one being
 * written), then is written. The normal path pays nothing: this runs only for a refused request.
 * Nothing is written when the refused request is one the app had already (its body was being read)
 * and its own answer has begun or been sent: a second answer to one request would be read as the
 * answer to a request never sent.
 */
export function refuseInOrder(socket: Duplex, answer: string, error: Error): void {
  refusing.add(socket);
  const s = socket as Duplex & { _httpMessage?: InFlight | null; parser?: { incoming?: IncomingMessage | null } | null };
  const incoming = s.parser?.incoming ?? null;
  // the refused request when Node made it (an error or a timeout in its body), else null (in a head)
  const own = incoming !== null && !incoming.complete ? incoming : null;
  const next = (): void => {
    const inFlight = s._httpMessage ?? null;
    if (inFlight !== null && inFlight.req !== own && !socket.destroyed) {
      // an answer to a request before the refused one: Node's own 'finish' listener, added first, has
      // put the next answer on the socket when this one runs
      inFlight.once('finish', next);
      return;
    }
    const ownAnswered = own !== null && (inFlight === null || inFlight.headersSent === true);
    if (socket.writable && !ownAnswered) socket.write(answer);
    socket.destroy(error);
  };
  next();
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { code, details, text: fastifyText } = codeOfFastifyError(error);
  const text = code === 'PAYLOAD_TOO_LARGE' ? payloadTooLargeOf(request) : fastifyText;
  if (STATUS_OF[code] >= 500) request.log.error({ err: error }, 'unhandled error');
  return reply.code(STATUS_OF[code]).send(errorBody(code, details, text));
}

/** The 413's words for the route asked: its limit and what to do (body-limits.ts). */
function payloadTooLargeOf(request: FastifyRequest): Bilingual {
  const config: { bodyLimit?: number | undefined; tooLarge?: TooLargeAdvice | undefined } = request.routeOptions?.config ?? {};
  const contentType = request.headers['content-type'];
  return payloadTooLargeText(effectiveBodyLimit(config.bodyLimit, contentType), adviceFor(config.tooLarge, contentType));
}
