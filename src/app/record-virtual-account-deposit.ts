// Toss Payments' deposit callback (DEPOSIT_CALLBACK: {createdAt, secret, status, transactionKey,
// orderId}) for a virtual account issued by issue-virtual-account.ts. Anyone can call the public
// route, so: the secret must match the one Toss gave at issue (compared in constant time with the
// stored hash; never logged), and a deposit is recorded only after the provider's own record of the
// payment (GET /v1/payments/{paymentKey}) says DONE for this order and amount: the callback alone is
// not proof. Toss sends the callback again until it gets 200 (up to 7 times over about 3 days), so
// every answer is idempotent: a deposit already recorded answers the same. An unknown order and a
// wrong secret get the same 403.
//
// Toss's record is the truth, also against ours: an account this platform closed as expired (its
// deadline passed by our clock, seconds before Toss's) or cancelled (a corrected notice) whose
// deposit Toss nevertheless confirms is recorded as the payment, or as a refund due when the taxes
// were paid meanwhile, and the account row then says deposited. Money is never lost, nor does it pay
// what is not payable: a deposit while the parcel's taxes are not payable (held on the consignee's
// "not me" report or by the engine, which closed the account: taxes-payable.ts) is recorded to be
// returned (refund due deposit_while_held), the notice unpaid, the payer told why (ko/en).
//
// Toss's record can also go back: a deposit reversed by the bank (입금 오류/취소) turns the payment
// from DONE to WAITING_FOR_DEPOSIT, and Toss sends the callback with that status. Confirmed by a
// look-up, the payment recorded for it is undone (a reversal record, migrations/065: the payment
// row stays, its receipt is void, the notice unpaid), the account waits again (as at Toss), and the
// PCCC holder is told; a deposit that was a refund due needs no refund any more (the payer is told so: a
// deposit made while held, that the taxes stay unpaid) and its account, waiting again at Toss, is closed there
// (reversal_after_paid: the taxes are paid; reversal_of_returned_deposit: made while held, they are not).
//
// The PCCC holder's alerts (the deposit paid, with any part refunded; nothing was owed, all of it
// refunded; the deposit reversed) are queued in the transaction that records the payment or its reversal
// (consumer_refund_alerts, migrations/108) and sent by the refund alerts' worker with its retries: once
// per payment, however often Toss calls back. Before, they were sent after the commit, best effort.
//
// An operator who asked for the account on the consumer's behalf is told on its webhooks
// (tax.paid, tax.payment_reversed), as it is of the declaration's events; tax.paid (and the consumer's
// message) names the part recorded for a refund when the deposit paid more than is owed now, and none is
// sent for a deposit that paid nothing owed (refunded in full: it paid no taxes). They are queued in the
// webhook outbox in the transaction that records the payment or its reversal (db/payment-events.ts), once
// per payment; before, after the commit in a statement of their own, so a crash between the two lost them.
import { DEPOSIT_AFTER_PAID_REASON, DEPOSIT_WHILE_HELD_REASON, REFUNDED_THEN_REVERSED_REASON, refundedThenReversedTxOf, refundNoOf } from '../domain/refund-due.ts';
import { type DepositAlertFacts } from '../domain/consumer-refund-alerts.ts';
import { fail, ok, type Result } from './errors.ts';
import type { VirtualAccountRecord } from './ports/payment-ports.ts';
import { noticeOf, type TaxDeps } from './list-tax-notices.ts';
import { overpaidRefundBy, recordCharge } from './record-charge.ts';
import { attemptClosure, closeWaitingAccounts, CLOSURE_LEASE_MS, type OnDeposited } from './close-virtual-accounts.ts';

export interface DepositCallback {
  orderId: string;
  secret: string;
  status: string;
}

export type DepositOutcome =
  /** The deposit is the declaration's payment (now or on an earlier copy of the callback). */
  | { result: 'paid'; receiptNo: string }
  /**
   * Deposited after the taxes were paid another way, or into an account closed because nothing was left to pay (withdrawn, refused,
   * assessed again), or while nothing was payable (held on a "not me" report or by the engine: returned, not the payment): a refund due.
   */
  | { result: 'refund_due'; refundNo: string | null }
  /** The bank reversed the deposit: the payment of `receiptNo` undone (null: the deposit was a refund due, none is owed now). */
  | { result: 'reversed'; receiptNo: string | null }
  /** The account was closed (CANCELED) or still waits: nothing to record. */
  | { result: 'closed' | 'waiting' };

