// Port of the operator scorecard (GET /api/v1/operator/scorecard): the counts of one operator's
// declarations in a window, computed in the database. Implemented in src/adapters/db/scorecard-repository.ts.
import type { ScorecardCounts } from '../../domain/risk/operator-scorecard.ts';

export interface ScorecardQuery {
  operatorId: number;
  /** Declaration dates from…to, inclusive (Korean calendar days; intake by the Korean day received). */
  from: string;
  to: string;
  /** Inspections count 0.5^(days before `to` / halfLifeDays), as the party profiles decay them. */
  halfLifeDays: number;
  /** What a parcel's data quality reads (platform-risk.ts QUALITY). */
  incompleteDescriptionSignal: string;
  minHsDigits: number;
}

export interface ScorecardStore {
  counts(q: ScorecardQuery): Promise<ScorecardCounts>;
}
