// The officer work queue. With an active risk model: held parcels first, then the expected value
// of an inspection (below). Without one, or for parcels not scored yet: a held parcel first, then
// the sum of the weights of the engine's rule-based signals (assessment.signals), then the oldest.
// The weights are an ordering, not a legal figure.
import type { QueueRow, WorkbenchStore } from './ports/portal-stores.ts';

// The weights live in the pure domain (queue-points.ts) and are stored with each row at write time.
export { HOLD_WEIGHT, SIGNAL_WEIGHTS } from '../domain/queue-points.ts';

/** Statuses an officer can still act on. */
export const OPEN_STATUSES = ['held', 'under_review', 'import_declared', 'list_submitted', 'in_warehouse', 'unloaded', 'arrived', 'arrival_reported', 'declared'];

/**
 * With an active risk model (`modelVersion`), held parcels come first, then the expected value of
 * an inspection: P(illicit) × revenue at stake + the policy's safety value per find
 * (risk_scores.priority, see src/domain/risk/platform-risk.ts queuePriority); unscored parcels
 * follow by the signal weights. riskScore is then in risk points: 100 if held + 99 × priority /
 * (priority + halfPointKrw), halfPointKrw = the policy's safety value per find.
 */
export async function listWorkQueue(deps: { workbench: WorkbenchStore }, q: { status?: string; limit: number; offset?: number; modelVersion?: string | null; halfPointKrw?: number }): Promise<QueueRow[]> {
  const statuses = q.status ? [q.status] : OPEN_STATUSES;
  return deps.workbench.queue({ statuses, limit: q.limit, offset: q.offset ?? 0, modelVersion: q.modelVersion ?? null, ...(q.halfPointKrw ? { halfPointKrw: q.halfPointKrw } : {}) });
}
