// Tax notices (관세 등 제세 납부) of a verified consumer's declarations, newest first, and the
// notice of one declaration (shared with pay-taxes and the receipt). Notices are derived, not
// stored: the assessment says what is owed, the events when, the payments whether it is settled.
// A listed notice also carries the virtual account that waits for its deposit, if any: a payer who
// reloads the page or comes back later must find where to transfer, not a blank payment form.
import { DEPOSIT_WHILE_HELD_REASON, REASSESSED_LOWER_REASON, refundNoOf, type RefundDueRecord, type RefundPolicy } from '../domain/refund-due.ts';
import type { VirtualAccountPolicy } from '../domain/virtual-account.ts';
import { amountToPayKrw, owesTaxes, taxNoticeOf, type TaxNotice, type TaxNoticePayment, type TaxNoticeInput, type TaxNoticeRefund, type TaxNoticeStatus } from '../domain/tax-notice.ts';
import { reassessedRefundChargeOf } from '../domain/receipt-refunds.ts';
import { koreanDateOf } from '../domain/dates.ts';
import { ok, type Result } from './errors.ts';
import { keysetPage, ONE_CURSOR } from './keyset-page.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { Clock, ConsumerPrincipal, DeclarationRecord, DeclarationStore, OperatorPrincipal, ReferenceSource, Secrets } from './ports.ts';
import type { PaymentProvider, TaxPaymentRecord, TaxPaymentStore, VirtualAccountRecord, VirtualAccountStore } from './ports/payment-ports.ts';
import { virtualAccountViewOf } from './virtual-account-view.ts';
import type { ListedTaxNotice, OperatorListedTaxNotice, VirtualAccountView } from '../domain/api-views.ts';
export type { ListedTaxNotice, OperatorListedTaxNotice };

export interface TaxDeps {
  declarations: DeclarationStore;
  taxPayments: TaxPaymentStore;
  /** Virtual accounts issued for transfers, waiting for or closed after their deposit. */
  virtualAccounts: VirtualAccountStore;
  paymentProvider: PaymentProvider;
  clock: Clock;
  secrets: Secrets;
  /** For the public holidays that move due dates (관세법 제8조③). */
  reference: ReferenceSource;
  /** When a second charge that could not be voided is refunded (data/payments.json). */
  refunds: RefundPolicy;
  /** How long a virtual account for a transfer stays open at most (data/payments.json). */
  virtualAccountPolicy: VirtualAccountPolicy;
  /**
   * The operators' webhooks: an operator who asked for the account on the consumer's behalf is told
   * when its deposit lands (tax.paid) or is reversed (tax.payment_reversed), events the store queues in the
   * transaction of the payment or reversal (db/payment-events.ts); `onQueued` wakes the delivery worker.
   */
  operatorEvents?: { onQueued?: () => void } | null;
  /** The portal's public origin, for links in alerts sent outside a request (the closure worker). */
  publicUrl?: string | null;
  /** A follow-up after a payment (closing an account at the provider) failed here; it is retried by the closure worker. */
  onFollowUpError?: (e: unknown) => void;
}

export type ListDeps = Pick<TaxDeps, 'declarations' | 'taxPayments' | 'virtualAccounts' | 'clock' | 'reference'>;

/**
 * The account shown with a notice: still waiting, not past its deadline (closed lazily when next
 * asked for, issue-virtual-account.ts), and for the notice as it is now (a corrected amount gets a
 * new account). None once the notice is paid.
 */
function shownAccount(n: TaxNotice, a: VirtualAccountRecord | undefined, nowMs: number): VirtualAccountView | null {
  // Paid short (assessed again higher): the account of the shortfall; the notice's payment undone while a
  // shortfall stands: the account of the notice's payment (part 0) for the taxes less the shortfall.
  const amountKrw = amountToPayKrw(n);
  // Held by the engine: nothing is payable, so no account is offered (one issued before the hold is not shown).
  if (!a || !n.payable || amountKrw === 0 || (n.payment ? a.part === 0 : a.part !== 0) || Date.parse(a.dueAt) <= nowMs || a.amountKrw !== amountKrw || a.paymentNo !== n.paymentNo) return null;
  return virtualAccountViewOf(a);
}

