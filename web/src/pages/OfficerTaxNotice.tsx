// The tax notice of a declaration on the officer's declaration page, read-only: due, paid or overdue,
// the amount and due date, the payments (receipt, date, method, payer), the refunds due and made, and
// the notice's own reason, as the payer reads it. An officer answering a "세금·납부" consultation sees
// whether and how the taxes were paid or refunded without asking an administrator. Payments are made
// by the payer and refunds resolved by administrators (the queue's refunds due), not here.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Dl, ErrorMessage, LawRef, Loading } from '../components/ui.tsx';
import type { OfficerTaxNoticeView } from '../../../src/domain/officer-tax-notice-view.ts';
import type { TaxNoticePayment } from '../../../src/domain/tax-notice.ts';
import { koreanDateOf } from '../../../src/domain/dates.ts';
import { NOTICE_STATE_BADGE, noticeStateOf } from '../tax-notices.ts';

/** Why a refund was due (src/domain/refund-due.ts reasons), named in messages.ts; an unknown one is shown as its code. */
const REFUND_REASONS = new Set(['reassessed_lower', 'duplicate_charge_not_voided', 'charge_outcome_unknown', 'deposit_after_paid', 'deposit_while_held', 'charge_while_held']);

export function OfficerTaxNotice({ declarationId, token }: { declarationId: number; token: string }) {
  const { t, pick, krw, dateTime } = useI18n();
  const view = useQuery({
    queryKey: ['officer-tax-notice', declarationId, token],
    queryFn: ({ signal }) => api<OfficerTaxNoticeView>(`/api/v1/officer/declarations/${declarationId}/tax-notice`, { token, signal }),
  });
  if (view.isPending) return <Loading />;
  if (view.error) return <ErrorMessage error={view.error} onRetry={() => view.refetch()} />;
  const { notice, waitingTransfer, refundsDue } = view.data;
  const reasonOf = (code: string) => (REFUND_REASONS.has(code) ? t(`officerTax.reason.${code}` as MessageKey) : code);
  const payer = (kind: TaxNoticePayment['payerKind']) => t(`receipt.payer.${kind}` as MessageKey);
  const open = refundsDue.length ? (
    <>
      <h3>{t('officerTax.refundsDue')}</h3>
      <ul className="plain-list small" data-testid="officer-refunds-due">
        {refundsDue.map((r) => (
          <li key={r.refundNo}>
            {t('officerTax.refundDueValue', { refundNo: r.refundNo, amount: krw(r.amountKrw), payer: payer(r.payerKind), refundBy: r.refundBy, reason: reasonOf(r.reason) })}
          </li>
        ))}
      </ul>
    </>
  ) : null;
  if (!notice) {
    return (
      <>
        <p className="muted" data-testid="officer-tax-none">
          {t('officerTax.none')}
        </p>
        {open}
      </>
    );
  }
  const payments: { p: TaxNoticePayment; shortfall: boolean }[] = [...(notice.payment ? [{ p: notice.payment, shortfall: false }] : []), ...notice.shortfallPayments.map((p) => ({ p, shortfall: true }))];
  const paidKrw = payments.reduce((sum, { p }) => sum + p.amountKrw, 0);
  const rows: [string, ReactNode][] = [
    [t('pay.paymentNo'), <code key="n">{notice.paymentNo}</code>],
    // The taxes as assessed now; "assessed again" once what was paid differs from them (the reason says how).
    [t(payments.length && paidKrw !== notice.amountKrw ? 'pay.amountNow' : notice.payable ? 'pay.amount' : 'pay.amountIfCleared'), <strong key="a">{krw(notice.amountKrw)}</strong>],
    ...(notice.shortfallKrw > 0 ? [[t('pay.shortfall'), <strong key="s">{krw(notice.shortfallKrw)}</strong>] as [string, ReactNode]] : []),
    [t('pay.dueDate'), notice.payable ? notice.dueDate : t('pay.dueOnHold')],
    ...(waitingTransfer
      ? [
          [
            t('officerTax.transfer'),
            `${t('officerTax.transferValue', { bank: pick(waitingTransfer.bank), last4: waitingTransfer.accountNumberLast4, amount: krw(waitingTransfer.amountKrw), dueAt: dateTime(waitingTransfer.dueAt) })}${waitingTransfer.demo ? ` (${t('officerTax.demo')})` : ''}`,
          ] as [string, ReactNode],
        ]
      : []),
  ];
  return (
    <div data-testid="officer-tax-notice">
      <p className="notice-head">
        {/* Held by the engine (payable false): 'on hold · not payable', as the payer reads it, not '납부 대기'. */}
        <span className={`badge ${NOTICE_STATE_BADGE[noticeStateOf(notice)]}`} data-testid="officer-tax-status">
          {t(`pay.status.${noticeStateOf(notice)}` as MessageKey)}
        </span>
      </p>
      <p className="small muted">{t('officerTax.readOnly')}</p>
      <Dl rows={rows} />
      <h3>{t('officerTax.payments')}</h3>
      {payments.length ? (
        <ul className="plain-list small" data-testid="officer-tax-payments">
          {payments.map(({ p, shortfall }) => (
            <li key={p.receiptNo}>
              <Link to={`/receipts/${p.receiptNo}`}>{p.receiptNo}</Link>
              {shortfall ? ` (${t('officerTax.shortfall')})` : ''} · {dateTime(p.paidAt)} · {t(`pay.method.${p.method}` as MessageKey)} · {payer(p.payerKind)} · <strong>{krw(p.amountKrw)}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t('officerTax.noPayment')}</p>
      )}
      {open}
      {notice.refundsMade.length ? (
        <>
          <h3>{t('officerTax.refundsMade')}</h3>
          <ul className="plain-list small" data-testid="officer-refunds-made">
            {notice.refundsMade.map((r) => (
              <li key={r.refundNo}>
                {t('pay.refundedValue', { amount: krw(r.amountKrw), refundNo: r.refundNo, on: koreanDateOf(r.refundedAt) })} · {reasonOf(r.reason)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('officerTax.reason')}</h3>
      <p className="small" data-testid="officer-tax-reason">
        {pick(notice.reason)}
      </p>
      <p className="small muted">
        <LawRef text={notice.ref} />
      </p>
    </div>
  );
}
