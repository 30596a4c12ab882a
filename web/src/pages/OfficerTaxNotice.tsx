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
import type { Bilingual } from '../../../src/domain/bilingual.ts';
import type { OfficerTaxNoticeView } from '../../../src/domain/officer-tax-notice-view.ts';
import type { TaxNoticePayment } from '../../../src/domain/tax-notice.ts';
import { koreanDateOf } from '../../../src/domain/dates.ts';

/** This section's own words (the rest reuse the payer's notice labels, pay.* and receipt.*). */
const TEXT = {
  none: { ko: '낼 세금도 납부된 세금도 없습니다(면세이거나 징수하지 않는 신고).', en: 'No taxes are owed and none were paid (exempt, or not collected).' },
  readOnly: { ko: '납부자(수입자 또는 대납 업체)에게 보이는 고지 그대로이며 여기서는 볼 수만 있습니다. 환불 처리는 관리자가 합니다.', en: 'The notice as the payer (the consignee or the operator paying for them) sees it, read-only here. Refunds are recorded by administrators.' },
  payments: { ko: '납부 내역', en: 'Payments' },
  noPayment: { ko: '아직 납부되지 않았습니다.', en: 'Not paid yet.' },
  shortfall: { ko: '부족분', en: 'shortfall' },
  transfer: { ko: '입금 대기 중인 가상계좌', en: 'Transfer account waiting for a deposit' },
  transferValue: { ko: '{bank} ···{last4} · {amount} · {dueAt}까지', en: '{bank} ···{last4} · {amount} · by {dueAt}' },
  demo: { ko: '데모 계좌', en: 'demo account' },
  refundsDue: { ko: '환불 대상(미처리)', en: 'Refunds due (open)' },
  refundDueValue: { ko: '{refundNo} · {amount} · {payer} · {refundBy}까지 · {reason}', en: '{refundNo} · {amount} · {payer} · by {refundBy} · {reason}' },
  refundsMade: { ko: '환급·환불 완료', en: 'Refunds made' },
  reason: { ko: '고지 내용', en: 'What the payer is told' },
} satisfies Record<string, Bilingual>;

/** Why a refund was due (src/domain/refund-due.ts reasons); an unknown one is shown as its code. */
const REFUND_REASON: Record<string, Bilingual> = {
  reassessed_lower: { ko: '납부 후 재산정·취하로 더 납부된 금액(관세법 제46조)', en: 'overpaid: assessed again lower or withdrawn after payment (Customs Act art. 46)' },
  duplicate_charge_not_voided: { ko: '취소하지 못한 두 번째 결제', en: 'a second charge that could not be voided' },
  charge_outcome_unknown: { ko: '결과를 확인하지 못한 결제', en: 'a charge of unknown outcome' },
  deposit_after_paid: { ko: '납부 후 들어온 입금', en: 'a deposit after the taxes were paid' },
};

const BADGE = { paid: 'badge-success', due: 'badge-warning', overdue: 'badge-danger' } as const;

export function OfficerTaxNotice({ declarationId, token }: { declarationId: number; token: string }) {
  const { t, pick, krw, dateTime } = useI18n();
  const view = useQuery({
    queryKey: ['officer-tax-notice', declarationId, token],
    queryFn: ({ signal }) => api<OfficerTaxNoticeView>(`/api/v1/officer/declarations/${declarationId}/tax-notice`, { token, signal }),
  });
  if (view.isPending) return <Loading />;
  if (view.error) return <ErrorMessage error={view.error} onRetry={() => view.refetch()} />;
  const { notice, waitingTransfer, refundsDue } = view.data;
  const fill = (text: Bilingual, values: Record<string, string>) => pick(text).replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const payer = (kind: TaxNoticePayment['payerKind']) => t(`receipt.payer.${kind}` as MessageKey);
  const open = refundsDue.length ? (
    <>
      <h3>{pick(TEXT.refundsDue)}</h3>
      <ul className="plain-list small" data-testid="officer-refunds-due">
        {refundsDue.map((r) => (
          <li key={r.refundNo}>
            {fill(TEXT.refundDueValue, { refundNo: r.refundNo, amount: krw(r.amountKrw), payer: payer(r.payerKind), refundBy: r.refundBy, reason: pick(REFUND_REASON[r.reason] ?? { ko: r.reason, en: r.reason }) })}
          </li>
        ))}
      </ul>
    </>
  ) : null;
  if (!notice) {
    return (
      <>
        <p className="muted" data-testid="officer-tax-none">
          {pick(TEXT.none)}
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
    [t(payments.length && paidKrw !== notice.amountKrw ? 'pay.amountNow' : 'pay.amount'), <strong key="a">{krw(notice.amountKrw)}</strong>],
    ...(notice.shortfallKrw > 0 ? [[t('pay.shortfall'), <strong key="s">{krw(notice.shortfallKrw)}</strong>] as [string, ReactNode]] : []),
    [t('pay.dueDate'), notice.dueDate],
    ...(waitingTransfer
      ? [
          [
            pick(TEXT.transfer),
            `${fill(TEXT.transferValue, { bank: pick(waitingTransfer.bank), last4: waitingTransfer.accountNumberLast4, amount: krw(waitingTransfer.amountKrw), dueAt: dateTime(waitingTransfer.dueAt) })}${waitingTransfer.demo ? ` (${pick(TEXT.demo)})` : ''}`,
          ] as [string, ReactNode],
        ]
      : []),
  ];
  return (
    <div data-testid="officer-tax-notice">
      <p className="notice-head">
        <span className={`badge ${BADGE[notice.status]}`} data-testid="officer-tax-status">
          {t(`pay.status.${notice.status}` as MessageKey)}
        </span>
      </p>
      <p className="small muted">{pick(TEXT.readOnly)}</p>
      <Dl rows={rows} />
      <h3>{pick(TEXT.payments)}</h3>
      {payments.length ? (
        <ul className="plain-list small" data-testid="officer-tax-payments">
          {payments.map(({ p, shortfall }) => (
            <li key={p.receiptNo}>
              <Link to={`/receipts/${p.receiptNo}`}>{p.receiptNo}</Link>
              {shortfall ? ` (${pick(TEXT.shortfall)})` : ''} · {dateTime(p.paidAt)} · {t(`pay.method.${p.method}` as MessageKey)} · {payer(p.payerKind)} · <strong>{krw(p.amountKrw)}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{pick(TEXT.noPayment)}</p>
      )}
      {open}
      {notice.refundsMade.length ? (
        <>
          <h3>{pick(TEXT.refundsMade)}</h3>
          <ul className="plain-list small" data-testid="officer-refunds-made">
            {notice.refundsMade.map((r) => (
              <li key={r.refundNo}>
                {t('pay.refundedValue', { amount: krw(r.amountKrw), refundNo: r.refundNo, on: koreanDateOf(r.refundedAt) })} · {pick(REFUND_REASON[r.reason] ?? { ko: r.reason, en: r.reason })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{pick(TEXT.reason)}</h3>
      <p className="small" data-testid="officer-tax-reason">
        {pick(notice.reason)}
      </p>
      <p className="small muted">
        <LawRef text={notice.ref} />
      </p>
    </div>
  );
}
