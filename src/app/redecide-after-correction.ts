// A declaration on record decided again with a reference-data correction (src/domain/reference-
// corrections.ts): the engine re-assesses its stored document against the reference data in force
// on its own declaration date, which now reads the correction, and its group as stored now, under
// intake's combined-taxation locks, as a combined-taxation redecision does (the steps both take:
// redecide-stored.ts).
// - Still open (before 수리): when the decision or its explanation changed, a new version, the old
//   one kept in the revisions, with a system event (참조자료 정정 재판정) naming the correction, the
//   outcome now and what to do next; an engine hold made with the corrected data goes when the
//   engine routes the parcel elsewhere, an officer's stays. The lookup row is rewritten, webhooks
//   get the event, the version change queues the risk rescoring.
// - Cleared: the decision stands; when the route or the money would differ, an event
//   (수리 후 참조자료 정정 통보) for the post-clearance review says how the tax is put right.
// - No longer recording the superseded version (corrected since, or decided again by another
//   correction), withdrawn or refused: nothing to do.
import type { Assessment } from '../domain/assessment.ts';
import type { ReferenceFiles } from '../domain/reference/types.ts';
import { outcomeChanged, taxesDueKrw } from '../domain/combined-redecision.ts';
import { afterClearanceCorrectionReason, correctionReason, correctionsApplied, decisionChanged, supersededVersions, taxStillCorrectable, type SupersededVersion } from '../domain/reference-corrections.ts';
import { koreanDateOf } from '../domain/dates.ts';
import type { Result } from './errors.ts';
import { storedMembersJoined } from './declaration-rows.ts';
import { planEvents } from './plan-events.ts';
import { newVersionPlan, processRedecisions, redecideStored, type Redecided, type RedecisionOutcome } from './redecide-stored.ts';
import type { Clock, DeclarationStore, EventRecord, ReferenceRedecisionJob, ReferenceRedecisionQueue, ReferenceSource } from './ports.ts';

export interface ReferenceRedecisionDeps {
  declarations: DeclarationStore;
  queue: ReferenceRedecisionQueue;
  reference: ReferenceSource;
  clock: Clock;
}

/** How long a claimed row is the claimer's (as COMBINED_REDECISION_LEASE_MS). */
export const REFERENCE_REDECISION_LEASE_MS = 120_000;

/**
 * Queues every declaration on record whose assessment recorded a version a correction superseded
 * (each version looked for once: reference_correction_scans; `again`: also those looked for before);
 * returns the versions that queued some, and how many declarations wait (those queued by an earlier start too).
 */
export async function queueSupersededDecisions(
  deps: Pick<ReferenceRedecisionDeps, 'queue' | 'reference'>,
  o: { again?: boolean } = {},
): Promise<{ queuedFor: SupersededVersion[]; pending: number }> {
  const superseded = supersededVersions(deps.reference.current().files);
  const looked = await deps.queue.enqueueSuperseded(superseded, o);
  const queuedFor = superseded.filter((s) => looked.some((l) => l.queued > 0 && l.dataset === s.dataset && l.version === s.version && l.correctedBy === s.correctedBy));
  return { queuedFor, pending: await deps.queue.pendingDeclarations() };
}

const correctionKey = (c: SupersededVersion) => `${c.dataset}\u0000${c.version}\u0000${c.correctedBy}`;

/** The corrections already noted after clearance (REFERENCE_CORRECTED_AFTER_CLEARANCE events' detail). */
function notedCorrections(events: readonly EventRecord[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.type !== 'REFERENCE_CORRECTED_AFTER_CLEARANCE') continue;
    const list = (e.detail as { corrections?: unknown } | null)?.corrections;
    if (Array.isArray(list)) for (const c of list as SupersededVersion[]) out.add(correctionKey(c));
  }
  return out;
}

const supersededOf = new WeakMap<object, SupersededVersion[]>();
/** The versions corrections superseded in the reference files in force (found once per load). */
export function supersededIn(files: ReferenceFiles): SupersededVersion[] {
  let out = supersededOf.get(files);
  if (!out) supersededOf.set(files, (out = supersededVersions(files)));
  return out;
}

/**
 * Decides one stored declaration again with the correction of `job.version`. `applied` hears the
 * corrections a written decision read (all of the superseded versions it recorded, not only the job's).
 */
