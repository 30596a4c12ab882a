// What /me/security says on a parcel the holder reported as "not me": while the case is open, that
// customs checks it (and whether the report held the parcel); once an officer closed it, that it is
// closed, on which day (Korea's), and what became of the parcel (the ledger's `outcome`, by its status
// now). Before, the open text stayed after the case was closed and the parcel refused or released.
// The officer's closing note is theirs (kept in the audit log): the ledger does not give it.
import type { LedgerEntry } from './identity-api.ts';
import type { Text } from './text.ts';
import { formatDate, type Lang } from '../format.ts';

export type Reported = NonNullable<LedgerEntry['reported']>;

export function reportedNote(r: Reported, t: Text, lang: Lang): string {
  if (r.status !== 'closed') return t('sec.reported', { id: r.caseId, held: r.held ? t('sec.heldNote') : '' });
  // A case closed with no outcome cannot come from the API (it gives one with every closing); said as still held, the safe reading.
  const outcome = t(`sec.outcome.${r.outcome ?? 'held'}`);
  return r.closedAt ? t('sec.reportedClosedOn', { id: r.caseId, date: formatDate(lang, r.closedAt), outcome }) : t('sec.reportedClosed', { id: r.caseId, outcome });
}
