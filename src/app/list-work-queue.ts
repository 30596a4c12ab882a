// The officer work queue. With an active risk model: held parcels first, then the expected value
// of an inspection (below). Without one, or for parcels not scored yet: a held parcel first, then
// the sum of the weights of the engine's rule-based signals (assessment.signals), then the oldest.
// The weights are an ordering, not a legal figure.
import type { QueueRow, WorkbenchStore } from './ports/portal-stores.ts';

export const HOLD_WEIGHT = 100;
export const SIGNAL_WEIGHTS: Record<string, number> = {
  PROHIBITED_GOODS: 50,
  QUANTITY_OVER_SELF_USE: 30,
  AMOUNT_PAID_MISMATCH: 25,
  COMBINED: 20,
  NEAR_DE_MINIMIS: 15,
  DESCRIPTION_INCOMPLETE: 10,
  TARIFF_UNKNOWN: 8,
  NO_SELLER: 5,
  HS_FROM_CATEGORY: 3,
  FX_PLACEHOLDER: 0,
};

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
  return deps.workbench.queue({ statuses, weights: { ...SIGNAL_WEIGHTS, __held: HOLD_WEIGHT }, limit: q.limit, offset: q.offset ?? 0, modelVersion: q.modelVersion ?? null, ...(q.halfPointKrw ? { halfPointKrw: q.halfPointKrw } : {}) });
}