export function paymentViewOf(p: TaxPaymentRecord): TaxNoticePayment {
  return { receiptNo: p.receiptNo, paidAt: p.paidAt, method: p.method, payerKind: p.payerKind, amountKrw: p.amountKrw };
}

export async function noticeOf(
  deps: Pick<TaxDeps, 'declarations' | 'clock' | 'reference'> & { taxPayments?: Pick<TaxPaymentStore, 'openRefundsDueOfMany' | 'findByDeclarations' | 'refundsMadeOfMany'> },
  d: DeclarationRecord,
  payment: TaxPaymentRecord | null,
): Promise<TaxNotice | null> {
  // The shortfalls paid on it stand also when its payment was undone (a reversed deposit): read them either way.
  const standing = deps.taxPayments ? await deps.taxPayments.findByDeclarations([d.id]) : [];
  const shortfalls = standing.filter((p) => p.part > 0);
  if (!payment && shortfalls.length === 0 && !owesTaxes(d.status, d.assessment.taxes)) return null; // skip reading events
  const paidAny = (payment || shortfalls.length > 0) && deps.taxPayments;
  const [events, refunds, made, whileHeld] = await Promise.all([
    deps.declarations.eventsOf(d.id),
    paidAny ? deps.taxPayments!.openRefundsDueOfMany([d.id], REASSESSED_LOWER_REASON) : Promise.resolve([]),
    // The refunds already made: shown, and what is paid counts net of the overpayments among them.
    paidAny ? deps.taxPayments!.refundsMadeOfMany([d.id]) : Promise.resolve([]),
    // Deposits made while the parcel was held, to be returned (paid or not: they pay nothing).
    deps.taxPayments ? deps.taxPayments.openRefundsDueOfMany([d.id], DEPOSIT_WHILE_HELD_REASON) : Promise.resolve([]),
  ]);
  return noticeWithEvents(deps, d, payment, events, refunds, shortfalls, made, undefined, whileHeld);
}

/**
 * What was returned of the payments: the overpayments refunded (reason reassessed_lower, outcome
 * refunded), as reassessment-refunds.ts reassessedRefundedKrw counts them. A second charge refunded was
 * never recorded as a payment (the database kept another): it is shown, not netted.
 */
const refundedKrwOf = (made: readonly RefundDueRecord[]) => made.filter((r) => r.reason === REASSESSED_LOWER_REASON).reduce((sum, r) => sum + r.amountKrw, 0);

const refundMadeOf = (r: RefundDueRecord) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw, refundedAt: r.resolvedAt ?? r.createdAt, reason: r.reason });

/**
 * The overpayment's refund as the notice shows it: each open record (one per charge it is drawn from,
 * reassessment-refunds.ts), with the receipt of the payment whose charge it goes back to.
 */
function noticeRefundsOf(records: readonly RefundDueRecord[], paid: readonly TaxPaymentRecord[]): TaxNoticeRefund[] {
  return records.map((r) => {
    const charge = reassessedRefundChargeOf(r.providerTx)?.charge;
    const to = paid.find((p) => p.provider === r.provider && p.providerTx === charge);
    return { refundNo: refundNoOf(r.id), amountKrw: r.amountKrw, refundBy: r.refundBy, ...(to ? { receiptNo: to.receiptNo } : {}) };
  });
}

function noticeWithEvents(
  deps: Pick<TaxDeps, 'clock' | 'reference'>,
  d: DeclarationRecord,
  payment: TaxPaymentRecord | null,
  events: TaxNoticeInput['events'],
  refunds: readonly RefundDueRecord[] = [],
  shortfalls: readonly TaxPaymentRecord[] = [],
  made: readonly RefundDueRecord[] = [],
  reader?: TaxNoticeInput['reader'],
  whileHeld: readonly RefundDueRecord[] = [],
): TaxNotice | null {
  return taxNoticeOf({
    declarationId: d.id,
    cargoNo: d.cargoNo,
    declaredAt: d.declaredAt,
    status: d.status,
    route: d.route,
    holdReason: d.holdReason,
    description: d.declaration.items[0]?.description ?? '',
    taxes: d.assessment.taxes,
    events,
    payment: payment ? paymentViewOf(payment) : null,
    refunds: noticeRefundsOf(refunds, payment ? [payment, ...shortfalls] : shortfalls),
    shortfallPayments: shortfalls.map(paymentViewOf),
    refundedKrw: refundedKrwOf(made),
    refundsMade: made.map(refundMadeOf),
    ...(whileHeld.length > 0 ? { depositsWhileHeld: whileHeld.map((r) => ({ refundNo: refundNoOf(r.id), amountKrw: r.amountKrw, refundBy: r.refundBy })) } : {}),
    ...(reader ? { reader } : {}),
    today: koreanDateOf(deps.clock.now().toISOString()),
    holidays: deps.reference.current().holidays,
  });
}

