// Combined taxation (수입통관 사무처리에 관한 고시 제68조) decided again for a declaration on record
// that a later one joined. Intake assesses the later declaration over the group and queues the
// stored members it was combined with (combined_redecisions, in its transaction); this use case,
// run by the platform's worker after the commit, re-assesses each with the same engine, against
// its own stored document and its group as stored now (the reference data in force on its own
// declaration date, as at intake), under intake's combined-taxation locks, as a correction is.
// - Still open (before 수리): when the outcome changed (route, exemption, taxes), a new version,
//   the old one kept in the revisions, with a system event (합산과세 재산정) saying why and what to
//   do next (a filed 수입신고 keeps it general: keptOnFiledImportDeclaration); the lookup row is
//   rewritten, the operator's webhooks get the event, and the version change queues the risk
//   rescoring (migrations/031, the amendment trigger).
// - Cleared (수리, or released): the decision stands; an event (수리 후 합산 대상 통보) records it
//   for the post-clearance review, once per later declaration.
// - Withdrawn or refused: never a member (the history leaves them out), nothing to do.
// Idempotent: a second run finds the outcome already stored (or the later refs already noted).
import { afterClearanceReason, droppedRefs, keptOnImportDeclaration, laterRefs, outcomeChanged, redecisionReason, taxesDueKrw } from '../domain/combined-redecision.ts';
import { sameDataButCorrections } from '../domain/reference-corrections.ts';
import { supersededIn } from './redecide-after-correction.ts';
import type { Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { Clock, CombinedRedecisionQueue, DeclarationStore, EventRecord, ReferenceSource } from './ports.ts';
import { newVersionPlan, processRedecisions, redecideStored, type Redecided, type RedecisionOutcome } from './redecide-stored.ts';

export type { RedecisionOutcome } from './redecide-stored.ts';

export interface CombinedRedecisionDeps {
  declarations: DeclarationStore;
  queue: CombinedRedecisionQueue;
  reference: ReferenceSource;
  clock: Clock;
  /**
   * When the event of a decision occurred, where not now: the demo seed's, whose declarations are
   * submitted backdated (seed-demo.ts), so that a reassessment is dated after the later declarations
   * that caused it and before the history it then writes. Undefined (always, outside the seed): now.
   */
  eventTime?: (o: { declarationId: number; ref: string; later: readonly string[] }) => Date | undefined;
}

/** How long a claimed row is the claimer's: a decision takes milliseconds, unless it waits for intake's locks. */
export const COMBINED_REDECISION_LEASE_MS = 120_000;

/** The later refs already noted after clearance (COMBINED_AFTER_CLEARANCE events' detail). */
function notedRefs(events: readonly EventRecord[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.type !== 'COMBINED_AFTER_CLEARANCE') continue;
    const refs = (e.detail as { combinedWith?: unknown } | null)?.combinedWith;
    if (Array.isArray(refs)) for (const r of refs) if (typeof r === 'string') out.add(r);
  }
  return out;
}

