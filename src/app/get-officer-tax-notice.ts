// The tax notice of one declaration as officers and administrators read it (read-only): whether and
// how its taxes were paid or refunded, for a "세금·납부" consultation answered at the desk without
// asking an administrator. The same notice the consumer and the operator are shown (noticesOf,
// list-tax-notices.ts), without what only the payer needs: the waiting transfer account is reduced to
// its bank, amount, deadline and the number's last four digits; the open refunds due lose the
// provider's transaction (an order id or transaction key at the payment provider).
import { refundNoOf } from '../domain/refund-due.ts';
import type { OfficerTaxNoticeView } from '../domain/officer-tax-notice-view.ts';
import { fail, ok, type Result } from './errors.ts';
import { noticesOf, type ListDeps } from './list-tax-notices.ts';
import type { TaxPaymentStore } from './ports/payment-ports.ts';

export type { OfficerTaxNoticeView };

export type OfficerTaxNoticeDeps = ListDeps & { taxPayments: Pick<TaxPaymentStore, 'openRefundsDueOf'> };

export async function getOfficerTaxNotice(deps: OfficerTaxNoticeDeps, declarationId: number): Promise<Result<OfficerTaxNoticeView>> {
  const d = await deps.declarations.findById(declarationId);
  if (!d) return fail('DECLARATION_NOT_FOUND');
  const [[listed], open] = await Promise.all([noticesOf(deps, [d]), deps.taxPayments.openRefundsDueOf(d.id)]);
  let notice: OfficerTaxNoticeView['notice'] = null;
  let waitingTransfer: OfficerTaxNoticeView['waitingTransfer'] = null;
  if (listed) {
    const { virtualAccount: a, ...rest } = listed;
    notice = rest;
    if (a) waitingTransfer = { bank: a.bank, accountNumberLast4: a.accountNumber.replace(/\D/g, '').slice(-4), amountKrw: a.amountKrw, dueAt: a.dueAt, demo: a.demo };
  }
  return ok({
    notice,
    waitingTransfer,
    refundsDue: open.map((r) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw, payerKind: r.payerKind, reason: r.reason, refundBy: r.refundBy, createdAt: r.createdAt })),
  });
}