/**
 * Notices of the given declarations (newest first): one read each of payments, events and waiting
 * accounts for all; the events not read again when the caller has them (the consumer's parcels).
 */
export async function noticesOf(
  deps: ListDeps,
  found: readonly DeclarationRecord[],
  eventsRead?: ReadonlyMap<number, TaxNoticeInput['events']>,
  /** Who reads them: 'operator' for the operator's list (whom to ask: the administrators, whoever paid). */
  reader?: TaxNoticeInput['reader'],
): Promise<ListedTaxNotice[]> {
  const standing = await deps.taxPayments.findByDeclarations(found.map((d) => d.id));
  // The notice's payment (part 0), and the shortfalls paid after it (parts 1, 2, …, in order).
  const payments = new Map(standing.filter((p) => p.part === 0).map((p) => [p.declarationId, p]));
  const shortfalls = new Map<number, TaxPaymentRecord[]>();
  for (const p of standing.filter((x) => x.part > 0)) shortfalls.set(p.declarationId, [...(shortfalls.get(p.declarationId) ?? []), p]);
  // A payment stands: the notice's, or a shortfall paid after it (which stands when the notice's payment was undone).
  const paidAny = (id: number) => payments.has(id) || shortfalls.has(id);
  const owing = [...found].sort((a, b) => b.id - a.id).filter((d) => paidAny(d.id) || owesTaxes(d.status, d.assessment.taxes));
  const events = eventsRead ?? (await deps.declarations.eventsOfMany(owing.map((d) => d.id))); // one read, not one per parcel
  const paid = owing.filter((d) => paidAny(d.id)).map((d) => d.id);
  // The refunds already made of what was paid: it counts net of them (136,530 paid, 49,950 refunded: 86,580).
  const madeRows = await deps.taxPayments.refundsMadeOfMany(paid);
  const made = new Map<number, RefundDueRecord[]>();
  for (const r of madeRows) made.set(r.declarationId, [...(made.get(r.declarationId) ?? []), r]);
  const refunded = new Map([...made].map(([id, rows]) => [id, refundedKrwOf(rows)]));
  // Not paid, or paid and now owing more: an account may wait for them.
  const standingKrw = (id: number) =>
    [...(payments.has(id) ? [payments.get(id)!] : []), ...(shortfalls.get(id) ?? [])].reduce((sum, p) => sum + p.amountKrw, 0) - (refunded.get(id) ?? 0);
  const unpaid = owing.filter((d) => !paidAny(d.id) || (owesTaxes(d.status, d.assessment.taxes) && d.assessment.taxes!.totalKrw > standingKrw(d.id))).map((d) => d.id);
  const [waitingRows, refundRows, whileHeldRows] = await Promise.all([
    deps.virtualAccounts.findWaitingMany(unpaid),
    deps.taxPayments.openRefundsDueOfMany(paid, REASSESSED_LOWER_REASON),
    // Deposits made while a parcel was held, to be returned (by index: migrations/111).
    deps.taxPayments.openRefundsDueOfMany(owing.map((d) => d.id), DEPOSIT_WHILE_HELD_REASON),
  ]);
  const waiting = new Map(waitingRows.map((a) => [a.declarationId, a]));
  const refunds = new Map<number, RefundDueRecord[]>();
  for (const r of refundRows) refunds.set(r.declarationId, [...(refunds.get(r.declarationId) ?? []), r]);
  const whileHeld = new Map<number, RefundDueRecord[]>();
  for (const r of whileHeldRows) whileHeld.set(r.declarationId, [...(whileHeld.get(r.declarationId) ?? []), r]);
  const nowMs = deps.clock.now().getTime();
  const notices: ListedTaxNotice[] = [];
  for (const d of owing) {
    const n = noticeWithEvents(deps, d, payments.get(d.id) ?? null, events.get(d.id) ?? [], refunds.get(d.id), shortfalls.get(d.id), made.get(d.id) ?? [], reader, whileHeld.get(d.id));
    if (n) notices.push({ ...n, virtualAccount: shownAccount(n, waiting.get(d.id), nowMs) });
  }
  return notices;
}

