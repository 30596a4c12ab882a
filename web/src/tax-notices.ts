// The consumer's tax notices as the portal lists them (pure, beside the page for tests).
import { amountToPayKrw, type TaxNotice } from '../../src/domain/tax-notice.ts';

/** The amount still to pay: notices not paid yet, the shortfalls of notices paid before they were assessed again higher, and the rest of a notice whose payment was undone while a shortfall stands. */
export const unpaidKrw = (notices: readonly TaxNotice[]): number =>
  notices.reduce((sum, n) => sum + (n.status === 'paid' || n.status === 'held' || n.payable === false ? 0 : amountToPayKrw(n)), 0);

/**
 * The state a notice's badge says: its status, 'held' for a parcel the engine held (the API says status
 * held and payable false), whose taxes are shown but cannot be paid until the hold is resolved (관세법 제9조:
 * due from 수리); also for a notice of an older server that said due with payable false.
 */
export type NoticeState = TaxNotice['status'];
export const noticeStateOf = (n: Pick<TaxNotice, 'status'> & Partial<Pick<TaxNotice, 'payable'>>): NoticeState => (n.payable === false && n.status !== 'paid' ? 'held' : n.status);
export const NOTICE_STATE_BADGE: Record<NoticeState, string> = { paid: 'badge-success', due: 'badge-warning', overdue: 'badge-danger', held: 'badge-neutral' };

const URGENCY: Record<NoticeState, number> = { overdue: 0, due: 1, held: 2, paid: 3 };

/**
 * What needs paying first: overdue, then due, each by its due date, soonest first; then those held
 * by the engine (nothing payable yet); then paid, in the
 * server's order (newest first). Newest first among the unpaid put the latest due date on top (a
 * newer parcel is accepted later), the one due in three days below the one due in three weeks.
 */
export function byUrgency<T extends Pick<TaxNotice, 'status' | 'dueDate'> & Partial<Pick<TaxNotice, 'payable' | 'declarationId'>>>(
  notices: readonly T[],
  paidHere: ReadonlyMap<number, NoticeState> = new Map(),
): T[] {
  // A notice paid on this page keeps the place it had (its state before the payment): moved to the
  // end of the list, its "paid, receipt no." landed screens below, and where the payer's finger was
  // stood the next notice's pay button (on a phone, the confirmation 3,000 px down).
  const stateOf = (n: T) => (n.declarationId !== undefined ? paidHere.get(n.declarationId) : undefined) ?? noticeStateOf(n);
  const dueOrder = (a: T, b: T) => (stateOf(a) === 'paid' ? 0 : a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
  return notices
    .map((n, i) => ({ n, i }))
    .sort((a, b) => URGENCY[stateOf(a.n)] - URGENCY[stateOf(b.n)] || dueOrder(a.n, b.n) || a.i - b.i)
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
