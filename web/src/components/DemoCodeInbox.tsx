// The demo server's inbox (GET /api/v1/demo/notifications, answered in demo mode only: 404 elsewhere, and then
// nothing is shown): the newest one-time code sent to `recipient`, shown beside the code field so the demo can
// be followed without a phone. Used by the sign-in (the code to the registered mobile) and by the change of
// where notices go (the code to the new mobile number or e-mail address).
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { formatDateTime } from '../format.ts';

export interface DemoCodeInboxProps {
  /** As the notification adapter stores it: a mobile number's digits, or an e-mail address. */
  recipient: string;
  /** The inbox's name, in the page's language (also its accessible name). */
  label: string;
  /** The message's test id (the e2e tests read the code from it). */
  testId: string;
  /** The code's challenge: a new one reads the inbox again. */
  challengeId: string;
}

export function DemoCodeInbox({ recipient, label, testId, challengeId }: DemoCodeInboxProps) {
  const { lang } = useI18n();
  const inbox = useQuery({
    queryKey: ['demo-inbox', recipient, challengeId],
    queryFn: ({ signal }) =>
      api<{ notifications: { id: number; recipient: string; body: string; createdAt: string }[] }>(`/api/v1/demo/notifications?recipient=${encodeURIComponent(recipient)}`, { signal }).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null; // not a demo server
        throw e;
      }),
    retry: false,
    staleTime: 0,
  });
  // The newest one-time code: a usage alert may have arrived after it.
  const latest = inbox.data?.notifications.find((n) => n.body.includes('인증번호'));
  if (!latest) return null;
  return (
    <aside className="demo-inbox" aria-label={label}>
      <p className="demo-tag">{label}</p>
      <p className="demo-message" data-testid={testId}>
        {latest.body}
      </p>
      <p className="small muted">{formatDateTime(lang, latest.createdAt, true)}</p>
    </aside>
  );
}
