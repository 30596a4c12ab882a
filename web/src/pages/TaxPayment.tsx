// Tax notices and payment: the verified consumer's notices (what is owed, the payment number,
// the due date under 관세법 제9조) with payment by card or transfer through the platform's
// payment provider, and the public receipt page that anyone can open by the receipt number to
// check a payment (no name, no PCCC on it).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ListedTaxNotice, type TaxNotice, type TaxReceipt, type TransferOutcome, type VirtualAccountView } from '../api.ts';
import { DEFAULT_VIRTUAL_ACCOUNT_BANK, TRANSFER_PAST_DUE_TEXT, validHoursFor, VIRTUAL_ACCOUNT_BANKS } from '../../../src/domain/virtual-account.ts';
import { VirtualAccountPanel } from '../components/VirtualAccountPanel.tsx';
import { byUrgency, NOTICE_STATE_BADGE, noticeStateOf, type NoticeState } from '../tax-notices.ts';
import { amountToPayKrw } from '../../../src/domain/tax-notice.ts';
import type { ReceiptRefunds } from '../../../src/domain/receipt-refunds.ts';
import { koreanDateOf } from '../../../src/domain/dates.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Dl, ErrorMessage, Field, LawRef, Loading, PageHeader, QueryStatus, StatusMessage, TaxTable } from '../components/ui.tsx';
import { loadConsumerSession, type ConsumerSession } from '../sign-in.ts';

type Method = 'card' | 'transfer';

const waitingForDeposit = (data: { notices: ListedTaxNotice[] } | undefined): boolean => !!data?.notices.some((n) => n.virtualAccount && !n.payment);

export function useTaxNotices(session: ConsumerSession) {
  return useQuery({
    queryKey: ['tax-notices', session.pccc],
    queryFn: ({ signal }) => api<{ notices: ListedTaxNotice[]; truncated: boolean }>('/api/v1/consumer/tax-notices', { token: session.token, signal }),
    // While an account waits, the bank transfer can arrive at any time: look again every minute, so the page turns to paid.
    refetchInterval: (q) => (waitingForDeposit(q.state.data) ? 60_000 : false),
    // The payer transfers from the bank's app and comes back to this tab: look again then (the app
    // turns looking on focus off; 'always': even within staleTime), not a minute later, while "입금 대기" contradicts the bank.
    refetchOnWindowFocus: (q) => (waitingForDeposit(q.state.data) ? 'always' : false),
  });
}


/**
 * Told when a notice is paid on this page (by card, or a transfer's deposit seen here), with the
 * state it had before: the notices list keeps it in that place and the parcel's card keeps its pay
 * part, so the "paid, receipt no." shows where the payer pressed pay.
 */
export type OnPaidHere = (declarationId: number, before: NoticeState) => void;

