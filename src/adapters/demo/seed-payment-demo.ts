// Demo tax payments and refunds (first start): a few demo parcels that owe taxes are paid, and three
// refunds due follow, one in each state the administrators' refunds page knows. Before, the demo had no
// payment at all: the refunds page was empty, and so was every consumer's payment history. Everything
// goes through the application functions the API calls (payTaxes, the emulator's deposit recorded by
// recordConfirmedDeposit, amendDeclaration, withdrawDeclaration, resolveRefundDue), so receipts, refunds
// due (reconcileReassessedRefund), webhook events and alerts are what real payments make:
// - a consumer's transfer into the virtual account issued to them, and an operator's into one it asked
//   for on the consumer's behalf (tax.paid on its webhooks), on parcels released or cleared;
// - an operator's transfer, then a price correction lower (a coupon left out of the declared price):
//   the overpayment is a refund due, left open for the administrators (tax.refund_due);
// - a consumer's card payment, then the order cancelled and the declaration withdrawn (신고취하): all of
//   it is due back, recorded refunded by an administrator with the provider's reference;
// - a consumer's card payment, then a price correction lower, recorded not refunded with a note.
// The emulator's accounts take no real money (every receipt and certificate says 데모); its deposit is
// recorded as the close path records a deposit Toss reports (the callback address is set only once the
// server listens, after the seed). The administrators refund at the provider's console, not through the
// platform; in the demo nothing is refunded at the emulator, so the reference recorded is marked DEMO.
// The demo consumer 김민지 (P250000000001) is left out: her notices stay due, for whoever tries the
// demo to pay them from her portal (card, or a transfer and its demo deposit). Demo data is public.
import type pg from 'pg';
import { amendDeclaration } from '../../app/amend-declaration.ts';
import { withdrawDeclaration } from '../../app/withdraw-declaration.ts';
import { payTaxes } from '../../app/pay-taxes.ts';
import { noticeOf, type TaxDeps } from '../../app/list-tax-notices.ts';
import { waitingAccountOf } from '../../app/issue-virtual-account.ts';
import { recordConfirmedDeposit } from '../../app/record-virtual-account-deposit.ts';
import { resolveRefundDue } from '../../app/tax-refunds-due.ts';
import type { DemoDepositor } from '../../app/make-demo-deposit.ts';
import type { ConsentIntake } from '../../app/verify-declaration-consent.ts';
import type { PaymentOutcome } from '../../app/record-charge.ts';
import type { ConsumerPrincipal, DeclarationRecord, OfficerPrincipal, OperatorPrincipal, OperatorRole } from '../../app/ports.ts';
import { amountToPayKrw } from '../../domain/tax-notice.ts';
import { REASSESSED_LOWER_REASON } from '../../domain/refund-due.ts';
import type { Result } from '../../app/errors.ts';
import { DEMO_CONSUMER } from './seed-demo.ts';

/** The note the demo administrator leaves on the refund due recorded not refunded. */
export const DEMO_NOT_REFUNDED_NOTE =
  '납부자(수입자)와 민원상담으로 확인: 판매자가 할인 차액과 함께 세금 차액을 이미 돌려주어 환불을 원하지 않는다고 회신함. 환불하지 않음. / The payer confirmed through the consultation that the seller already paid back the difference with the coupon, and declined the refund.';
/** A price correction lower: the coupon left out of the price declared. */
const CORRECTION_REASON = '가격 정정: 쇼핑몰 할인쿠폰 적용 전 금액으로 신고되어 실제 결제금액으로 정정';
const WITHDRAWAL_REASON = '주문 취소: 판매자가 발송을 취소해 반송 예정';

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`demo payments (${what}): ${r.error.code}`);
  return r.value;
}

