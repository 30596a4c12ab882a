// One declaration with its events and earlier versions, for its operator or an officer. An operator
// reads the other operators' members of a combined group by no ref (operator-refs-view.ts).
import { canRead } from './authorization.ts';
import { fail, ok, type Result } from './errors.ts';
import { timelineOf, type TimelineEntry } from './lookup-view.ts';
import { refsViewFor } from './operator-refs-view.ts';
import type { DeclarationRecord, DeclarationStore, Principal, RevisionRecord } from './ports.ts';

export async function getDeclaration(
  deps: { declarations: DeclarationStore },
  principal: Principal,
  id: number,
): Promise<Result<{ record: DeclarationRecord; timeline: TimelineEntry[]; revisions: RevisionRecord[] }>> {
  const d = await deps.declarations.findById(id);
  if (!d || !canRead(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const [events, revisions] = await Promise.all([deps.declarations.eventsOf(id), deps.declarations.revisionsOf(id)]);
  const timeline = timelineOf(events);
  const view = (await refsViewFor(deps, principal, [{ declarationId: d.id, assessments: [d.assessment, ...revisions.map((v) => v.assessment)], events: timeline }]))(d.id);
  return ok({
    record: { ...d, assessment: view.assessment(d.assessment) },
    timeline: timeline.map((e) => view.event(e)),
    revisions: revisions.map((v) => ({ ...v, assessment: view.assessment(v.assessment), reason: view.text(v.reason) })),
  });
}
