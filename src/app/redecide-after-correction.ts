// A declaration on record decided again with a reference-data correction (src/domain/reference-
// corrections.ts): the engine re-assesses its stored document against the reference data in force
// on its own declaration date, which now reads the correction, and its group as stored now, under
// intake's combined-taxation locks, as a combined-taxation redecision does
// (redecide-combined-members.ts, whose steps this follows).
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
import { assessBatch } from '../domain/assess.ts';
import { outcomeChanged, taxesDueKrw, withPriorConsent } from '../domain/combined-redecision.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import { afterClearanceCorrectionReason, correctionReason, correctionsApplied, decisionChanged, supersededVersions, type SupersededVersion } from '../domain/reference-corrections.ts';
import { tracedScope } from './combined-history.ts';
import { holdReasonOf, rowOf } from './declaration-rows.ts';
import { failure, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import { historyScope, retryDelayMs, type RedecisionOutcome } from './redecide-combined-members.ts';
import type { Clock, DeclarationStore, ReferenceRedecisionJob, ReferenceRedecisionQueue, ReferenceSource, TransitionPlan } from './ports.ts';

export interface ReferenceRedecisionDeps {
  declarations: DeclarationStore;
  queue: ReferenceRedecisionQueue;
  reference: ReferenceSource;
  clock: Clock;
}

/** How long a claimed row is the claimer's (as COMBINED_REDECISION_LEASE_MS). */
export const REFERENCE_REDECISION_LEASE_MS = 120_000;

const SYSTEM = { kind: 'system' as const, id: null };
const RACE_ROUNDS = 5;

/**
 * Queues every declaration on record whose assessment recorded a version a correction superseded
 * (each version looked for once: reference_correction_scans); returns the versions that queued
 * some, and how many declarations wait (those queued by an earlier start too).
 */
export async function queueSupersededDecisions(deps: Pick<ReferenceRedecisionDeps, 'queue' | 'reference'>): Promise<{ queuedFor: SupersededVersion[]; pending: number }> {
  const superseded = supersededVersions(deps.reference.current().files);
  const looked = await deps.queue.enqueueSuperseded(superseded);
  const queuedFor = superseded.filter((s) => looked.some((l) => l.queued > 0 && l.dataset === s.dataset && l.version === s.version && l.correctedBy === s.correctedBy));
  return { queuedFor, pending: await deps.queue.pendingDeclarations() };
}

const supersededOf = new WeakMap<object, SupersededVersion[]>();
/** The versions corrections superseded in the reference files in force (found once per load). */
function supersededIn(files: ReferenceFiles): SupersededVersion[] {
  let out = supersededOf.get(files);
  if (!out) supersededOf.set(files, (out = supersededVersions(files)));
  return out;
}

/** Decides one stored declaration again with the correction of `job.version`. */
export async function redecideAfterCorrection(deps: Omit<ReferenceRedecisionDeps, 'queue'>, job: Pick<ReferenceRedecisionJob, 'declarationId' | 'dataset' | 'version' | 'correctedBy'>): Promise<RedecisionOutcome> {
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const d = await deps.declarations.findById(job.declarationId);
    if (!d) return 'gone';
    if (d.clearanceStage === 'withdrawn' || d.clearanceStage === 'rejected') return 'unchanged';
    if ((d.assessment as Assessment).dataVersions?.[job.dataset] !== job.version) return 'unchanged';
    let raced = false;
    let nothing = false;
    let outcome: RedecisionOutcome = 'unchanged';
    const none = (): Result<never> => {
      nothing = true;
      return { ok: false, error: failure('CONCURRENT_UPDATE') }; // nothing to write: rolled back
    };
    const { scope, trace } = await tracedScope(deps.declarations, deps.reference.current(), historyScope(d), [combineKeysOfInput(d.declaration)]);
    const r = await deps.declarations.transition(
      d.id,
      SYSTEM,
      (current, history): Result<{ plan: TransitionPlan; value: null }> => {
        if (current.version !== d.version || current.updatedAt !== d.updatedAt) {
          raced = true;
          return { ok: false, error: failure('CONCURRENT_UPDATE') };
        }
        const reference = deps.reference.current();
        const engine = assessBatch([current.declaration], reference, history)[0];
        // A stored document the reference in force no longer accepts is not this worker's to judge;
        // nor one whose date the correction does not reach (the reference was changed again since).
        if (!engine || engine.status !== 'assessed' || engine.dataVersions[job.dataset] !== job.correctedBy) return none();
        const prior: Assessment = current.assessment;
        const fresh = withPriorConsent(prior, trace.mark(engine));
        // Every correction the new decision reads (the job's and any other of the versions it recorded), named in the event.
        const s = correctionsApplied(supersededIn(reference.files), prior, fresh);
        const now = deps.clock.now();
        if (current.clearanceStage === 'cleared') {
          if (!outcomeChanged(prior, fresh)) return none();
          const note = afterClearanceCorrectionReason(prior, fresh, s);
          const plan = planEvents(current, [
            {
              event: { type: 'REFERENCE_CORRECTED_AFTER_CLEARANCE' },
              occurredAt: now,
              reason: note.ko,
              detail: { reasonEn: note.en, law: note.ref, corrections: s, route: fresh.route, taxesDueKrw: taxesDueKrw(fresh), taxesDueKrwWhenCleared: taxesDueKrw(prior) },
            },
          ]);
          if (!plan.ok) return plan;
          outcome = 'noted';
          return { ok: true, value: { plan: plan.value, value: null } };
        }
        if (!decisionChanged(prior, fresh)) return none();
        const told = correctionReason(prior, fresh, s);
        const row = rowOf(0, current.declaration, fresh, current.contentHash, reference);
        const plan = planEvents(
          current,
          [
            {
              event: { type: 'REFERENCE_REASSESSED', route: fresh.route! },
              occurredAt: now,
              reason: told.ko,
              detail: {
                reasonEn: told.en,
                law: told.ref,
                corrections: s,
                fromVersion: current.version,
                toVersion: current.version + 1,
                route: fresh.route,
                taxesDueKrw: taxesDueKrw(fresh),
              },
            },
          ],
          holdReasonOf(fresh),
        );
        if (!plan.ok) return plan;
        const { index: _i, firstEvent: _f, state: _s, status: _st, holdReason: _h, ...replaceRow } = row;
        outcome = 'reassessed';
        return { ok: true, value: { plan: { ...plan.value, replace: { row: replaceRow, reason: `${told.ko} / ${told.en}` } }, value: null } };
      },
      scope,
    );
    if (raced) continue;
    if (r.ok) return outcome;
    if (nothing) return 'unchanged';
    if (r.error.code === 'DECLARATION_NOT_FOUND') return 'gone';
    throw new Error(`declaration ${d.id}: ${r.error.code}`);
  }
  throw new Error(`declaration ${job.declarationId}: changed during each of ${RACE_ROUNDS} attempts; left queued`);
}

/** The worker's pass: claims up to `limit` queued rows and decides each; returns how many were claimed and how many got an event. */
export async function processReferenceRedecisions(deps: ReferenceRedecisionDeps, limit: number, onError?: (e: unknown) => void): Promise<{ claimed: number; changed: number }> {
  const jobs = await deps.queue.claim({ limit, at: deps.clock.now(), leaseMs: REFERENCE_REDECISION_LEASE_MS });
  let changed = 0;
  for (const job of jobs) {
    try {
      const outcome = await redecideAfterCorrection(deps, job);
      if (outcome === 'reassessed' || outcome === 'noted') changed++;
      await deps.queue.done(job, outcome, deps.clock.now());
    } catch (e) {
      onError?.(e);
      await deps.queue.failed(job, (e as Error).message ?? String(e), new Date(deps.clock.now().getTime() + retryDelayMs(job.attempts)));
    }
  }
  return { claimed: jobs.length, changed };
}
