// Toss Payments' error codes in words, for the administrators (Korean and English): Toss's
// error object is {code, message}, its message in Korean only, so the English page showed
// a Korean sentence and the Korean page an English diagnostic of ours. The codes are those the
// adapter (src/adapters/payments/toss-payments.ts) can receive from the endpoints it calls (key-in
// payment, virtual account, cancel, look-ups) and the emulator sends (toss-emulator.ts); a code not
// in the table gets a generic text. Toss's code and message are always shown beside it as detail.
import type { Bilingual } from '../domain/bilingual.ts';
import type { ProviderError } from './ports/payment-ports.ts';

export const TOSS_ERROR_TEXT: Readonly<Record<string, Bilingual>> = {
  // Cancels (closing a virtual account, voiding a second charge).
  NOT_CANCELABLE_PAYMENT: {
    ko: '토스페이먼츠가 이 결제는 지금 취소할 수 없다고 답했습니다. 입금이 이미 되었거나(입금된 가상계좌는 환불 계좌가 있어야 취소됩니다) 취소할 수 없는 상태입니다.',
    en: 'Toss Payments answered that this payment cannot be cancelled now: it was deposited into already (a deposited virtual account needs a refund account to be cancelled), or is in a state that cannot be cancelled.',
  },
  NOT_CANCELABLE_AMOUNT: { ko: '취소하려는 금액이 결제의 남은 금액과 달라 토스페이먼츠가 취소하지 않았습니다.', en: 'Toss Payments did not cancel: the amount to cancel differs from what is left of the payment.' },
  ALREADY_CANCELED_PAYMENT: { ko: '토스페이먼츠에서 이미 취소된 결제입니다.', en: 'The payment is already cancelled at Toss Payments.' },
  FORBIDDEN_CONSECUTIVE_REQUEST: { ko: '같은 결제에 요청이 너무 잇달아 와서 토스페이먼츠가 거절했습니다. 잠시 후 다시 시도하세요.', en: 'Toss Payments refused requests for the same payment sent in quick succession: try again shortly.' },
  NOT_FOUND_PAYMENT: { ko: '토스페이먼츠에 이 결제(paymentKey)가 없습니다. 상점관리자에서 결제를 찾아보세요.', en: 'Toss Payments has no payment with this paymentKey: look it up in the merchant console.' },
  NOT_FOUND: { ko: '요청한 정보가 토스페이먼츠에 없습니다.', en: 'Toss Payments has nothing at the address asked for.' },
  // Virtual accounts (the emulator's deposit endpoints too).
  NOT_WAITING_FOR_DEPOSIT: { ko: '입금을 기다리는 가상계좌가 아닙니다(이미 입금되었거나 닫혔습니다).', en: 'The virtual account is not waiting for a deposit (deposited into, or closed).' },
  NOT_DEPOSITED: { ko: '입금이 완료된 가상계좌가 아닙니다.', en: 'No deposit was made into the virtual account.' },
  // The request itself.
  INVALID_REQUEST: { ko: '토스페이먼츠가 요청 형식이 잘못되었다고 답했습니다. 개발팀에 알려 주세요.', en: 'Toss Payments found the request malformed: tell the development team.' },
  UNAUTHORIZED_KEY: { ko: '토스페이먼츠가 시크릿 키를 인증하지 않았습니다. 설정(TOSS_SECRET_KEY)을 확인하세요.', en: 'Toss Payments did not accept the secret key: check the configuration (TOSS_SECRET_KEY).' },
  INVALID_IDEMPOTENCY_KEY: { ko: '토스페이먼츠가 멱등키(Idempotency-Key)를 받아들이지 않았습니다. 개발팀에 알려 주세요.', en: 'Toss Payments refused the Idempotency-Key: tell the development team.' },
  IDEMPOTENCY_KEY_REUSED: { ko: '같은 멱등키로 다른 내용의 요청이 이미 있었습니다.', en: 'The same Idempotency-Key was sent before with another request.' },
  IDEMPOTENT_REQUEST_PROCESSING: { ko: '같은 멱등키의 이전 요청을 토스페이먼츠가 아직 처리하고 있습니다.', en: 'Toss Payments is still processing the earlier request with the same Idempotency-Key.' },
  DUPLICATED_ORDER_ID: { ko: '이미 처리된 주문번호(orderId)입니다. 결제 결과는 조회로 확인합니다.', en: 'The orderId was processed already; the outcome is found by looking the order up.' },
  ALREADY_PROCESSED_PAYMENT: { ko: '이미 처리된 결제입니다. 결제 결과는 조회로 확인합니다.', en: 'The payment was processed already; the outcome is found by looking it up.' },
  // Toss's side.
  PROVIDER_ERROR: { ko: '토스페이먼츠 또는 카드사·은행에 일시적인 오류가 있었습니다. 자동으로 다시 시도합니다.', en: 'A passing error at Toss Payments, or at the card issuer or bank: it is tried again automatically.' },
  FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING: { ko: '토스페이먼츠 내부 오류로 처리되지 않았습니다. 자동으로 다시 시도합니다.', en: 'Not processed because of an internal error at Toss Payments: it is tried again automatically.' },
  FAILED_INTERNAL_SYSTEM_PROCESSING: { ko: '토스페이먼츠 내부 오류로 처리되지 않았습니다. 자동으로 다시 시도합니다.', en: 'Not processed because of an internal error at Toss Payments: it is tried again automatically.' },
  UNKNOWN_PAYMENT_ERROR: { ko: '토스페이먼츠가 원인을 알 수 없는 오류라고 답했습니다. 자동으로 다시 시도합니다.', en: 'Toss Payments answered with an error of unknown cause: it is tried again automatically.' },
  COMMON_ERROR: { ko: '토스페이먼츠에 일시적인 오류가 있었습니다. 자동으로 다시 시도합니다.', en: 'A passing error at Toss Payments: it is tried again automatically.' },
  // Card payments (key-in).
  REJECT_CARD_COMPANY: { ko: '카드사가 승인을 거절했습니다.', en: 'The card issuer declined the payment.' },
  INVALID_REJECT_CARD: { ko: '카드사가 승인을 거절했습니다.', en: 'The card issuer declined the payment.' },
  REJECT_CARD_PAYMENT: { ko: '한도 초과 또는 잔액 부족으로 카드사가 거절했습니다.', en: 'Declined by the card issuer: the limit is exceeded or the balance is insufficient.' },
  EXCEED_MAX_DAILY_PAYMENT_COUNT: { ko: '카드의 하루 결제 횟수를 넘었습니다.', en: "The card's daily number of payments is exceeded." },
  EXCEED_MAX_PAYMENT_AMOUNT: { ko: '카드의 결제 가능 금액을 넘었습니다.', en: 'The amount exceeds what the card may pay.' },
  EXCEED_MAX_AMOUNT: { ko: '카드의 결제 가능 금액을 넘었습니다.', en: 'The amount exceeds what the card may pay.' },
  EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT: { ko: '카드의 이번 달 결제 가능 금액을 넘었습니다.', en: "The card's monthly limit is exceeded." },
  INVALID_CARD_NUMBER: { ko: '카드 번호가 올바르지 않습니다.', en: 'The card number is invalid.' },
  INVALID_CARD_EXPIRATION: { ko: '카드 유효기간이 올바르지 않거나 지났습니다.', en: 'The card expiry date is wrong or past.' },
  INVALID_STOPPED_CARD: { ko: '정지된 카드입니다.', en: 'The card is suspended.' },
  INVALID_CARD_LOST_OR_STOLEN: { ko: '분실 또는 도난 신고된 카드입니다.', en: 'The card was reported lost or stolen.' },
  NOT_SUPPORTED_CARD_TYPE: { ko: '받지 않는 종류의 카드입니다.', en: 'This type of card is not accepted.' },
  INVALID_PASSWORD: { ko: '카드 정보(생년월일 또는 사업자번호 등)가 올바르지 않습니다.', en: 'The card details (birth date or business number) are incorrect.' },
  BELOW_MINIMUM_AMOUNT: { ko: '최소 결제 금액(카드 100원, 계좌 200원)보다 적습니다.', en: 'The amount is below the minimum (KRW 100 by card, 200 by account).' },
};

