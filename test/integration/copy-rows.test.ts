// copyRows writes its buffers to the COPY stream itself (waiting for 'drain'), not through
// pipeline: every row arrives when the stream fills up many times over, and a line that throws
// ends the COPY with the caller's error, nothing stored and the connection usable afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyField, copyRows, escapeCopy } from '../../src/adapters/db/copy-text.ts';
import { startTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase({ migrate: false });
  await db.pool.query(`CREATE TABLE copy_rows_t (id bigint PRIMARY KEY, label text, value float8)`);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const line = (r: { id: number; label: string; value: number | null }) => `${r.id}\t${escapeCopy(r.label)}\t${copyField(r.value)}`;

describe('copyRows', () => {
  it('stores every row when the lines are many times the stream buffer', async () => {
    // 20,000 rows of ~300 bytes: ~6 MB, 157 buffers of 128 lines against a 16 KB high-water mark.
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, label: `행 ${i}\t탭 \\ ${'x'.repeat(280)}`, value: i % 7 === 0 ? null : i / 4 }));
    const c = await db.pool.connect();
    try {
      await copyRows(c, `COPY copy_rows_t (id, label, value) FROM STDIN`, rows, line);
    } finally {
      c.release();
    }
    const r = await db.pool.query(`SELECT count(*)::int AS n, sum(id)::bigint AS ids, count(value)::int AS valued, max(label) FILTER (WHERE id = 20000) AS last FROM copy_rows_t`);
    // Σ 1..20,000 = 20,000 × 20,001 / 2 = 200,010,000; values null for ids 1, 8, …, 19,994: ⌈20,000 / 7⌉ = 2,858 of them.
    expect(r.rows[0]).toEqual({ n: 20_000, ids: 200_010_000, valued: 20_000 - 2_858, last: `행 19999\t탭 \\ ${'x'.repeat(280)}` });
  });

  it('rejects with the error of a line that throws, stores nothing of that COPY, and leaves the connection usable', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ id: 100_000 + i, label: 'ok', value: 1 }));
    const c = await db.pool.connect();
    try {
      await c.query('BEGIN');
      const failing = copyRows(c, `COPY copy_rows_t (id, label, value) FROM STDIN`, rows, (r) => {
        if (r.id === 104_000) throw new Error('line 4001 cannot be written');
        return line(r);
      });
      await expect(failing).rejects.toThrow('line 4001 cannot be written');
      await c.query('ROLLBACK');
      expect((await c.query(`SELECT count(*)::int AS n FROM copy_rows_t WHERE id >= 100000`)).rows[0].n).toBe(0);
      await copyRows(c, `COPY copy_rows_t (id, label, value) FROM STDIN`, rows.slice(0, 3), line);
      expect((await c.query(`SELECT count(*)::int AS n FROM copy_rows_t WHERE id >= 100000`)).rows[0].n).toBe(3);
    } finally {
      c.release();
    }
  });
});
