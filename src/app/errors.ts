// Expected failures are values with stable codes. src/http/error-status.ts maps each code
// to an HTTP status in one table; nothing else decides statuses.

export const ERROR_TEXT = {
  UNAUTHENTICATED: { ko: '인증이 필요합니다.', en: 'Authentication required.' },
  INVALID_API_KEY: { ko: 'API 키가 올바르지 않거나 폐기되었습니다.', en: 'The API key is invalid or revoked.' },
  INVALID_CREDENTIALS: { ko: '아이디 또는 비밀번호가 올바르지 않습니다.', en: 'Wrong username or password.' },
  FORBIDDEN: { ko: '이 작업을 할 권한이 없습니다.', en: 'You are not allowed to do this.' },
  DECLARATION_NOT_FOUND: { ko: '신고를 찾을 수 없습니다.', en: 'Declaration not found.' },
  CARGO_NOT_FOUND: { ko: '화물을 찾을 수 없습니다.', en: 'No cargo with that number.' },
  API_KEY_NOT_FOUND: { ko: 'API 키를 찾을 수 없습니다.', en: 'API key not found.' },
  WEBHOOK_NOT_FOUND: { ko: '웹훅을 찾을 수 없습니다.', en: 'Webhook not found.' },
  DELIVERY_NOT_FOUND: { ko: '웹훅 전송 내역을 찾을 수 없습니다.', en: 'Webhook delivery not found.' },
  ILLEGAL_TRANSITION: { ko: '현재 상태에서 허용되지 않는 처리입니다.', en: 'This event is not allowed in the current state.' },
  EVENT_NOT_ALLOWED_FOR_ROLE: { ko: '이 처리구분은 해당 주체가 등록할 수 없습니다.', en: 'This event type cannot be posted by this party.' },
  DECLARATION_INVALID: { ko: '신고 내용에 오류가 있습니다.', en: 'The declaration has errors.' },
  REF_IMMUTABLE: { ko: '참조번호(ref)는 변경할 수 없습니다.', en: 'The ref of a declaration cannot change.' },
  IDEMPOTENCY_KEY_REUSED: { ko: '같은 Idempotency-Key가 다른 요청에 사용되었습니다.', en: 'This Idempotency-Key was used with a different request body.' },
  VALIDATION_FAILED: { ko: '요청 형식이 올바르지 않습니다.', en: 'The request does not match the schema.' },
  CSV_INVALID: { ko: 'CSV 내용이 올바르지 않습니다.', en: 'The CSV is invalid.' },
  LOOKUP_QUERY_INVALID: {
    ko: '화물관리번호(15자리 이상) 또는 B/L번호와 B/L년도 중 하나는 필수입니다.',
    en: 'Give a cargo management number (15+ characters) or a B/L number with its year.',
  },
  VERIFICATION_FAILED: { ko: '본인 확인 정보가 일치하지 않습니다.', en: 'The identity details do not match.' },
  CHALLENGE_INVALID: { ko: '인증번호가 올바르지 않거나 만료되었습니다.', en: 'The code is wrong or expired.' },
  PCCC_NOT_ACTIVE: { ko: '사용 중인 개인통관고유부호가 아닙니다.', en: 'The personal customs code is not active.' },
} as const;

export type ErrorCode = keyof typeof ERROR_TEXT;

export interface AppError {
  code: ErrorCode;
  ko: string;
  en: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(code: ErrorCode, details?: unknown, text?: { ko: string; en: string }): AppError {
  const t = text ?? ERROR_TEXT[code];
  return details === undefined ? { code, ko: t.ko, en: t.en } : { code, ko: t.ko, en: t.en, details };
}

export function fail<T = never>(code: ErrorCode, details?: unknown, text?: { ko: string; en: string }): Result<T> {
  return { ok: false, error: failure(code, details, text) };
}