export function redecideAfterCorrection(
  deps: Omit<ReferenceRedecisionDeps, 'queue'>,
  job: Pick<ReferenceRedecisionJob, 'declarationId' | 'dataset' | 'version' | 'correctedBy'>,
  applied?: (corrections: SupersededVersion[]) => void,
): Promise<RedecisionOutcome> {
  return redecideStored(deps, job.declarationId, async (d) => {
    // Corrected since, or decided again by the row of another of its superseded versions: done.
    if ((d.assessment as Assessment).dataVersions?.[job.dataset] !== job.version) return null;
    // After 수리 the assessment keeps the superseded versions: the notes made (by another of its rows) say what was noted.
    const noted = d.clearanceStage === 'cleared' ? notedCorrections(await deps.declarations.eventsOf(d.id)) : new Set<string>();
    return ({ current, prior, fresh, reference, history }): Result<Redecided> | null => {
      // A date the correction does not reach (the reference data was changed again since): not this row's.
      if (fresh.dataVersions[job.dataset] !== job.correctedBy) return null;
      // Every correction the new decision reads (the job's and any other of the versions it recorded), named in the event.
      const s = correctionsApplied(supersededIn(reference.files), prior, fresh);
      applied?.(s);
      const now = deps.clock.now();
      if (current.clearanceStage === 'cleared') {
        if (!outcomeChanged(prior, fresh) || s.every((c) => noted.has(correctionKey(c)))) return null;
        if (!taxStillCorrectable(current.declaration.declaredAt, koreanDateOf(now.toISOString()))) return null;
        const note = afterClearanceCorrectionReason(prior, fresh, s);
        const plan = planEvents(current, [
          {
            event: { type: 'REFERENCE_CORRECTED_AFTER_CLEARANCE' },
            occurredAt: now,
            reason: note.ko,
            detail: { reasonEn: note.en, law: note.ref, corrections: s, route: fresh.route, taxesDueKrw: taxesDueKrw(fresh), taxesDueKrwWhenCleared: taxesDueKrw(prior) },
          },
        ]);
        return plan.ok ? { ok: true, value: { outcome: 'noted', plan: plan.value } } : plan;
      }
      if (!decisionChanged(prior, fresh)) return null;
      const told = correctionReason(prior, fresh, s);
      const event = {
        event: { type: 'REFERENCE_REASSESSED' as const, route: fresh.route! },
        occurredAt: now,
        reason: told.ko,
        detail: { reasonEn: told.en, law: told.ref, corrections: s, fromVersion: current.version, toVersion: current.version + 1, route: fresh.route, taxesDueKrw: taxesDueKrw(fresh) },
      };
      const plan = newVersionPlan(current, fresh, reference, event, `${told.ko} / ${told.en}`);
      // Its value or de minimis may have changed with the data, and with them the sum or the limit of
      // its combined-taxation group (고시 제68조): the other members are decided again after the commit.
      const members = storedMembersJoined([{ assessment: prior }, { assessment: fresh }], history); // as it listed them before and lists them now
      return plan.ok && members.length ? { ok: true, value: { ...plan.value, plan: { ...plan.value.plan, redecide: members } } } : plan;
    };
  });
}

/** The worker's pass: claims up to `limit` queued rows and decides each; returns how many were claimed and how many got an event. */
export async function processReferenceRedecisions(deps: ReferenceRedecisionDeps, limit: number, onError?: (e: unknown) => void): Promise<{ claimed: number; changed: number }> {
  // A decision reads every correction of the versions the declaration recorded: each of those rows gets its outcome, not only the one claimed.
  const read = new Map<ReferenceRedecisionJob, SupersededVersion[]>();
  return processRedecisions({
    jobs: await deps.queue.claim({ limit, at: deps.clock.now(), leaseMs: REFERENCE_REDECISION_LEASE_MS }),
    decide: (job) => redecideAfterCorrection(deps, job, (s) => read.set(job, s)),
    done: (job, outcome) => deps.queue.done(job, outcome, deps.clock.now(), outcome === 'reassessed' || outcome === 'noted' ? read.get(job) : []),
    failed: (job, error, retryAt) => deps.queue.failed(job, error, retryAt),
    clock: deps.clock,
    onError,
  });
}
