// An operator's own data-quality and compliance scorecard over the declarations it submitted
// (declarations.operator_id) in a window of Korean calendar days by declaration date: volumes,
// intake refusals, holds, officer refusals, inspections and their outcomes, data quality,
// compliance, the fast-lane decision with its criteria (the officers' party-profile criteria,
// policy.fastLane) and what to do next.
import { koreanDateOf } from '../domain/dates.ts';
import { buildOperatorScorecard, scorecardWindow, type OperatorScorecard } from '../domain/risk/operator-scorecard.ts';
import { QUALITY, type RiskPolicy } from '../domain/risk/platform-risk.ts';
import { ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { Clock, OperatorPrincipal } from './ports.ts';
import type { ScorecardStore } from './ports/scorecard-store.ts';

export const SCORECARD_DAYS = { default: 90, min: 1, max: 365 } as const;

export interface ScorecardDeps {
  scorecard: ScorecardStore;
  clock: Clock;
  policy: RiskPolicy;
}

export async function getOperatorScorecard(deps: ScorecardDeps, operator: OperatorPrincipal, days: number = SCORECARD_DAYS.default): Promise<Result<OperatorScorecard & { operator: { code: string; role: string } }>> {
  if (!Number.isInteger(days) || days < SCORECARD_DAYS.min || days > SCORECARD_DAYS.max) return invalidRequest(requestFieldError('querystring.days', 'value_out_of_range', { limit: `${SCORECARD_DAYS.min}–${SCORECARD_DAYS.max}`, min: SCORECARD_DAYS.min, max: SCORECARD_DAYS.max }));
  const w = scorecardWindow(koreanDateOf(deps.clock.now().toISOString()), days);
  const counts = await deps.scorecard.counts({
    operatorId: operator.operatorId,
    from: w.from,
    to: w.to,
    halfLifeDays: deps.policy.complianceHalfLifeDays,
    incompleteDescriptionSignal: QUALITY.incompleteDescriptionSignal,
    minHsDigits: QUALITY.minHsDigits,
  });
  return ok({ operator: { code: operator.operatorCode, role: operator.role }, ...buildOperatorScorecard(counts, w, operator.role, deps.policy) });
}
