// An officer asked about a parcel (a phone call, a consultation, a courier) finds it whatever its
// status: by its cargo number (화물관리번호), or by its house or master B/L number with the B/L year,
// as UNI-PASS keys a B/L (the caller often has only the B/L). The queue holds open declarations only.
import { normalizeBlNo } from './declaration-rows.ts';
import { fail, ok, type Result } from './errors.ts';
import { requestFieldError } from './field-errors.ts';
import type { DeclarationStore } from './ports.ts';

/** The most declarations one B/L search lists (a consolidated master B/L carries many parcels); the store reads 100 at most. */
export const OFFICER_FIND_MAX = 50;

export interface OfficerFoundRow {
  id: number;
  cargoNo: string;
  ref: string;
  status: string;
  route: string;
}

export async function findDeclarationsForOfficer(
  deps: { declarations: Pick<DeclarationStore, 'findByCargoNo' | 'findByBl'> },
  q: { cargoNo?: string; hblNo?: string; mblNo?: string; blYear?: string },
): Promise<Result<{ declarations: OfficerFoundRow[]; truncated: boolean }>> {
  const cargoNo = q.cargoNo?.replace(/[\s-]/g, '').toUpperCase();
  if (cargoNo) {
    const d = await deps.declarations.findByCargoNo(cargoNo);
    return ok({ declarations: d ? [rowOf(d)] : [], truncated: false });
  }
  const hblNo = normalizeBlNo(q.hblNo) ?? undefined;
  const mblNo = normalizeBlNo(q.mblNo) ?? undefined;
  if (!hblNo && !mblNo) return fail('LOOKUP_QUERY_INVALID', [requestFieldError('querystring.cargoNo', 'one_of_required', { fields: 'cargoNo, hblNo, mblNo' })]);
  const blYear = q.blYear?.trim();
  if (!blYear || !/^\d{4}$/.test(blYear)) return fail('LOOKUP_QUERY_INVALID', [requestFieldError('querystring.blYear', 'bad_format', { format: 'YYYY' })]);
  const rows = await deps.declarations.findByBl({ ...(hblNo ? { hblNo } : {}), ...(mblNo ? { mblNo } : {}), blYear });
  return ok({ declarations: rows.slice(0, OFFICER_FIND_MAX).map(rowOf), truncated: rows.length > OFFICER_FIND_MAX });
}

const rowOf = (d: OfficerFoundRow): OfficerFoundRow => ({ id: d.id, cargoNo: d.cargoNo, ref: d.ref, status: d.status, route: d.route });
