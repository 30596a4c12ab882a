// Paying a declaration's taxes through the payment provider, by the consumer (their own PCCC)
// or by the declaring operator on the consumer's behalf (as forwarders and couriers do).
// Anything else answers DECLARATION_NOT_FOUND: others' declarations are never revealed.
import { amountToPayKrw, passesLuhn, type PaymentMethod } from '../domain/tax-notice.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { taxesHeldBy } from '../domain/taxes-payable.ts';
import { CHARGE_OUTCOME_UNKNOWN_REASON, refundDueBy, refundNoOf, unknownChargeText } from '../domain/refund-due.ts';
import { fail, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { ConsumerPrincipal, DeclarationRecord, OperatorPrincipal } from './ports.ts';
import { noticeOf, type TaxDeps } from './list-tax-notices.ts';
import { issueVirtualAccount } from './issue-virtual-account.ts';
import type { TransferOutcome } from '../domain/api-views.ts';
export type { TransferOutcome };
import { gatewayPayerRef, isReplay, outcomeOf, recordCharge, unknownTxOf, type Payer, type PaymentOutcome } from './record-charge.ts';
import { closeWaitingAccounts } from './close-virtual-accounts.ts';
import { depositFollowUp } from './record-virtual-account-deposit.ts';

export { outcomeOf, receiptFor, receiptOf, recordCharge, type Payer, type PaymentOutcome, type Receipt } from './record-charge.ts';

export interface PayTaxesInput {
  declarationId: number;
  method: PaymentMethod;
  amountKrw: number;
  /** For a transfer: the bank of the virtual account (Toss's code; domain/virtual-account.ts), 우리은행 by default. */
  bankCode?: string;
  cardNumber?: string;
  /** MM/YY, as printed on the card: the key-in payment needs it. */
  cardExpiry?: string;
  /** The card owner's birth date (YYMMDD) or business number (10 digits), when the gateway contract asks for it; passed on, never stored. */
  cardOwnerId?: string;
  idempotencyKey?: string | null;
}


export function payerOf(principal: ConsumerPrincipal | OperatorPrincipal): Payer {
  return principal.kind === 'consumer' ? { payerKind: 'consumer', payerRef: principal.pccc } : { payerKind: 'operator', payerRef: String(principal.operatorId) };
}

export function mayPay(principal: ConsumerPrincipal | OperatorPrincipal, d: DeclarationRecord): boolean {
  return principal.kind === 'consumer' ? principal.pcccs.includes(d.pccc) : d.operatorId === principal.operatorId;
}


export async function payTaxes(deps: TaxDeps, principal: ConsumerPrincipal | OperatorPrincipal, input: PayTaxesInput): Promise<Result<PaymentOutcome | TransferOutcome>> {
  const d = await deps.declarations.findById(input.declarationId);
  if (!d || !mayPay(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const key = input.idempotencyKey || null;
  const payer = payerOf(principal);
  const existing = await deps.taxPayments.findByDeclaration(d.id);
  // Paid, then assessed again higher (관세법 제38조의2): the shortfall is payable on the same notice, as
  // its next part (a supplementary payment with its own receipt); paid in full: TAXES_ALREADY_PAID.
  let part = 0;
  let notice;
  if (existing) {
    const standing = await deps.taxPayments.findByDeclarations([d.id]);
    const replay = standing.find((p) => isReplay(p, key, payer));
    if (replay) return outcomeOf(deps, d, replay);
    notice = await noticeOf(deps, d, existing);
    if (!notice || notice.shortfallKrw === 0) return fail('TAXES_ALREADY_PAID');
    part = Math.max(...standing.map((p) => p.part)) + 1;
  } else {
    // The notice's payment, or its payment anew after a reversed deposit undid it (the next turn): less the shortfalls that still stand.
    notice = await noticeOf(deps, d, null);
    if (!notice) return fail('NO_TAXES_DUE');
    if (notice.shortfallPayments.length > 0 && notice.shortfallKrw === 0) return fail('TAXES_ALREADY_PAID');
  }
  // Held by the engine (route hold): nothing is payable until the hold is resolved (관세법 제9조: due from 수리);
  // held on the consignee's "not me" report: not until customs has checked whose goods they are (관세법 제19조①1).
  // The notice's own text says which (its reason), as the charge that crosses a hold does (record-charge.ts chargeWhileHeld).
  if (!notice.payable) {
    const heldBy = taxesHeldBy({ status: d.status, route: d.route, holdReason: d.holdReason });
    return fail('TAXES_NOT_PAYABLE_HELD', { paymentNo: notice.paymentNo, amountKrw: amountToPayKrw(notice), ...(heldBy ? { heldBy } : {}) }, notice.reason);
  }
  const amountDue = amountToPayKrw(notice);
  if (input.amountKrw !== amountDue) {
    return fail('AMOUNT_MISMATCH', { path: 'body.amountKrw', amountDueKrw: amountDue, amountKrw: input.amountKrw, paymentNo: notice.paymentNo }, {
      ko: `납부 금액이 고지된 세액과 다릅니다. 납부할 금액은 ${amountDue}원입니다.`,
      en: `The amount differs from the taxes due: KRW ${amountDue} is due.`,
    });
  }
  // A transfer is a virtual account to deposit into, recorded as paid when Toss confirms the deposit.
  if (input.method === 'transfer') return issueVirtualAccount(deps, d, notice, payer, { bankCode: input.bankCode, idempotencyKey: key, part, amountKrw: amountDue });
  const cardNumber = input.cardNumber?.replace(/[\s-]/g, '');
  if (input.method === 'card' && (!cardNumber || !/^\d{12,19}$/.test(cardNumber) || !passesLuhn(cardNumber))) {
    return invalidRequest(requestFieldError('body.cardNumber', cardNumber ? 'card_number_invalid' : 'required'), { ko: '카드번호가 올바르지 않습니다.', en: 'The card number is invalid.' });
  }
  const expiry = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/.exec(input.cardExpiry?.trim() ?? '');
  if (input.method === 'card' && !expiry) {
    const text = { ko: '카드 유효기간을 MM/YY 형식으로 입력하세요(예: 12/29).', en: 'Enter the card expiry date as MM/YY (e.g. 12/29).' };
    return invalidRequest(requestFieldError('body.cardExpiry', input.cardExpiry ? 'bad_format' : 'required', { format: 'MM/YY' }, text));
  }
  const ownerId = input.cardOwnerId?.replace(/[\s-]/g, '');
  if (input.method === 'card' && ownerId && !/^(\d{6}|\d{10})$/.test(ownerId)) {
    const text = { ko: '생년월일 6자리(YYMMDD) 또는 사업자등록번호 10자리를 입력하세요.', en: 'Enter a birth date as YYMMDD (6 digits) or a business registration number (10 digits).' };
    return invalidRequest(requestFieldError('body.cardOwnerId', 'bad_format', { format: 'YYMMDD | 10 digits' }, text));
  }
  // The gateway's key: one per payer, notice and request key, hashed so that no PCCC leaves the
  // platform. Without a request key, one of its own: the adapter's resends after a lost answer
  // must be the same request (Idempotency-Key and orderId) to the gateway.
  // A shortfall's key names its part: the same request key again is the same charge, another part another one.
  // A consumer is named by the declaration's code, not the session's: the same across a reissue (gatewayPayerRef).
  const providerKey = deps.secrets.sha256(`${notice.paymentNo}${part > 0 ? `#${part}` : ''}|${payer.payerKind}|${gatewayPayerRef(payer, d)}|${key ?? `once:${deps.secrets.randomToken('')}`}`);
  const charged = await deps.paymentProvider.charge({
    paymentNo: notice.paymentNo,
    amountKrw: amountDue,
    method: input.method,
    ...(input.method === 'card' && cardNumber && expiry ? { card: { number: cardNumber, expiryMonth: expiry[1]!, expiryYear: expiry[2]!, ...(ownerId ? { ownerId } : {}) } } : {}),
    idempotencyKey: providerKey,
  });
  const provider = deps.paymentProvider.name;
  // An earlier request of this very order had no definitive answer and was recorded (below): now settled.
  const settleUnknown = async (resolution: string) => {
    if (charged.orderRef) await deps.taxPayments.resolveRefundDueOfTx(provider, unknownTxOf(charged.orderRef), { by: 'system', resolution, at: deps.clock.now() });
  };
  if (!charged.ok && charged.unknown) return unknownOutcome(deps, d, notice.paymentNo, amountDue, payer.payerKind, provider, charged.orderRef, key !== null);
  if (!charged.ok) {
    await settleUnknown(`declined by the provider (${charged.code}): not charged`);
    return fail('PAYMENT_DECLINED', { providerCode: charged.code }, { ko: charged.ko, en: charged.en });
  }
  const recorded = await recordCharge(deps, d, { paymentNo: notice.paymentNo, amountKrw: amountDue, method: input.method, part }, payer, { providerTx: charged.providerTx, orderRef: charged.orderRef ?? null }, key, 'void');
  // Paid by card (the consumer, or the operator on their behalf): the account still waiting for a
  // transfer of the same taxes is closed at Toss, after the payment committed (never inside a
  // transaction waiting on the network); a failed close is retried by the closure worker.
  if (recorded.ok) await closeWaitingAccounts(deps, d.id, 'paid_otherwise', null, depositFollowUp(deps));
  return recorded;
}


/**
 * The provider gave no definitive answer: the payer may have been charged, and nothing says so in
 * tax_payments. Recorded as a refund due of the order (tax-refunds-due.ts lists it to the
 * administrators, who check the order at the provider) so that a charge that went through is never
 * lost; a later retry of the same request that settles it closes the record (settleUnknown above).
 * The payer is answered 502 PAYMENT_OUTCOME_UNKNOWN, never "declined".
 */
async function unknownOutcome(
  deps: TaxDeps,
  d: DeclarationRecord,
  paymentNo: string,
  amountKrw: number,
  payerKind: 'consumer' | 'operator',
  provider: string,
  orderRef: string,
  sameRequestRetry: boolean,
): Promise<Result<PaymentOutcome>> {
  const now = deps.clock.now();
  const record = await deps.taxPayments.recordRefundDue({
    provider,
    providerTx: unknownTxOf(orderRef),
    declarationId: d.id,
    paymentNo,
    amountKrw,
    payerKind,
    reason: CHARGE_OUTCOME_UNKNOWN_REASON,
    refundBy: refundDueBy(koreanDateOf(now.toISOString()), deps.reference.current().holidays, deps.refunds),
    createdAt: now,
  });
  const refundNo = refundNoOf(record.id);
  return fail(
    'PAYMENT_OUTCOME_UNKNOWN',
    { orderRef, sameRequestRetry, refund: { refundNo, amountKrw, refundBy: record.refundBy } },
    unknownChargeText({ refundNo, amountKrw, refundBy: record.refundBy, sameRequestRetry }),
  );
}
