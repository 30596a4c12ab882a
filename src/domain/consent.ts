// Order-bound consent (issue 6), the pure part: the order summary a consumer approves, its
// canonical text (the input of the order hash the WebAuthn challenge and the consent token are
// bound to), the same summary read from a declaration, the field-by-field match, and the
// signal + reason an assessment gets. Hashing and signatures happen in adapters.
import type { Bilingual } from './bilingual.ts';
import type { Assessment, Reason } from './assessment.ts';
import type { Declaration } from './declaration-schema.ts';
import { makeReason } from './explain.ts';
import { toHundredths } from './money.ts';
import type { ReasonText } from './reference/types.ts';

export const CONSENT_VERSION = 'tonggwan-consent/v1';

export interface OrderItem {
  description: string;
  quantity: number;
  /** Unit price in hundredths of the order currency. */
  unitPrice: number;
}

/** What the consumer sees and approves; every field takes part in the order hash. */
export interface OrderSummary {
  platform: string;
  seller: string | null;
  orderNo: string;
  items: OrderItem[];
  /** Goods total, Σ unit price × quantity, in hundredths of `currency`. */
  total: number;
  currency: string;
  postcode: string;
  pccc: string;
}

export interface OrderSummaryInput {
  platform: string;
  seller?: string | null;
  orderNo: string;
  items: { description: string; quantity: number; price: number }[];
  total: number;
  currency: string;
  postcode: string;
  pccc: string;
}

export type ConsentField = 'pccc' | 'postcode' | 'platform' | 'seller' | 'orderNo' | 'items' | 'total' | 'currency';

export const CONSENT_FIELD_TEXT: Record<ConsentField, Bilingual> = {
  pccc: { ko: '개인통관고유부호', en: 'PCCC' },
  postcode: { ko: '배송지 우편번호', en: 'delivery postcode' },
  platform: { ko: '플랫폼', en: 'platform' },
  seller: { ko: '판매자', en: 'seller' },
  orderNo: { ko: '주문번호', en: 'order number' },
  items: { ko: '품목', en: 'items' },
  total: { ko: '금액', en: 'total value' },
  currency: { ko: '통화', en: 'currency' },
};

/** Text as compared: Unicode NFKC, whitespace collapsed, trimmed. */
export function cleanText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The comparison key of a name: case and spacing do not make another order. */
function key(s: string | null): string {
  return s === null ? '' : cleanText(s).toUpperCase().replace(/\s+/g, '');
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

function sortItems(items: OrderItem[]): OrderItem[] {
  return [...items].sort((a, b) => (key(a.description) < key(b.description) ? -1 : key(a.description) > key(b.description) ? 1 : a.unitPrice - b.unitPrice || a.quantity - b.quantity));
}

/** A refused field of the order: its path in the order, a stable code (validation-messages.ts where one fits) and its own text. */
export type SummaryProblem = { path: string; code: string; ko: string; en: string };

/** Checks and normalises what an operator sends; the total must equal Σ price × quantity. */
export function orderSummaryOf(input: OrderSummaryInput): { ok: true; summary: OrderSummary } | { ok: false; problems: SummaryProblem[] } {
  const problems: SummaryProblem[] = [];
  const need = (cond: boolean, path: string, code: string, ko: string, en: string) => {
    if (!cond) problems.push({ path, code, ko, en });
  };
  need(cleanText(input.platform).length > 0, 'platform', 'required', '플랫폼 이름이 필요합니다.', 'The platform name is required.');
  need(cleanText(input.orderNo).length > 0, 'orderNo', 'required', '주문번호가 필요합니다.', 'The order number is required.');
  need(/^P\d{12}$/.test(input.pccc.trim().toUpperCase()), 'pccc', 'pccc_invalid', '개인통관고유부호는 P와 12자리 숫자입니다.', 'The PCCC is P followed by 12 digits.');
  need(/^\d{5}$/.test(digits(input.postcode)), 'postcode', 'postcode_invalid', '우편번호는 5자리 숫자입니다.', 'The postcode has 5 digits.');
  need(/^[A-Za-z]{3}$/.test(input.currency), 'currency', 'currency_unknown', '통화는 ISO 4217 코드입니다.', 'The currency is an ISO 4217 code.');
  need(input.items.length > 0, 'items', 'items_empty', '품목이 하나 이상 필요합니다.', 'At least one item is required.');
  input.items.forEach((it, i) => {
    need(cleanText(it.description).length > 0, `items[${i}].description`, 'description_missing', '품명이 필요합니다.', 'The item description is required.');
    need(Number.isInteger(it.quantity) && it.quantity > 0, `items[${i}].quantity`, 'quantity_not_positive', '수량은 1 이상의 정수입니다.', 'The quantity is a positive integer.');
    need(Number.isFinite(it.price) && it.price >= 0, `items[${i}].price`, 'amount_negative', '단가는 0 이상입니다.', 'The unit price is not negative.');
  });
  const items = input.items.map((it) => ({ description: cleanText(it.description), quantity: it.quantity, unitPrice: toHundredths(it.price) }));
  const total = items.reduce((s, it) => s + it.unitPrice * it.quantity, 0);
  need(
    Number.isFinite(input.total) && toHundredths(input.total) === total,
    'total',
    'total_mismatch',
    '합계는 단가 × 수량의 합과 같아야 합니다.',
    'The total must equal the sum of unit price × quantity.',
  );
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    summary: {
      platform: cleanText(input.platform),
      seller: input.seller && cleanText(input.seller) ? cleanText(input.seller) : null,
      orderNo: cleanText(input.orderNo),
      items: sortItems(items),
      total,
      currency: input.currency.toUpperCase(),
      postcode: digits(input.postcode),
      pccc: input.pccc.trim().toUpperCase(),
    },
  };
}

