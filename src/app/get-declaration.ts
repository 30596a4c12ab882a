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
): Promise<Result<{ record: DeclarationRecord; timeline: TimelineEntry[]; revisions: RevisionRecord[]; combinedCargoNos?: Record<string, string[]> }>> {
  const d = await deps.declarations.findById(id);
  if (!d || !canRead(principal, d)) return fail('DECLARATION_NOT_FOUND');
  const [events, revisions] = await Promise.all([deps.declarations.eventsOf(id), deps.declarations.revisionsOf(id)]);
  const timeline = timelineOf(events);
  const view = (await refsViewFor(deps, principal, [{ declarationId: d.id, assessments: [d.assessment, ...revisions.map((v) => v.assessment)], events: timeline }]))(d.id);
  return ok({
    record: { ...d, assessment: view.assessment(d.assessment) },
    timeline: timeline.map((e) => view.event(e)),
    revisions: revisions.map((v) => ({ ...v, assessment: view.assessment(v.assessment), reason: view.text(v.reason) })),
    ...(principal.kind === 'officer' ? { combinedCargoNos: await combinedCargoNosOf(deps, d) } : {}),
  });
}

/**
 * For an officer: the cargo numbers of the members the parcel is combined with, by ref. A ref is the
 * operator's own number, which an officer cannot search by; the members share the consignee (고시 제68조:
 * one B/L, or one consignee buying from one seller on one day), so they are found by the parcel's PCCC.
 * A ref two operators both used for this consignee has both numbers.
 */
async function combinedCargoNosOf(deps: { declarations: DeclarationStore }, d: DeclarationRecord): Promise<Record<string, string[]>> {
  const refs = d.assessment.combinedWith;
  if (refs.length === 0) return {};
  return Object.fromEntries(await deps.declarations.cargoNosOfRefs([d.pccc], refs));
}
