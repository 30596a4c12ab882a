// Recording a charge the provider made as the declaration's payment: a card approved now
// (pay-taxes.ts) or a deposit into a virtual account confirmed later
// (record-virtual-account-deposit.ts), and the public receipt of a payment. A module of its own so
// that both paths (and the close of accounts left waiting) share it without importing each other.
import { shortfallTaxes, taxesAtPayment, type PaymentMethod, type TaxNotice, type TaxNoticeTaxes, type TaxReceipt } from '../domain/tax-notice.ts';
import { isEmulatedProvider } from '../domain/tax-certificate.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { CHARGE_WHILE_HELD_REASON, chargeWhileHeldText, DEPOSIT_AFTER_PAID_REASON, REFUND_DUE_REASON, refundDueBy, refundDueText, refundNoOf } from '../domain/refund-due.ts';
import { type DepositAlertFacts } from '../domain/consumer-refund-alerts.ts';
import type { TaxesHeldBy } from '../domain/taxes-payable.ts';
import { depositWhileHeldText, receiptVoidText } from '../domain/virtual-account.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import type { ReceiptRefunds } from '../domain/receipt-refunds.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationRecord } from './ports.ts';
import type { ProviderError, RefundDueRecord, TaxPaymentRecord, TaxPaymentStore } from './ports/payment-ports.ts';
import { cancelErrorText, nextCancelAttemptAt } from './charge-cancel-retries.ts';
import { noticeOf, type TaxDeps } from './list-tax-notices.ts';

/** The public receipt; `demo` when the payment went through a payment emulator (no money moved), as its certificate says. */
export type Receipt = TaxReceipt & {
  demo: boolean;
  /** The payment was undone after it was recorded (a deposit reversed by the bank): the receipt proves nothing paid. null while it stands. */
  voided: ({ at: string; reason: 'deposit_reversed' } & Bilingual) | null;
  /** The refunds made against its payment (get-tax-receipt.ts fills them in): the receipt stays valid, the payer sees what came back. null: none. */
  refunded: ReceiptRefunds | null;
};

export type PaymentOutcome = { notice: TaxNotice; receipt: Receipt };
export type Payer = { payerKind: 'consumer' | 'operator'; payerRef: string };

/**
 * The public receipt: no name, no PCCC, no payer reference. Its breakdown is of the taxes the payment
 * paid (`paidTaxes`, from receiptFor): a declaration assessed again after payment has other taxes now,
 * and the receipt said 136,530원 paid beside a breakdown totalling 86,580원.
 */
export function receiptOf(p: TaxPaymentRecord, d: DeclarationRecord, paidTaxes?: TaxNoticeTaxes | null): Receipt {
  const t = paidTaxes === undefined ? taxesAtPayment(p.amountKrw, [d.assessment.taxes]) : paidTaxes;
  return {
    receiptNo: p.receiptNo,
    paymentNo: p.paymentNo,
    cargoNo: d.cargoNo,
    amountKrw: p.amountKrw,
    method: p.method,
    payerKind: p.payerKind,
    paidAt: p.paidAt,
    taxes: t ?? { dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 0, totalKrw: p.amountKrw },
    part: p.part,
    demo: isEmulatedProvider(p.provider),
    voided: p.reversal ? { at: p.reversal.reversedAt, reason: p.reversal.reason, ...receiptVoidText(p.reversal.reversedAt) } : null,
    refunded: null,
  };
}

/**
 * The receipt with the taxes of the assessment the payment paid: the current one, else the revision
 * it was paid under. A shortfall (part ≥ 1) paid what the assessment it completed adds to the one paid
 * before it, tax by tax (e.g. duty 30,000 + VAT 48,600 after duty 26,000 + VAT 42,600: duty 4,000 + VAT 6,000).
 */
