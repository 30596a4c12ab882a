// The lookup read model (declaration_lookup) and intake under concurrency, end to end over HTTP
// on a real PostgreSQL (embedded, or DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupViewOf } from '../../src/app/lookup-view.ts';
import { leanRead } from '../../src/adapters/db/lean-read.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let courier: { id: number; key: string; code: string };
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  courier = await t.operator('CJKX', 'courier');
  officer = await t.officer('officer1');
});
afterAll(async () => t?.close());

const submit = (key: string, declarations: unknown[], headers: Record<string, string> = {}) =>
  api(t.base, 'POST', '/api/v1/declarations', { token: key, body: { declarations }, headers });

/** The lookup answer rebuilt from the declaration and its events (what the read model must hold). */
async function rebuilt(cargoNo: string): Promise<unknown> {
  const d = (await t.platform.deps.declarations.findByCargoNo(cargoNo))!;
  return JSON.parse(JSON.stringify(lookupViewOf(d, await t.platform.deps.declarations.eventsOf(d.id))));
}

describe('lookup read model', () => {
  it('is written with every event and answers exactly what the events say', async () => {
    const r = await submit(alpha.key, [declaration('RM-1', { shipment: { mode: 'express', shipFrom: 'US', hblNo: 'RM-HBL-1', mblNo: 'RM-MBL', arrivalDate: '2026-11-19', grossWeightKg: 1 } })]);
    const { cargoNo, declarationId } = r.body.results[0];
    const first = await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.body).toEqual(await rebuilt(cargoNo));
    expect(first.body.timeline).toHaveLength(1);

    for (const type of ['ARRIVAL_REPORT_SUBMITTED', 'MANIFEST_SUBMITTED']) {
      const ev = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type } });
      expect(ev.status).toBeLessThan(300);
    }
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/hold`, { token: officer.token, body: { reason: '서류 확인 필요' } });
    expect(hold.status).toBeLessThan(300);
    const held = await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`);
    expect(held.body.status).toBe('held');
    expect(held.body.hold).toMatchObject({ ko: '서류 확인 필요', codes: ['OFFICER_HOLD'] });
    expect(held.body.timeline.map((e: { type: string }) => e.type)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED', 'MANIFEST_SUBMITTED', 'HOLD']);
    expect(held.body).toEqual(await rebuilt(cargoNo));

    const byHbl = await api(t.base, 'GET', `/api/v1/lookup/bl?hblNo=RM-HBL-1&blYear=2026`);
    expect(byHbl.body).toEqual({ results: [held.body], truncated: false });
    const byMbl = await api(t.base, 'GET', `/api/v1/lookup/bl?mblNo=RMMBL&blYear=2026`);
    expect(byMbl.body.results.map((x: { cargoNo: string }) => x.cargoNo)).toEqual([cargoNo]);
    expect((await api(t.base, 'GET', `/api/v1/lookup/bl?hblNo=RM-HBL-1&blYear=2025`)).body).toEqual({ results: [], truncated: false });
  });

  it('follows corrections and withdrawals', async () => {
    const r = await submit(alpha.key, [declaration('RM-2')]);
    const { cargoNo, declarationId } = r.body.results[0];
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${declarationId}`, {
      token: alpha.key,
      body: { reason: '수량 정정', declaration: declaration('RM-2', { shipment: { mode: 'express', shipFrom: 'US', hblNo: 'RM-HBL-2B', arrivalDate: '2026-11-19', grossWeightKg: 0.5 } }) },
    });
    expect(amended.status).toBe(200);
    const after = await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`);
    expect(after.body.hblNo).toBe('RMHBL2B');
    expect(after.body).toEqual(await rebuilt(cargoNo));
    expect((await api(t.base, 'GET', `/api/v1/lookup/bl?hblNo=RM-HBL-2B&blYear=2026`)).body.results).toHaveLength(1);
    await api(t.base, 'POST', `/api/v1/declarations/${declarationId}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
    const withdrawn = await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body).toEqual(await rebuilt(cargoNo));
  });

  it('renders rows that have no body yet (databases from before the read model)', async () => {
    const r = await submit(alpha.key, [declaration('RM-3'), declaration('RM-4')]);
    const cargoNos: string[] = r.body.results.map((x: { cargoNo: string }) => x.cargoNo);
    const before = await Promise.all(cargoNos.map((no) => api(t.base, 'GET', `/api/v1/lookup/cargo/${no}`)));
    await t.db.pool.query(`UPDATE declaration_lookup SET body = '' WHERE cargo_no = ANY($1)`, [cargoNos]);
    expect((await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNos[0]}`)).status).toBe(404);
    expect(await t.platform.deps.declarations.fillMissingLookups()).toBe(2);
    for (const [i, no] of cargoNos.entries()) expect((await api(t.base, 'GET', `/api/v1/lookup/cargo/${no}`)).body).toEqual(before[i]!.body);
  });

  it('answers lookups asked together (one batched read) as each alone: found, unknown, repeated, not rendered', async () => {
    const r = await submit(alpha.key, Array.from({ length: 40 }, (_, i) => declaration(`RM-BATCH-${i}`)));
    const cargoNos: string[] = r.body.results.map((x: { cargoNo: string }) => x.cargoNo);
    const store = t.platform.deps.declarations;
    const alone = new Map<string, string | null>();
    for (const no of cargoNos) alone.set(no, await store.lookupByCargoNo(no));
    expect([...alone.values()].every((b) => b !== null && JSON.parse(b).cargoNo)).toBe(true);
    await t.db.pool.query(`UPDATE declaration_lookup SET body = '' WHERE cargo_no = $1`, [cargoNos[7]]);
    const expected = (no: string) => (no === cargoNos[7] ? null : (alone.get(no) ?? null));
    // Batches of 2 to 9 lookups (a repeat and an unknown number in each), and one of 41 distinct
    // numbers: more than the largest statement's 32 places, read in two.
    for (const size of [2, 3, 5, 9, 42]) {
      const asked = [...cargoNos.slice(0, size - 2), 'ZZUNKNOWN000000001', cargoNos[0]!];
      const got = await Promise.all(asked.map((no) => store.lookupByCargoNo(no)));
      expect(got).toEqual(asked.map(expected));
    }
  });
});

