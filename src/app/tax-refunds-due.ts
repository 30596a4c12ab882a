// Refunds due, for the administrators (reconciliation): charges of taxes already paid that the
// payment provider could not void (pay-taxes.ts records them), and overpayments. Listed while open; an
// administrator records each as refunded through the provider (with its refund reference) or not
// refunded (not due, kept as credit, a duplicate record), with a note. Only a refund recorded as made
// counts as money returned (the notices and the reassessments net it), and the payer is told: the
// notice shows it, and an operator that paid gets tax.refunded, queued with the record.
import { refundNoOf, type RefundOutcome } from '../domain/refund-due.ts';
import { fail, ok, type Result } from './errors.ts';
import type { Clock, OfficerPrincipal, OperatorEventType, WebhookStore } from './ports.ts';
import type { RefundDueRecord, RefundResolution, TaxPaymentStore } from './ports/payment-ports.ts';
import type { RefundDueView } from '../domain/api-views.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';

export type { RefundDueView };

const viewOf = (r: RefundDueRecord): RefundDueView => ({ refundNo: refundNoOf(r.id), ...r });

/** The oldest `limit` open refunds due, and how many are open in all (the list alone said 100 when more were owed). */
export async function listOpenRefundsDue(deps: { taxPayments: TaxPaymentStore }, q: { limit: number }): Promise<{ refunds: RefundDueView[]; total: number }> {
  const [rows, total] = await Promise.all([deps.taxPayments.listOpenRefundsDue(q), deps.taxPayments.countOpenRefundsDue()]);
  return { refunds: rows.map(viewOf), total };
}

export const TAX_REFUNDED: OperatorEventType = 'tax.refunded';

/** The body of tax.refunded (webhooks route documents it): the refund made, of which payment, under which number. */
export function taxRefundedEvent(refund: RefundDueRecord, d: { id: number; ref: string; cargoNo: string }): { id: string; type: OperatorEventType } & Record<string, unknown> {
  const refundNo = refundNoOf(refund.id);
  return {
    id: `taxrefund_${refundNo}`,
    type: TAX_REFUNDED,
    occurredAt: refund.resolvedAt,
    declaration: { id: d.id, ref: d.ref, cargoNo: d.cargoNo },
    refund: { refundNo, paymentNo: refund.paymentNo, amountKrw: refund.amountKrw, reason: refund.reason, providerRefundRef: refund.providerRefundRef, refundedAt: refund.resolvedAt },
  };
}

export async function resolveRefundDue(
  deps: { taxPayments: TaxPaymentStore; clock: Clock; operatorEvents?: { webhooks: Pick<WebhookStore, 'enqueueOperatorEvent'>; onQueued?: () => void } | null },
  admin: OfficerPrincipal,
  id: number,
  input: { outcome: RefundOutcome; providerRefundRef?: string | null; resolution: string },
): Promise<Result<RefundDueView>> {
  const ref = input.providerRefundRef?.trim() || null;
  // A refund made names the refund at the provider: the reference the payer (and reconciliation) can trace.
  if (input.outcome === 'refunded' && !ref) return invalidRequest(requestFieldError('body.providerRefundRef', 'required', {}));
  const r: RefundResolution = {
    by: admin.username,
    outcome: input.outcome,
    providerRefundRef: input.outcome === 'refunded' ? ref : null,
    resolution: input.resolution.trim(),
    at: deps.clock.now(),
    // Only a refund made is announced, and only to an operator that paid (a consumer reads it on the notice).
    ...(deps.operatorEvents && input.outcome === 'refunded'
      ? { operatorEvent: (refund: RefundDueRecord, d: { id: number; ref: string; cargoNo: string }) => (refund.payerKind === 'operator' ? { type: TAX_REFUNDED, payload: taxRefundedEvent(refund, d) } : null) }
      : {}),
  };
  const resolved = await deps.taxPayments.resolveRefundDue(id, r);
  if (!resolved) return fail('REFUND_DUE_NOT_FOUND');
  if (resolved.queued > 0) deps.operatorEvents?.onQueued?.();
  return ok(viewOf(resolved.record));
}