export async function receiptFor(deps: Pick<TaxDeps, 'declarations'> & { taxPayments?: Pick<TaxPaymentStore, 'paymentsOf'> }, p: TaxPaymentRecord, d: DeclarationRecord): Promise<Receipt> {
  if (p.part > 0 && deps.taxPayments) {
    // What stood when it was paid (recorded before it, not reversed by then): a reversal of the notice's
    // payment since does not change what the shortfall paid (its breakdown lost the taxes: the amount alone).
    const stoodThen = (x: TaxPaymentRecord) => x.id < p.id && x.part < p.part && (!x.reversal || Date.parse(x.reversal.reversedAt) > Date.parse(p.paidAt));
    const before = (await deps.taxPayments.paymentsOf(d.id)).filter(stoodThen).reduce((sum, x) => sum + x.amountKrw, 0);
    const revisions = d.version > 1 ? await deps.declarations.revisionsOf(d.id) : [];
    const newestFirst = [d.assessment.taxes, ...[...revisions].sort((a, b) => b.version - a.version).map((r) => r.assessment.taxes)];
    return receiptOf(p, d, shortfallTaxes(before, before + p.amountKrw, newestFirst));
  }
  const current = taxesAtPayment(p.amountKrw, [d.assessment.taxes]);
  if (current || d.version <= 1) return receiptOf(p, d, current);
  const revisions = await deps.declarations.revisionsOf(d.id);
  return receiptOf(p, d, taxesAtPayment(p.amountKrw, [...revisions].sort((a, b) => b.version - a.version).map((r) => r.assessment.taxes)));
}

export async function outcomeOf(deps: TaxDeps, d: DeclarationRecord, p: TaxPaymentRecord): Promise<Result<PaymentOutcome>> {
  // A shortfall's notice is the notice of the payment it completes (part 0), with the shortfalls paid.
  const notice = await noticeOf(deps, d, p.part > 0 ? ((await deps.taxPayments.findByDeclaration(d.id)) ?? p) : p);
  return ok({ notice: notice!, receipt: await receiptFor(deps, p, d) });
}

/**
 * A replay of the same request (same key, same payer) answers with the stored receipt. A consumer is the
 * same payer under any of the holder's codes: only the holder of the declaration's code pays it as a
 * consumer (mayPay, pay-taxes.ts), and a reissue moves the session to the new code, so a payment sent
 * again after a reissue names another code than the one stored with it.
 */
export function isReplay(p: TaxPaymentRecord, key: string | null, payer: Payer): boolean {
  return key !== null && p.idempotencyKey === key && p.payerKind === payer.payerKind && (payer.payerKind === 'consumer' || p.payerRef === payer.payerRef);
}

/**
 * The payer as the gateway's key names them (pay-taxes.ts, issue-virtual-account.ts): an operator by its
 * id, a consumer by the declaration's code, not the session's. Only that code's holder pays it as a
 * consumer, under whichever of their codes the session is on now: a charge whose answer was lost, sent
 * again after a reissue moved the session to the new code, must be the same order at the gateway, or the
 * notice is charged twice. Before a reissue the two are the same code, so the key is what it was.
 */
export function gatewayPayerRef(payer: Payer, d: Pick<DeclarationRecord, 'pccc'>): string {
  return payer.payerKind === 'consumer' ? d.pccc : payer.payerRef;
}

/**
 * Records a charge the provider made as the declaration's payment (a card approved now, or a
 * deposit into a virtual account confirmed later: record-virtual-account-deposit.ts), so both give
 * the same receipt, certificate and notice. When the declaration was paid meanwhile by another
 * charge, this one is not kept: `void` cancels it (a card) and records a refund due if that fails (a passing
 * failure tried again with backoff, charge-cancel-retries.ts);
 * `refund` records a refund due at once (a deposit, which Toss returns only to an account of the
 * payer that the platform does not have).
 */
