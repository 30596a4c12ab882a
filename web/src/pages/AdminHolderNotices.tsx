// The holder's security notices given up, on the administration page (/officer/admin): each channel's notice
// that was refused for good (an SMS to an invalid number, an e-mail the mail server answered 550) or failed at
// every attempt (GET /api/v1/admin/holder-notices, a page at a time): whom (the code, its holder, their
// contact on that channel masked), which notice, the channel, why and the last error, when it was given up.
// The holder was never told (a reissued code, a passkey added): an administrator sends one again once the
// number or address is put right (POST …/:id/requeue, audited), and the outbox tries it afresh: to the holder's
// number or address now ("현재 번호로 다시 보냅니다" when it replaced the one the notice was given up on), but the
// notice of a change of contact to the former one, there again.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { ErrorMessage, StatusMessage } from '../components/ui.tsx';
import { QueryTable, RowAction } from '../components/DataTable.tsx';
import { PageTurns, usePagesBefore } from '../components/PageTurns.tsx';

type Bilingual = { ko: string; en: string };
/** GET /api/v1/admin/holder-notices (GivenUpHolderNotice, src/http/officer-response-schemas.ts). */
interface GivenUpNotice {
  id: number;
  kindText: Bilingual;
  channel: 'sms' | 'email' | 'push';
  pccc: string;
  holderName: string | null;
  recipient: string | null;
  /** Sent to the holder's number or address before a change of contact, not the one registered now. */
  formerContact: boolean;
  /** Where it goes if sent again: former (that old contact again), same, or current (the holder's now, which replaced the one it was given up on). */
  requeueTo: 'former' | 'same' | 'current';
  attempts: number;
  why: 'refused' | 'out_of_attempts';
  whyText: Bilingual;
  lastError: string | null;
  queuedAt: string;
  givenUpAt: string;
}

const PAGE = 25;

export function HolderNotices({ token }: { token: string }) {
  const { t, pick, dateTime, num } = useI18n();
  const queryClient = useQueryClient();
  const pages = usePagesBefore();
  const params = new URLSearchParams({ limit: String(PAGE), ...(pages.before ? { before: String(pages.before) } : {}) });
  const list = useQuery({
    queryKey: ['admin-holder-notices', token, params.toString()],
    queryFn: ({ signal }) => api<{ notices: GivenUpNotice[]; total: number; maxAttempts: number; nextBefore: number | null }>(`/api/v1/admin/holder-notices?${params}`, { token, signal }),
  });
  const [done, setDone] = useState<string | null>(null);
  const whom = (n: GivenUpNotice) => `${n.holderName ?? n.pccc} · ${t(`admin.noticeChannel.${n.channel}` as MessageKey)}`;
  const requeue = useMutation({
    mutationFn: (n: GivenUpNotice) => api<{ notice: GivenUpNotice; dueAt: string }>(`/api/v1/admin/holder-notices/${n.id}/requeue`, { token, method: 'POST' }),
    onSuccess: (_r, n) => {
      setDone(t('admin.noticeRequeued', { notice: pick(n.kindText), whom: whom(n) }));
      void queryClient.invalidateQueries({ queryKey: ['admin-holder-notices'] });
    },
  });
  return (
    <section className="card" aria-labelledby="admin-notices" data-testid="admin-holder-notices" {...pages.card}>
      <h2 id="admin-notices" className="card-title">
        {t('admin.notices')}
      </h2>
      <p className="small muted">{t('admin.noticesLead', { n: num(list.data?.maxAttempts ?? 10) })}</p>
      <StatusMessage className="alert alert-success">{done}</StatusMessage>
      {requeue.error ? <ErrorMessage error={requeue.error} /> : null}
      <QueryTable
        query={list}
        rows={(d) => d.notices}
        empty={t('admin.noNotices')}
        above={(d) => <p className="small">{t('admin.closuresTotal', { n: num(d.total) })}</p>}
        label={t('admin.notices')}
        className="closure-table"
        testId="admin-notice-table"
        // On a phone each notice is a card (the table of six columns scrolled 634 px sideways at 390 px).
        cards
        columns={[t('admin.noticeWhom'), t('admin.noticeKind'), t('admin.noticeChannel'), t('admin.noticeWhy'), t('admin.closureGivenUp'), { text: t('admin.noticeRequeue'), hidden: true }]}
        row={(n) => (
          <tr key={n.id} role="row">
            <td role="cell" data-label={t('admin.noticeWhom')}>
              {n.holderName ?? '—'}
              <br />
              <code className="small">{n.pccc}</code>
            </td>
            <td role="cell" className="closure-text" data-label={t('admin.noticeKind')}>
              {pick(n.kindText)}
            </td>
            <td role="cell" data-label={t('admin.noticeChannel')}>
              {t(`admin.noticeChannel.${n.channel}` as MessageKey)}
              <br />
              <span className="small muted">{n.recipient ?? t('admin.noticeNoRecipient')}</span>
              {n.formerContact ? <span className="small" data-testid="notice-former-contact"> · {t(`admin.noticeFormer.${n.channel}` as MessageKey)}</span> : null}
            </td>
            <td role="cell" className="closure-text small" data-label={t('admin.noticeWhy')}>
              {pick(n.whyText)} <span className="muted">{t('admin.noticeAttempts', { n: num(n.attempts) })}</span>
              {n.lastError ? (
                <>
                  <br />
                  {/* A sentence (the adapter's, English), wrapped: as a code it would not break, and pushed the action off the table. */}
                  <span className="muted" data-testid="notice-last-error">
                    {n.lastError}
                  </span>
                </>
              ) : null}
            </td>
            <td role="cell" data-label={t('admin.closureGivenUp')}>
              {dateTime(n.givenUpAt)}
              <br />
              <span className="small muted">{t('admin.noticeQueuedAt', { at: dateTime(n.queuedAt) })}</span>
            </td>
            <td role="cell" className="closure-action">
              {/* Said before the click: given up on a number or address the holder has since replaced, it goes to the one registered now. */}
              {n.requeueTo === 'current' ? (
                <p className="small" data-testid="notice-requeue-current">
                  {t(`admin.noticeRequeueCurrent.${n.channel}` as MessageKey)}
                </p>
              ) : null}
              <RowAction
                label={t('admin.noticeRequeueFor', { notice: pick(n.kindText), whom: whom(n) })}
                busy={requeue.isPending}
                onAct={() => {
                  setDone(null);
                  requeue.mutate(n);
                }}
              >
                {t('admin.noticeRequeue')}
              </RowAction>
            </td>
          </tr>
        )}
      />
      <PageTurns pages={pages} nextBefore={list.data?.nextBefore} />
    </section>
  );
}
