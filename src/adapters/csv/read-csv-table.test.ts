import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsvTable, readCsvTable } from './read-csv-table.ts';

describe('CSV tables', () => {
  it('reads a header with spaces, quoted fields with commas, quotes and newlines, and a BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-csv-'));
    const file = join(dir, 'a.csv');
    writeFileSync(file, '\ufeffid,declared value usd,description\n1,"1,200.5","가방 ""Gucci"", Marmont"\n2,3,"two\nlines"\n');
    const r = await readCsvTable(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.header).toEqual(['id', 'declared value usd', 'description']);
    expect(r.table.rows).toEqual([
      ['1', '1,200.5', '가방 "Gucci", Marmont'],
      ['2', '3', 'two\nlines'],
    ]);
  });

  it('formats what it reads back (round trip)', () => {
    const header = ['a b', 'c,d'];
    const rows = [['x "y"', '1'], ['', 'line\nbreak']];
    const r = parseCsvTable(formatCsv(header, rows));
    expect(r.ok && r.table).toEqual({ header, rows });
  });

  it('reports a missing file and malformed CSV in one line', async () => {
    const missing = await readCsvTable('/nonexistent/x.csv');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('ENOENT');
    const bad = parseCsvTable('a,b\n1,2,3\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.split('\n')).toHaveLength(1);
  });
});
