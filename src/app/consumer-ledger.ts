// The holder's usage ledger: every declaration under any code the holder has had (a declaration
// shows up as soon as intake commits it), with its consent status, whether it was reported as
// "not me", and the recent order approvals.
import { consentRequestStatusAt } from '../domain/consent.ts';
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import { lookupViewOf } from './lookup-view.ts';
import type { LedgerApproval, LedgerEntry } from '../domain/api-views.ts';
import type { ConsumerPrincipal } from './ports.ts';
import { consentStatusOf } from './report-not-me.ts';
export type { LedgerApproval, LedgerEntry };

export async function consumerLedger(
  deps: IdentityDeps,
  consumer: ConsumerPrincipal,
): Promise<Result<{ pccc: string; declarations: LedgerEntry[]; approvals: LedgerApproval[] }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const cases = new Map((await deps.identity.misuseCases({ holderId: h.holder.holderId, limit: 500 })).map((c) => [c.declarationId, c]));
  const out: LedgerEntry[] = [];
  for (const code of h.codes) {
    const found = await deps.declarations.findByPccc(code.pccc, 200);
    const events = await deps.declarations.eventsOfMany(found.map((d) => d.id)); // one read, not one per parcel
    for (const d of found) {
      const c = cases.get(d.id);
      out.push({
        ...lookupViewOf(d, events.get(d.id) ?? []),
        pccc: d.pccc,
        platform: d.declaration.parties?.platform?.name ?? null,
        seller: d.declaration.parties?.seller?.name ?? null,
        orderNo: d.declaration.order.orderNo ?? null,
        consigneeName: d.declaration.consignee.name,
        consent: consentStatusOf(d.assessment.signals ?? []),
        reported: c ? { caseId: c.id, held: c.held, reportedAt: c.reportedAt } : null,
        holdable: ['declared', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse', 'list_submitted', 'import_declared', 'under_review'].includes(d.status),
      });
    }
  }
  out.sort((a, b) => (a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : b.cargoNo.localeCompare(a.cargoNo)));
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
  return ok({ pccc: h.holder.pccc, declarations: out, approvals });
}