/** Demo parcels owing collected taxes, of registered demo consumers other than 김민지, one per consumer, in `statuses`, newest first; none of `taken`. */
async function owing(pool: pg.Pool, statuses: string[], n: number, taken: Set<string>): Promise<{ id: number; pccc: string; operatorId: number }[]> {
  const r = await pool.query(
    `SELECT DISTINCT ON (d.pccc) d.id, d.pccc, d.operator_id FROM declarations d JOIN pccc_holders h ON h.pccc = d.pccc
      WHERE d.status = ANY($1::text[]) AND d.pccc <> $2 AND NOT (d.pccc = ANY($3::text[]))
        AND (d.assessment #>> '{taxes,collected}') = 'true' AND (d.assessment #>> '{taxes,totalKrw}')::bigint > 0
        AND NOT EXISTS (SELECT 1 FROM tax_payments p WHERE p.declaration_id = d.id)
      ORDER BY d.pccc, d.id DESC`,
    [statuses, DEMO_CONSUMER.pccc, [...taken]],
  );
  return r.rows
    .map((x) => ({ id: Number(x.id), pccc: x.pccc as string, operatorId: Number(x.operator_id) }))
    .sort((a, b) => b.id - a.id)
    .slice(0, n);
}

export interface PaymentDemoDeps {
  tax: TaxDeps;
  /** The emulator's deposit into a waiting account (the bank transfer no emulated account can get otherwise). */
  deposit: DemoDepositor;
  consentIntake?: ConsentIntake | null;
}

