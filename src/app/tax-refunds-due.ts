// Refunds due, for the administrators (reconciliation): charges of taxes already paid that the
// payment provider could not void (pay-taxes.ts records them), and overpayments. Listed while open; an
// administrator records each as refunded through the provider (with its refund reference) or not
// refunded (not due, kept as credit, a duplicate record), with a note. Only a refund recorded as made
// counts as money returned (the notices and the reassessments net it), and the payer is told: the
// notice shows it, an operator that paid gets tax.refunded, queued with the record, and a consumer
// that paid gets an alert on the PCCC holder's channels (as the deposit alerts), after the commit.
// Recorded not refunded, the refund due no longer stands: an operator told of it gets
// tax.refund_due_cancelled, queued with the record (the store, refund-due-events.ts), and a PCCC holder
// who was given its number (holderToldOf) an alert.
import { refundNoOf, TAX_REFUNDED, taxRefundedEvent, type RefundOutcome } from '../domain/refund-due.ts';
import { fail, ok, type Result } from './errors.ts';
import type { Clock, DeclarationStore, OfficerPrincipal, WebhookStore } from './ports.ts';
import type { RefundDueRecord, RefundDueStatus, RefundResolution, TaxPaymentStore } from './ports/payment-ports.ts';
import type { RefundDueView } from '../domain/api-views.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';

export type { RefundDueView };

const viewOf = (r: RefundDueRecord, cargoNo: string): RefundDueView => ({ refundNo: refundNoOf(r.id), cargoNo, ...r });

/**
 * The first `limit` refunds due of this status (open: the oldest; resolved: the latest resolved; all: the
 * open ones, then the resolved), and how many are of that status in all (the list alone said 100 when
 * more were owed). Each with its declaration's cargo number, the administrators' reference. The resolved
 * ones page on (they only grow): `after` the last one listed, `nextAfter` what to ask next (null: no more).
 */
export async function listRefundsDue(
  deps: { taxPayments: TaxPaymentStore },
  q: { status: RefundDueStatus; limit: number; after?: number | null },
): Promise<Result<{ refunds: RefundDueView[]; total: number; nextAfter: number | null }>> {
  if (q.after != null && q.status !== 'resolved') return invalidRequest(requestFieldError('querystring.after', 'only_when_resolved', { status: q.status }));
  // One more than asked: whether there is a next page.
  const [rows, total] = await Promise.all([deps.taxPayments.listRefundsDue({ ...q, limit: q.limit + 1 }), deps.taxPayments.countRefundsDue(q.status)]);
  const page = rows.slice(0, q.limit);
  const more = q.status === 'resolved' && rows.length > q.limit;
  return ok({ refunds: page.map(({ cargoNo, ...r }) => viewOf(r, cargoNo)), total, nextAfter: more ? page.at(-1)!.id : null });
}

export async function resolveRefundDue(
  deps: {
    taxPayments: TaxPaymentStore;
    clock: Clock;
    operatorEvents?: { webhooks: Pick<WebhookStore, 'enqueueOperatorEvent'>; onQueued?: () => void } | null;
    /** The declaration's cargo number (in the answer). */
    declarations: Pick<DeclarationStore, 'findById'>;
  },
  admin: OfficerPrincipal,
  id: number,
  input: { outcome: RefundOutcome; providerRefundRef?: string | null; resolution: string },
): Promise<Result<RefundDueView>> {
  const ref = input.providerRefundRef?.trim() || null;
  // A refund made names the refund at the provider: the reference the payer (and reconciliation) can trace.
  if (input.outcome === 'refunded' && !ref) return invalidRequest(requestFieldError('body.providerRefundRef', 'required', {}));
  // Nothing was refunded, so there is no refund at the provider to name: a reference sent then is a
  // mistake (the wrong outcome chosen, or the wrong record), refused rather than dropped unseen.
  if (input.outcome === 'not_refunded' && input.providerRefundRef != null) return invalidRequest(requestFieldError('body.providerRefundRef', 'only_when_refunded', { outcome: input.outcome }));
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
  const made = resolved.record;
  const d = await deps.declarations.findById(made.declarationId);
  // A consumer that paid is told of a refund made, and a holder given the number of a not_refunded: queued
  // with the resolution (refund-due-events.ts), sent by the refund alerts' worker, so a crash after the commit loses neither.
  // A refund due references its declaration (a foreign key): it is there.
  return ok(viewOf(made, d?.cargoNo ?? ''));
}
