// /consent/:id — the phone's side of order-time approval (opened from the QR code or the deep
// link): exactly the order, the number to pick (the one the shop shows), approve or decline with
// a passkey. A wrong pick cancels the request on the server.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { ErrorMessage, Loading, PageHeader, StatusMessage, UnitsPrice } from '../components/ui.tsx';
import { decideWithPasskey, money, passkeyError, type ConsentView } from './identity-api.ts';
import { consentScreen, passkeyRefusedHere, passkeyWaitEnds } from './consent-state.ts';
import { useText } from './text.ts';
import { useFocusBack } from '../focus-back.ts';

const RESULT_TEXT = { approved: 'con.approved', declined: 'con.declined', refused: 'con.state.refused', expired: 'con.state.expired' } as const;
const CLOSED_TEXT = { approved: 'con.state.approved', declined: 'con.state.declined', refused: 'con.state.refused', expired: 'con.state.expired' } as const;

export function ConsentPage() {
  const { id = '' } = useParams();
  const { t, dateTime, lang } = useText();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<string | null>(null);
  const view = useQuery({ queryKey: ['consent', id], queryFn: () => api<ConsentView>(`/api/v1/consent/${encodeURIComponent(id)}`), staleTime: 0 });
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') => decideWithPasskey(id, decision, decision === 'approve' ? picked : null),
    onSettled: () => qc.invalidateQueries({ queryKey: ['consent', id] }),
  });
  // Each button takes the focus back after its own request, when nothing else took it (a cancelled prompt, a refusal).
  const approveButton = useFocusBack<HTMLButtonElement>(decide.isPending && decide.variables === 'approve');
  const declineButton = useFocusBack<HTMLButtonElement>(decide.isPending && decide.variables === 'decline');
  const v = view.data;
  const decideCode = decide.error instanceof ApiError ? decide.error.code : null;
  const decided = decide.data ? (decide.data.status === 'approved' ? 'approved' : 'declined') : null;
  const screen = consentScreen(v?.status ?? 'pending', decided, decideCode ?? null);
  // The holder has no passkey: said with what to do (register one; or nothing, if not ordering), not as
  // an error with its code (NO_PASSKEY) and no way on.
  // Passkeys registered but still in their waiting period: said as that, with from when (it said there was none, or only 'verification failed').
  const waitEnds = decide.error instanceof ApiError ? passkeyWaitEnds(decide.error.code, decide.error.details) : null;
  const noPasskey = !waitEnds && decide.error instanceof ApiError && decide.error.code === 'NO_PASSKEY';
  // A link cut short or mistyped (refused as malformed) or naming no request: said in words with what to do, not as a request error and its code.
  const unknownLink = view.error instanceof ApiError && (view.error.code === 'CONSENT_NOT_FOUND' || (view.error.code === 'VALIDATION_FAILED' && view.error.status === 400));
  return (
    <>
      <PageHeader title={t('con.title')} lead={t('con.lead')} />
      {view.isPending ? <Loading /> : null}
      {unknownLink ? (
        <div className="alert alert-error narrow" role="alert" data-testid="consent-unknown">
          <p>{t('con.unknown')}</p>
          <p>
            <Link to="/me/security" className="next-link">{t('con.unknownNext')}</Link>
          </p>
        </div>
      ) : view.error ? (
        <ErrorMessage error={view.error} />
      ) : null}
      {v ? (
        <div className="narrow">
          <section className="card" aria-labelledby="con-order" data-testid="consent-order">
            <h2 id="con-order" className="card-title">
              {v.order.platform} · {v.order.orderNo}
            </h2>
            <dl className="dl">
              <div className="dl-row">
                <dt>{t('con.operator')}</dt>
                <dd>{v.operator.name}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('con.seller')}</dt>
                <dd>{v.order.seller ?? '—'}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('con.items')}</dt>
                <dd>
                  <ul className="plain-list">
                    {v.order.items.map((it, i) => (
                      <li key={i}>
                        {it.description} × {it.quantity} · <UnitsPrice quantity={it.quantity} unitPrice={it.unitPrice / 100} currency={v.order.currency} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('con.total')}</dt>
                <dd data-testid="consent-total">
                  <strong>{money(lang, v.order.total, v.order.currency)}</strong>
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('con.postcode')}</dt>
                <dd data-testid="consent-postcode">{v.order.postcodeMasked}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('con.pccc')}</dt>
                <dd>{v.order.pcccMasked}</dd>
              </div>
            </dl>
            {/* The deadline matters only while the request can still be decided. */}
            {screen.state === 'pending' ? <p className="small muted">{t('con.expires', { at: dateTime(v.expiresAt) })}</p> : null}
          </section>
          {/* The outcome of this tab's decision (or of a refusal that closed the request: a wrong
              number, the deadline passed) is said where the buttons were, in words with what to do
              next, and takes their focus; never as an error with its code. */}
          <StatusMessage className={`alert ${screen.state === 'result' && (screen.status === 'refused' || screen.status === 'expired') ? 'alert-error' : ''}`} testId="consent-result" takeFocus>
            {screen.state === 'result' ? (
              <>
                <p>{t(RESULT_TEXT[screen.status])}</p>
                <p>
                  <Link to="/me/security" className="next-link" data-testid="consent-history">
                    {t('con.history')}
                  </Link>
                </p>
              </>
            ) : null}
          </StatusMessage>
          {screen.state === 'pending' ? (
            <section className="card" aria-labelledby="con-pick">
              <h2 id="con-pick" className="card-title">
                {t('con.pick')}
              </h2>
              <div className="button-row" role="radiogroup" aria-labelledby="con-pick">
                {v.choices.map((c) => (
                  <button
                    key={c}
                    type="button"
                    role="radio"
                    aria-checked={picked === c}
                    className={`button ${picked === c ? 'primary' : 'secondary'} number-choice`}
                    data-testid={`choice-${c}`}
                    onClick={() => setPicked(c)}
                  >
                    {c}
                  </button>
                ))}
              </div>
              {waitEnds ? (
                <div className="alert alert-warning" role="alert" data-testid="consent-passkey-waiting">
                  <p>{t('con.passkeyWaiting', { at: dateTime(waitEnds), expires: dateTime(v.expiresAt) })}</p>
                  <p>
                    <Link to="/me/security" className="next-link">{t('con.passkeyWaitingNext')}</Link>
                  </p>
                </div>
              ) : noPasskey ? (
                <div className="alert alert-warning" role="alert" data-testid="consent-no-passkey">
                  <p>{t('con.noPasskey', { at: dateTime(v.expiresAt) })}</p>
                  <p>
                    <Link to="/me/security" className="next-link">{t('con.noPasskeyNext')}</Link>
                  </p>
                </div>
              ) : decide.error ? (
                <>
                  <ErrorMessage error={passkeyError(decide.error, t('con.passkeyCancelled'))} />
                  {decide.error instanceof ApiError && passkeyRefusedHere(decide.error.code, decide.error.details) ? (
                    <p className="small" data-testid="consent-passkey-refused">
                      {t('con.passkeyRefusedNext')} <Link to="/me/security">{t('con.passkeyWaitingNext')}</Link>
                    </p>
                  ) : null}
                </>
              ) : null}
              <div className="button-row">
                <button type="button" className="button primary" data-testid="approve" ref={approveButton} disabled={!picked || decide.isPending} onClick={() => decide.mutate('approve')}>
                  {t('con.approve')}
                </button>
                <button type="button" className="button secondary" data-testid="decline" ref={declineButton} disabled={decide.isPending} onClick={() => decide.mutate('decline')}>
                  {t('con.decline')}
                </button>
              </div>
            </section>
          ) : screen.state === 'closed' ? (
            // Closed when read: said in words (never the status code); only a request that went wrong is an error.
            <p className={`alert ${screen.status === 'approved' ? 'alert-success' : screen.status === 'declined' ? '' : 'alert-error'}`} role="alert" data-testid="consent-closed">
              {t(CLOSED_TEXT[screen.status])}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
