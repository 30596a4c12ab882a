// The consumer's tax notices as the portal lists them (pure, beside the page for tests).
import type { TaxNotice } from '../../src/domain/tax-notice.ts';

/** The amount still to pay: notices not paid yet. */
export const unpaidKrw = (notices: readonly TaxNotice[]): number => notices.reduce((sum, n) => sum + (n.status === 'paid' ? 0 : n.amountKrw), 0);

const URGENCY: Record<TaxNotice['status'], number> = { overdue: 0, due: 1, paid: 2 };

/** What needs paying first: overdue, then due, then paid; the server's order (newest first) within each. */
export function byUrgency<T extends Pick<TaxNotice, 'status'>>(notices: readonly T[]): T[] {
  return notices
    .map((n, i) => ({ n, i }))
    .sort((a, b) => URGENCY[a.n.status] - URGENCY[b.n.status] || a.i - b.i)
    .map((x) => x.n);
}
