// One declaration with its events and earlier versions, for its operator or an officer.
import { canRead } from './authorization.ts';
import { fail, ok, type Result } from './errors.ts';
import { timelineOf, type TimelineEntry } from './lookup-view.ts';
import type { DeclarationRecord, DeclarationStore, Principal, RevisionRecord } from './ports.ts';

export async function getDeclaration(
  deps: { declarations: DeclarationStore },
  principal: Principal,
  id: number,
): Promise<Result<{ record: DeclarationRecord; timeline: TimelineEntry[]; revisions: RevisionRecord[] }>> {
  const d = await deps.declarations.findById(id);
  if (!d || !canRead(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const [events, revisions] = await Promise.all([deps.declarations.eventsOf(id), deps.declarations.revisionsOf(id)]);
  return ok({ record: d, timeline: timelineOf(events), revisions });
}