export function TaxNotices({ session, paidHere, onPaid }: { session: ConsumerSession; paidHere?: ReadonlyMap<number, NoticeState>; onPaid?: OnPaidHere }) {
  const { t } = useI18n();
  const notices = useTaxNotices(session);
  // Come from a lookup's "pay" (/me?pay=cargoNo): its notice in view with the focus on its pay
  // button, or, when it is not among this code's notices, say so instead of leaving the reader to
  // search a list it is not in.
  const [params, setParams] = useSearchParams();
  const asked = params.get('pay');
  const [notOwn, setNotOwn] = useState<string | null>(null);
  useEffect(() => {
    if (!asked || !notices.data) return;
    const own = notices.data.notices.some((n) => n.cargoNo === asked);
    setNotOwn(own || notices.data.truncated ? null : asked);
    setParams(
      (p) => {
        p.delete('pay');
        return p;
      },
      { replace: true },
    );
    if (!own) return;
    requestAnimationFrame(() => {
      const box = document.querySelector<HTMLElement>(`[data-testid="notice-${CSS.escape(asked)}"]`);
      if (!box) return;
      (box.querySelector<HTMLElement>('button.primary') ?? box).focus({ preventScroll: true });
      box.scrollIntoView({ block: 'center' });
    });
  }, [asked, notices.data, setParams]);
  // Not among them: the reason in view. It is in this card, below the summary and the code's
  // protection: on a phone the page opened at its top with nothing on screen about the parcel asked.
  const notOwnBox = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notOwn) notOwnBox.current?.scrollIntoView({ block: 'center' });
  }, [notOwn]);
  return (
    <section className="card" aria-labelledby="notices-title" data-testid="tax-notices">
      <h2 id="notices-title" className="card-title">
        {t('pay.title')}
      </h2>
      <p className="small muted">{t('pay.lead')}</p>
      {notOwn ? (
        <p className="alert alert-warning" role="status" data-testid="pay-not-own" ref={notOwnBox}>
          {t('pay.notOwn', { cargoNo: notOwn })}
        </p>
      ) : null}
      <QueryStatus query={notices} rows={(d) => d.notices.length} empty={t('pay.none')} />
      {notices.data?.truncated ? (
        <p className="small muted" data-testid="notices-truncated">
          {t('pay.truncated', { n: notices.data.notices.length })}
        </p>
      ) : null}
      <ul className="notice-list">
        {byUrgency(notices.data?.notices ?? [], paidHere).map((n) => (
          <li key={n.declarationId}>
            <Notice notice={n} session={session} onPaid={onPaid} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The amount rows of a notice: what is due; once paid, what was paid, and the taxes as they are now
 * when the declaration was assessed again since (the notice's reason says the difference). A paid
 * notice showed the new taxes as its amount beside 'paid': 86,580원 for 136,530원 paid.
 */
function amountRows(notice: ListedTaxNotice, t: ReturnType<typeof useI18n>['t'], krw: (n: number) => string): [string, ReactNode][] {
  // Held by the engine: what it would owe if it clears, not an amount to pay.
  if (!notice.payment && notice.shortfallPayments.length === 0) return [[t(notice.payable ? 'pay.amount' : 'pay.amountIfCleared'), <strong key="a">{krw(notice.amountKrw)}</strong>]];
  if (!notice.payment) {
    // The notice's payment undone (a reversed deposit) while a shortfall paid after it stands: the taxes, what stands, what is left.
    const rows: [string, ReactNode][] = [[t('pay.amount'), krw(notice.amountKrw)]];
    for (const p of notice.shortfallPayments) rows.push([t('pay.shortfallPaid'), krw(p.amountKrw)]);
    if (notice.shortfallKrw > 0) rows.push([t('pay.shortfall'), <strong key="s">{krw(notice.shortfallKrw)}</strong>]);
    return [...rows, ...refundDueRows(notice, t, krw), ...refundMadeRows(notice, t, krw)];
  }
  const rows: [string, ReactNode][] = [[t('pay.amountPaid'), <strong key="a">{krw(notice.payment.amountKrw)}</strong>]];
  for (const p of notice.shortfallPayments) rows.push([t('pay.shortfallPaid'), krw(p.amountKrw)]);
  const paidKrw = notice.payment.amountKrw + notice.shortfallPayments.reduce((sum, p) => sum + p.amountKrw, 0);
  if (paidKrw !== notice.amountKrw || notice.shortfallPayments.length > 0) rows.push([t('pay.amountNow'), krw(notice.amountKrw)]);
  // Assessed again higher: what is still to pay on this notice (관세법 제38조의2).
  if (notice.shortfallKrw > 0) rows.push([t('pay.shortfall'), <strong key="s">{krw(notice.shortfallKrw)}</strong>]);
  return [...rows, ...refundDueRows(notice, t, krw), ...refundMadeRows(notice, t, krw)];
}

/**
 * Assessed again lower (or withdrawn): the overpayment recorded for a refund (관세법 제46조), with the number
 * to quote; one row per record when it is split over the charges that paid it (each refunded to its own).
 */
function refundDueRows(notice: ListedTaxNotice, t: ReturnType<typeof useI18n>['t'], krw: (n: number) => string): [string, ReactNode][] {
  const records = notice.refunds ?? (notice.refund ? [notice.refund] : []);
  return records.map((r) => [t('pay.refundDue'), t('pay.refundDueValue', { amount: krw(r.amountKrw), refundNo: r.refundNo, refundBy: r.refundBy })]);
}

/** The refunds made (recorded refunded at the provider): the amount, its number and the day (Korean date). */
function refundMadeRows(notice: ListedTaxNotice, t: ReturnType<typeof useI18n>['t'], krw: (n: number) => string): [string, ReactNode][] {
  return (notice.refundsMade ?? []).map((r) => [t('pay.refunded'), t('pay.refundedValue', { amount: krw(r.amountKrw), refundNo: r.refundNo, on: koreanDateOf(r.refundedAt) })]);
}

function Notice({ notice, session, onPaid }: { notice: ListedTaxNotice; session: ConsumerSession; onPaid?: OnPaidHere }) {
  const { t, krw, lang } = useI18n();
  // Held by the engine (payable false): the taxes it would owe, said 'on hold', not '납부 대기'.
  const state = noticeStateOf(notice);
  const badge = NOTICE_STATE_BADGE[state];
  return (
    <article className="notice" data-testid={`notice-${notice.cargoNo}`} tabIndex={-1}>
      <header className="notice-head">
        <p className="notice-title">{notice.description}</p>
        <span className={`badge ${badge}`}>{t(`pay.status.${state}` as MessageKey)}</span>
      </header>
      <Dl
        rows={[
          [t('pay.cargoNo'), <code key="c">{notice.cargoNo}</code>],
          [t('pay.paymentNo'), <code key="p">{notice.paymentNo}</code>],
          ...amountRows(notice, t, krw),
          // Held by the engine: no date yet (the term runs from 수리, 관세법 제9조), not a provisional one to pay by.
          [t('pay.dueDate'), notice.payable ? notice.dueDate : t('pay.dueOnHold')],
        ]}
      />
      <p className="small">{lang === 'ko' ? notice.reason.ko : notice.reason.en}</p>
      <p className="small muted">
        <LawRef text={notice.ref} />
      </p>
      <PayAction notice={notice} session={session} onPaid={onPaid} />
    </article>
  );
}

/**
 * How to pay a notice, or its receipt once paid: the pay button that opens the form (card or
 * transfer), the account a transfer waits on, the receipt of a payment made just now. Shared by
 * the notices list and each parcel's card on /me.
 */
export function PayAction({ notice, session, onPaid }: { notice: ListedTaxNotice; session: ConsumerSession; onPaid?: OnPaidHere }) {
  const { t, krw } = useI18n();
  const [open, setOpen] = useState(false);
  // The receipt of a payment made here just now: said in the status region below, which takes the
  // focus the closed form had.
  const [paidNow, setPaidNowState] = useState<string | null>(null);
  const setPaidNow = (receiptNo: string) => {
    onPaid?.(notice.declarationId, noticeStateOf(notice));
    setPaidNowState(receiptNo);
  };
  // The virtual account issued for a transfer just now, shown until the deposit is confirmed; on a
  // later visit (a reload, coming back) the notice itself carries the account that still waits.
  const [issued, setAccount] = useState<VirtualAccountView | null>(null);
  const account = issued ?? notice.virtualAccount;
  const queryClient = useQueryClient();
  const payButton = useRef<HTMLButtonElement>(null);
  // Paid here or elsewhere on the page: the notices and every parcel's card read again.
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tax-notices'] });
    void queryClient.invalidateQueries({ queryKey: ['consumer-declarations'] });
  };
  // A parcel the engine held: nothing to pay until the hold is resolved (관세법 제9조: due from 수리), so no button.
  if (!notice.payable && amountToPayKrw(notice) > 0) {
    return (
      <>
        {notice.payment || notice.shortfallPayments.length > 0 ? <Receipts notice={notice} /> : null}
        <p className="small alert alert-info" data-testid="not-payable">
          {t('pay.notPayable')}
        </p>
      </>
    );
  }
  return (
    <>
      <StatusMessage className="pay-result" testId="pay-result" takeFocus>
        {paidNow ? (
          <p>
            {t('pay.paid')} <Link to={`/receipts/${paidNow}`} className="receipt-no">{paidNow}</Link>
          </p>
        ) : null}
      </StatusMessage>
      {paidNow ? null : account && dueOf(notice) > 0 ? (
        <VirtualAccountPanel
          account={account}
          declarationId={notice.declarationId}
          token={session.token}
          takeFocus={issued !== null}
          onPaid={(r) => {
            setPaidNow(r.receiptNo);
            refresh();
          }}
        />
      ) : (notice.payment || notice.shortfallPayments.length > 0) && notice.shortfallKrw === 0 ? (
        <Receipts notice={notice} />
      ) : open ? (
        <PayForm
          notice={notice}
          session={session}
          onCancel={() => {
            // Back to the button that opened the form, not to the top of the page.
            setOpen(false);
            requestAnimationFrame(() => payButton.current?.focus());
          }}
          onPaid={setPaidNow}
          onIssued={setAccount}
        />
      ) : (
        <>
          {notice.payment || notice.shortfallPayments.length > 0 ? <Receipts notice={notice} /> : null}
          <button type="button" className="button primary" ref={payButton} onClick={() => setOpen(true)}>
            {t(notice.payment ? 'pay.payShortfall' : 'pay.payButton', { amount: krw(dueOf(notice)) })}
          </button>
        </>
      )}
    </>
  );
}

/** What is to pay now: the notice's amount; once paid, the shortfall of a new assessment higher (관세법 제38조의2), or nothing (amountToPayKrw). */
const dueOf = amountToPayKrw;

/** The receipts of a paid notice: its payment's, and each shortfall's paid since. */
function Receipts({ notice }: { notice: TaxNotice }) {
  const { t } = useI18n();
  const all = [...(notice.payment ? [notice.payment] : []), ...notice.shortfallPayments];
  return (
    <p className="small">
      {t('pay.receipt')}:{' '}
      {all.map((p, i) => (
        <span key={p.receiptNo}>
          {i > 0 ? ', ' : null}
          <Link to={`/receipts/${p.receiptNo}`} className="receipt-no">{p.receiptNo}</Link>
          {i > 0 || !notice.payment ? ` (${t('pay.shortfallPaid')})` : null}
        </span>
      ))}
    </p>
  );
}

function PayForm({
  notice,
  session,
  onCancel,
  onPaid,
  onIssued,
}: {
  notice: TaxNotice;
  session: ConsumerSession;
  onCancel: () => void;
  onPaid: (receiptNo: string) => void;
  onIssued: (account: VirtualAccountView) => void;
}) {
  const { t, krw, lang, pick } = useI18n();
  const queryClient = useQueryClient();
  // No account can be issued past the due date or within its last hour (관세법 제9조; the server refuses
  // TRANSFER_NOT_AVAILABLE): the choice is shown unavailable, and why, before the payer fills it in.
  const transferOpen = validHoursFor(Date.now(), notice.dueDate, { maxValidHours: 1 }) !== null;
  const [method, setMethod] = useState<Method>('card');
  const [card, setCard] = useState('');
  const [expiry, setExpiry] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [bankCode, setBankCode] = useState(DEFAULT_VIRTUAL_ACCOUNT_BANK);
  const [error, setError] = useState<string | null>(null);
  const [expiryError, setExpiryError] = useState<string | null>(null);
  // One key per payment attempt: a retry after a lost answer (PAYMENT_OUTCOME_UNKNOWN) is the same
  // request and cannot pay twice; after a definitive refusal, another card is a new attempt (the
  // gateway refuses a key reused with another body).
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const pay = useMutation({
    mutationFn: () =>
      api<{ notice: TaxNotice; receipt: TaxReceipt } | TransferOutcome>(`/api/v1/consumer/tax-notices/${notice.declarationId}/payments`, {
        token: session.token,
        headers: { 'idempotency-key': idempotencyKey },
        body: { method, amountKrw: dueOf(notice), ...(method === 'card' ? { cardNumber: card, cardExpiry: expiry, ...(ownerId.trim() ? { cardOwnerId: ownerId.trim() } : {}) } : { bankCode }) },
      }),
    onSuccess: (r) => {
      // A transfer answers the account to deposit into (202); the payment comes with the deposit.
      if ('virtualAccount' in r) {
        onIssued(r.virtualAccount);
        // The notices read again so they carry the waiting account: only then does the page look for its deposit
        // (every minute, and on coming back to the tab: useTaxNotices); before, an account issued here was never looked at again.
        return queryClient.invalidateQueries({ queryKey: ['tax-notices'] });
      }
      onPaid(r.receipt.receiptNo);
      void queryClient.invalidateQueries({ queryKey: ['consumer-declarations'] }); // the parcel's card says paid
      return queryClient.invalidateQueries({ queryKey: ['tax-notices'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'PAYMENT_DECLINED') setIdempotencyKey(crypto.randomUUID());
    },
  });
  // The pay button is disabled while the payment is under way, and a focused button that is disabled drops the focus
  // to the page's body: after a refusal, Tab went on from the top of the page. It takes the focus back (where the payer was).
  const submitButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pay.error) submitButton.current?.focus();
  }, [pay.error]);
  function submit(e: FormEvent) {
    e.preventDefault();
    // A refusal belongs to the attempt it answered: a mistake found in the form now is said alone.
    pay.reset();
    if (method === 'card' && !/^[\d\s-]{12,23}$/.test(card.trim())) {
      setError(t('pay.error.card'));
      document.querySelector<HTMLElement>('[name="cardNumber"]')?.focus();
      return;
    }
    setError(null);
    if (method === 'card' && !/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(expiry.trim())) {
      setExpiryError(t('pay.error.expiry'));
      document.querySelector<HTMLElement>('[name="cardExpiry"]')?.focus();
      return;
    }
    setExpiryError(null);
    pay.mutate();
  }
  return (
    <form className="form pay-form" onSubmit={submit} noValidate aria-label={t('pay.formTitle')}>
      <fieldset className="segmented">
        <legend>{t('pay.method')}</legend>
        {(['card', 'transfer'] as const).map((m) => (
          <label key={m}>
            {/* The form opens in place of the button that was pressed: the focus goes into it. */}
            <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} autoFocus={m === 'card'} disabled={m === 'transfer' && !transferOpen} aria-describedby={m === 'transfer' && !transferOpen ? 'pay-transfer-closed' : undefined} />
            <span>{t(`pay.method.${m}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      {transferOpen ? null : (
        <p className="small muted" id="pay-transfer-closed">
          {pick(TRANSFER_PAST_DUE_TEXT)}
        </p>
      )}
      {method === 'card' ? (
        <Field label={t('pay.cardNumber')} hint={t('pay.cardHint')} error={error}>
          {(p) => <input {...p} name="cardNumber" inputMode="numeric" autoComplete="cc-number" value={card} onChange={(e) => setCard(e.target.value)} placeholder="4242 4242 4242 4242" />}
        </Field>
      ) : null}
      {method === 'card' ? (
        <Field label={t('pay.cardExpiry')} hint={t('pay.cardExpiryHint')} error={expiryError}>
          {(p) => <input {...p} name="cardExpiry" inputMode="numeric" autoComplete="cc-exp" value={expiry} onChange={(e) => setExpiry(e.target.value)} placeholder="12/29" maxLength={7} />}
        </Field>
      ) : null}
      {method === 'card' ? (
        <Field label={t('pay.cardOwnerId')} hint={t('pay.cardOwnerIdHint')}>
          {(p) => <input {...p} name="cardOwnerId" inputMode="numeric" autoComplete="off" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} maxLength={12} />}
        </Field>
      ) : (
        <>
          <Field label={t('pay.bank')} hint={t('pay.bankHint')}>
            {(p) => (
              <select {...p} name="bankCode" value={bankCode} onChange={(e) => setBankCode(e.target.value)}>
                {VIRTUAL_ACCOUNT_BANKS.map((b) => (
                  <option key={b.code} value={b.code}>
                    {lang === 'ko' ? b.ko : b.en}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="small muted">{t('pay.transferHint')}</p>
        </>
      )}
      {pay.error ? <ErrorMessage error={pay.error} /> : null}
      {pay.error instanceof ApiError && pay.error.code === 'PAYMENT_DECLINED' ? <p className="small">{t(transferOpen ? 'pay.declinedHint' : 'pay.declinedHintCardOnly')}</p> : null}
      {pay.error instanceof ApiError && pay.error.code === 'PAYMENT_OUTCOME_UNKNOWN' ? <p className="small">{t('pay.unknownHint')}</p> : null}
      <div className="button-row">
        <button type="submit" className="button primary" ref={submitButton} disabled={pay.isPending}>
          {pay.isPending ? t('state.checking') : t(method === 'transfer' ? 'pay.issueAccount' : 'pay.confirm', { amount: krw(dueOf(notice)) })}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} disabled={pay.isPending}>
          {t('pay.cancel')}
        </button>
      </div>
      <p className="small muted">{t('pay.emulatorNote')}</p>
    </form>
  );
}

/** Public: a receipt by its number (the verification code printed on it). */
export function ReceiptPage() {
  const { receiptNo = '' } = useParams();
  const { t, krw, dateTime, lang } = useI18n();
  const receipt = useQuery({
    queryKey: ['receipt', receiptNo],
    queryFn: ({ signal }) =>
      api<TaxReceipt & { demo: boolean; voided: { at: string; reason: string; ko: string; en: string } | null; refunded: ReceiptRefunds | null }>(`/api/v1/tax-receipts/${encodeURIComponent(receiptNo)}`, { signal }),
    retry: false,
  });
  return (
    <>
      <PageHeader title={t('receipt.title')} lead={t('receipt.lead')} />
      {receipt.isPending ? <Loading /> : null}
      {receipt.error instanceof ApiError && receipt.error.code === 'RECEIPT_NOT_FOUND' ? (
        // An unknown number (mistyped, or a certificate's QR code cut short): what to check and where one's own payments are, not a dead end.
        <div className="alert alert-error" role="alert" data-testid="receipt-unknown">
          <p>{t('receipt.notFound', { no: receiptNo })}</p>
          <p>
            <Link to="/me" className="next-link">{t('receipt.notFoundNext')}</Link>
          </p>
        </div>
      ) : receipt.error ? (
        <ErrorMessage error={receipt.error} />
      ) : null}
      {receipt.data ? (
        <section className="card" aria-labelledby="receipt-title" data-testid="receipt">
          <h2 id="receipt-title" className="card-title">
            {receipt.data.voided ? t('receipt.void') : receipt.data.refunded ? receipt.data.refunded.title[lang] : t('receipt.verified')}
          </h2>
          {receipt.data.voided ? (
            // Undone after it was recorded (a deposit reversed by the bank): this receipt proves nothing paid.
            <p className="alert alert-error" role="alert" data-testid="receipt-void">
              {lang === 'ko' ? receipt.data.voided.ko : receipt.data.voided.en}
            </p>
          ) : null}
          {receipt.data.refunded ? (
            // Refunded since, in full or in part (관세법 제46조): whoever holds the receipt sees what came back; the payment was made.
            <p className="alert alert-info" role="note" data-testid="receipt-refunded">
              {receipt.data.refunded.text[lang]}
            </p>
          ) : null}
          {receipt.data.demo ? (
            <p className="alert alert-warning" role="note" data-testid="receipt-demo">
              {t('receipt.demo')}
            </p>
          ) : null}
          <Dl
            rows={[
              [t('receipt.no'), <code key="r">{receipt.data.receiptNo}</code>],
              [t('pay.paymentNo'), <code key="p">{receipt.data.paymentNo}</code>],
              [t('pay.cargoNo'), <code key="c">{receipt.data.cargoNo}</code>],
              [t('pay.amount'), <strong key="a">{krw(receipt.data.amountKrw)}</strong>],
              // A shortfall paid after the taxes were assessed again higher: not the whole tax.
              ...(receipt.data.part ? [[t('receipt.part'), t('receipt.partValue', { n: receipt.data.part })] as [string, ReactNode]] : []),
              [t('receipt.paidAt'), dateTime(receipt.data.paidAt)],
              [t('receipt.method'), t(`pay.method.${receipt.data.method}` as MessageKey)],
              [t('receipt.payer'), t(`receipt.payer.${receipt.data.payerKind}` as MessageKey)],
              ...(receipt.data.refunded
                ? ([
                    [t('receipt.refunded'), <strong key="rf">{krw(receipt.data.refunded.refundedKrw)}</strong>],
                    [t('receipt.remaining'), <strong key="rm">{krw(receipt.data.refunded.remainingKrw)}</strong>],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          <TaxTable taxes={receipt.data.taxes} caption={t('receipt.taxes')} />
          <div className="button-row">
            {receipt.data.voided ? null : (
              <a className="button secondary" href={`/api/v1/tax-receipts/${encodeURIComponent(receipt.data.receiptNo)}/certificate.pdf`} download>
                {t('receipt.pdf')}
              </a>
            )}
            {loadConsumerSession() ? (
              <Link className="button link" to="/me">
                {t('receipt.back')}
              </Link>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}
