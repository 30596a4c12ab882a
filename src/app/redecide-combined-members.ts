// Combined taxation (수입통관 사무처리에 관한 고시 제68조) decided again for a declaration on record
// that a later one joined. Intake assesses the later declaration over the group and queues the
// stored members it was combined with (combined_redecisions, in its transaction); this use case,
// run by the platform's worker after the commit, re-assesses each with the same engine, against
// its own stored document and its group as stored now (the reference data in force on its own
// declaration date, as at intake), under intake's combined-taxation locks, as a correction is.
// - Still open (before 수리): when the outcome changed (route, exemption, taxes), a new version,
//   the old one kept in the revisions, with a system event (합산과세 재산정) saying why and what to
//   do next; the lookup row is rewritten, the operator's webhooks get the event, and the version
//   change queues the risk rescoring (migrations/031, the amendment trigger).
// - Cleared (수리, or released): the decision stands; an event (수리 후 합산 대상 통보) records it
//   for the post-clearance review, once per later declaration.
// - Withdrawn or refused: never a member (the history leaves them out), nothing to do.
// Idempotent: a second run finds the outcome already stored (or the later refs already noted).
import type { Assessment } from '../domain/assessment.ts';
import { assessBatch } from '../domain/assess.ts';
import {
  afterClearanceReason,
  droppedRefs,
  laterRefs,
  outcomeChanged,
  redecisionReason,
  taxesDueKrw,
  withPriorConsent,
} from '../domain/combined-redecision.ts';
import { isRealDate } from '../domain/dates.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import { tracedScope } from './combined-history.ts';
import { holdReasonOf, normalizeBlNo, rowOf } from './declaration-rows.ts';
import { failure, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { Clock, CombinedRedecisionQueue, DeclarationRecord, DeclarationStore, EventRecord, ReferenceSource, TransitionPlan } from './ports.ts';

export interface CombinedRedecisionDeps {
  declarations: DeclarationStore;
  queue: CombinedRedecisionQueue;
  reference: ReferenceSource;
  clock: Clock;
}

/** How long a claimed row is the claimer's: a decision takes milliseconds, unless it waits for intake's locks. */
export const COMBINED_REDECISION_LEASE_MS = 120_000;

export type RedecisionOutcome = 'reassessed' | 'noted' | 'unchanged' | 'gone';

const SYSTEM = { kind: 'system' as const, id: null };
/** Rounds when the declaration changes between its read and its lock (a cargo event, a correction). */
const RACE_ROUNDS = 5;

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

/** Intake's lock keys and history query for a stored declaration, as a correction takes them (amend-declaration.ts). */
export function historyScope(d: DeclarationRecord) {
  const decl = d.declaration;
  const hbl = normalizeBlNo(decl.shipment?.hblNo);
  const dates = [decl.order?.purchasedAt, decl.shipment?.arrivalDate].filter((x): x is string => typeof x === 'string' && isRealDate(x));
  return {
    lockKeys: [`consignee:${d.pccc}`, ...(hbl ? [`bl:${hbl}`] : [])],
    query: { pcccs: [d.pccc], hblNos: hbl ? [hbl] : [], dates, excludeIds: [d.id] },
  };
}

/** Decides one stored declaration again against its group as it stands. */
export async function redecideCombinedMember(deps: Omit<CombinedRedecisionDeps, 'queue'>, declarationId: number): Promise<RedecisionOutcome> {
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const d = await deps.declarations.findById(declarationId);
    if (!d) return 'gone';
    if (d.clearanceStage === 'withdrawn' || d.clearanceStage === 'rejected') return 'unchanged';
    // The notes already made, read before the lock: the decision checks under it that nothing was recorded since (updatedAt).
    const noted = d.clearanceStage === 'cleared' ? notedRefs(await deps.declarations.eventsOf(d.id)) : new Set<string>();
    let raced = false;
    let nothing = false;
    let outcome: RedecisionOutcome = 'unchanged';
    const none = (): Result<never> => {
      nothing = true;
      return { ok: false, error: failure('CONCURRENT_UPDATE') }; // nothing to write: rolled back
    };
    // Its group as it chains through its members (src/app/combined-history.ts).
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
        // A stored document the reference in force no longer accepts is not this worker's to judge.
        if (!engine || engine.status !== 'assessed') return none();
        const prior: Assessment = current.assessment;
        const fresh = withPriorConsent(prior, trace.mark(engine));
        const later = laterRefs(prior, fresh);
        // Members that left the group (withdrawn, or corrected onto other keys; queued by the withdrawal or the correction): the rest may be within the limit again.
        // A group traced only up to the cap (src/app/combined-history.ts) is known in part: a ref not
        // found may lie beyond the cap rather than have left, and the sum found is a lower bound, so
        // it may take the exemption away but never give it back, and the members not found are not dropped from it.
        const cut = trace.open.has(current.ref);
        const dropped = cut ? [] : droppedRefs(prior, fresh);
        // Only a change that the group's members bring: no member joined or left, nothing of ours (a data correction is not a combination).
        if (later.length === 0 && dropped.length === 0) return none();
        if (cut && fresh.deMinimis.exempt && !prior.deMinimis.exempt) return none();
        // The group changed, the money did not: no new version (each join would give every member on
        // record one, n²/2 over a group's life, with their rescoring: intake at 60,000 fell by a
        // quarter); its own combinedWith is completed by its next correction, if any.
        if (!outcomeChanged(prior, fresh)) return none();
        const now = deps.clock.now();
        if (current.clearanceStage === 'cleared') {
          // After 수리 only a later member is noted for review; one that left changes nothing on record.
          if (later.length === 0) return none();
          const news = later.filter((x) => !noted.has(x));
          if (news.length === 0) return none();
          const note = afterClearanceReason(prior, fresh, news, false);
          const plan = planEvents(current, [
            {
              event: { type: 'COMBINED_AFTER_CLEARANCE' },
              occurredAt: now,
              reason: note.ko,
              detail: { reasonEn: note.en, law: note.ref, combinedWith: news, route: fresh.route, taxesDueKrw: taxesDueKrw(fresh), taxesDueKrwWhenCleared: taxesDueKrw(prior) },
            },
          ]);
          if (!plan.ok) return plan;
          outcome = 'noted';
          return { ok: true, value: { plan: plan.value, value: null } };
        }
        // The event's text is shown by the public lookup: it counts the later declarations; the
        // revision (for the operator and officers) names them, as the later one's assessment names this one.
        const told = redecisionReason(prior, fresh, later, false, dropped);
        const named = redecisionReason(prior, fresh, later, true, dropped);
        const row = rowOf(0, current.declaration, fresh, current.contentHash, reference);
        const plan = planEvents(
          current,
          [
            {
              event: { type: 'COMBINED_REASSESSED', route: fresh.route! },
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
              },
            },
          ],
          holdReasonOf(fresh),
        );
        if (!plan.ok) return plan;
        const { index: _i, firstEvent: _f, state: _s, status: _st, holdReason: _h, ...replaceRow } = row;
        outcome = 'reassessed';
        return { ok: true, value: { plan: { ...plan.value, replace: { row: replaceRow, reason: `${named.ko} / ${named.en}` } }, value: null } };
      },
      scope,
    );
    if (raced) continue;
    if (r.ok) return outcome;
    if (nothing) return 'unchanged';
    if (r.error.code === 'DECLARATION_NOT_FOUND') return 'gone';
    throw new Error(`declaration ${d.id}: ${r.error.code}`);
  }
  throw new Error(`declaration ${declarationId}: changed during each of ${RACE_ROUNDS} attempts; left queued`);
}

/** Backoff of a failed decision: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
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
  const jobs = await deps.queue.claim({ limit, at: deps.clock.now(), leaseMs: COMBINED_REDECISION_LEASE_MS });
  let changed = 0;
  for (const job of jobs) {
    try {
      const outcome = await redecideCombinedMember(deps, job.declarationId);
      if (outcome === 'reassessed' || outcome === 'noted') changed++;
      await deps.queue.done(job);
    } catch (e) {
      onError?.(e);
      await deps.queue.failed(job, (e as Error).message ?? String(e), new Date(deps.clock.now().getTime() + retryDelayMs(job.attempts)));
    }
  }
  return { claimed: jobs.length, changed };
}