/** The order summary a declaration states (the same normalisation as orderSummaryOf). */
export function orderSummaryOfDeclaration(d: Declaration): OrderSummary {
  const items = d.items.map((it) => ({ description: cleanText(it.description), quantity: it.quantity, unitPrice: toHundredths(it.price) }));
  return {
    platform: cleanText(d.parties?.platform?.name ?? ''),
    seller: d.parties?.seller?.name && cleanText(d.parties.seller.name) ? cleanText(d.parties.seller.name) : null,
    orderNo: cleanText(d.order.orderNo ?? ''),
    items: sortItems(items),
    total: items.reduce((s, it) => s + it.unitPrice * it.quantity, 0),
    currency: d.order.currency.toUpperCase(),
    postcode: digits(d.consignee.postcode),
    pccc: d.consignee.pccc.trim().toUpperCase(),
  };
}

/**
 * The hash input: a fixed field order, names reduced to their comparison keys, amounts as
 * integers. Two summaries that match field by field have the same text, and the reverse.
 */
export function canonicalOrderText(s: OrderSummary): string {
  return JSON.stringify([
    CONSENT_VERSION,
    s.pccc,
    s.postcode,
    key(s.platform),
    key(s.seller),
    key(s.orderNo),
    s.currency,
    s.total,
    sortItems(s.items).map((it) => [key(it.description), it.quantity, it.unitPrice]),
  ]);
}

/** What the WebAuthn challenge is derived from: the order, a server nonce and the decision. */
export function consentChallengeText(orderHash: string, nonce: string, decision: 'approve' | 'decline'): string {
  return `${CONSENT_VERSION}|${orderHash}|${nonce}|${decision}`;
}

/** Where an order-approval request stands; `refused`: cancelled by a wrong matching number. */
export type ConsentStatus = 'pending' | 'approved' | 'declined' | 'expired' | 'refused';

/**
 * A consent request's status at `nowMs`: a pending one past its deadline (expiresAt, 10 minutes
 * after it was made) is expired even though nothing has recorded it yet. Reads compute it (no
 * background job); opening the request records it.
 */
export function consentRequestStatusAt<S extends string>(status: S, expiresAt: string, nowMs: number): S | 'expired' {
  return status === 'pending' && Date.parse(expiresAt) <= nowMs ? 'expired' : status;
}

/** The fields in which a declaration differs from the approved order (empty: it matches). */
export function matchConsent(approved: OrderSummary, declared: OrderSummary): ConsentField[] {
  const out: ConsentField[] = [];
  if (approved.pccc !== declared.pccc) out.push('pccc');
  if (approved.postcode !== declared.postcode) out.push('postcode');
  if (key(approved.platform) !== key(declared.platform)) out.push('platform');
  if (key(approved.seller) !== key(declared.seller)) out.push('seller');
  if (key(approved.orderNo) !== key(declared.orderNo)) out.push('orderNo');
  const itemKey = (s: OrderSummary) => JSON.stringify(sortItems(s.items).map((it) => [key(it.description), it.quantity, it.unitPrice]));
  if (itemKey(approved) !== itemKey(declared)) out.push('items');
  if (approved.total !== declared.total) out.push('total');
  if (approved.currency !== declared.currency) out.push('currency');
  return out;
}

