// A party's parcels waiting for their first scoring (its profile's and its declarations list's
// `unscored`) are found by index, not by reading the first-scoring queue. Until migration 102 every
// profile GET read each waiting declaration's parties and keyed them in the application: with
// 50,000 waiting after a bulk load (PostgreSQL 15), 173-183 ms of server time and 50,000 rows
// sent, 0.5-2 s in all. Now a consignee's are its declarations by PCCC (declarations_pccc), each
// one's queue row by primary key; another party's the queue rows holding its token
// (risk_pending_party_tokens, GIN, written by the intake trigger). The plans are checked on such a
// queue, made in a transaction rolled back, as the node-pg named statements run them after their
// fifth execution too (a generic plan); so are the tokens' agreement with the keys the scoring
// computes (norm), for the values SQL keys and for those it leaves to the application ('s?').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingTokens, RISK_PENDING_BY_PCCC, RISK_PENDING_BY_TOKENS } from '../../src/adapters/db/risk-repository.ts';
import { norm } from '../../src/domain/risk/features.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { planNodes as nodes } from '../support/query-plan.ts';

let t: TestPlatform;
let operatorId: number;
beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  operatorId = (await t.operator('PLANOP')).id;
});
afterAll(async () => t?.close());


describe("a party's parcels waiting for their first scoring", () => {
  it('are found by the PCCC index or the queue’s party tokens, not by reading the queue, whatever its length', async () => {
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      // 50,000 declarations, all waiting (the intake trigger queues them): 2,000 sellers (25 each:
      // g % 2000), 5 platforms, 10 forwarders, couriers and brokers, 20,000 consignees (g·7919 mod
      // 20,000: g = 1, 20,001 and 40,001 give consignee 7,919). The seller's name is written
      // 'Seller  7' (two spaces), keyed SELLER 7.
      await c.query(
        `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, seller_key, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, declaration, assessment)
         SELECT $1, 'PLAN-' || g, 'h', date '2026-11-01' + (g % 30), 'P' || lpad(((g * 7919) % 20000)::text, 12, '0'), 'k', 'SELLER ' || (g % 2000), 50, true, 'list', 'submitted', 'x', 'y',
                jsonb_build_object('parties', jsonb_build_object('platform', jsonb_build_object('name', 'Platform ' || (g % 5)), 'seller', jsonb_build_object('name', 'Seller  ' || (g % 2000)),
                                     'forwarder', jsonb_build_object('code', 'FW' || (g % 10)), 'courier', jsonb_build_object('code', 'CJ' || (g % 10)), 'broker', jsonb_build_object('name', '관세사 ' || (g % 10))),
                                   'consignee', jsonb_build_object('name', '홍길동', 'pccc', 'P' || lpad(((g * 7919) % 20000)::text, 12, '0'), 'phone', '010-1234-5678', 'postcode', '06236', 'address', '서울 ' || g)),
                '{}'::jsonb
           FROM generate_series(1, 50000) g`,
        [operatorId],
      );
      await c.query('ANALYZE declarations');
      await c.query('ANALYZE risk_pending');
      const first = Number((await c.query(`SELECT min(id) AS id FROM declarations WHERE ref = 'PLAN-1'`)).rows[0].id);
      expect(Number((await c.query(`SELECT count(*) AS n FROM risk_pending WHERE first AND declaration_id >= $1`, [first])).rows[0].n)).toBe(50000);

      const seller = pendingTokens('seller', 'SELLER 7');
      expect(seller).toEqual(['s:SELLER 7', 's?']);
      for (const mode of ['auto', 'force_generic_plan']) {
        await c.query(`SET LOCAL plan_cache_mode = ${mode}`);
        await c.query(`PREPARE by_tokens(text[]) AS ${RISK_PENDING_BY_TOKENS}`);
        await c.query(`PREPARE by_pccc(text) AS ${RISK_PENDING_BY_PCCC}`);
        // The GIN index for the tokens, the declarations by primary key; no table read whole.
        const tokens = nodes((await c.query(`EXPLAIN (FORMAT JSON) EXECUTE by_tokens(ARRAY[${seller.map((x) => c.escapeLiteral(x)).join(', ')}])`)).rows);
        expect(tokens, mode).toContain('Bitmap Index Scan risk_pending_party_tokens');
        expect(tokens.filter((n) => n.startsWith('Seq Scan')), mode).toEqual([]);
        // The PCCC index, the queue rows by primary key.
        const pccc = nodes((await c.query(`EXPLAIN (FORMAT JSON) EXECUTE by_pccc('P000000007919')`)).rows);
        expect(pccc.some((n) => n.endsWith('declarations_pccc')), mode).toBe(true);
        expect(pccc.filter((n) => n.startsWith('Seq Scan')), mode).toEqual([]);
        await c.query('DEALLOCATE by_tokens');
        await c.query('DEALLOCATE by_pccc');
      }

      // The answers: seller 7's 25 (g = 7, 2,007, …, 48,007), consignee 7,919's 3 (g = 1, 20,001, 40,001).
      const ids = async (sql: string, v: unknown) => (await c.query(sql, [v])).rows.map((r) => Number(r.id) - first + 1).sort((a, b) => a - b);
      expect(await ids(RISK_PENDING_BY_TOKENS, seller)).toEqual(Array.from({ length: 25 }, (_, k) => 7 + 2000 * k));
      expect(await ids(RISK_PENDING_BY_PCCC, 'P000000007919')).toEqual([1, 20001, 40001]);

      // An amendment of a waiting parcel that changes its seller moves its token (058's upsert).
      await c.query(`UPDATE declarations SET version = 2, content_hash = 'h2', declaration = jsonb_set(declaration, '{parties,seller}', '{"name": "Other Shop"}') WHERE id = $1`, [first + 6]);
      expect((await ids(RISK_PENDING_BY_TOKENS, seller)).length).toBe(24);
      expect(await ids(RISK_PENDING_BY_TOKENS, pendingTokens('seller', 'OTHER SHOP'))).toEqual([7]);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('are filed by SQL under the key the scoring computes, or under the role’s unsure token when SQL might key them otherwise', async () => {
    const token = async (v: string) => (await t.db.pool.query(`SELECT risk_party_token('s', $1) AS t`, [v])).rows[0].t as string;
    // ASCII, Hangul and CJK ideographs: trimmed, upper case, white-space runs one space, as norm.
    for (const v of ['Beta Shop', '  beta   shop ', 'Beta\tShop\n', 'beta\u000b\fshop', '쿠팡 셀러', ' 关税  代理 ', 'a-b_c.d/e#1~', '']) expect(await token(v), JSON.stringify(v)).toBe(`s:${norm(v)}`);
    // Upper case and spaces beyond those (ß → SS in JavaScript, accented and full-width letters,
    // the no-break and ideographic spaces): unsure, checked by the application.
    for (const v of ['Straße', 'café', 'ＡＢＣ', 'Beta\u00a0Shop', '쿠팡\u3000셀러', 'ﬁne']) expect(await token(v), JSON.stringify(v)).toBe('s?');
  });
});