export async function recordVirtualAccountDeposit(deps: TaxDeps, cb: DepositCallback): Promise<Result<DepositOutcome>> {
  const account = await deps.virtualAccounts.findByOrderId(cb.orderId);
  // Hash compared even for an unknown order, so both refusals take the same path.
  const given = deps.secrets.sha256(cb.secret);
  if (!deps.secrets.sameSecret(given, account?.secretSha256 ?? deps.secrets.sha256(`unknown:${deps.secrets.randomToken('')}`)) || !account) return fail('DEPOSIT_CALLBACK_REJECTED');
  const now = deps.clock.now();
  if (cb.status === 'CANCELED' || cb.status === 'EXPIRED') {
    await deps.virtualAccounts.close(account.id, { status: cb.status === 'CANCELED' ? 'canceled' : 'expired', at: now });
    return ok({ result: 'closed' });
  }
  // Sent at issue; and after a deposit, when the bank reversed it.
  if (cb.status === 'WAITING_FOR_DEPOSIT') return depositReversed(deps, account);
  // PARTIAL_CANCELED (the platform never cancels part of a deposit): nothing to record.
  if (cb.status !== 'DONE') return ok({ result: account.status === 'waiting' ? 'waiting' : 'closed' });
  // A copy of a deposit recorded: answered as the first was, by what the holder was told (a deposit that paid nothing owed: its refund).
  if (account.status === 'deposited' && account.receiptNo) return ok(depositOutcomeOf(await deps.taxPayments.depositToldOf(account.receiptNo), account.receiptNo));
  // The provider's own record decides, not the callback, and not our account's status.
  const payment = await deps.paymentProvider.lookUp(account.providerTx);
  if (!payment) return fail('PAYMENT_PROVIDER_UNAVAILABLE'); // Toss sends the callback again
  if (payment.status !== 'DONE' || payment.orderRef !== account.orderId || payment.amountKrw !== account.amountKrw) return fail('DEPOSIT_CALLBACK_REJECTED');
  return recordConfirmedDeposit(deps, account);
}

/**
 * Records a deposit the provider confirmed (DONE for this order and amount): as the payment, or as a
 * refund due when the taxes were paid meanwhile. Also the close of an account that Toss refused
 * because the deposit had arrived (close-virtual-accounts.ts). Idempotent.
 */
export async function recordConfirmedDeposit(deps: TaxDeps, account: VirtualAccountRecord): Promise<Result<DepositOutcome>> {
  const now = deps.clock.now();
  const d = await deps.declarations.findById(account.declarationId);
  if (!d) return fail('DEPOSIT_CALLBACK_REJECTED');
  const recorded = await recordCharge(
    deps,
    d,
    { paymentNo: account.paymentNo, amountKrw: account.amountKrw, method: 'transfer', part: account.part },
    { payerKind: account.payerKind, payerRef: account.payerRef },
    { providerTx: account.providerTx, orderRef: null },
    account.idempotencyKey,
    'refund',
  );
  if (recorded.ok) {
    const receipt = recorded.value.receipt;
    const receiptNo = receipt.receiptNo;
    // Another account still waiting for the same taxes (issued after this one was closed here as
    // expired) is closed, at the provider too, so that nobody deposits the same taxes twice.
    await closeWaitingAccounts(deps, d.id, 'paid_otherwise', account.providerTx, depositFollowUp(deps));
    // What the deposit paid, and whether anything was owed (withdrawn, refused, assessed again: its account closed
    // with that, but the bank took the transfer before the close reached it), as read under the payment lock in the
    // transaction that recorded it with the overpayment's refund (reassessment-refunds.ts) and told the holder (the
    // alert queued with it, refund-due-events.ts queueDepositAlert): the provider's answer says the same. Before,
    // it was read here before that transaction: a withdrawal committed between the two was answered "paid" while
    // the holder was told nothing was owed. A copy of this callback that lost the race to record it: what the first told.
    const told = recorded.value.depositTold ?? (await deps.taxPayments.depositToldOf(receiptNo));
    // The operator's tax.paid was queued with the payment (db/payment-events.ts): the delivery worker is woken.
    if ((await deps.virtualAccounts.markDeposited(account.id, { at: now, receiptNo })) && account.payerKind === 'operator') deps.operatorEvents?.onQueued?.();
    return ok(depositOutcomeOf(told, receiptNo));
  }
  // Paid meanwhile by another payment (a card, another account), or not payable (held: taxes-payable.ts, its account
  // closed with the hold): this deposit was recorded as a refund due (to be returned), not as the payment.
  const refund = (recorded.error.details as { refund?: { refundNo: string; amountKrw: number; refundBy: string } } | undefined)?.refund;
  // The payer's alert of it (depositRefundDueText) is queued with the record (refund-due-events.ts), sent by the refund alerts' worker.
  await deps.virtualAccounts.markDeposited(account.id, { at: now, receiptNo: null });
  return ok({ result: 'refund_due', refundNo: refund?.refundNo ?? null });
}

