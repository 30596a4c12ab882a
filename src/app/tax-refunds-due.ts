// Refunds due, for the administrators (reconciliation): charges of taxes already paid that the
// payment provider could not void (pay-taxes.ts records them). Listed while open; an administrator
// records the refund once made through the provider, with what was done.
import { refundNoOf } from '../domain/refund-due.ts';
import { fail, ok, type Result } from './errors.ts';
import type { Clock, OfficerPrincipal } from './ports.ts';
import type { RefundDueRecord, TaxPaymentStore } from './ports/payment-ports.ts';
import type { RefundDueView } from '../domain/api-views.ts';

export type { RefundDueView };

const viewOf = (r: RefundDueRecord): RefundDueView => ({ refundNo: refundNoOf(r.id), ...r });

/** The oldest `limit` open refunds due, and how many are open in all (the list alone said 100 when more were owed). */
export async function listOpenRefundsDue(deps: { taxPayments: TaxPaymentStore }, q: { limit: number }): Promise<{ refunds: RefundDueView[]; total: number }> {
  const [rows, total] = await Promise.all([deps.taxPayments.listOpenRefundsDue(q), deps.taxPayments.countOpenRefundsDue()]);
  return { refunds: rows.map(viewOf), total };
}

export async function resolveRefundDue(
  deps: { taxPayments: TaxPaymentStore; clock: Clock },
  admin: OfficerPrincipal,
  id: number,
  input: { resolution: string },
): Promise<Result<RefundDueView>> {
  const resolved = await deps.taxPayments.resolveRefundDue(id, { by: admin.username, resolution: input.resolution.trim(), at: deps.clock.now() });
  return resolved ? ok(viewOf(resolved)) : fail('REFUND_DUE_NOT_FOUND');
}
