// A hold opened by a consignee's own "not me" report (src/app/report-not-me.ts): not an officer's
// and not the engine's. What marks it, shared by the lifecycle, the lookups and the tax notice. Pure.

/** The HOLD event's detail.source, and the hold reason's source, of a hold opened by a consignee's "not me" report (not an officer's). */
export const NOT_ME_SOURCE = 'consumer-report';

/** The hold reason code of a hold opened by a consignee's "not me" report (an officer's is OFFICER_HOLD). */
export const NOT_ME_HOLD_CODE = 'CONSUMER_REPORT_HOLD';

/** Held, and the hold is the consignee's "not me" report (the stored hold reason's source). */
export function isHeldOnNotMe(status: string, holdReason: unknown): boolean {
  return status === 'held' && (holdReason as { source?: unknown } | null)?.source === NOT_ME_SOURCE;
}
