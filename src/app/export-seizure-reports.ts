// Seizure reports for a period: every parcel whose latest inspection result found something
// (outcome ≠ clean; a later result supersedes the earlier ones, as in every count), as a
// signed message each (docs/risk-exchange.md). A report is signed once and stored: exporting the
// same period again, for the same recipient, hands out the very same messages, so a partner's
// de-duplication by message id sees no conflict.
import { dayNumber } from '../domain/dates.ts';
import { buildSeizureReport, seizureReportId } from '../domain/risk-exchange/build-seizure-report.ts';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeMessage } from '../domain/risk-exchange/message.ts';
import type { SeizureExport } from '../domain/risk-exchange/views.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
export type { SeizureExport };

export const MAX_EXPORT_DAYS = 366;

export async function exportSeizureReports(
  deps: RiskExchangeDeps,
  officer: OfficerPrincipal,
  q: { from: string; to: string; recipient?: string; limit: number },
): Promise<Result<SeizureExport>> {
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  if (from === null) return invalidRequest(requestFieldError('body.from', 'invalid_date'));
  if (to === null) return invalidRequest(requestFieldError('body.to', 'invalid_date'));
  if (to < from || to - from + 1 > MAX_EXPORT_DAYS) return invalidRequest(requestFieldError('body.to', 'period_invalid', { limit: MAX_EXPORT_DAYS, unitKo: '일', unitEn: 'days' }));
  if (q.recipient !== undefined && !(await deps.store.getPartner(q.recipient))) return fail('EXCHANGE_PARTNER_NOT_FOUND', { path: 'body.recipient', code: q.recipient });
  const recipient = q.recipient ?? '';
  const rows = await deps.store.findings({ from: q.from, to: q.to, limit: q.limit + 1 });
  const truncated = rows.length > q.limit;
  if (truncated) rows.length = q.limit;
  const existing = await deps.store.outgoing(
    rows.map((r) => seizureReportId(deps.sender.country, r.inspectionId)),
    recipient,
  );
  const issuedAt = `${deps.risk.clock.now().toISOString().slice(0, 19)}Z`;
  const messages: ExchangeMessage[] = [];
  const fresh: { message: ExchangeMessage; recipient: string; inspectionId: number }[] = [];
  const skipped: SeizureExport['skipped'] = [];
  for (const r of rows) {
    const stored = existing.get(seizureReportId(deps.sender.country, r.inspectionId));
    if (stored) {
      messages.push(stored);
      continue;
    }
    const built = buildSeizureReport({ declaration: r.declaration, assessment: r.assessment, finding: r, sender: deps.sender, ...(q.recipient ? { recipient: q.recipient } : {}), issuedAt });
    if (!built.ok) {
      skipped.push({ inspectionId: r.inspectionId, declarationId: r.declarationId, reason: built.reason, itemIndex: built.itemIndex });
      continue;
    }
    const signed = deps.crypto.sign(built.message);
    messages.push(signed);
    fresh.push({ message: signed, recipient, inspectionId: r.inspectionId });
  }
  // Who exported what, for whom, even when every message was signed before.
  await deps.store.saveOutgoing(fresh, { actor: officer.username, recipient: q.recipient ?? null, detail: { from: q.from, to: q.to, recipient: q.recipient ?? null, messages: messages.length, newlySigned: fresh.length, skipped: skipped.length, truncated } });
  return ok({ format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, sender: deps.sender, signingKey: deps.crypto.ownKey, period: { from: q.from, to: q.to }, recipient: q.recipient ?? null, messages, skipped, truncated });
}
