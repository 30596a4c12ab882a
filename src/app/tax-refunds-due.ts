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
import { holderToldOf, refundDueCancelledText, refundMadeText, refundNoOf, TAX_REFUNDED, taxRefundedEvent, type RefundOutcome } from '../domain/refund-due.ts';
import { fail, ok, type Result } from './errors.ts';
import type { Clock, DeclarationStore, OfficerPrincipal, WebhookStore } from './ports.ts';
import { alertPayer, type PayerAlerts } from './record-virtual-account-deposit.ts';
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

export async function resolveRefundDue(
  deps: {
    taxPayments: TaxPaymentStore;
    clock: Clock;
    operatorEvents?: { webhooks: Pick<WebhookStore, 'enqueueOperatorEvent'>; onQueued?: () => void } | null;
    /** For the consumer's alert of a refund made: the declaration's PCCC and cargo number. */
    declarations?: Pick<DeclarationStore, 'findById'>;
    payerAlerts?: PayerAlerts | null;
  },
  admin: OfficerPrincipal,
  id: number,
  input: { outcome: RefundOutcome; providerRefundRef?: string | null; resolution: string },
  /** The portal's origin, for the /me link in the consumer's alert. */
  appUrl = '',
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
  // A consumer that paid is told too, once committed (best-effort: the record stands if the alert fails, alertPayer reports it).
  if (made.outcome === 'refunded' && made.payerKind === 'consumer' && deps.payerAlerts && deps.declarations) {
    const d = await deps.declarations.findById(made.declarationId);
    if (d) {
      const text = refundMadeText({ cargoNo: d.cargoNo, amountKrw: made.amountKrw, refundNo: refundNoOf(made.id), refundedAt: made.resolvedAt!, reason: made.reason, link: `${appUrl.replace(/\/+$/, '')}/me` });
      await alertPayer(deps, d, '[통관] 세금 환급 완료', text, '/me');
    }
  }
  // Not refunded: a PCCC holder given the refund number (a deposit's alert, the answer to their payment) is told it is off.
  if (made.outcome === 'not_refunded' && holderToldOf(made) && deps.payerAlerts && deps.declarations) {
    const d = await deps.declarations.findById(made.declarationId);
    if (d) {
      const text = refundDueCancelledText({ refundNo: refundNoOf(made.id), amountKrw: made.amountKrw, cause: 'not_refunded', payerKind: 'consumer' });
      await alertPayer(deps, d, '[통관] 환불 취소 안내', { ko: `화물관리번호 ${d.cargoNo}: ${text.ko}`, en: `On ${d.cargoNo}: ${text.en}` }, '/me');
    }
  }
  return ok(viewOf(made));
}
