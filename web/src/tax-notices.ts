// The consumer's tax notices as the portal lists them (pure, beside the page for tests).
import { amountToPayKrw, type TaxNotice } from '../../src/domain/tax-notice.ts';

/** The amount still to pay: notices not paid yet, the shortfalls of notices paid before they were assessed again higher, and the rest of a notice whose payment was undone while a shortfall stands. */
export const unpaidKrw = (notices: readonly TaxNotice[]): number =>
  notices.reduce((sum, n) => sum + (n.status === 'paid' ? 0 : amountToPayKrw(n)), 0);

const URGENCY: Record<TaxNotice['status'], number> = { overdue: 0, due: 1, paid: 2 };

/**
 * What needs paying first: overdue, then due, each by its due date, soonest first; then paid, in the
 * server's order (newest first). Newest first among the unpaid put the latest due date on top (a
 * newer parcel is accepted later), the one due in three days below the one due in three weeks.
 */
export function byUrgency<T extends Pick<TaxNotice, 'status' | 'dueDate'>>(notices: readonly T[]): T[] {
  const dueOrder = (a: T, b: T) => (a.status === 'paid' ? 0 : a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
  return notices
    .map((n, i) => ({ n, i }))
    .sort((a, b) => URGENCY[a.n.status] - URGENCY[b.n.status] || dueOrder(a.n, b.n) || a.i - b.i)
    .map((x) => x.n);
}

/**
 * Whether a paid notice's reason is shown beside its receipts on the operator's list: when what
 * was paid is not simply what is owed, the taxes assessed again since (paid ≠ assessed), a refund
 * due, or a refund made. A declaration withdrawn after a card payment of 51,070 and refunded in
 * full still lists 51,070 paid against 51,070 assessed: only the refund made tells it apart.
 */
export const paidReasonShown = (notice: Pick<TaxNotice, 'payment' | 'amountKrw' | 'refund' | 'refundsMade'>): boolean =>
  notice.payment !== null && (notice.payment.amountKrw !== notice.amountKrw || notice.refund !== null || notice.refundsMade.length > 0);
