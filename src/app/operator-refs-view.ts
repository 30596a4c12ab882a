// What an operator reads of a combined group (수입통관 사무처리에 관한 고시 제68조): a group joins a
// consignee's declarations across operators, and another operator's ref is that operator's business
// data. Every read that gives an operator an assessment or an event (the declaration and its
// timeline and revisions, the intake and correction answers, webhook bodies) passes it through the
// reader's view made here: which refs named are its own is asked once per read (by operator and
// ref); the others are named by no ref (src/domain/combined-refs-view.ts). Officers (and the
// consumer, who owns every member: the same PCCC) read every ref.
import type { Assessment } from '../domain/assessment.ts';
import { assessmentAsRead, eventAsRead, refsOfDetail, textWithRefsHidden } from '../domain/combined-refs-view.ts';
import type { DeclarationStore, Principal } from './ports.ts';

export interface RefsView {
  assessment(a: Assessment): Assessment;
  event<E extends { reason: string | null; detail: unknown }>(e: E): E;
  /** A free text naming members (a revision's note). */
  text(t: string): string;
}

const EVERY_REF: RefsView = { assessment: (a) => a, event: (e) => e, text: (t) => t };

/** The refs that the assessments and events name. */
function namedRefs(assessments: readonly Assessment[], events: readonly { detail: unknown }[]): Set<string> {
  const refs = new Set<string>();
  for (const a of assessments) for (const r of a.combinedWith) refs.add(r);
  for (const e of events) for (const r of refsOfDetail(e.detail)) refs.add(r);
  return refs;
}

/**
 * The reader's view of the given assessments and events: for an operator, the refs they name that
 * are not its own declarations are hidden (one query); anyone else reads them as they are.
 */
export async function refsViewFor(
  deps: { declarations: Pick<DeclarationStore, 'ownRefsAmong'> },
  principal: Principal,
  named: { assessments?: readonly Assessment[]; events?: readonly { detail: unknown }[] },
): Promise<RefsView> {
  if (principal.kind !== 'operator') return EVERY_REF;
  const refs = namedRefs(named.assessments ?? [], named.events ?? []);
  if (refs.size === 0) return EVERY_REF;
  const own = await deps.declarations.ownRefsAmong(principal.operatorId, [...refs]);
  if (own.size === refs.size) return EVERY_REF;
  const isOwn = (r: string) => own.has(r);
  const hidden = [...refs].filter((r) => !own.has(r));
  return {
    assessment: (a) => assessmentAsRead(a, isOwn),
    event: (e) => eventAsRead(e, isOwn),
    text: (t) => textWithRefsHidden(t, hidden),
  };
}
