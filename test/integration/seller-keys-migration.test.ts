// migrations/084 on a database that already holds declarations: each gets its seller's code and name
// keys from the declaration as stored, normalized as the engine normalizes them (normalizeKey), and the
// combined-taxation history read returns them, so a stored parcel declared by its seller's code and name
// joins a later one giving the name alone (고시 제68조 제3호). Embedded, or on the server when DATABASE_URL is set.
import { afterAll, expect, it } from 'vitest';
import { normalizeKey } from '../../src/domain/combine.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';

let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
afterAll(async () => db?.close());

it('gives the declarations stored before it their seller code and name keys, and the history read returns them', async () => {
  db = await databaseBeforeMigration('084');
  const operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('M84', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
  // ref → the stored declaration's parties, and the seller_key intake wrote then (the code, else the name).
  const rows: [string, unknown, string | null][] = [
    ['MKT', { platform: { name: 'AliExpress' }, seller: { code: 'C-123', name: 'Nike Store' } }, 'c123'],
    ['FWD', { forwarder: { name: '몰테일' }, seller: { name: 'NIKE store' } }, 'nikestore'],
    ['KO', { seller: { code: '', name: '나이키 공식-스토어 (서울)' } }, null],
    // JavaScript lower-cases İ to i + a combining dot and the Kelvin sign to k; punctuation alone is no key.
    ['ODD', { seller: { code: '--/--', name: 'İSTANBUL \u212Aitchen' } }, null],
    ['NONE', { platform: { name: 'Amazon' } }, null],
    ['BARE', null, null],
  ];
  for (const [ref, parties, sellerKey] of rows) {
    const declaration = { ref, ...(parties ? { parties } : {}) };
    await db.pool.query(
      `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, seller_key, purchased_at, hbl_no, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment, de_minimis_usd)
       VALUES ($1, $2, 'h', '2026-02-04', 'P123456789012', 'P123456789012', $3, '2026-02-01', $4, 90, true, 'list', 'declared', 'declared', 'pre_arrival', 0, $5::jsonb, '{}', 150)`,
      [operatorId, ref, sellerKey, `BL84-${ref}`, JSON.stringify(declaration)],
    );
  }
  expect(await db.migrateRest()).toContain('084_seller_code_and_name_keys.sql');
  const stored = await db.pool.query(`SELECT ref, seller_key, seller_code_key, seller_name_key FROM declarations ORDER BY ref`);
  const expected = rows
    .map(([ref, parties, sellerKey]) => {
      const seller = (parties as { seller?: { code?: string; name?: string } } | null)?.seller;
      return { ref, seller_key: sellerKey, seller_code_key: normalizeKey(seller?.code), seller_name_key: normalizeKey(seller?.name) };
    })
    .sort((x, y) => (x.ref < y.ref ? -1 : 1));
  expect(stored.rows).toEqual(expected);
  // By hand, as normalizeKey gives them (seller_key, the party key, untouched).
  expect(stored.rows.find((r) => r.ref === 'MKT')).toEqual({ ref: 'MKT', seller_key: 'c123', seller_code_key: 'c123', seller_name_key: 'nikestore' });
  expect(stored.rows.find((r) => r.ref === 'KO')).toMatchObject({ seller_code_key: null, seller_name_key: '나이키공식스토어서울' });
  expect(stored.rows.find((r) => r.ref === 'ODD')).toMatchObject({ seller_code_key: null, seller_name_key: 'istanbulkitchen' });

  const history = await db.pool.query(
    `SELECT ref, seller_code_key, seller_name_key FROM combined_taxation_history(0, '{}', '{P123456789012}', '{}', '{2026-02-01}', '{}') ORDER BY ref`,
  );
  expect(history.rows).toEqual(stored.rows.map(({ seller_key: _k, ...r }) => r));
  // Still planned for its arguments on every call (050) and read by index only (074), now that it was made again.
  const config = await db.pool.query(`SELECT proconfig FROM pg_proc WHERE proname = 'combined_taxation_history'`);
  expect(config.rows).toEqual([{ proconfig: ['plan_cache_mode=force_custom_plan', 'enable_seqscan=off'] }]);
});
