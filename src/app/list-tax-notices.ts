// Tax notices (관세 등 제세 납부) of a verified consumer's declarations, newest first, and the
// notice of one declaration (shared with pay-taxes and the receipt). Notices are derived, not
// stored: the assessment says what is owed, the events when, the payments whether it is settled.
import { koreanDateOf, owesTaxes, taxNoticeOf, type TaxNotice, type TaxNoticePayment } from '../domain/tax-notice.ts';
import { ok, type Result } from './errors.ts';
import type { Clock, ConsumerPrincipal, DeclarationRecord, DeclarationStore, Secrets } from './ports.ts';
import type { PaymentProvider, TaxPaymentRecord, TaxPaymentStore } from './ports/payment-ports.ts';

export interface TaxDeps {
  declarations: DeclarationStore;
  taxPayments: TaxPaymentStore;
  paymentProvider: PaymentProvider;
  clock: Clock;
  secrets: Secrets;
}

export function paymentViewOf(p: TaxPaymentRecord): TaxNoticePayment {
  return { receiptNo: p.receiptNo, paidAt: p.paidAt, method: p.method, payerKind: p.payerKind, amountKrw: p.amountKrw };
}

export async function noticeOf(deps: Pick<TaxDeps, 'declarations' | 'clock'>, d: DeclarationRecord, payment: TaxPaymentRecord | null): Promise<TaxNotice | null> {
  if (!payment && !owesTaxes(d.status, d.assessment.taxes)) return null; // skip reading events
  return taxNoticeOf({
    declarationId: d.id,
    cargoNo: d.cargoNo,
    declaredAt: d.declaredAt,
    status: d.status,
    description: d.declaration.items[0]?.description ?? '',
    taxes: d.assessment.taxes,
    events: (await deps.declarations.eventsOf(d.id)).map((e) => ({ type: e.type, occurredAt: e.occurredAt })),
    payment: payment ? paymentViewOf(payment) : null,
    today: koreanDateOf(deps.clock.now().toISOString()),
  });
}

export async function listTaxNotices(deps: Pick<TaxDeps, 'declarations' | 'taxPayments' | 'clock'>, consumer: ConsumerPrincipal): Promise<Result<TaxNotice[]>> {
  const found = await deps.declarations.findByPccc(consumer.pccc, 200);
  const payments = new Map((await deps.taxPayments.findByDeclarations(found.map((d) => d.id))).map((p) => [p.declarationId, p]));
  const notices: TaxNotice[] = [];
  for (const d of [...found].sort((a, b) => b.id - a.id)) {
    const n = await noticeOf(deps, d, payments.get(d.id) ?? null);
    if (n) notices.push(n);
  }
  return ok(notices);
}