describe('lean read (the lookup path: Bind, Execute, Sync without Describe)', () => {
  it('gives the text fields of each row, NULL as null; an error rejects and leaves the connections usable', async () => {
    const pool = t.db.pool;
    const pair = { name: 'lean_read_test_pair', text: `SELECT x, CASE WHEN x = 'b' THEN NULL ELSE upper(x) END FROM unnest($1::text[]) AS x` };
    expect(await leanRead(pool, pair, ['{a,b,c}'])).toEqual([['a', 'A'], ['b', null], ['c', 'C']]);
    expect(await leanRead(pool, pair, ['{}'])).toEqual([]);
    const failing = { name: 'lean_read_test_failing', text: `SELECT (1 / (length($1) - 1))::text` };
    await expect(leanRead(pool, failing, ['x'])).rejects.toThrow(/division by zero/);
    // Every connection of the pool answers afterwards, the failed statement included.
    const again = await Promise.all(Array.from({ length: 12 }, (_, i) => leanRead(pool, failing, ['xx'.repeat(i + 1)])));
    expect(again.every((rows) => rows.length === 1)).toBe(true);
    // A statement the server refuses to parse is refused each time (not taken as parsed).
    for (let i = 0; i < 2; i++) await expect(leanRead(pool, { name: 'lean_read_test_bad', text: 'SELECT nope FROM nowhere' }, [])).rejects.toThrow(/nowhere/);
    expect(await leanRead(pool, pair, ['{d}'])).toEqual([['d', 'D']]);
  });
});

describe('events of several declarations', () => {
  it('read in one query, equal to reading each (seq order), empty for an unknown id', async () => {
    const r = await submit(alpha.key, [declaration('RM-EV-1'), declaration('RM-EV-2')]);
    const ids: number[] = r.body.results.map((x: { declarationId: number }) => x.declarationId);
    const { cargoNo } = r.body.results[0];
    await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED' } });
    const store = t.platform.deps.declarations;
    const many = await store.eventsOfMany([...ids, 987_654_321]);
    for (const id of ids) expect(many.get(id)).toEqual(await store.eventsOf(id));
    expect(many.get(ids[0]!)!.map((e) => e.seq)).toEqual([1, 2]);
    expect(many.get(987_654_321)).toEqual([]);
    expect((await store.eventsOfMany([])).size).toBe(0);
  });
});

