// Whether a parcel's taxes can be paid now: one rule for the tax notice (taxNoticeOf: payable, status
// held), the lookups' steps (nextStepsOf: pay or not), the transfer accounts closed with the hold
// (closeAccountsNothingOwed) and a deposit that reaches the platform while the parcel is so held
// (recorded for its return, never as the payment: tax-payment-repository.ts). Before, each decided it
// on its own, and the account closing knew only the engine's hold: an account issued before a "not me"
// hold stayed open, and a deposit into it was recorded as the payment of the held parcel's taxes. Pure.
import { isHeldOnNotMe, NOT_ME_HOLD_CODE } from './not-me-hold.ts';

/**
 * Why the taxes are not payable now:
 * - not_me: held on the consignee's own "not me" report. Whose goods these are, and so who owes their
 *   taxes (the 화주, 관세법 제19조①1), is what customs checks; nobody is asked to pay before it has.
 * - engine: held by the engine (route hold: prohibited goods, an import requirement unmet). The goods
 *   clear only once the hold is resolved, and the taxes are due from 수리 (관세법 제9조).
 * An officer's hold of a taxed parcel (관세법 제237조) is neither: it withholds clearance, not the tax,
 * which may be paid before 수리 (제9조③).
 */
export type TaxesHeldBy = 'not_me' | 'engine';

/** What the rule reads of a parcel: its status and route, and whose hold it is (the stored hold reason, or a view's hold codes). */
export interface PayabilityFacts {
  status: string;
  route?: string | null;
  /** The stored hold reason (declarations.hold_reason): its source says a "not me" hold (NOT_ME_SOURCE), or its notMe a report made on a hold already there (an officer's, the engine's: withNotMeReport). */
  holdReason?: unknown;
  /** Or, where only a lookup view is at hand (the portal), its hold codes: CONSUMER_REPORT_HOLD is a "not me" hold. */
  holdCodes?: readonly string[] | null;
}

/**
 * Held by the engine (route hold: prohibited goods, or an import requirement unmet): the goods clear
 * only once the hold is resolved, and the taxes are due from 수리 (관세법 제9조), so nothing is payable
 * now. An officer's hold of a general parcel (route general, 관세법 제237조) stays payable.
 */
export function isHeldByEngine(route: string | null | undefined, status: string): boolean {
  return route === 'hold' && status === 'held';
}

/**
 * Why the parcel's taxes are not payable now, or null when they are (as far as holds go: whether
 * anything is owed is the notice's to say). The "not me" report first, whatever else holds the parcel
 * (an officer's hold too, which alone keeps them payable): its text is the one the holder who made it must
 * read, also if the engine holds the parcel as well.
 */
export function taxesHeldBy(p: PayabilityFacts): TaxesHeldBy | null {
  if (p.status !== 'held') return null;
  if (isHeldOnNotMe(p.status, p.holdReason) || !!p.holdCodes?.includes(NOT_ME_HOLD_CODE)) return 'not_me';
  if (isHeldByEngine(p.route, p.status)) return 'engine';
  return null;
}

/** Whether the parcel's taxes can be paid now (taxesHeldBy is null). */
export function taxesPayableNow(p: PayabilityFacts): boolean {
  return taxesHeldBy(p) === null;
}
