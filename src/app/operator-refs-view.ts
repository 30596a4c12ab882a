// What an operator reads of a combined group (수입통관 사무처리에 관한 고시 제68조): a group joins a
// consignee's declarations across operators, and another operator's ref is that operator's business
// data. Every read that gives an operator an assessment or an event (the declaration and its
// timeline and revisions, the intake and correction answers, webhook bodies) passes it through the
// reader's view made here: whose declarations the refs named may be is asked once per read, by the
// declarations (a ref is unique per operator only: two operators may use the same string; those of
// that ref linked to the declaration read by consignee or B/L, counted by owner); the others are
// named by no ref (src/domain/combined-refs-view.ts). Officers (and the consumer, who owns every
// member: the same PCCC) read every ref.
import type { Assessment } from '../domain/assessment.ts';
import { assessmentAsRead, eventAsRead, ownMembersNamed, refsOfDetail, textWithRefsHidden, type RefOwners } from '../domain/combined-refs-view.ts';
import type { DeclarationStore, Principal } from './ports.ts';

export interface RefsView {
  assessment(a: Assessment): Assessment;
  event<E extends { reason: string | null; detail: unknown }>(e: E): E;
  /** A free text naming members (a revision's note). */
  text(t: string): string;
}

/** One declaration read: its assessments (current, earlier versions) and events, which name its group's members. */
export interface ReadOfDeclaration {
  declarationId: number;
  assessments?: readonly Assessment[];
  events?: readonly { detail: unknown }[];
}

const EVERY_REF: RefsView = { assessment: (a) => a, event: (e) => e, text: (t) => t };

/** The refs that the assessments and events name. */
function namedRefs(assessments: readonly Assessment[], events: readonly { detail: unknown }[]): Set<string> {
  const refs = new Set<string>();
  for (const a of assessments) for (const r of a.combinedWith) refs.add(r);
  for (const e of events) for (const r of refsOfDetail(e.detail)) refs.add(r);
  return refs;
}

const NO_OWNERS: ReadonlyMap<string, RefOwners> = new Map();

/**
 * The reader's view of each declaration read (by its id): for an operator, the refs named that are not
 * its own members are hidden (one query for all); anyone else reads them as they are.
 */
export async function refsViewFor(
  deps: { declarations: Pick<DeclarationStore, 'ownersOfNamedRefs'> },
  principal: Principal,
  reads: readonly ReadOfDeclaration[],
): Promise<(declarationId: number) => RefsView> {
  if (principal.kind !== 'operator') return () => EVERY_REF;
  const named = reads.map((x) => ({ declarationId: x.declarationId, refs: [...namedRefs(x.assessments ?? [], x.events ?? [])] })).filter((x) => x.refs.length > 0);
  if (named.length === 0) return () => EVERY_REF;
  const owners = await deps.declarations.ownersOfNamedRefs(principal.operatorId, named);
  const views = new Map<number, RefsView>();
  for (const { declarationId, refs } of named) {
    const of = owners.get(declarationId) ?? NO_OWNERS;
    const ownersOf = (r: string) => of.get(r);
    // a free text names a member without saying whose: its ref stays only when the reader's own declaration is the one it can be
    const hidden = refs.filter((r) => ownMembersNamed(of.get(r), 1) === 0);
    views.set(declarationId, {
      assessment: (a) => assessmentAsRead(a, ownersOf),
      event: (e) => eventAsRead(e, ownersOf),
      text: (t) => (hidden.length === 0 ? t : textWithRefsHidden(t, hidden)),
    });
  }
  return (declarationId) => views.get(declarationId) ?? EVERY_REF;
}
