// An officer records what an inspection found. Appended to inspection_results with the model
// version and score the parcel was selected with; the profiles of all its parties (platform,
// seller, forwarder, courier, broker, consignee) are updated in the same transaction, so the
// next scores and the profile pages see the result at once. Lifecycle events stay as they are.
import { koreanDateOf } from '../domain/dates.ts';
import { formatKrw } from '../domain/money.ts';
import { partyKeysOf, type InspectionOutcome, type InspectionSelection } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { InspectionRecord } from './ports/risk-store.ts';
import { todayOf, type RiskDeps } from './risk-deps.ts';

export interface InspectionInput {
  declarationId: number;
  outcome: InspectionOutcome;
  correctedValueKrw?: number;
  correctedHs?: string;
  revenueKrw?: number;
  note?: string;
  /** Why the parcel was inspected (the selection-performance page counts the queue's apart from the samples). */
  selectedBy?: InspectionSelection;
  /** When the inspection took place, if earlier than now (a result recorded afterwards, imported history); ISO 8601. */
  inspectedAt?: string;
}

export async function recordInspectionResult(deps: RiskDeps, officer: OfficerPrincipal, input: InspectionInput): Promise<Result<InspectionRecord>> {
  const d = await deps.declarations.findById(input.declarationId);
  if (!d) return fail('DECLARATION_NOT_FOUND');
  if (input.outcome === 'clean' && (input.revenueKrw ?? 0) > 0) return invalidRequest(requestFieldError('body.revenueKrw', 'revenue_on_clean'));
  // A correction that contradicts the outcome is a slip (a digit short), not a finding: it would be
  // counted and sent in seizure reports to partner administrations as it stands.
  if (input.outcome === 'clean' && input.correctedValueKrw !== undefined) return invalidRequest(requestFieldError('body.correctedValueKrw', 'corrected_on_clean'));
  if (input.outcome === 'clean' && input.correctedHs !== undefined) return invalidRequest(requestFieldError('body.correctedHs', 'corrected_on_clean'));
  const declared = d.assessment.valuation?.taxableValueKrw;
  if (input.outcome === 'undervalued' && input.correctedValueKrw !== undefined && declared !== undefined && input.correctedValueKrw <= declared)
    return invalidRequest(requestFieldError('body.correctedValueKrw', 'corrected_not_above_declared', { declared: formatKrw(declared) }));
  const at = input.inspectedAt === undefined ? null : new Date(input.inspectedAt);
  if (at && Number.isNaN(at.getTime())) return invalidRequest(requestFieldError('body.inspectedAt', 'invalid_timestamp'));
  if (at && at.getTime() > deps.clock.now().getTime()) return invalidRequest(requestFieldError('body.inspectedAt', 'time_in_future'));
  const parties = partyKeysOf(d.declaration).filter((p) => p.role !== 'address');
  const record = await deps.risk.recordInspection({
    declarationId: d.id,
    officerId: officer.userId,
    outcome: input.outcome,
    correctedValueKrw: input.correctedValueKrw ?? null,
    correctedHs: input.correctedHs ?? null,
    revenueKrw: Math.round(input.revenueKrw ?? 0),
    note: input.note ?? '',
    selectedBy: input.selectedBy ?? null,
    inspectedAt: at,
    parties,
    // Profiles decay from the day of the inspection.
    today: at ? koreanDateOf(at.toISOString()) : todayOf(deps.clock),
    halfLifeDays: deps.policy.complianceHalfLifeDays,
  });
  return ok(record);
}