describe('intake under concurrency', () => {
  it('combines two batches for the same consignee submitted at the same time (합산과세 race)', async () => {
    // Ten consignees, two $120 parcels each from the same seller on the same purchase date,
    // each parcel in its own request, all requests at once: together they exceed the de
    // minimis, so the later-committed one of each pair must see the other.
    const pairs = Array.from({ length: 10 }, (_, k) => {
      const consignee = { name: '최서연', pccc: `P3000000000${String(k).padStart(2, '0')}`, phone: '010-3333-4444', postcode: '06236', address: '서울 강남구 2' };
      const parcel = (ref: string) => declaration(ref, { consignee, items: [{ description: '운동화 Nike Pegasus 41', category: 'shoes', quantity: 1, price: 120 }] });
      return [parcel(`RACE-${k}-A`), parcel(`RACE-${k}-B`)];
    });
    const responses = await Promise.all(pairs.flat().map((d) => submit(alpha.key, [d])));
    for (const r of responses) expect(r.body.results[0].status).toBe('accepted');
    for (let k = 0; k < pairs.length; k++) {
      const [a, b] = [responses[2 * k]!.body.results[0].assessment, responses[2 * k + 1]!.body.results[0].assessment];
      const combined = [a, b].filter((x) => x.combinedWith.length > 0);
      expect(combined.length, `pair ${k}`).toBeGreaterThanOrEqual(1);
      for (const x of combined) expect(x.deMinimis.exempt).toBe(false);
    }
    // What the re-check rewrote, it rewrote whole: one first event and one lookup row per
    // declaration, both agreeing with the stored assessment.
    const stored = await t.db.pool.query(
      `SELECT d.ref, d.route, d.taxes_total_krw,
              (SELECT count(*)::int FROM declaration_events e WHERE e.declaration_id = d.id) AS events,
              (SELECT e.detail->>'route' FROM declaration_events e WHERE e.declaration_id = d.id AND e.seq = 1) AS event_route,
              (SELECT count(*)::int FROM declaration_lookup l WHERE l.declaration_id = d.id) AS lookups,
              (SELECT l.body::jsonb->>'route' FROM declaration_lookup l WHERE l.declaration_id = d.id) AS lookup_route,
              (SELECT (l.body::jsonb->'taxes'->>'dueKrw')::bigint FROM declaration_lookup l WHERE l.declaration_id = d.id) AS lookup_taxes
         FROM declarations d WHERE d.ref LIKE 'RACE-%' ORDER BY d.ref`,
    );
    expect(stored.rows).toHaveLength(20);
    for (const row of stored.rows) {
      expect({ ref: row.ref, events: row.events, lookups: row.lookups, eventRoute: row.event_route, lookupRoute: row.lookup_route }).toEqual({
        ref: row.ref,
        events: 1,
        lookups: 1,
        eventRoute: row.route,
        lookupRoute: row.route,
      });
      expect(Number(row.lookup_taxes ?? 0), row.ref).toBe(Number(row.taxes_total_krw ?? 0));
    }
  });

  it('lets a transaction take back only the events it wrote itself (append-only history)', async () => {
    const client = await t.db.pool.connect();
    try {
      const { id: committed, declaration_id: declarationId } = (await client.query(`SELECT id, declaration_id FROM declaration_events ORDER BY id LIMIT 1`)).rows[0];
      await client.query('BEGIN');
      const own = await client.query(
        `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, actor_kind, status_after) VALUES ($1, 999, 'SUBMITTED', '접수', now(), 'system', 'submitted') RETURNING id`,
        [declarationId],
      );
      expect((await client.query(`DELETE FROM declaration_events WHERE id = $1`, [own.rows[0].id])).rowCount).toBe(1);
      await client.query('COMMIT');
      expect((await client.query(`SELECT count(*)::int AS n FROM declaration_events WHERE declaration_id = $1 AND seq = 999`, [declarationId])).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await expect(client.query(`DELETE FROM declaration_events WHERE id = $1`, [committed])).rejects.toThrow(/append-only/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await expect(client.query(`UPDATE declaration_events SET reason = 'x' WHERE id = $1`, [committed])).rejects.toThrow(/append-only/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('combines a correction with an intake for the same consignee sent at the same time (합산과세 race)', async () => {
    // Per consignee: a stored $10 parcel is corrected to $120 while a new $120 parcel from the
    // same seller on the same purchase date arrives. $240 together exceed the de minimis, so
    // whichever commits second must see the other.
    const cases = Array.from({ length: 10 }, (_, k) => {
      const consignee = { name: '한지우', pccc: `P3100000000${String(k).padStart(2, '0')}`, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' };
      const parcel = (ref: string, price: number) => declaration(ref, { consignee, items: [{ description: '운동화 Nike Pegasus 41', category: 'shoes', quantity: 1, price }] });
      return { parcel, k };
    });
    const stored = await Promise.all(cases.map(({ parcel, k }) => submit(alpha.key, [parcel(`AMRACE-${k}-A`, 10)])));
    const outcomes = await Promise.all(
      cases.flatMap(({ parcel, k }) => [
        api(t.base, 'PATCH', `/api/v1/declarations/${stored[k]!.body.results[0].declarationId}`, { token: alpha.key, body: { reason: '가격 정정', declaration: parcel(`AMRACE-${k}-A`, 120) } }),
        submit(alpha.key, [parcel(`AMRACE-${k}-B`, 120)]),
      ]),
    );
    for (let k = 0; k < cases.length; k++) {
      const amended = outcomes[2 * k]!;
      const intake = outcomes[2 * k + 1]!;
      expect(amended.status).toBe(200);
      expect(intake.body.results[0].status).toBe('accepted');
      // An intake that commits first combines with the $10 version (exempt, rightly); then the
      // correction must see the new parcel. Either way one of them is combined over the limit.
      const combinedOver = [amended.body.assessment, intake.body.results[0].assessment].filter((x) => x.combinedWith.length > 0 && !x.deMinimis.exempt);
      expect(combinedOver.length, `consignee ${k}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('stores a ref once when the same batch arrives twice at the same time', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => declaration(`DUP-${i}`));
    const [x, y] = await Promise.all([submit(alpha.key, batch), submit(alpha.key, batch)]);
    expect(x.status).toBe(200);
    expect(y.status).toBe(200);
    const ids = (r: typeof x) => r.body.results.map((z: { declarationId: number }) => z.declarationId);
    expect(ids(x)).toEqual(ids(y));
    expect(x.body.summary.replayed + y.body.summary.replayed).toBe(50);
    const n = await t.db.pool.query(`SELECT count(*)::int AS n, count(DISTINCT l.cargo_no)::int AS lookups FROM declarations d JOIN declaration_lookup l ON l.declaration_id = d.id WHERE d.ref LIKE 'DUP-%'`);
    expect(n.rows[0]).toEqual({ n: 50, lookups: 50 });
  });

  it('answers with the outcome only under Prefer: return=minimal', async () => {
    const r = await submit(alpha.key, [declaration('MIN-1'), declaration('MIN-2', { items: [] })], { prefer: 'return=minimal' });
    expect(r.status).toBe(200);
    expect(r.headers.get('preference-applied')).toBe('return=minimal');
    expect(r.body.summary).toEqual({ received: 2, accepted: 1, rejected: 1, replayed: 0 });
    expect(r.body.results[0]).toMatchObject({ index: 0, ref: 'MIN-1', status: 'accepted', replayed: false, errors: [] });
    expect(['list', 'general', 'hold']).toContain(r.body.results[0].route);
    expect(typeof r.body.results[0].taxesDueKrw).toBe('number');
    expect(r.body.results[0].assessment).toBeUndefined();
    expect(r.body.results[1]).toMatchObject({ status: 'rejected', route: null, taxesDueKrw: null });
    expect(r.body.results[1].errors.length).toBeGreaterThan(0);
  });
});
