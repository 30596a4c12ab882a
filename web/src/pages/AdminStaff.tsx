// Staff accounts on the administration page (/officer/admin): officers and administrators listed
// (role, created, last sign-in, enabled or disabled), a new account made with a random password shown
// once (as a new API key is), a password reset (confirmed first; the new one shown once, the account's
// sessions end) and a leaver's account disabled, or enabled again (confirmed first). The server refuses
// an administrator's disabling themself or the last enabled administrator, in Korean and English.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { ErrorMessage, Field, StatusMessage } from '../components/ui.tsx';
import { QueryTable, RowAction } from '../components/DataTable.tsx';
import { ShownOnceKey } from '../components/ShownOnceKey.tsx';

const ROLES = ['officer', 'admin'] as const;
/** GET /api/v1/admin/users (StaffUser, src/http/officer-response-schemas.ts). */
interface StaffRow {
  id: number;
  username: string;
  displayName: string;
  role: (typeof ROLES)[number];
  createdAt: string;
  disabledAt: string | null;
  passwordChangedAt: string | null;
  lastSignInAt: string | null;
}

export function StaffAccounts({ token, myUserId }: { token: string; myUserId: number | null }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['admin-staff', token], queryFn: ({ signal }) => api<{ users: StaffRow[] }>('/api/v1/admin/users', { token, signal }) });
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRow['role']>('officer');
  /** The password just made or reset, shown once with whose it is; gone on the next action. */
  const [shown, setShown] = useState<{ label: string; password: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin-staff'] });
  const create = useMutation({
    mutationFn: () => api<{ user: StaffRow; password: string }>('/api/v1/admin/users', { token, body: { username: username.trim(), displayName: displayName.trim(), role } }),
    onSuccess: (r) => {
      setUsername('');
      setDisplayName('');
      setShown({ label: t('staff.createdPassword', { username: r.user.username }), password: r.password });
      refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (u: StaffRow) => api<{ password: string }>(`/api/v1/admin/users/${u.id}/password`, { token, method: 'POST' }),
    onSuccess: (r, u) => {
      setShown({ label: t('staff.resetPassword', { username: u.username }), password: r.password });
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (u: StaffRow) => api<StaffRow>(`/api/v1/admin/users/${u.id}/${u.disabledAt ? 'enable' : 'disable'}`, { token, method: 'POST' }),
    onSuccess: (r) => {
      setDone(t(r.disabledAt ? 'staff.disabledDone' : 'staff.enabledDone', { username: r.username }));
      refresh();
    },
  });
  const busy = create.isPending || reset.isPending || toggle.isPending;
  const start = () => {
    setShown(null);
    setDone(null);
    create.reset();
    reset.reset();
    toggle.reset();
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim()) return;
    start();
    create.mutate();
  }
  return (
    <section className="card" aria-labelledby="admin-staff" data-testid="admin-staff">
      <h2 id="admin-staff" className="card-title">
        {t('staff.title')}
      </h2>
      <p className="small muted">{t('staff.lead')}</p>
      <form className="form" onSubmit={submit} aria-labelledby="admin-new-staff">
        <h3 id="admin-new-staff">{t('staff.new')}</h3>
        <Field label={t('staff.username')} hint={t('staff.usernameHint')}>
          {(p) => <input {...p} name="username" value={username} maxLength={100} spellCheck={false} autoComplete="off" onChange={(e) => setUsername(e.target.value.replace(/\s/gu, ''))} required />}
        </Field>
        <Field label={t('staff.displayName')} hint={t('staff.displayNameHint')} optional>
          {(p) => <input {...p} name="displayName" value={displayName} maxLength={200} autoComplete="off" onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field label={t('staff.role')}>
          {(p) => (
            <select {...p} name="staffRole" value={role} onChange={(e) => setRole(e.target.value as StaffRow['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" className="button primary" disabled={busy || !username.trim()}>
          {t('staff.create')}
        </button>
      </form>
      {shown ? <ShownOnceKey label={shown.label} value={shown.password} testId="admin-staff-password" /> : null}
      <StatusMessage className="alert alert-success">{done}</StatusMessage>
      {reset.error ? <ErrorMessage error={reset.error} /> : null}
      {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
      <QueryTable
        query={list}
        rows={(d) => d.users}
        empty={t('staff.none')}
        label={t('staff.title')}
        testId="admin-staff-table"
        // On a phone each account is a card (the table of six columns scrolled 203 px sideways at 390 px, 295 px in English).
        cards
        columns={[t('staff.colUser'), t('staff.role'), t('staff.colCreated'), t('staff.colLastSignIn'), t('staff.colStatus'), t('staff.colActions')]}
        row={(u) => {
          const me = u.id === myUserId;
          return (
            <tr key={u.id} role="row" data-username={u.username}>
              <td role="cell" data-label={t('staff.colUser')}>
                {u.displayName}
                {me ? <span className="badge badge-info"> {t('staff.you')}</span> : null}
                <br />
                <code className="small">{u.username}</code>
              </td>
              <td role="cell" data-label={t('staff.role')}>
                {t(`role.${u.role}` as MessageKey)}
              </td>
              <td role="cell" data-label={t('staff.colCreated')}>
                {dateTime(u.createdAt)}
              </td>
              <td role="cell" data-label={t('staff.colLastSignIn')}>
                {u.lastSignInAt ? dateTime(u.lastSignInAt) : t('staff.never')}
              </td>
              <td role="cell" data-label={t('staff.colStatus')}>
                {u.disabledAt ? (
                  <span className="badge badge-danger">{t('staff.disabledSince', { when: dateTime(u.disabledAt) })}</span>
                ) : (
                  <span className="badge badge-success">{t('staff.active')}</span>
                )}
              </td>
              <td role="cell" data-label={t('staff.colActions')}>
                {me ? <span className="small muted">{t('staff.selfNote')}</span> : null}
                <div className="button-row">
                  {me ? null : (
                    <RowAction
                      className="button small"
                      label={t('staff.resetOf', { username: u.username })}
                      busy={busy}
                      confirm={t('staff.resetConfirm', { username: u.username })}
                      onAct={() => {
                        start();
                        reset.mutate(u);
                      }}
                    >
                      {t('staff.reset')}
                    </RowAction>
                  )}
                  {me ? null : (
                    <RowAction
                      className={u.disabledAt ? 'button small' : 'button small danger'}
                      label={t(u.disabledAt ? 'staff.enableOf' : 'staff.disableOf', { username: u.username })}
                      busy={busy}
                      confirm={t(u.disabledAt ? 'staff.enableConfirm' : 'staff.disableConfirm', { username: u.username })}
                      onAct={() => {
                        start();
                        toggle.mutate(u);
                      }}
                    >
                      {t(u.disabledAt ? 'staff.enable' : 'staff.disable')}
                    </RowAction>
                  )}
                </div>
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}
