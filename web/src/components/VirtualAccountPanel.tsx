// A virtual account (가상계좌) issued for paying taxes by transfer: where to deposit how much by
// when, with the account number to copy, and the status 입금 대기 / awaiting deposit. Accounts
// issued by the payment emulator (demo) cannot take a real deposit: only for them, a button
// clearly marked as demo makes the deposit through the emulator, which then confirms it to the
// platform as Toss would.
import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type TaxNotice, type TaxReceipt, type VirtualAccountView } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Dl, ErrorMessage } from './ui.tsx';

export function VirtualAccountPanel({
  account,
  declarationId,
  token,
  onPaid,
  takeFocus = true,
}: {
  account: VirtualAccountView;
  declarationId: number;
  token: string;
  onPaid: (receipt: TaxReceipt) => void;
  /** Just issued, it replaces the control that asked for it; shown from the notice on a later visit, it leaves the focus alone. */
  takeFocus?: boolean;
}) {
  const { t, krw, dateTime, lang } = useI18n();
  const [copied, setCopied] = useState(false);
  // It replaces the control that asked for it (the form's button): the focus comes here, not to the top.
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus) box.current?.focus();
  }, [takeFocus]);
  const deposit = useMutation({
    mutationFn: () => api<{ notice: TaxNotice; receipt: TaxReceipt }>(`/api/v1/demo/tax-notices/${declarationId}/deposit`, { token, body: {} }),
    onSuccess: (r) => onPaid(r.receipt),
  });
  return (
    <section ref={box} tabIndex={-1} className="virtual-account" aria-label={t('va.title')} data-testid="virtual-account">
      <p className="virtual-account-head">
        <strong>{t('va.title')}</strong> <span className="badge badge-warning">{t('va.status.waiting')}</span>
      </p>
      <Dl
        rows={[
          [t('va.bank'), lang === 'ko' ? account.bank.ko : account.bank.en],
          [
            t('va.accountNumber'),
            <span key="n" className="va-number">
              <code data-testid="va-account-number">{account.accountNumber}</code>{' '}
              <button
                type="button"
                className="button secondary small"
                aria-label={t('va.copyLabel', { number: account.accountNumber })}
                onClick={() => {
                  navigator.clipboard?.writeText(account.accountNumber).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  );
                }}
              >
                <span aria-live="polite">{copied ? t('action.copied') : t('action.copy')}</span>
              </button>
            </span>,
          ],
          [t('va.holder'), account.holderName],
          [t('pay.amount'), <strong key="a">{krw(account.amountKrw)}</strong>],
          [t('va.dueAt'), dateTime(account.dueAt)],
        ]}
      />
      <p className="small">{lang === 'ko' ? account.text.ko : account.text.en}</p>
      {account.demo ? (
        <div className="demo-inbox" data-testid="va-demo">
          <p className="demo-tag">{t('va.demoTag')}</p>
          <p className="small">{t('va.demoHint')}</p>
          <button type="button" className="button secondary" onClick={() => deposit.mutate()} disabled={deposit.isPending}>
            {deposit.isPending ? t('state.checking') : t('va.demoDeposit')}
          </button>
          {deposit.error ? <ErrorMessage error={deposit.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}
