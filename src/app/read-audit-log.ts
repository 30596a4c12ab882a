// The audit log as an administrator reads it: who did what, when, to what; each action named in
// Korean and English (the stored code stays for search). Newest first, a page at a time.
import type { Bilingual } from '../domain/bilingual.ts';
import { AUDIT_ACTIONS } from '../domain/audit-actions.ts';
import type { AccessStore, AuditEntry, AuditQuery } from './ports.ts';

// The catalogue is in the domain: the administration page offers it in its search (web may import the domain only).
export { AUDIT_ACTIONS };

const ACTOR_KINDS: Record<string, Bilingual> = {
  officer: { ko: '직원', en: 'Staff' },
  operator: { ko: '운영자', en: 'Operator' },
  consumer: { ko: '소비자', en: 'Consumer' },
  system: { ko: '시스템', en: 'System' },
  anonymous: { ko: '로그인 전', en: 'Not signed in' }, // a failed sign-in: whoever tried is unknown
};

export interface AuditView extends AuditEntry {
  actionText: Bilingual;
  actorKindText: Bilingual;
}

export const AUDIT_PAGE = 50;

export async function readAuditLog(deps: { access: AccessStore }, q: Omit<AuditQuery, 'limit'> & { limit?: number }): Promise<{ entries: AuditView[]; nextBefore: number | null }> {
  const limit = Math.min(q.limit ?? AUDIT_PAGE, 200);
  const rows = await deps.access.auditEntries({ ...q, limit });
  return {
    entries: rows.map((e) => ({
      ...e,
      actionText: AUDIT_ACTIONS[e.action] ?? { ko: e.action, en: e.action },
      actorKindText: ACTOR_KINDS[e.actorKind] ?? { ko: e.actorKind, en: e.actorKind },
    })),
    nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null,
  };
}