/** Decides one stored declaration again against its group as it stands. */
export function redecideCombinedMember(deps: Omit<CombinedRedecisionDeps, 'queue'>, declarationId: number): Promise<RedecisionOutcome> {
  return redecideStored(deps, declarationId, async (d) => {
    // The notes already made, read before the lock: the decision checks under it that nothing was recorded since (updatedAt).
    const noted = d.clearanceStage === 'cleared' ? notedRefs(await deps.declarations.eventsOf(d.id)) : new Set<string>();
    return ({ current, prior, fresh, reference, groupCut }): Result<Redecided> | null => {
      const later = laterRefs(prior, fresh);
      // Members that left the group (withdrawn, or corrected onto other keys; queued by the withdrawal or the correction): the rest may be within the limit again.
      // A group traced only up to the cap (src/app/combined-history.ts) is known in part: a ref not
      // found may lie beyond the cap rather than have left, and the sum found is a lower bound, so
      // it may take the exemption away but never give it back, and the members not found are not dropped from it.
      const dropped = groupCut ? [] : droppedRefs(prior, fresh);
      // Only a change that the group's members bring: a member joined or left, or a member's value or
      // limit changed (its declarant corrected it, or a data correction decided it again: both queue
      // the group), over the same reference data but for corrections the correction worker already
      // found to change nothing here alone. Other new data is not a combination: the correction
      // worker decides it (redecide-after-correction.ts).
      if (later.length === 0 && dropped.length === 0 && !sameDataButCorrections(supersededIn(reference.files), prior, fresh)) return null;
      if (groupCut && fresh.deMinimis.exempt && !prior.deMinimis.exempt) return null;
      // The group changed, the money did not: no new version (each join would give every member on
      // record one, n²/2 over a group's life, with their rescoring: intake at 60,000 fell by a
      // quarter); its own combinedWith is completed by its next correction, if any.
      if (!outcomeChanged(prior, fresh)) return null;
      const now = deps.eventTime?.({ declarationId: current.id, ref: current.ref, later }) ?? deps.clock.now();
      if (current.clearanceStage === 'cleared') {
        // After 수리 only a later member is noted for review; one that left changes nothing on record.
        if (later.length === 0) return null;
        const news = later.filter((x) => !noted.has(x));
        if (news.length === 0) return null;
        const note = afterClearanceReason(prior, fresh, news, false);
        const plan = planEvents(current, [
          {
            event: { type: 'COMBINED_AFTER_CLEARANCE' },
            occurredAt: now,
            reason: note.ko,
            detail: { reasonEn: note.en, law: note.ref, combinedWith: news, route: fresh.route, taxesDueKrw: taxesDueKrw(fresh), taxesDueKrwWhenCleared: taxesDueKrw(prior) },
          },
        ]);
        return plan.ok ? { ok: true, value: { outcome: 'noted', plan: plan.value } } : plan;
      }
      // The event's text is shown by the public lookup: it counts the later declarations; the
      // revision (for the operator and officers) names them, as the later one's assessment names this one.
      const told = redecisionReason(prior, fresh, later, false, dropped);
      const named = redecisionReason(prior, fresh, later, true, dropped);
      const event = {
        event: { type: 'COMBINED_REASSESSED' as const, route: fresh.route! },
        occurredAt: now,
        reason: told.ko,
        detail: {
          reasonEn: told.en,
          law: told.ref,
          fromVersion: current.version,
          toVersion: current.version + 1,
          route: fresh.route,
          taxesDueKrw: taxesDueKrw(fresh),
          combinedWith: later,
          ...(dropped.length ? { leftGroup: dropped } : {}),
          // Neither: a member's value or limit changed (the event's text says so).
          ...(later.length === 0 && dropped.length === 0 ? { memberChanged: true } : {}),
          // The engine would list-clear it; its filed import declaration keeps it general (the text says so).
          ...(keptOnImportDeclaration(fresh) ? { importDeclarationFiled: true } : {}),
        },
      };
      return newVersionPlan(current, fresh, reference, event, `${named.ko} / ${named.en}`);
    };
  });
}

/**
 * The worker's pass: claims up to `limit` queued declarations and decides each; returns how many
 * were claimed and how many got an event (to wake the webhook and risk workers).
 */
export async function processCombinedRedecisions(
  deps: CombinedRedecisionDeps,
  limit: number,
  onError?: (e: unknown) => void,
): Promise<{ claimed: number; changed: number }> {
  return processRedecisions({
    jobs: await deps.queue.claim({ limit, at: deps.clock.now(), leaseMs: COMBINED_REDECISION_LEASE_MS }),
    decide: (job) => redecideCombinedMember(deps, job.declarationId),
    done: (job) => deps.queue.done(job),
    failed: (job, error, retryAt) => deps.queue.failed(job, error, retryAt),
    clock: deps.clock,
    onError,
  });
}
