// What the risk use cases need (issue 5): the risk store, declarations, the clock, the policy figures
// and the reference data (the legal figures of a parcel's revenue ceiling).
import type { Clock, DeclarationStore, ReferenceSource } from './ports.ts';
import type { RiskStore } from './ports/risk-store.ts';
import type { RiskExchangeStore } from './ports/risk-exchange-ports.ts';
import type { ScorecardStore } from './ports/scorecard-store.ts';
import type { RiskPolicy } from '../domain/risk/platform-risk.ts';
import type { RiskModel } from '../domain/risk/model.ts';
import { koreanDateOf } from '../domain/dates.ts';

export interface RiskDeps {
  risk: RiskStore;
  declarations: DeclarationStore;
  clock: Clock;
  policy: RiskPolicy;
  /** The compiled reference data as it stands: the highest duty rate, VAT rate and minimum collection in force on a declaration's date (revenueCeilingKrw). */
  reference: Pick<ReferenceSource, 'current'>;
  /** The parsed model of a version (cached by the caller), to explain scores when opened. */
  model?: (version: string) => Promise<RiskModel | null>;
  /** The operators' own scorecards (GET /api/v1/operator/scorecard), judged with `policy`. */
  scorecard?: ScorecardStore;
  /** Where watch-list entries drafted from partners' messages came from (risk exchange), for the rule hits of a declaration. */
  exchangeSources?: Pick<RiskExchangeStore, 'ruleSources'>;
  /** The ISO 4217 codes of the reference in force (an order's currency is checked against them). */
  currencies?: () => ReadonlySet<string>;
  /** Wakes the scoring worker (new declarations, a new rule set). */
  nudgeScoring?: () => void;
}

/**
 * Today in Korea (UTC+9): the business day of rule versions (risk-rules-YYYY-MM-DD-dN), profile
 * decay, watch-list validity and order grace periods. The UTC date was a day behind from 00:00 to
 * 09:00 KST (a rule published at 01:30 on 12-04 was named 2026-12-03).
 */
export const todayOf = (clock: Clock) => koreanDateOf(clock.now().toISOString());
