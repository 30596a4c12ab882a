// An officer asked about a parcel finds it by its cargo number, or by its house or master B/L with
// the B/L year (the courier or the consignee often has only the B/L): the workbench's search took a
// cargo number only.
import { describe, expect, it } from 'vitest';
import { findDeclarationsForOfficer, OFFICER_FIND_MAX } from './find-declarations-for-officer.ts';
import type { DeclarationRecord, DeclarationStore } from './ports.ts';

const row = (id: number, over: Partial<DeclarationRecord> = {}) => ({ id, cargoNo: `26TGW${String(id).padStart(10, '0')}`, ref: `R-${id}`, status: 'held', route: 'list', ...over }) as unknown as DeclarationRecord;

function store(rows: DeclarationRecord[], bl: Record<string, DeclarationRecord[]>) {
  const asked: unknown[] = [];
  const s = {
    findByCargoNo: async (no: string) => (asked.push({ cargoNo: no }), rows.find((r) => r.cargoNo === no) ?? null),
    findByBl: async (q: { hblNo?: string; mblNo?: string; blYear: string }) => (asked.push(q), bl[`${q.hblNo ?? ''}|${q.mblNo ?? ''}|${q.blYear}`] ?? []),
  } as unknown as DeclarationStore;
  return { s, asked };
}

describe('findDeclarationsForOfficer', () => {
  it('finds by cargo number as typed (lower case, hyphens, spaces)', async () => {
    const { s, asked } = store([row(27)], {});
    const r = await findDeclarationsForOfficer({ declarations: s }, { cargoNo: ' 26tgw-0000-0000-27 ' });
    expect(r).toEqual({ ok: true, value: { declarations: [{ id: 27, cargoNo: '26TGW0000000027', ref: 'R-27', status: 'held', route: 'list' }], truncated: false } });
    expect(asked).toEqual([{ cargoNo: '26TGW0000000027' }]);
  });

  it('finds by house B/L and year, the number as typed', async () => {
    const { s, asked } = store([], { 'CJ1234567890||2026': [row(5), row(9)] });
    const r = await findDeclarationsForOfficer({ declarations: s }, { hblNo: 'cj-1234 567890', blYear: '2026' });
    expect(r.ok && r.value.declarations.map((d) => d.id)).toEqual([5, 9]);
    expect(r.ok && r.value.truncated).toBe(false);
    expect(asked).toEqual([{ hblNo: 'CJ1234567890', blYear: '2026' }]);
  });

  it('finds by master B/L; a consolidation of more than the page says so (truncated), the first OFFICER_FIND_MAX in order', async () => {
    const many = Array.from({ length: OFFICER_FIND_MAX + 1 }, (_, i) => row(i + 1));
    const { s } = store([], { '|MAWB001|2026': many });
    const r = await findDeclarationsForOfficer({ declarations: s }, { mblNo: 'mawb001', blYear: '2026' });
    expect(r.ok && r.value.declarations.length).toBe(OFFICER_FIND_MAX);
    expect(r.ok && r.value.truncated).toBe(true);
  });

  it('a B/L without its year, or nothing to find by, is refused naming the field', async () => {
    const { s, asked } = store([], {});
    const noYear = await findDeclarationsForOfficer({ declarations: s }, { hblNo: 'CJ1' });
    expect(noYear.ok).toBe(false);
    expect(!noYear.ok && noYear.error.code).toBe('LOOKUP_QUERY_INVALID');
    expect(!noYear.ok && (noYear.error.details as { path: string }[]).map((d) => d.path)).toEqual(['querystring.blYear']);
    const nothing = await findDeclarationsForOfficer({ declarations: s }, { cargoNo: ' - ' });
    expect(!nothing.ok && (nothing.error.details as { path: string }[]).map((d) => d.path)).toEqual(['querystring.cargoNo']);
    expect(asked).toEqual([]);
  });
});