/** A code not in the table. */
export const TOSS_ERROR_UNKNOWN: Bilingual = {
  ko: '토스페이먼츠가 요청을 거절했습니다. 아래 토스페이먼츠의 코드와 메시지를 확인하세요.',
  en: "Toss Payments refused the request: see Toss Payments' code and message below.",
};

/** A failure without Toss's error object: no connection, no answer in time, a server error, or a look-up after the refusal. */
export const TOSS_NO_ERROR_OBJECT: Bilingual = {
  ko: '토스페이먼츠에서 처리하지 못했습니다(응답이 없거나 일시적인 오류). 아래 내용을 확인하세요.',
  en: 'Toss Payments did not carry it out (no answer, or a passing error): see the detail below.',
};

export interface ExplainedProviderError extends Bilingual {
  /** Toss's code and message as sent; null when Toss sent no error object. */
  providerCode: string | null;
  providerMessage: string | null;
}

/** Toss's error in the administrator's words, with Toss's own code and message kept as detail. */
export function explainTossError(e: ProviderError | null): ExplainedProviderError {
  if (!e) return { ...TOSS_NO_ERROR_OBJECT, providerCode: null, providerMessage: null };
  const text = Object.hasOwn(TOSS_ERROR_TEXT, e.code) ? TOSS_ERROR_TEXT[e.code]! : TOSS_ERROR_UNKNOWN;
  return { ko: text.ko, en: text.en, providerCode: e.code, providerMessage: e.message || null };
}
