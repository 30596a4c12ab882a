// The holder's usage ledger: every declaration under any code the holder has had (a declaration
// shows up as soon as intake commits it), with its consent status, whether it was reported as
// "not me", and the recent order approvals. Paged newest first: a code used hundreds of times (the
// misuse the ledger is for) is read a page at a time, and no use is left out past a fixed count.
import { consentRequestStatusAt } from '../domain/consent.ts';
import { misuseOutcomeOf } from '../domain/not-me-hold.ts';
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import { ownDeclarationOf } from './find-by-pccc.ts';
import { keysetPage } from './keyset-page.ts';
import type { LedgerApproval, LedgerEntry } from '../domain/api-views.ts';
import type { ConsumerPrincipal } from './ports.ts';
import { consentStatusOf } from './report-not-me.ts';
export type { LedgerApproval, LedgerEntry };

export const LEDGER_PAGE = { default: 50, max: 200 };

export async function consumerLedger(
  deps: IdentityDeps,
  consumer: ConsumerPrincipal,
  page: { limit?: number | undefined; after?: number | undefined } = {},
): Promise<Result<{ pccc: string; declarations: LedgerEntry[]; next: number | null; approvals: LedgerApproval[] }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const codes = h.codes.map((c) => c.pccc);
  const { page: found, next } = await keysetPage(page.limit ?? LEDGER_PAGE.default, { after: page.after }, (_forward, from, n) =>
    deps.declarations.pageByPcccs(codes, { limit: n, ...(from !== undefined ? { beforeId: from } : {}) }),
  );
  const cases = new Map((await deps.identity.misuseCasesOf(h.holder.holderId, found.map((d) => d.id))).map((c) => [c.declarationId, c]));
  const events = await deps.declarations.eventsOfMany(found.map((d) => d.id)); // one read, not one per parcel
  const out: LedgerEntry[] = [];
  for (const d of found) {
    const c = cases.get(d.id);
    out.push({
      ...ownDeclarationOf(d, events.get(d.id) ?? []),
      pccc: d.pccc,
      orderNo: d.declaration.order.orderNo ?? null,
      consent: consentStatusOf(d.assessment.signals ?? []),
      // Closed: when, and what became of the parcel by its status now (the officer's closing note stays the officer's).
      reported: c
        ? { caseId: c.id, held: c.held, reportedAt: c.reportedAt, status: c.status, closedAt: c.closedAt, outcome: c.status === 'closed' ? misuseOutcomeOf(d.status) : null }
        : null,
      // Held too: a parcel customs holds (asking the consignee for documents) is where a holder first
      // sees an order that is not theirs; the report keeps it held and opens the case for officers.
      holdable: ['declared', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse', 'list_submitted', 'import_declared', 'under_review', 'held'].includes(d.status),
    });
  }
  const now = deps.clock.now().getTime();
  const approvals = (await deps.identity.consentRequestsFor(h.codes.map((c) => c.pccc), 20)).map((r): LedgerApproval => ({
    id: r.id,
    // A request nobody opened after its deadline is still stored as pending: it is expired all the same.
    status: consentRequestStatusAt(r.status, r.expiresAt, now),
    platform: r.summary.platform,
    orderNo: r.summary.orderNo,
    total: r.summary.total,
    currency: r.summary.currency,
    operator: r.operatorName,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  }));
  return ok({ pccc: h.holder.pccc, declarations: out, next, approvals });
}