export async function recordCharge(
  deps: TaxDeps,
  d: DeclarationRecord,
  notice: { paymentNo: string; amountKrw: number; method: PaymentMethod; part?: number },
  payer: Payer,
  charged: { providerTx: string; orderRef: string | null },
  key: string | null,
  notKept: 'void' | 'refund',
  /** `depositTold`: a deposit recorded by this call, what its holder was told (the store's StoredTaxPayment): record-virtual-account-deposit.ts answers the provider by it. */
): Promise<Result<PaymentOutcome & { depositTold?: DepositAlertFacts }>> {
  const provider = deps.paymentProvider.name;
  // An earlier request of this very order had no definitive answer and was recorded: now settled.
  const settleUnknown = async (resolution: string) => {
    if (charged.orderRef) await deps.taxPayments.resolveRefundDueOfTx(provider, unknownTxOf(charged.orderRef), { by: 'system', resolution, at: deps.clock.now() });
  };
  // 64 random bits in hex: the receipt number is the public verification code, so it must not be guessable.
  const receiptNo = `TR-${deps.secrets.sha256(deps.secrets.randomToken('')).slice(0, 16).toUpperCase()}`;
  const stored = await deps.taxPayments.insert({
    declarationId: d.id,
    paymentNo: notice.paymentNo,
    amountKrw: notice.amountKrw,
    method: notice.method,
    ...payer,
    provider,
    providerTx: charged.providerTx,
    receiptNo,
    idempotencyKey: key,
    paidAt: deps.clock.now(),
    part: notice.part ?? 0,
    overpaidRefundBy: overpaidRefundBy(deps, deps.clock.now()),
    // A deposit: the holder is told of it by an alert queued with the payment (a card payment by the answer).
    alertHolderOfDeposit: notKept === 'refund',
    // A deposit while the taxes are not payable (its account closed with the hold, the bank faster than the close):
    // returned, never the payment (taxes-payable.ts; checked by the store under the payment lock).
    returnWhileHeld: notKept === 'refund',
    // A card: the notice was read payable before the charge, but a hold may have committed since (a "not me" report
    // between the read and the charge): decided again under the payment lock, as a deposit is (taxes-payable.ts).
    refuseWhileHeld: notKept === 'void',
  });
  if (stored && 'refused' in stored) return chargeWhileHeld(deps, d, notice, payer, charged, stored.refused.heldBy, settleUnknown);
  if (stored && 'returned' in stored) {
    const { refund, heldBy } = stored.returned;
    const refundNo = refundNoOf(refund.id);
    // The holder's alert was queued with the record (refund-due-events.ts); the caller answers the provider by `refund`.
    return fail(
      'TAXES_NOT_PAYABLE_HELD',
      { paymentNo: notice.paymentNo, amountKrw: notice.amountKrw, depositReturned: true, refund: { refundNo, amountKrw: refund.amountKrw, refundBy: refund.refundBy } },
      depositWhileHeldText({ amountKrw: refund.amountKrw, refundNo, refundBy: refund.refundBy, cargoNo: d.cargoNo, heldBy }),
    );
  }
  if (stored) {
    const { depositTold, ...payment } = stored;
    await settleUnknown(`charged, recorded as payment ${payment.receiptNo}`);
    const outcome = await outcomeOf(deps, d, payment);
    return outcome.ok && depositTold ? ok({ ...outcome.value, depositTold }) : outcome;
  }
  // Lost a race: another payment of this declaration committed first (UNIQUE(declaration_id)).
  // A copy of this very request (same key) was answered the same charge by the gateway: nothing to undo.
  const winner = await deps.taxPayments.findByDeclaration(d.id, notice.part ?? 0);
  if (winner && winner.providerTx === charged.providerTx) {
    await settleUnknown(`charged, recorded as payment ${winner.receiptNo}`);
    return outcomeOf(deps, d, winner);
  }
  // Otherwise this charge is not kept: a card is voided, so the taxes are charged once. Not voided: the payer
  // is charged twice, recorded for the administrators to refund (reconciliation), whatever the answer below.
  // A card's void that failed for a passing reason is tried again before a person refunds it, as a charge across a
  // hold is (charge-cancel-retries.ts); a deposit cannot be voided (returned only by hand).
  const { voided, refund, cancelRetrying } = await voidOrOwe(deps, d, notice, payer, charged, {
    voidIt: notKept === 'void',
    reason: notKept === 'void' ? REFUND_DUE_REASON : DEPOSIT_AFTER_PAID_REASON,
    retryCancel: notKept === 'void',
  });
  await settleUnknown(voided.ok ? 'charged, then voided: the taxes were paid by another request' : `charged, not voided${cancelRetrying ? ' yet (tried again)' : ''}: recorded as refund due ${refundNoOf(refund!.id)}`);
  // Voided: a copy of this request (a gateway without idempotency keys charged it again) answers the
  // stored receipt. Not voided: the payer is told of the second charge, even on such a copy.
  if (!refund) return winner && isReplay(winner, key, payer) ? outcomeOf(deps, d, winner) : fail('TAXES_ALREADY_PAID', { chargeVoided: true });
  const refundNo = refundNoOf(refund.id);
  return fail(
    'TAXES_ALREADY_PAID',
    { chargeVoided: false, cancelRetrying, refund: { refundNo, amountKrw: refund.amountKrw, refundBy: refund.refundBy } },
    refundDueText({ refundNo, amountKrw: refund.amountKrw, refundBy: refund.refundBy, payerKind: payer.payerKind, cancelRetrying }),
  );
}

