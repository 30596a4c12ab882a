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

  it('reports a missing file, malformed CSV and no header in one line, in Korean and English', async () => {
    const missing = await readCsvTable('/nonexistent/x.csv');
    expect(missing).toEqual({ ok: false, code: 'CSV_UNREADABLE', ko: '/nonexistent/x.csv을(를) 읽을 수 없습니다: 파일이 없습니다 (ENOENT)', en: 'cannot read /nonexistent/x.csv: no such file (ENOENT)' });
    const bad = parseCsvTable('a,b\n1,2,3\n', 'x.csv');
    expect(bad).toEqual({
      ok: false,
      code: 'CSV_MALFORMED',
      ko: 'x.csv이(가) 2행에서 올바른 CSV가 아닙니다 (csv-parse: Invalid Record Length: expect 2, got 3 on line 2)',
      en: 'x.csv is not valid CSV: Invalid Record Length: expect 2, got 3 on line 2',
    });
    expect(parseCsvTable('\n\n', 'y.csv')).toEqual({ ok: false, code: 'CSV_NO_HEADER', ko: 'y.csv에 머리글 행이 없습니다', en: 'y.csv has no header row' });
  });
});
