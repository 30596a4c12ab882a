// Administrators upload customs exchange rates (weekStart,currency,rate) and tariff lines
// (effectiveFrom,hs,basic,ko,en) as CSV. Stored, audited, and used by later assessments.
import { parse } from 'csv-parse/sync';
import { rateWeekStart, isRealDate } from '../domain/dates.ts';
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, FxUploadRow, OfficerPrincipal, ReferenceSource, ReferenceStore, Secrets, TariffUploadRow } from './ports.ts';

type Deps = { referenceStore: ReferenceStore; reference: ReferenceSource; access: AccessStore; secrets: Secrets };

interface LineError {
  line: number;
  message: string;
}

function records(csv: string, required: string[]): { rows: Record<string, string>[]; errors: LineError[] } {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: (h: string[]) => h.map((x) => x.trim()), skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    return { rows: [], errors: [{ line: 0, message: (e as Error).message }] };
  }
  const first = rows[0];
  const missing = first ? required.filter((c) => !(c in first)) : required;
  if (missing.length) return { rows: [], errors: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };
  return { rows, errors: [] };
}

export async function uploadExchangeRates(deps: Deps, officer: OfficerPrincipal, csv: string): Promise<Result<{ uploadId: number; rows: number }>> {
  const { rows, errors } = records(csv, ['weekStart', 'currency', 'rate']);
  const parsed: FxUploadRow[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    const weekStart = r.weekStart ?? '';
    const currency = (r.currency ?? '').toUpperCase();
    const rate = Number(r.rate);
    if (!isRealDate(weekStart) || rateWeekStart(weekStart) !== weekStart) errors.push({ line, message: 'weekStart must be a Sunday (YYYY-MM-DD)' });
    else if (!/^[A-Z]{3}$/.test(currency)) errors.push({ line, message: 'currency must be an ISO 4217 code' });
    else if (!Number.isFinite(rate) || rate <= 0) errors.push({ line, message: 'rate must be a positive number' });
    else parsed.push({ weekStart, currency, rate });
  });
  if (errors.length || parsed.length === 0) return fail('CSV_INVALID', { errors: errors.length ? errors : [{ line: 0, message: 'no rows' }] });
  const uploadId = await deps.referenceStore.recordFxUpload({ userId: officer.userId, sha256: deps.secrets.sha256(csv), rows: parsed, note: '' });
  await deps.access.audit({ actorKind: 'officer', actorId: officer.userId, action: 'reference.exchange-rates.upload', subject: `upload:${uploadId}`, detail: { rows: parsed.length } });
  await deps.reference.reload();
  return ok({ uploadId, rows: parsed.length });
}

export async function uploadTariff(deps: Deps, officer: OfficerPrincipal, csv: string): Promise<Result<{ uploadId: number; rows: number }>> {
  const { rows, errors } = records(csv, ['effectiveFrom', 'hs', 'basic', 'ko', 'en']);
  const parsed: TariffUploadRow[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    const hs = (r.hs ?? '').replace(/[.\-\s]/g, '');
    const basic = Number(r.basic);
    if (!isRealDate(r.effectiveFrom ?? '')) errors.push({ line, message: 'effectiveFrom must be YYYY-MM-DD' });
    else if (!/^(\d{2}|\d{4}|\d{6}|\d{10})$/.test(hs)) errors.push({ line, message: 'hs must have 2, 4, 6 or 10 digits' });
    else if (!Number.isFinite(basic) || basic < 0 || basic > 10) errors.push({ line, message: 'basic must be a fraction, e.g. 0.08 for 8%' });
    else if (!r.ko || !r.en) errors.push({ line, message: 'ko and en names are required' });
    else parsed.push({ effectiveFrom: r.effectiveFrom!, hs, basic, ko: r.ko, en: r.en });
  });
  if (errors.length || parsed.length === 0) return fail('CSV_INVALID', { errors: errors.length ? errors : [{ line: 0, message: 'no rows' }] });
  const uploadId = await deps.referenceStore.recordTariffUpload({ userId: officer.userId, sha256: deps.secrets.sha256(csv), rows: parsed, note: '' });
  await deps.access.audit({ actorKind: 'officer', actorId: officer.userId, action: 'reference.tariff.upload', subject: `upload:${uploadId}`, detail: { rows: parsed.length } });
  await deps.reference.reload();
  return ok({ uploadId, rows: parsed.length });
}