export async function seedPaymentDemo(pool: pg.Pool, deps: PaymentDemoDeps, log: (l: string) => void): Promise<void> {
  if ((await pool.query(`SELECT 1 FROM tax_payments LIMIT 1`)).rowCount) return;
  const adminRow = (await pool.query(`SELECT id, username, role FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`)).rows[0];
  if (!adminRow) return;
  const admin: OfficerPrincipal = { kind: 'officer', userId: Number(adminRow.id), username: adminRow.username as string, role: 'admin' };
  const tax = deps.tax;
  const operatorOf = async (operatorId: number): Promise<OperatorPrincipal> => {
    const o = (await pool.query(`SELECT id, code, role FROM operators WHERE id = $1`, [operatorId])).rows[0];
    return { kind: 'operator', operatorId: Number(o.id), operatorCode: o.code as string, role: o.role as OperatorRole, apiKeyId: 0 };
  };
  const consumerOf = (pccc: string): ConsumerPrincipal => ({ kind: 'consumer', pccc, amr: 'otp', pcccs: [pccc] });
  const declarationOf = async (id: number): Promise<DeclarationRecord> => (await tax.declarations.findById(id))!;
  const dueOf = async (id: number) => amountToPayKrw((await noticeOf(tax, await declarationOf(id), null))!);

  /**
   * A transfer: the account issued, the emulator's deposit into it, recorded as Toss's report of it is.
   * False when no account is issued: less than an hour before the due date, or past it (TRANSFER_NOT_AVAILABLE,
   * the demo's parcels are backdated), so the next parcel is taken.
   */
  const payByTransfer = async (id: number, payer: ConsumerPrincipal | OperatorPrincipal): Promise<boolean> => {
    const issued = await payTaxes(tax, payer, { declarationId: id, method: 'transfer', amountKrw: await dueOf(id) });
    if (!issued.ok && issued.error.code === 'TRANSFER_NOT_AVAILABLE') return false;
    must(issued, 'transfer');
    const account = (await waitingAccountOf(tax, id))!;
    const deposited = await deps.deposit(account.orderId);
    if (!deposited.ok) throw new Error(`demo payments (deposit): ${deposited.code}`);
    must(await recordConfirmedDeposit(tax, account), 'deposit');
    return true;
  };
  const payByCard = async (id: number, payer: ConsumerPrincipal) =>
    must(await payTaxes(tax, payer, { declarationId: id, method: 'card', amountKrw: await dueOf(id), cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }), 'card') as PaymentOutcome;
  /** The operator corrects the price declared down by a fifth (the coupon): assessed again lower, the overpayment recorded as a refund due. */
  const correctLower = async (id: number) => {
    const d = await declarationOf(id);
    const items = d.declaration.items.map((i) => ({ ...i, price: Math.round(i.price * 0.8 * 100) / 100 }));
    must(await amendDeclaration({ ...tax, consentIntake: deps.consentIntake ?? null }, await operatorOf(d.operatorId), { declarationId: id, declaration: { ...d.declaration, items }, reason: CORRECTION_REASON }), 'correction');
  };
  const openRefundOf = async (id: number) => (await tax.taxPayments.openRefundsDueOfMany([id], REASSESSED_LOWER_REASON))[0] ?? null;
  const resolve = (refundId: number, input: { outcome: 'refunded' | 'not_refunded'; providerRefundRef?: string; resolution: string }) =>
    resolveRefundDue({ taxPayments: tax.taxPayments, clock: tax.clock, operatorEvents: tax.operatorEvents ?? null, declarations: tax.declarations }, admin, refundId, input);

  const taken = new Set<string>();
  /** The first parcel in `statuses` for which `pay` goes through (a parcel whose transfer is refused is passed over); null: none. */
  const take = async (statuses: string[], pay: (p: { id: number; pccc: string; operatorId: number }) => Promise<boolean>) => {
    for (const p of await owing(pool, statuses, 20, taken)) {
      if (await pay(p)) {
        taken.add(p.pccc);
        return p;
      }
    }
    return null;
  };
  let payments = 0;
  const refunds: string[] = [];
  // Paid after release: the consumer's own transfer, and the operator's on the consumer's behalf.
  const done = ['released', 'cleared'];
  if (await take(done, async (p) => payByTransfer(p.id, consumerOf(p.pccc)))) payments++;
  if (await take(done, async (p) => payByTransfer(p.id, await operatorOf(p.operatorId)))) payments++;
  // Paid before 수리 (the provisional due date), then corrected or withdrawn: only a declaration not yet
  // cleared can be (관세법 제38조의2, 제250조).
  const early = ['declared', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse'];
  const open = await take(early, async (p) => payByTransfer(p.id, await operatorOf(p.operatorId)));
  if (open) {
    payments++;
    await correctLower(open.id);
    if (await openRefundOf(open.id)) refunds.push('open');
  }
  let receiptNo = '';
  const refunded = await take(early, async (p) => {
    receiptNo = (await payByCard(p.id, consumerOf(p.pccc))).receipt.receiptNo;
    return true;
  });
  if (refunded) {
    payments++;
    must(await withdrawDeclaration(tax, await operatorOf(refunded.operatorId), { declarationId: refunded.id, reason: WITHDRAWAL_REASON }), 'withdrawal');
    const due = await openRefundOf(refunded.id);
    if (due) {
      const ref = `DEMO-CANCEL-${receiptNo.slice(3, 11)}`;
      must(await resolve(due.id, { outcome: 'refunded', providerRefundRef: ref, resolution: '결제대행사 관리자 화면에서 카드 결제 전액 취소(신고취하) / card charge cancelled in full at the provider (declaration withdrawn)' }), 'refunded');
      refunds.push('refunded');
    }
  }
  const notRefunded = await take(early, async (p) => {
    await payByCard(p.id, consumerOf(p.pccc));
    return true;
  });
  if (notRefunded) {
    payments++;
    await correctLower(notRefunded.id);
    const due = await openRefundOf(notRefunded.id);
    if (due) {
      must(await resolve(due.id, { outcome: 'not_refunded', resolution: DEMO_NOT_REFUNDED_NOTE }), 'not refunded');
      refunds.push('not_refunded');
    }
  }
  log(`  tax payments: ${payments} demo payments (transfers by consumers and operators, cards), refunds due ${refunds.join(', ') || 'none'}`);
}