/** What intake found out about a declaration's consent. */
export type ConsentOutcome =
  | { kind: 'verified'; approvedAt: string; tokenId: string }
  | { kind: 'missing' }
  | { kind: 'mismatch'; fields: ConsentField[] }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'reused'; usedBy: string }
  /** A valid approval of this order, but its code is suspended or cancelled (reissued, lapsed) now. */
  | { kind: 'code_not_active'; status: 'suspended' | 'cancelled' };

/** Why an approval under a code that is not active cannot be used, and what the consignee can do. */
const CODE_NOT_ACTIVE_TEXT: Record<'suspended' | 'cancelled', { state: Bilingual; next: Bilingual }> = {
  suspended: {
    state: { ko: '정지되어', en: 'suspended' },
    next: {
      ko: '본인이 정지했다면 해제한 뒤 같은 승인으로 다시 신고할 수 있습니다. 본인 주문이 아니면 \'내가 아님\'으로 신고하세요.',
      en: "Once the holder lifts the suspension, the same approval can be used again; if the order is not theirs, they can report it with 'Not me'.",
    },
  },
  cancelled: {
    state: { ko: '재발급되거나 말소되어 더 이상 쓸 수 없어', en: 'no longer valid (reissued or cancelled)' },
    next: {
      ko: '수하인의 새 개인통관고유부호로 신고를 고치고 주문을 다시 승인받으세요.',
      en: "Correct the declaration to the consignee's new code and have the order approved again.",
    },
  },
};

export const CONSENT_SIGNALS = { verified: 'VERIFIED_CONSUMER', missing: 'CONSENT_MISSING', mismatch: 'CONSENT_MISMATCH' } as const;

export function consentSignalOf(o: ConsentOutcome): string {
  switch (o.kind) {
    case 'verified':
      return CONSENT_SIGNALS.verified;
    case 'missing':
      return CONSENT_SIGNALS.missing;
    case 'mismatch':
    case 'invalid':
    case 'expired':
    case 'reused':
    case 'code_not_active':
      return CONSENT_SIGNALS.mismatch;
    default: {
      const never: never = o;
      throw new Error(`unknown consent outcome ${String(never)}`);
    }
  }
}

export function consentReasonOf(texts: Record<string, ReasonText>, o: ConsentOutcome): Reason {
  switch (o.kind) {
    case 'verified':
      return makeReason(texts, 'CONSENT_VERIFIED', { approvedAt: o.approvedAt });
    case 'missing':
      return makeReason(texts, 'CONSENT_MISSING');
    case 'mismatch':
      return makeReason(texts, 'CONSENT_MISMATCH', {
        fields: o.fields.map((f) => CONSENT_FIELD_TEXT[f].ko).join(', '),
        fieldsEn: o.fields.map((f) => CONSENT_FIELD_TEXT[f].en).join(', '),
      });
    case 'invalid':
      return makeReason(texts, 'CONSENT_TOKEN_INVALID');
    case 'expired':
      return makeReason(texts, 'CONSENT_TOKEN_EXPIRED');
    case 'reused':
      return makeReason(texts, 'CONSENT_TOKEN_REUSED', { ref: o.usedBy });
    case 'code_not_active': {
      const t = CODE_NOT_ACTIVE_TEXT[o.status];
      return makeReason(texts, 'CONSENT_CODE_NOT_ACTIVE', { state: t.state.ko, stateEn: t.state.en, next: t.next.ko, nextEn: t.next.en });
    }
    default: {
      const never: never = o;
      throw new Error(`unknown consent outcome ${String(never)}`);
    }
  }
}

/** The assessment with the consent signal and reason added (the route is not changed here). */
export function withConsentOutcome(a: Assessment, o: ConsentOutcome, texts: Record<string, ReasonText>): Assessment {
  const signal = consentSignalOf(o);
  return {
    ...a,
    signals: a.signals.includes(signal) ? a.signals : [...a.signals, signal],
    reasons: [...a.reasons, consentReasonOf(texts, o)],
  };
}

/**
 * Masks a delivery postcode for display to someone holding only a link: 06236 → 062**. The first
 * three digits (the 시·군·구 area of the 5-digit 국가기초구역번호) are enough to recognise one's own
 * order; the full code narrows the address to a block.
 */
export function maskPostcode(postcode: string): string {
  const digits = postcode.replace(/\D/g, '');
  return digits.length >= 5 ? `${digits.slice(0, 3)}${'*'.repeat(digits.length - 3)}` : '*'.repeat(digits.length);
}

/** Masks a PCCC for display to someone holding only a link: P25*******01. */
export function maskPccc(pccc: string): string {
  return pccc.length === 13 ? `${pccc.slice(0, 3)}${'*'.repeat(8)}${pccc.slice(-2)}` : '*'.repeat(pccc.length);
}
