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
import { cancelRetriesOf, cancelRetryingText, refundDueAlertOf, refundNoOf, refusedOutcomeOf, type RefundDueCancelRow, type RefundOutcome } from '../domain/refund-due.ts';
import { TAX_REFUNDED, taxRefundedEvent } from '../domain/refund-events.ts';
import { CHARGE_CANCEL_RETRY } from './charge-cancel-retries.ts';
import { fail, ok, type Result } from './errors.ts';
import type { Clock, DeclarationStore, OfficerPrincipal } from './ports.ts';
import type { RefundDueCursor, RefundDueRecord, RefundDueStatus, RefundResolution, TaxPaymentStore } from './ports/payment-ports.ts';
import type { RefundDueView } from '../domain/api-views.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';

export type { RefundDueView };

// A record that is not a refund to make (a deposit paid back twice) carries its alert for the administrators (ko/en).
// Listed, each with its card charge's cancel retries (null: none tried): attempts of the most, given up or not, the last error.
const viewOf = (r: RefundDueRecord, cargoNo: string, cancel?: RefundDueCancelRow): RefundDueView => {
  const alert = refundDueAlertOf(r, cargoNo);
  return { refundNo: refundNoOf(r.id), cargoNo, ...r, ...(alert ? { alert } : {}), ...(cancel ? { cancelRetries: cancelRetriesOf({ ...r, ...cancel }, CHARGE_CANCEL_RETRY.maxAttempts) } : {}) };
};

/**
 * The first `limit` refunds due of this status (open: the oldest; resolved: the latest resolved; all: the
 * open ones, then the resolved), and how many are of that status in all (the list alone said 100 when
 * more were owed). Each with its declaration's cargo number, the administrators' reference. Every list
 * pages on by keyset: `after` the `nextAfter` of the page before (null: no more). Open and resolved: the
 * id of the last one listed (an open one resolved since still marks its place). All: which part of the
 * list it was listed in too, `open-<id>` or `resolved-<id>`: one listed open and resolved before the next
 * page would otherwise be taken for one of the resolved part, and the open ones after it skipped.
 */
export async function listRefundsDue(
  deps: { taxPayments: TaxPaymentStore },
  q: { status: RefundDueStatus; limit: number; after?: number | string | null },
): Promise<Result<{ refunds: RefundDueView[]; total: number; nextAfter: number | string | null }>> {
  const after = q.after == null ? null : cursorOf(q.status, q.after);
  if (after === undefined) {
    return invalidRequest(requestFieldError('querystring.after', 'cursor_of_other_list', { status: q.status, expected: q.status === 'all' ? 'open-<id> | resolved-<id>' : '<id>' }));
  }
  // One more than asked: whether there is a next page.
  const [rows, total] = await Promise.all([deps.taxPayments.listRefundsDue({ status: q.status, limit: q.limit + 1, after }), deps.taxPayments.countRefundsDue(q.status)]);
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1)! : null;
  const nextAfter = last === null ? null : q.status === 'all' ? `${last.resolvedAt === null ? 'open' : 'resolved'}-${last.id}` : last.id;
  return ok({ refunds: page.map(({ cargoNo, cancel, ...r }) => viewOf(r, cargoNo, cancel)), total, nextAfter });
}

/** The cursor `after` names for this list, or undefined when it is not one of its `nextAfter`s (another list's). */
function cursorOf(status: RefundDueStatus, after: number | string): RefundDueCursor | undefined {
  if (status !== 'all') return typeof after === 'number' ? { part: status, id: after } : undefined;
  const m = typeof after === 'string' ? /^(open|resolved)-([1-9][0-9]{0,15})$/.exec(after) : null;
  const id = m ? Number(m[2]) : NaN;
  return m && Number.isSafeInteger(id) ? { part: m[1] as RefundDueCursor['part'], id } : undefined;
}

export async function resolveRefundDue(
  deps: {
    taxPayments: TaxPaymentStore;
    clock: Clock;
    operatorEvents?: { onQueued?: () => void } | null;
    /** The declaration's cargo number (in the answer). */
    declarations: Pick<DeclarationStore, 'findById'>;
  },
  admin: OfficerPrincipal,
  id: number,
  input: { outcome: RefundOutcome; providerRefundRef?: string | null; resolution: string },
): Promise<Result<RefundDueView>> {
  const ref = input.providerRefundRef?.trim() || null;
  // What can be recorded depends on what is owed (refund-due.ts outcomesFor): a deposit paid back twice is owed to
  // nobody, so it is recovered or written off, never "refunded" (which would count as money returned and net the payments).
  const open = await deps.taxPayments.openRefundDue(id);
  if (!open) return fail('REFUND_DUE_NOT_FOUND');
  const retrying = cancelRetryingRefusal(open);
  if (retrying) return retrying;
  const refused = refusedOutcomeOf(open.reason, input.outcome);
  if (refused) return invalidRequest(requestFieldError('body.outcome', 'not_for_reason', { reason: refused.reason, allowed: refused.allowed }));
  // A refund made names the refund at the provider: the reference the payer (and reconciliation) can trace.
  if (input.outcome === 'refunded' && !ref) return invalidRequest(requestFieldError('body.providerRefundRef', 'required', {}));
  // Nothing was refunded, so there is no refund at the provider to name: a reference sent then is a
  // mistake (the wrong outcome chosen, or the wrong record), refused rather than dropped unseen.
  if (input.outcome !== 'refunded' && input.providerRefundRef != null) return invalidRequest(requestFieldError('body.providerRefundRef', 'only_when_refunded', { outcome: input.outcome }));
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
  if (!resolved) {
    // Not resolved: resolved meanwhile (by the system's cancel, or another administrator), or still retrying.
    const now = await deps.taxPayments.openRefundDue(id);
    return (now && cancelRetryingRefusal(now)) || fail('REFUND_DUE_NOT_FOUND');
  }
  if (resolved.queued > 0) deps.operatorEvents?.onQueued?.();
  const made = resolved.record;
  const d = await deps.declarations.findById(made.declarationId);
  // A consumer that paid is told of a refund made, and a holder given the number of a not_refunded: queued
  // with the resolution (refund-due-events.ts), sent by the refund alerts' worker, so a crash after the commit loses neither.
  // A refund due references its declaration (a foreign key): it is there.
  return ok(viewOf(made, d?.cargoNo ?? ''));
}

/**
 * 409 REFUND_DUE_CANCEL_RETRYING while the record's card charge is still being cancelled at the provider (a next
 * attempt set, charge-cancel-retries.ts): a cancel that goes through returns the money itself, so a refund by hand
 * now could return it twice. Says the attempts made and when the next is due; null when no cancel is to come.
 */
function cancelRetryingRefusal(open: RefundDueRecord & { cancel: RefundDueCancelRow }): Result<never> | null {
  const { cancelAttempts: attempts, cancelNextAttemptAt: nextAttemptAt, cancelLastError: lastError } = open.cancel;
  if (nextAttemptAt === null) return null;
  const f = { refundNo: refundNoOf(open.id), attempts, maxAttempts: CHARGE_CANCEL_RETRY.maxAttempts, nextAttemptAt };
  return fail('REFUND_DUE_CANCEL_RETRYING', { ...f, lastError }, cancelRetryingText(f));
}