/**
 * A card charge made while the notice was payable, whose answer came back after the parcel was held (관세법 제19조①1: a
 * "not me" report, nobody pays before customs has checked whose goods these are; 제9조: the engine's hold): nothing is
 * recorded as paid. The charge is cancelled at the provider; a cancel that fails is recorded as a refund due (reason
 * charge_while_held), never lost: failed for a passing reason it is tried again with backoff (charge-cancel-retries.ts)
 * and listed for the administrators to refund by hand only once the attempts are exhausted; refused for good, at once.
 * Answered 409 TAXES_NOT_PAYABLE_HELD with why and what to do (ko/en), and the refund's number when there is one.
 */
async function chargeWhileHeld(
  deps: TaxDeps,
  d: DeclarationRecord,
  notice: { paymentNo: string; amountKrw: number },
  payer: Payer,
  charged: { providerTx: string },
  heldBy: TaxesHeldBy,
  settleUnknown: (resolution: string) => Promise<void>,
): Promise<Result<never>> {
  const { voided, refund, cancelRetrying } = await voidOrOwe(deps, d, notice, payer, charged, { voidIt: true, reason: CHARGE_WHILE_HELD_REASON, retryCancel: true });
  await settleUnknown(
    refund
      ? `charged while held (${heldBy}), not cancelled${cancelRetrying ? ' yet (tried again)' : ''}: recorded as refund due ${refundNoOf(refund.id)}`
      : `charged while held (${heldBy}), then cancelled: nothing paid`,
  );
  const told = refund ? { refundNo: refundNoOf(refund.id), refundBy: refund.refundBy, cancelRetrying } : null;
  return fail(
    'TAXES_NOT_PAYABLE_HELD',
    {
      paymentNo: notice.paymentNo,
      amountKrw: notice.amountKrw,
      heldBy,
      chargeCancelled: voided.ok,
      // The cancel is tried again (charge-cancel-retries.ts): the refund under its number only if it never goes through.
      ...(refund ? { cancelRetrying, refund: { refundNo: told!.refundNo, refundBy: told!.refundBy, amountKrw: refund.amountKrw } } : {}),
    },
    chargeWhileHeldText({ amountKrw: notice.amountKrw, cargoNo: d.cargoNo, heldBy, payerKind: payer.payerKind, refund: told }),
  );
}

/**
 * A charge not kept: voided at the provider (`voidIt`: a card), or, when that is refused or not possible (a
 * deposit), recorded as a refund due of `reason` for the administrators to return, on the day promised: never lost.
 */
async function voidOrOwe(
  deps: TaxDeps,
  d: DeclarationRecord,
  notice: { paymentNo: string; amountKrw: number },
  payer: Payer,
  charged: { providerTx: string },
  /** `retryCancel`: a cancel that failed for a passing reason is tried again before a person refunds it (charge-cancel-retries.ts). */
  o: { voidIt: boolean; reason: string; retryCancel?: boolean },
): Promise<{ voided: { ok: boolean }; refund: RefundDueRecord | null; cancelRetrying: boolean }> {
  const voided: { ok: boolean; error?: ProviderError } = o.voidIt ? await deps.paymentProvider.void({ providerTx: charged.providerTx, paymentNo: notice.paymentNo, amountKrw: notice.amountKrw }) : { ok: false };
  if (voided.ok) return { voided, refund: null, cancelRetrying: false };
  const now = deps.clock.now();
  // The first attempt was this one: the next, unless the provider refused for good (then a person refunds it at once).
  const cancel = o.voidIt && o.retryCancel ? { attempts: 1, nextAttemptAt: nextCancelAttemptAt(now, 1, voided.error), lastError: cancelErrorText(voided.error) } : undefined;
  const refund = await deps.taxPayments.recordRefundDue({
    provider: deps.paymentProvider.name,
    providerTx: charged.providerTx,
    declarationId: d.id,
    paymentNo: notice.paymentNo,
    amountKrw: notice.amountKrw,
    payerKind: payer.payerKind,
    reason: o.reason,
    refundBy: overpaidRefundBy(deps, now),
    createdAt: now,
    ...(cancel ? { cancel } : {}),
  });
  return { voided, refund, cancelRetrying: cancel?.nextAttemptAt != null };
}

/** The day a refund of taxes overpaid (assessed again lower after payment), recorded at `at`, is promised (data/payments.json). */
export function overpaidRefundBy(deps: Pick<TaxDeps, 'reference' | 'refunds'>, at: Date): string {
  return refundDueBy(koreanDateOf(at.toISOString()), deps.reference.current().holidays, deps.refunds);
}

/** The refund-due record of a charge of unknown outcome names the provider's order, not a transaction. */
export const unknownTxOf = (orderRef: string) => `order:${orderRef}`;