/**
 * The provider's answer for a deposit recorded as payment `receiptNo`, by what its holder was told (`told`, read
 * under the payment lock): nothing was owed, all of it refunded: refund_due with that refund's number; else paid.
 */
function depositOutcomeOf(told: DepositAlertFacts | null, receiptNo: string): DepositOutcome {
  return told?.event === 'deposit_not_owed' ? { result: 'refund_due', refundNo: told.refundNo } : { result: 'paid', receiptNo };
}

/** What a close that found the deposit arrived does: the deposit path (close-virtual-accounts.ts). */
export function depositFollowUp(deps: TaxDeps): OnDeposited {
  return async (account) => {
    const r = await recordConfirmedDeposit(deps, account);
    if (!r.ok) throw new Error(`the deposit could not be recorded (${r.error.code})`);
  };
}

/**
 * A deposit to return (after paid, or while held) whose refund an administrator recorded as made, reversed by the bank
 * afterwards: the payer was paid back twice and nobody was told. Recorded as a refund due of reason
 * refunded_then_reversed for the refund made (one per refund: a copy of the callback records it once), its amount, for
 * the administrators (refundDueAlertOf: the ko/en alert on the refunds-due list); no operator or consumer is told.
 */
async function flagPaidBackTwice(deps: TaxDeps, account: VirtualAccountRecord, declarationId: number, now: Date): Promise<void> {
  const made = (await deps.taxPayments.refundsMadeOfMany([declarationId])).filter(
    (r) => r.provider === account.provider && r.providerTx === account.providerTx && (r.reason === DEPOSIT_WHILE_HELD_REASON || r.reason === DEPOSIT_AFTER_PAID_REASON),
  );
  for (const r of made) {
    await deps.taxPayments.recordRefundDue({
      provider: r.provider,
      providerTx: refundedThenReversedTxOf(refundNoOf(r.id)),
      declarationId,
      paymentNo: r.paymentNo,
      amountKrw: r.amountKrw,
      payerKind: r.payerKind,
      reason: REFUNDED_THEN_REVERSED_REASON,
      refundBy: overpaidRefundBy(deps, now),
      createdAt: now,
    });
  }
}

/**
 * WAITING_FOR_DEPOSIT: at issue (nothing to do), or the bank reversed the deposit we recorded.
 * Toss's record decides, as for a deposit. Idempotent: the reversal is recorded once (UNIQUE
 * payment), and only the call that records it tells the holder and the operator.
 */
