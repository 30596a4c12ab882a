// A hold opened by a consignee's own "not me" report (src/app/report-not-me.ts): not an officer's
// and not the engine's. What marks it, shared by the lifecycle, the lookups and the tax notice. Pure.

/** The HOLD event's detail.source, and the hold reason's source, of a hold opened by a consignee's "not me" report (not an officer's). */
export const NOT_ME_SOURCE = 'consumer-report';

/** The hold reason code of a hold opened by a consignee's "not me" report (an officer's is OFFICER_HOLD). */
export const NOT_ME_HOLD_CODE = 'CONSUMER_REPORT_HOLD';

/**
 * The consignee's "not me" report stands on the hold: it opened it (the stored hold reason's source), or was
 * recorded on a hold it did not open, an officer's or the engine's (`notMe`, withNotMeReport).
 */
export function notMeReported(holdReason: unknown): boolean {
  const h = holdReason as { source?: unknown; notMe?: unknown } | null | undefined;
  return h?.source === NOT_ME_SOURCE || (typeof h?.notMe === 'object' && h.notMe !== null);
}

/** Held, and the consignee reported "not me" on the hold: it opened the hold, or came on a hold already there (notMeReported). */
export function isHeldOnNotMe(status: string, holdReason: unknown): boolean {
  return status === 'held' && notMeReported(holdReason);
}

/**
 * The hold reason of a parcel already held (by an officer, or the engine) when its consignee reports "not me"
 * (report-not-me.ts): the hold stays whose it is, its reason kept, and the report is recorded on it (`notMe`, when),
 * so that the taxes are not payable whatever else holds the parcel (관세법 제19조①1: whose goods these are, and so
 * who owes the taxes, is what customs checks). A hold the report stands on already is answered as it is.
 */
export function withNotMeReport<H>(holdReason: H, at: string): H | (H & { notMe: { at: string } }) {
  if (notMeReported(holdReason)) return holdReason;
  return { ...(holdReason as H & object), notMe: { at } };
}

/**
 * What became of a parcel once an officer closed the holder's "not me" report (the misuse case), in the
 * holder's terms, read from the parcel's status now: closing the case does not decide the parcel (the
 * officer's release, refusal or the filer's withdrawal does), and the officer's closing note is the
 * officer's record, not told to the holder.
 * - refused: clearance refused (통관불허): not delivered, returned or destroyed.
 * - withdrawn: the declaration was withdrawn: not cleared or delivered under it.
 * - held: still held: customs has not decided the parcel yet.
 * - released: no longer held (or never was): clearance goes on or is done, and the goods go to the declared address.
 */
export type MisuseOutcome = 'refused' | 'withdrawn' | 'held' | 'released';

export function misuseOutcomeOf(status: string): MisuseOutcome {
  if (status === 'rejected') return 'refused';
  if (status === 'withdrawn' || status === 'held') return status;
  return 'released';
}
