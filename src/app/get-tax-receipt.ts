// Anyone can verify a tax receipt by its number (the number is the unguessable code); the
// answer carries no personal data. A payment refunded since, in full or in part, says so: the
// refunds made against its charge (refund number, amount, day, what remains paid).
import { reassessedRefundChargeOf, receiptRefundsOf, type ReceiptRefundMade, type ReceiptRefunds } from '../domain/receipt-refunds.ts';
import { REASSESSED_LOWER_REASON, refundNoOf } from '../domain/refund-due.ts';
import { fail, ok, type Result } from './errors.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { receiptFor, type Receipt } from './pay-taxes.ts';
import type { TaxPaymentRecord } from './ports/payment-ports.ts';

type ReceiptDeps = Pick<TaxDeps, 'declarations' | 'taxPayments'>;

/** The stored payment (with its provider) and its public receipt, or null for an unknown number. */
export async function findReceipt(deps: ReceiptDeps, receiptNo: string): Promise<{ payment: TaxPaymentRecord; receipt: Receipt } | null> {
  const p = /^TR-[0-9A-F]{16}$/i.test(receiptNo) ? await deps.taxPayments.findByReceiptNo(receiptNo.toUpperCase()) : null;
  const d = p ? await deps.declarations.findById(p.declarationId) : null;
  if (!p || !d) return null;
  return { payment: p, receipt: { ...(await receiptFor(deps, p, d)), refunded: await refundsAgainst(deps, p) } };
}

/**
 * The refunds made (outcome refunded) drawn from this payment's charge: an overpayment's refund is a
 * partial cancel of one charge (reassessment-refunds.ts: split over the standing payments, the latest
 * first, one record per charge, each at most what is left of it), named in its
 * provider transaction. A charge recorded more than once (a virtual account deposited, reversed, deposited
 * again) counts a refund for the payment that stood when the refund was recorded. Second charges, deposits
 * after payment and orders of unknown outcome were never a receipt's payment: not counted.
 */
async function refundsAgainst(deps: ReceiptDeps, p: TaxPaymentRecord): Promise<ReceiptRefunds | null> {
  const made = (await deps.taxPayments.refundsMadeOfMany([p.declarationId])).filter((r) => r.reason === REASSESSED_LOWER_REASON && r.provider === p.provider);
  const ours = made.flatMap((r) => {
    const from = reassessedRefundChargeOf(r.providerTx);
    return from && from.charge === p.providerTx ? [{ r, ended: from.ended }] : [];
  });
  if (ours.length === 0) return null;
  const sameCharge = (await deps.taxPayments.paymentsOf(p.declarationId)).filter((x) => x.providerTx === p.providerTx && x.provider === p.provider);
  const stoodAt = (at: number) =>
    sameCharge.filter((x) => Date.parse(x.paidAt) <= at && (!x.reversal || Date.parse(x.reversal.reversedAt) > at)).at(-1) ?? sameCharge.at(-1);
  const against: ReceiptRefundMade[] = ours
    .filter(({ r }) => sameCharge.length <= 1 || stoodAt(Date.parse(r.createdAt))?.id === p.id)
    .map(({ r, ended }) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw, refundedAt: r.resolvedAt ?? r.createdAt, ended }));
  return receiptRefundsOf(p.amountKrw, against);
}

export async function getTaxReceipt(deps: ReceiptDeps, receiptNo: string): Promise<Result<Receipt>> {
  const found = await findReceipt(deps, receiptNo);
  return found ? ok(found.receipt) : fail('RECEIPT_NOT_FOUND');
}
