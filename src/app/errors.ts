// Expected failures are values with stable codes. src/http/error-status.ts maps each code
// to an HTTP status in one table; nothing else decides statuses.
import type { Bilingual } from '../domain/bilingual.ts';

export const ERROR_TEXT = {
  UNAUTHENTICATED: { ko: '인증이 필요합니다.', en: 'Authentication required.' },
  INVALID_API_KEY: { ko: 'API 키가 올바르지 않거나 폐기되었습니다.', en: 'The API key is invalid or revoked.' },
  INVALID_CREDENTIALS: { ko: '아이디 또는 비밀번호가 올바르지 않습니다.', en: 'Wrong username or password.' },
  FORBIDDEN: { ko: '이 작업을 할 권한이 없습니다.', en: 'You are not allowed to do this.' },
  DECLARATION_NOT_FOUND: { ko: '신고를 찾을 수 없습니다.', en: 'Declaration not found.' },
  CARGO_NOT_FOUND: { ko: '화물을 찾을 수 없습니다.', en: 'No cargo with that number.' },
  API_KEY_NOT_FOUND: { ko: 'API 키를 찾을 수 없습니다.', en: 'API key not found.' },
  LAST_API_KEY: {
    ko: '사용 중인 API 키가 이것 하나뿐이라 폐기하면 더 이상 접속할 수 없습니다. 새 키를 먼저 만들고(POST /api/v1/api-keys) 그 키로 바꾼 뒤 이 키를 폐기하세요.',
    en: 'This is your only working API key: revoked, it would lock you out. Create a new key first (POST /api/v1/api-keys), switch to it, then revoke this one.',
  },
  WEBHOOK_NOT_FOUND: { ko: '웹훅을 찾을 수 없습니다.', en: 'Webhook not found.' },
  DELIVERY_NOT_FOUND: { ko: '웹훅 전송 내역을 찾을 수 없습니다.', en: 'Webhook delivery not found.' },
  // Internal to a use case that re-checks under a lock (record-cargo-event.ts, amend-declaration.ts); answered
  // (409) only by a rule publication whose draft kept changing under it (manage-risk-rules.ts).
  CONCURRENT_UPDATE: { ko: '다른 처리가 동시에 기록되었습니다. 다시 시도하세요.', en: 'Something else was recorded at the same time; try again.' },
  ILLEGAL_TRANSITION: { ko: '현재 상태에서 허용되지 않는 처리입니다.', en: 'This event is not allowed in the current state.' },
  EVENT_NOT_ALLOWED_FOR_ROLE: { ko: '이 처리구분은 해당 주체가 등록할 수 없습니다.', en: 'This event type cannot be posted by this party.' },
  DECLARATION_INVALID: { ko: '신고 내용에 오류가 있습니다.', en: 'The declaration has errors.' },
  REF_IMMUTABLE: { ko: '참조번호(ref)는 변경할 수 없습니다.', en: 'The ref of a declaration cannot change.' },
  IDEMPOTENCY_KEY_REUSED: {
    ko: '같은 Idempotency-Key가 다른 요청에 사용되었습니다. 재시도라면 처음과 같은 본문을 보내고, 새 요청이라면 새 키를 쓰세요.',
    en: 'This Idempotency-Key was used with a different request body. A retry sends the same body as the first time; a new request needs a new key.',
  },
  VALIDATION_FAILED: { ko: '요청 형식이 올바르지 않습니다.', en: 'The request does not match the schema.' },
  CSV_INVALID: { ko: 'CSV 내용이 올바르지 않습니다.', en: 'The CSV is invalid.' },
  REFERENCE_ALREADY_LOADED: { ko: '같은 파일을 이미 올렸습니다.', en: 'This file was loaded already.' },
  LOOKUP_QUERY_INVALID: {
    ko: '화물관리번호(15자리 이상) 또는 B/L번호와 B/L년도 중 하나는 필수입니다.',
    en: 'Give a cargo management number (15+ characters) or a B/L number with its year.',
  },
  VERIFICATION_FAILED: { ko: '본인 확인 정보가 일치하지 않습니다.', en: 'The identity details do not match.' },
  SIGN_IN_RATE_LIMITED: { ko: '이 주소에서 이 사용자 이름으로 로그인에 너무 많이 실패했습니다. 잠금이 풀린 뒤(Retry-After에 적힌 시간) 다시 시도하세요.', en: 'Too many failed sign-ins under this username from this address; try again once the lock ends (the wait is in Retry-After).' },
  // The text names the seconds (sign-in-officer.ts); this one is the fallback.
  SIGN_IN_SLOWED: { ko: '이 사용자 이름으로 여러 곳에서 로그인에 실패한 횟수가 많아 속도를 제한합니다. 잠시 후 다시 시도하세요.', en: 'Many failed sign-ins under this username from several addresses: sign-ins are slowed; try again shortly.' },
  VERIFICATION_RATE_LIMITED: { ko: '이 개인통관고유부호로 요청하고 사용하지 않은 인증번호가 너무 많습니다. 제한이 풀린 뒤(Retry-After에 적힌 시간) 다시 시도하세요.', en: 'Too many unused codes were asked for this PCCC; try again once the limit ends (the wait is in Retry-After).' },
  CHALLENGE_INVALID: { ko: '인증번호가 올바르지 않거나 만료되었습니다.', en: 'The code is wrong or expired.' },
  // The SMS gateway refused the code's message or stayed unreachable through its retries (the adapter logs why, masked).
  SMS_NOT_SENT: { ko: '인증번호 문자를 보내지 못했습니다. 잠시 후 다시 시도하세요.', en: 'The code could not be sent by SMS; try again in a moment.' },
  PCCC_NOT_ACTIVE: { ko: '사용 중인 개인통관고유부호가 아닙니다.', en: 'The personal customs code is not active.' },
  // Consumer identity (issue 6)
  PCCC_NOT_FOUND: { ko: '개인통관고유부호를 찾을 수 없습니다.', en: 'No such personal customs code.' },
  PCCC_ISSUE_INVALID: { ko: '발급 신청 내용이 올바르지 않습니다.', en: 'The application for a personal customs code is invalid.' },
  REISSUE_LIMIT_REACHED: { ko: '재발급 횟수 한도(연간)를 넘었습니다. 관세청 고객지원센터(125)에 문의하세요.', en: 'The yearly reissue limit is reached; contact the KCS call centre (125).' },
  RENEWAL_NOT_ALLOWED: { ko: '지금은 유효기간을 연장할 수 없습니다(만료 전후 30일 이내에만 연장).', en: 'The code cannot be renewed now (only within 30 days of its expiry).' },
  TOO_MANY_POSTCODES: { ko: '배송지 우편번호는 최대 20개까지 등록할 수 있습니다.', en: 'At most 20 delivery postcodes can be registered.' },
  PASSKEY_PROOF_REQUIRED: { ko: '패스키를 등록하려면 먼저 이름·휴대폰·우편번호로 본인 확인을 하세요.', en: 'Verify your name, mobile and postcode before registering a passkey.' },
  PASSKEY_INVALID: { ko: '패스키 확인에 실패했습니다.', en: 'The passkey could not be verified.' },
  PASSKEY_NOT_FOUND: { ko: '패스키를 찾을 수 없습니다.', en: 'Passkey not found.' },
  NO_PASSKEY: { ko: '등록된 패스키가 없습니다. 먼저 패스키를 등록하세요.', en: 'No passkey is registered; register one first.' },
  CONSENT_PCCC_CHECK_FAILED: { ko: '개인통관고유부호, 이름, 휴대폰, 배송지 우편번호가 등록 정보와 일치하지 않거나 사용 중인 부호가 아닙니다.', en: 'The PCCC, name, mobile and delivery postcode do not match an active registration.' },
  CONSENT_RATE_LIMITED: { ko: '이 개인통관고유부호로 승인 요청이 너무 많습니다. 잠시 후 다시 시도하세요.', en: 'Too many consent requests for this PCCC; try again later.' },
  CONSENT_NOT_FOUND: { ko: '승인 요청을 찾을 수 없습니다.', en: 'Consent request not found.' },
  CONSENT_NOT_PENDING: { ko: '이미 처리된 승인 요청입니다.', en: 'This consent request was already decided.' },
  CONSENT_EXPIRED: { ko: '승인 요청 시간이 지났습니다(10분). 쇼핑몰에서 다시 요청하세요.', en: 'The consent request expired (10 minutes); start again at the shop.' },
  CONSENT_NUMBER_MISMATCH: { ko: '쇼핑몰 화면의 번호와 다릅니다. 본인이 시작한 주문이 아닐 수 있어 요청을 취소했습니다.', en: 'That is not the number on the shop screen. The request may not be yours, so it was cancelled.' },
  CONSENT_WRONG_HOLDER: { ko: '이 주문의 개인통관고유부호에 등록된 패스키가 아닙니다.', en: 'This passkey is not registered to the PCCC of this order.' },
  CONSENT_TOKEN_INVALID: { ko: '승인 토큰이 올바르지 않습니다.', en: 'The consent token is invalid.' },
  // Risk management (issue 5)
  PARTY_NOT_FOUND: { ko: '해당 거래 당사자의 이력이 없습니다.', en: 'No profile for this party.' },
  RULE_SET_INVALID: { ko: '위험 선별 규칙 형식이 올바르지 않습니다.', en: 'The risk rule set is invalid.' },
  RULE_DRAFT_NOT_FOUND: { ko: '규칙 초안을 찾을 수 없거나 이미 게시되었습니다.', en: 'Rule draft not found or already published.' },
  RULE_VERSION_EXISTS: { ko: '이미 게시된 규칙 버전입니다.', en: 'A rule set with this version is already published.' },
  RULE_SET_UNCHANGED: {
    ko: '초안의 규칙이 현재 게시된 규칙과 같습니다(규칙·가중치·기준값 모두 동일). 게시할 변경이 없어 새 버전을 만들지 않았고 재채점할 화물도 없습니다.',
    en: 'The draft’s rules are the same as the rule set in force (rules, weights and thresholds alike): there is nothing to publish, so no new version was made and no parcel was queued for rescoring.',
  },
  ORDER_CONFLICT: { ko: '같은 주문번호로 다른 주문 내용이 이미 등록되었습니다.', en: 'This order number was already posted with different content.' },
  RISK_MODEL_INVALID: { ko: '위험 모델 파일이 올바르지 않습니다.', en: 'The risk model file is invalid.' },
  RISK_MODEL_NOT_FOUND: { ko: '위험 모델을 찾을 수 없습니다.', en: 'Risk model not found.' },
  // Tax notices and payment
  NO_TAXES_DUE: { ko: '이 신고에는 납부할 세금이 없습니다.', en: 'No taxes are due on this declaration.' },
  AMOUNT_MISMATCH: { ko: '납부 금액이 고지된 세액과 다릅니다.', en: 'The amount differs from the taxes due.' },
  TAXES_ALREADY_PAID: { ko: '이미 납부된 세금입니다.', en: 'These taxes are already paid.' },
  TAXES_NOT_PAYABLE_HELD: {
    ko: '이 화물은 통관이 보류되어 지금은 세금을 납부할 수 없습니다. 세액은 보류가 해소되어 수입신고가 수리되면 납부합니다(관세법 제9조). 화물의 보류 사유와 다음 안내를 확인하세요.',
    en: "This parcel is on hold, so its taxes cannot be paid now: they are paid once the hold is resolved and the import declaration is accepted (Customs Act art. 9). See the parcel's hold reason and next step.",
  },
  PAYMENT_DECLINED: { ko: '결제가 승인되지 않았습니다.', en: 'The payment was declined.' },
  PAYMENT_OUTCOME_UNKNOWN: { ko: '결제대행사에서 결제 결과를 받지 못했습니다. 결제되었을 수 있습니다.', en: 'The payment gateway gave no definitive answer: the payment may have gone through.' },
  RECEIPT_NOT_FOUND: { ko: '영수증을 찾을 수 없습니다.', en: 'No receipt with that number.' },
  TRANSFER_NOT_AVAILABLE: { ko: '지금은 계좌이체(가상계좌)로 납부할 수 없습니다. 카드로 납부해 주세요.', en: 'Paying by transfer (virtual account) is not possible now: please pay by card.' },
  VIRTUAL_ACCOUNT_NOT_ISSUED: { ko: '가상계좌가 발급되지 않았습니다. 돈은 나가지 않았으니 다시 요청하세요.', en: 'No virtual account was issued. No money moved: ask again.' },
  DEPOSIT_CALLBACK_REJECTED: { ko: '입금 통보를 확인할 수 없습니다.', en: 'The deposit notification cannot be verified.' },
  PAYMENT_PROVIDER_UNAVAILABLE: { ko: '결제대행사에 확인할 수 없습니다. 잠시 후 다시 시도하세요.', en: 'The payment gateway cannot be asked now; try again shortly.' },
  NO_WAITING_ACCOUNT: { ko: '입금 대기 중인 가상계좌가 없습니다.', en: 'No virtual account is waiting for a deposit.' },
  NO_DEPOSIT_TO_REVERSE: { ko: '가상계좌 입금으로 납부된 세금이 없습니다.', en: 'The taxes were not paid by a deposit into a virtual account.' },
  RECEIPT_VOID: { ko: '이 영수증의 납부는 취소되어(입금 취소) 납부확인서를 발급할 수 없습니다.', en: 'The payment on this receipt was undone (the deposit was reversed): no certificate is issued.' },
  ACCOUNT_CLOSURE_NOT_FOUND: { ko: '다시 시도할 계좌 닫기가 없습니다(없는 번호이거나 이미 다시 시도됨).', en: 'No given-up account close with that id (unknown, or already retried).' },
  HOLDER_NOTICE_NOT_FOUND: { ko: '다시 보낼 알림이 없습니다(없는 번호이거나 이미 다시 보냄).', en: 'No given-up notice with that id (unknown, or already sent again).' },
  REFUND_DUE_NOT_FOUND: { ko: '처리할 환불 대상이 없습니다(없는 번호이거나 이미 처리됨).', en: 'No open refund due with that id (unknown, or already resolved).' },
  // The text names the refund, the attempts and the next one (refund-due.ts cancelRetryingText); this one is the fallback.
  REFUND_DUE_CANCEL_RETRYING: {
    ko: '결제대행사에서 카드 결제를 자동으로 다시 취소하고 있어 지금은 처리할 수 없습니다(이중 환불 방지). 자동 취소가 끝날 때까지 기다리세요.',
    en: 'The card charge is still being cancelled automatically at the payment gateway, so it cannot be resolved now (it could be refunded twice). Wait for the automatic cancel to end.',
  },
  // Consultation (민원상담)
  CONSULTATION_NOT_FOUND: { ko: '상담을 찾을 수 없습니다.', en: 'Consultation not found.' },
  CONSULTATION_CLOSED: { ko: '종료된 상담입니다. 새 상담을 시작하세요.', en: 'This consultation is closed; open a new one.' },
  // Risk exchange with partner customs administrations
  EXCHANGE_PARTNER_EXISTS: { ko: '이미 등록된 협력 세관 부호입니다.', en: 'A partner administration with this code is already registered.' },
  EXCHANGE_PARTNER_NOT_FOUND: { ko: '등록되지 않은 협력 세관입니다.', en: 'No partner administration with this code.' },
  EXCHANGE_KEY_INVALID: { ko: '공개키가 Ed25519 공개키(32바이트, base64url)가 아닙니다.', en: 'The public key is not an Ed25519 public key (32 bytes, base64url).' },
  EXCHANGE_KEY_EXISTS: { ko: '이 협력 세관에 이미 등록된(또는 폐기된) 공개키입니다.', en: 'This public key is already registered (or was revoked) for this partner administration.' },
  EXCHANGE_KEY_NOT_FOUND: { ko: '이 협력 세관에 등록되지 않은 키 ID입니다.', en: 'No key with this id for this partner administration.' },
  EXCHANGE_KEY_REVOKED: { ko: '이미 폐기된 키입니다.', en: 'This key is already revoked.' },
  EXCHANGE_LAST_KEY: { ko: '협력 세관의 마지막 유효 키입니다. 폐기하면 이 기관의 메시지를 받을 수 없습니다. 그래도 폐기하려면 lastKey: true를 보내세요.', en: "This is the partner's last active key: once revoked, nothing it sends is accepted. Send lastKey: true to revoke it anyway." },
  EXCHANGE_SIGNATURE_INVALID: { ko: '메시지 서명을 확인할 수 없습니다(미등록 발신 기관, 다른 키 또는 변조).', en: 'The message signature does not verify (unknown sender, another key, or altered content).' },
  EXCHANGE_MESSAGE_INVALID: { ko: '메시지 형식이 올바르지 않습니다. details의 항목별 오류를 확인하세요.', en: 'The message is malformed; see the field errors in details.' },
  EXCHANGE_MESSAGE_CONFLICT: { ko: '같은 메시지 번호로 다른 내용의 메시지를 이미 받았습니다.', en: 'A message with this id and different content was already received.' },
  EXCHANGE_MESSAGE_NOT_FOUND: { ko: '수신 메시지를 찾을 수 없습니다.', en: 'Received message not found.' },
  // Answered with the message's own note (when the key was compromised, when we received it: revoked-key-source.ts); this text when none is given.
  EXCHANGE_MESSAGE_KEY_REVOKED: {
    ko: '이 메시지에 서명한 키는 유출되어 폐기되었고, 이 메시지는 유출 시점 이후에 받았으므로 위조되었을 수 있습니다. 규칙 초안을 만들 수 없습니다. 협력 세관에 새 키로 다시 서명해 보내 달라고 요청하세요.',
    en: 'The key that signed this message was revoked as compromised from a time at or before we received it: it may be forged, so no rule draft is made from it. Ask the partner to sign it again with its new key and resend it.',
  },
  EXCHANGE_KEY_NOT_REVOKED: {
    ko: '아직 유효한 키입니다. 유출된 키는 유출 시점을 적어 폐기하세요.',
    en: 'This key is still active: revoke it, stating since when it was compromised.',
  },
  EXCHANGE_KEY_COMPROMISE_STATED: {
    ko: '이 키의 유출 시점은 이미 기록되어 있어 바꿀 수 없습니다.',
    en: "This key's compromise is already on record, and is not changed.",
  },
  EXCHANGE_NOTICE_WITHOUT_FINDINGS: { ko: '이 당사자에 대한 적발 기록이 없어 위험 업체 통보를 보낼 수 없습니다.', en: 'Our inspections found nothing on this party: no notice can rest on it.' },
  EXCHANGE_NOTHING_TO_PROPOSE: { ko: '이 메시지로는 감시 대상을 제안할 수 없습니다.', en: 'This message proposes no watch-list entry.' },
  EXCHANGE_NOTICE_NOT_FOUND: { ko: '보낸 위험 당사자 통보를 찾을 수 없습니다.', en: 'No risky-party notice of ours with this id.' },
  EXCHANGE_NOT_WITHDRAWABLE: { ko: '위험 당사자 통보만 철회할 수 있습니다(적발 보고나 철회 메시지는 철회할 수 없습니다).', en: 'Only a risky-party notice can be withdrawn (not a seizure report nor a withdrawal).' },
  EXCHANGE_NOTICE_WITHDRAWN: { ko: '이미 철회된 통보입니다.', en: 'This notice is already withdrawn.' },
  OPERATOR_NOT_FOUND: { ko: '운영자를 찾을 수 없습니다.', en: 'No operator with this id.' },
  OPERATOR_CODE_TAKEN: { ko: '이미 있는 운영자 코드입니다. 다른 코드를 쓰세요.', en: 'An operator already has this code; choose another.' },
  EXCHANGE_MESSAGE_WITHDRAWN: {
    ko: '협력 세관이 이 통보를 철회했습니다. 철회된 통보로는 규칙 초안을 만들 수 없습니다.',
    en: 'The partner withdrew this notice: no rule draft is made from a withdrawn notice.',
  },
  // One answer whether no partner sent that id or another partner did: a partner learns nothing of the others' messages.
  EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE: { ko: '철회하려는 통보를 귀 기관에서 받은 적이 없습니다.', en: 'We never received a notice with this id from you: nothing to withdraw.' },
  EXCHANGE_WITHDRAWAL_MISMATCH: {
    ko: '철회 메시지의 digest가 같은 번호로 받은 통보의 내용과 다릅니다.',
    en: "The withdrawal's digest is not that of the notice we received under this id.",
  },
  // Staff accounts (manage-staff-accounts.ts)
  USER_NOT_FOUND: { ko: '직원 계정을 찾을 수 없습니다.', en: 'No staff account with this id.' },
  USERNAME_TAKEN: { ko: '이미 있는 사용자 이름입니다. 다른 이름을 쓰세요.', en: 'An account already has this username; choose another.' },
  CANNOT_DISABLE_SELF: { ko: '자기 계정은 비활성화할 수 없습니다. 다른 관리자에게 요청하세요.', en: 'You cannot disable your own account; ask another administrator.' },
  LAST_ADMIN: {
    ko: '활성 관리자가 이 계정 하나뿐이라 비활성화할 수 없습니다. 먼저 다른 관리자 계정을 만들거나 활성화하세요.',
    en: 'This is the only enabled administrator: it cannot be disabled. Create or enable another administrator first.',
  },
  CURRENT_PASSWORD_WRONG: { ko: '현재 비밀번호가 올바르지 않습니다.', en: 'The current password is wrong.' },
  // The text names the rule broken (staff-password.ts); this one is the fallback.
  PASSWORD_TOO_WEAK: { ko: '새 비밀번호가 규칙에 맞지 않습니다.', en: 'The new password does not meet the rules.' },
  // The text names the wait (manage-staff-accounts.ts); this one is the fallback.
  PASSWORD_CHANGE_RATE_LIMITED: { ko: '이 계정의 비밀번호가 너무 많이 틀렸습니다. 잠시 후 다시 시도하세요.', en: 'Too many wrong passwords for this account; try again later.' },
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

export function failure(code: ErrorCode, details?: unknown, text?: Bilingual): AppError {
  const t = text ?? ERROR_TEXT[code];
  return details === undefined ? { code, ko: t.ko, en: t.en } : { code, ko: t.ko, en: t.en, details };
}

export function fail<T = never>(code: ErrorCode, details?: unknown, text?: Bilingual): Result<T> {
  return { ok: false, error: failure(code, details, text) };
}
