// A declaration on record decided again by the platform itself (combined taxation joined by a later
// one: redecide-combined-members.ts; reference data corrected: redecide-after-correction.ts). The
// steps both take: read it, trace its combined-taxation group, take intake's locks for it
// (tracedScope), re-assess its stored document with the engine against its group as stored now
// and the reference data in force on its own declaration date, and let the caller say what, if
// anything, to write. A change between the read and the lock (a cargo event, a correction) starts
// over; withdrawn and refused declarations are never decided again.
import type { Assessment } from '../domain/assessment.ts';
import { assessBatch } from '../domain/assess.ts';
import { keptOnFiledImportDeclaration, withPriorConsent } from '../domain/combined-redecision.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { tracedScope } from './combined-history.ts';
import { failure, type Result } from './errors.ts';
import { isRealDate } from '../domain/dates.ts';
import { holdReasonOf, normalizeBlNo, rowOf } from './declaration-rows.ts';
import { planEvents, type PlannedEvent } from './plan-events.ts';
import type { Clock, DeclarationRecord, DeclarationStore, ReferenceSource, StoredHistoryEntry, TransitionPlan } from './ports.ts';

export type RedecisionOutcome = 'reassessed' | 'noted' | 'unchanged' | 'gone';

/** What to write: a plan and what it is (a new version, or a note after clearance). */
export type Redecided = { outcome: 'reassessed' | 'noted'; plan: TransitionPlan };

/** The engine's assessment of the stored document, with what the caller decides from. */
export interface Redecision {
  current: DeclarationRecord;
  prior: Assessment;
  /** The engine's assessment, with the consent outcome of the prior one and the group's cap marked. */
  fresh: Assessment;
  reference: Reference;
  /** Whether the group was traced only up to the cap (src/app/combined-history.ts) and the declaration lies at its edge. */
  groupCut: boolean;
  /** The stored declarations combined taxation read for it (its group as stored now, and their neighbours). */
  history: readonly StoredHistoryEntry[];
}

/** Given the declaration as read: null when there is nothing to do; else how to decide under the locks (null: nothing to write). */
export type PlanRedecision = (d: DeclarationRecord) => Promise<((r: Redecision) => Result<Redecided> | null) | null>;

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

/**
 * A new version with the fresh assessment: the system event, the old version kept in the revisions
 * with `revisionReason`, the row and lookup rewritten; the engine's own hold follows its route (planEvents).
 */
export function newVersionPlan(current: DeclarationRecord, fresh: Assessment, reference: Reference, event: PlannedEvent, revisionReason: string): Result<Redecided> {
  const row = rowOf(0, current.declaration, fresh, current.contentHash, reference);
  const plan = planEvents(current, [event], holdReasonOf(fresh));
  if (!plan.ok) return plan;
  const { index: _i, firstEvent: _f, state: _s, status: _st, holdReason: _h, ...replaceRow } = row;
  return { ok: true, value: { outcome: 'reassessed', plan: { ...plan.value, replace: { row: replaceRow, reason: revisionReason } } } };
}

const SYSTEM = { kind: 'system' as const, id: null };
/** Rounds when the declaration changes between its read and its lock (a cargo event, a correction). */
const RACE_ROUNDS = 5;

export async function redecideStored(
  deps: { declarations: DeclarationStore; reference: ReferenceSource },
  declarationId: number,
  planFor: PlanRedecision,
): Promise<RedecisionOutcome> {
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const d = await deps.declarations.findById(declarationId);
    if (!d) return 'gone';
    if (d.clearanceStage === 'withdrawn' || d.clearanceStage === 'rejected') return 'unchanged';
    const decide = await planFor(d);
    if (!decide) return 'unchanged';
    let raced = false;
    let nothing = false;
    let outcome: RedecisionOutcome = 'unchanged';
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
        // A filed import declaration stays what the parcel clears on (the route never undoes it: lifecycle.ts).
        const state = { clearance: current.clearanceStage, heldFrom: current.heldFrom };
        const fresh = engine && engine.status === 'assessed' ? keptOnFiledImportDeclaration(withPriorConsent(current.assessment, trace.mark(engine)), state, current.declaration, reference) : null;
        const decided = fresh ? decide({ current, prior: current.assessment, fresh, reference, groupCut: trace.open.has(current.ref), history }) : null;
        if (!decided) {
          nothing = true;
          return { ok: false, error: failure('CONCURRENT_UPDATE') }; // nothing to write: rolled back
        }
        if (!decided.ok) return decided;
        outcome = decided.value.outcome;
        return { ok: true, value: { plan: decided.value.plan, value: null } };
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
function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * A worker's pass over a queue of re-decisions: the claimed jobs decided one by one, each done
 * with its outcome or kept for a retry with backoff; returns how many were claimed and how many
 * got an event (to wake the webhook and risk workers).
 */
export async function processRedecisions<J extends { attempts: number }>(o: {
  jobs: J[];
  decide: (job: J) => Promise<RedecisionOutcome>;
  done: (job: J, outcome: RedecisionOutcome) => Promise<void>;
  failed: (job: J, error: string, retryAt: Date) => Promise<void>;
  clock: Clock;
  onError?: (e: unknown) => void;
}): Promise<{ claimed: number; changed: number }> {
  let changed = 0;
  for (const job of o.jobs) {
    try {
      const outcome = await o.decide(job);
      if (outcome === 'reassessed' || outcome === 'noted') changed++;
      await o.done(job, outcome);
    } catch (e) {
      o.onError?.(e);
      await o.failed(job, (e as Error).message ?? String(e), new Date(o.clock.now().getTime() + retryDelayMs(job.attempts)));
    }
  }
  return { claimed: o.jobs.length, changed };
}
