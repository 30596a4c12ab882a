// migrations/072_party_profiles_latest_result.sql on a database whose profiles counted every
// inspection result (the state before migration 070): the parties of a parcel with a superseded
// result get the counts of its latest result, the decayed counts as recordInspection writes them;
// the parties of parcels with one result are left alone. Embedded, or on the server when
// DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/adapters/db/run-migrations.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let operator: { key: string };
let officer: { token: string };
beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.operator('M072');
  officer = await t.officer('m072-officer');
});
afterAll(async () => t?.close());

const TWICE = { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Twice Shop', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } };
const ONCE = { platform: { name: 'Other Mall', country: 'US' }, seller: { name: 'Once Shop', country: 'US' }, courier: { name: '한진', code: 'HJ' } };
const otherConsignee = { name: '이서연', pccc: 'P555566667777', phone: '010-5555-6666', postcode: '48058', address: '부산광역시 해운대구 센텀중앙로 97' };
const TWICE_PARTIES = [
  ['platform', 'AMAZON'],
  ['seller', 'TWICE SHOP'],
  ['courier', 'CJKX'],
  ['consignee', 'P123456789012'],
] as const;

async function scored(ids: number[]): Promise<void> {
  for (;;) {
    const r = await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_scores WHERE declaration_id = ANY($1::bigint[])`, [ids]);
    if (r.rows[0].n === ids.length) return;
    await new Promise((res) => setTimeout(res, 50));
  }
}

const profile = async (role: string, key: string) =>
  (await t.db.pool.query(`SELECT inspected::int, found::int, undervalued::int, revenue_found_krw::int AS revenue, outcomes, inspected_d, found_d, to_char(decayed_on, 'YYYY-MM-DD') AS decayed_on FROM party_profiles WHERE role = $1 AND key = $2`, [role, key])).rows[0];

async function migrate072(): Promise<void> {
  const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith('072_'))!;
  const c = await t.db.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'));
    await c.query('COMMIT');
  } finally {
    c.release();
  }
}

it('recounts the profiles of parcels with a superseded result from the latest results, decayed as the code decays them', async () => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: operator.key,
    body: { declarations: [declaration('M072-A', { parties: TWICE }), declaration('M072-B', { parties: TWICE }), declaration('M072-C', { parties: ONCE, consignee: otherConsignee })] },
  });
  expect(r.status).toBe(200);
  const [a, b, c] = r.body.results.map((x: { declarationId: number }) => x.declarationId) as [number, number, number];
  await scored([a, b, c]);

  // Results as recorded before 070 (noon KST): A found prohibited goods on 2026-05-01, re-inspected clean
  // 180 days later on 2026-10-28; B undervalued (70,000원) on 2026-10-28; C misclassified, its only result.
  await t.db.pool.query(
    `INSERT INTO inspection_results (declaration_id, officer_id, outcome, revenue_krw, inspected_at, note) VALUES
       ($1, 1, 'prohibited', 0, '2026-05-01T03:00:00Z', 'm072'), ($1, 1, 'clean', 0, '2026-10-28T03:00:00Z', 'm072'),
       ($2, 1, 'undervalued', 70000, '2026-10-28T03:00:00Z', 'm072'), ($3, 1, 'misclassified', 0, '2026-10-28T03:00:00Z', 'm072')`,
    [a, b, c],
  );
  // The profiles as the code before 070 left them, every row counted: 3 inspected, 2 found;
  // inspected_d = 1 × 0.5 (180 days) + 1 + 1 = 2.5, found_d = 1 × 0.5 + 0 + 1 = 1.5.
  for (const [role, key] of TWICE_PARTIES)
    await t.db.pool.query(
      `UPDATE party_profiles SET inspected = 3, found = 2, undervalued = 1, revenue_found_krw = 70000, outcomes = '{"prohibited": 1, "clean": 1, "undervalued": 1}',
              inspected_d = 2.5, found_d = 1.5, decayed_on = '2026-10-28' WHERE role = $1 AND key = $2`,
      [role, key],
    );
  // C's seller: a marker value the migration must not touch (its parcel has a single result).
  await t.db.pool.query(`UPDATE party_profiles SET inspected = 7, found = 1, inspected_d = 7, found_d = 1, decayed_on = '2026-10-28', outcomes = '{"misclassified": 1}' WHERE role = 'seller' AND key = 'ONCE SHOP'`);
  expect((await profile('seller', 'TWICE SHOP')).inspected).toBe(3);

  await migrate072();
  // Replayed in result order (half-life 180 days):
  //   A1 2026-05-01 prohibited: inspected_d 1, found_d 1;
  //   A2 2026-10-28 clean (supersedes A1): × 0.5 → 0.5 + 0 = 0.5; found 0.5 − 1 < 0 → 0;
  //   B1 2026-10-28 undervalued: 0.5 + 1 = 1.5; 0 + 1 = 1.
  // Plain counts: A clean, B undervalued → 2 inspected, 1 found, 1 undervalued, 70,000원; prohibited kept at 0.
  const expected = { inspected: 2, found: 1, undervalued: 1, revenue: 70000, outcomes: { prohibited: 0, clean: 1, undervalued: 1 }, inspected_d: 1.5, found_d: 1, decayed_on: '2026-10-28' };
  for (const [role, key] of TWICE_PARTIES) expect(await profile(role, key), `${role} ${key}`).toEqual(expected);
  expect(await profile('seller', 'ONCE SHOP')).toMatchObject({ inspected: 7, inspected_d: 7 });

  // The officer's profile page counts the parcels once.
  const page = await api(t.base, 'GET', '/api/v1/officer/parties/seller/TWICE%20SHOP', { token: officer.token });
  expect(page.status).toBe(200);
  expect(page.body).toMatchObject({ inspected: 2, found: 1 });

  // A recount: running it again changes nothing.
  await migrate072();
  for (const [role, key] of TWICE_PARTIES) expect(await profile(role, key)).toEqual(expected);
});