async function depositReversed(deps: TaxDeps, account: VirtualAccountRecord): Promise<Result<DepositOutcome>> {
  if (account.status !== 'deposited') {
    // A copy of a reversal already taken: the account waits again (or was closed), its last payment reversed.
    const last = account.status === 'waiting' ? (await deps.taxPayments.findByProviderTx(account.provider, account.providerTx))[0] : undefined;
    if (last?.reversal) return ok({ result: 'reversed', receiptNo: last.receiptNo });
    return ok({ result: account.status === 'waiting' ? 'waiting' : 'closed' });
  }
  const payment = await deps.paymentProvider.lookUp(account.providerTx);
  if (!payment) return fail('PAYMENT_PROVIDER_UNAVAILABLE'); // Toss sends the callback again
  if (payment.orderRef !== account.orderId || payment.amountKrw !== account.amountKrw) return fail('DEPOSIT_CALLBACK_REJECTED');
  // Toss still holds the deposit (a stale or forged callback): nothing is undone.
  if (payment.status !== 'WAITING_FOR_DEPOSIT') return ok(account.receiptNo ? { result: 'paid', receiptNo: account.receiptNo } : { result: 'refund_due', refundNo: null });
  const d = await deps.declarations.findById(account.declarationId);
  if (!d) return fail('DEPOSIT_CALLBACK_REJECTED');
  const now = deps.clock.now();
  if (!account.receiptNo) {
    // The deposit was a refund due (the taxes were paid another way, or it came while the parcel was held and paid
    // nothing): the bank took it back, so nothing is to be refunded; the account, waiting again at Toss, must take no new deposit.
    const cancelled = await deps.taxPayments.resolveRefundDueOfTx(account.provider, account.providerTx, { by: 'system', resolution: 'the bank reversed the deposit (입금 취소): nothing to refund', at: now, cause: 'deposit_reversed' });
    // Refunded already by an administrator (nothing open to cancel): the payer got the deposit back twice, by the refund and by
    // the reversal. Raised for the administrators among the refunds due (refunded_then_reversed, ko/en why and what to do).
    if (!cancelled) await flagPaidBackTwice(deps, account, d.id, now);
    // Why it is closed, as the administrators read it: a deposit returned while held paid no taxes (they are not paid);
    // one after paid, the taxes stand paid. Its refund resolved before (by an administrator): by whether a payment stands.
    const whileHeld = cancelled ? cancelled.reason === DEPOSIT_WHILE_HELD_REASON : !(await deps.taxPayments.findByDeclaration(d.id, account.part));
    const reason = whileHeld ? 'reversal_of_returned_deposit' : 'reversal_after_paid';
    const job = await deps.virtualAccounts.closeWithFollowUp(account.id, { from: 'deposited', at: now, reason, leaseMs: CLOSURE_LEASE_MS });
    // The payer was told of the refund (its number and date): the withdrawal queues, in its transaction, the
    // alert that it is off (depositReversedRefundText, refund-due-events.ts; made while held, that the taxes stay unpaid),
    // once; the refund alerts' worker sends it.
    if (job) await attemptClosure(deps, job, depositFollowUp(deps));
    return ok({ result: 'reversed', receiptNo: null });
  }
  const paid = await deps.taxPayments.findByReceiptNo(account.receiptNo);
  if (!paid || paid.providerTx !== account.providerTx) return fail('DEPOSIT_CALLBACK_REJECTED');
  // The notice's due date does not depend on its payments: read before, for the holder's alert.
  const dueDate = paid.reversal ? null : ((await noticeOf(deps, d, null))?.dueDate ?? null);
  // In the reversal's transaction, as at Toss, the same account waits for the deposit again (unless another
  // account of the notice waits), and the holder's alert is queued: the taxes due again, where to pay, and a
  // second charge of these taxes recorded for a refund, which stays a refund (refund-due-events.ts queueDepositReversal).
  const reversal = paid.reversal ? null : await deps.taxPayments.reverse(paid.id, { reason: 'deposit_reversed', at: now, deposit: { accountId: account.id, dueDate } });
  // A reversal recorded before its account was reopened (before migrations/108 they were two transactions): reopened now.
  if (!reversal) await deps.virtualAccounts.reopen(account.id);
  // The operator's tax.payment_reversed was queued with the reversal (db/payment-events.ts): the delivery worker is woken.
  if (reversal && paid.payerKind === 'operator') deps.operatorEvents?.onQueued?.();
  return ok({ result: 'reversed', receiptNo: paid.receiptNo });
}