export const CONSUMER_NOTICES_LIMIT = 500;

/**
 * The consumer's notices, newest first: the latest CONSUMER_NOTICES_LIMIT taxed (or paid) parcels,
 * `truncated` when there are more (a code misused hundreds of times), which the page says, rather
 * than leaving the older ones out unsaid.
 */
export async function listTaxNotices(deps: ListDeps, consumer: ConsumerPrincipal): Promise<Result<{ notices: ListedTaxNotice[]; truncated: boolean }>> {
  // Read among the taxed parcels only: a consumer's latest 200 parcels of any kind could leave out an older notice still unpaid.
  const taxed = await deps.declarations.findTaxedByPcccs(consumer.pcccs, CONSUMER_NOTICES_LIMIT + 1);
  return ok({ notices: await noticesOf(deps, taxed.slice(0, CONSUMER_NOTICES_LIMIT)), truncated: taxed.length > CONSUMER_NOTICES_LIMIT });
}

export const OPERATOR_NOTICES_DEFAULT_LIMIT = 50;
export const OPERATOR_NOTICES_MAX_LIMIT = 200;

export interface OperatorTaxNoticesQuery {
  status?: TaxNoticeStatus;
  limit?: number;
  /** Continue after this declaration id, to older notices (the `next` of the page before). */
  afterId?: number;
  /** Go back before this declaration id, to newer notices (the `prev` of the page after). */
  beforeId?: number;
}

/**
 * The tax notices of an operator's own declarations (forwarders, couriers paying on the consumer's
 * behalf), newest first, keyset-paged by declaration id both ways: `next` (pass as `after`) pages
 * to older notices, `prev` (pass as `before`) back to newer ones; each is null at its end. A page
 * scans `limit` taxed declarations; the status (which needs the payment and today's date) is
 * filtered after deriving the notices, so a filtered page may hold fewer than `limit` notices:
 * follow `next` until it is null.
 */
export async function listOperatorTaxNotices(
  deps: ListDeps,
  operator: OperatorPrincipal,
  q: OperatorTaxNoticesQuery = {},
): Promise<Result<{ notices: OperatorListedTaxNotice[]; next: number | null; prev: number | null }>> {
  if (q.afterId !== undefined && q.beforeId !== undefined) return invalidRequest(requestFieldError('querystring.before', 'one_of_required', { fields: 'after, before' }, ONE_CURSOR));
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? OPERATOR_NOTICES_DEFAULT_LIMIT), 1), OPERATOR_NOTICES_MAX_LIMIT);
  // Newest first: "forward" is down the ids (older notices), "back" up them (newer ones).
  const { page, next, prev } = await keysetPage(limit, { after: q.afterId || undefined, before: q.beforeId }, (direction, from, n) =>
    deps.declarations.listTaxedForOperator(operator.operatorId, { limit: n, ...(from === undefined ? {} : direction === 'forward' ? { afterId: from } : { beforeId: from }) }),
  );
  // The operator reads these: an operator cannot open a consultation (the consumer's), so every text asks it to contact the administrators.
  // Whose parcel each is: the consignee's name, as this operator declared it (its own declarations only).
  const consigneeOf = new Map(page.map((d) => [d.id, d.declaration.consignee.name]));
  const notices = (await noticesOf(deps, page, undefined, 'operator')).map((n) => ({ ...n, consigneeName: consigneeOf.get(n.declarationId) ?? '' }));
  return ok({ notices: q.status ? notices.filter((n) => n.status === q.status) : notices, next, prev });
}
