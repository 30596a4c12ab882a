// The work queue's stored points (migrations/056_queue_points.sql): intake and amendments write
// the signal points of src/domain/queue-points.ts with the row, the held bonus follows the status,
// the migration backfills rows stored before it with the same weights, and the queue (no risk
// model) ranks by them. Embedded PostgreSQL, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWorkQueue, OPEN_STATUSES } from '../../src/app/list-work-queue.ts';
import { PgWorkbenchStore } from '../../src/adapters/db/workbench-repository.ts';
import { queuePoints, signalPoints, SIGNAL_WEIGHTS } from '../../src/domain/queue-points.ts';
import { databaseBeforeMigration } from '../support/database-before-migration.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

describe('stored queue points', () => {
  let t: TestPlatform;
  let alpha: { key: string };
  let officer: { token: string };
  beforeAll(async () => {
    t = await startTestPlatform();
    alpha = await t.operator('ALPHA');
    officer = await t.officer('officer1');
  });
  afterAll(async () => t?.close());

  const stored = async () =>
    (await t.db.pool.query(`SELECT id, ref, status, assessment -> 'signals' AS signals, signal_points, queue_points FROM declarations ORDER BY id`)).rows as {
      id: string;
      ref: string;
      status: string;
      signals: string[];
      signal_points: number;
      queue_points: number;
    }[];

  it('are written by intake and amendments from the domain weights, and the held bonus follows the status', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: alpha.key,
      body: {
        declarations: [
          declaration('QP-PLAIN'),
          // USD 195 from the US: near its USD 200 de minimis (NEAR_DE_MINIMIS 15); no seller (NO_SELLER 5)
          declaration('QP-NEAR', { items: [{ description: '운동화 Nike Pegasus', category: 'shoes', quantity: 1, price: 195, originCountry: 'VN' }], parties: { platform: { name: 'Amazon', country: 'US' } } }),
        ],
      },
    });
    expect(r.status).toBe(200);
    const near = r.body.results[1];
    let rows = await stored();
    expect(rows.find((x) => x.ref === 'QP-NEAR')!.signals).toEqual(expect.arrayContaining(['NEAR_DE_MINIMIS', 'NO_SELLER']));
    for (const x of rows) {
      expect(x.signal_points, x.ref).toBe(signalPoints(x.signals));
      expect(x.queue_points, x.ref).toBe(queuePoints(x.status, x.signals));
    }
    expect(rows.find((x) => x.ref === 'QP-NEAR')!.signal_points).toBeGreaterThanOrEqual(15 + 5);

    // An amendment to USD 20 with a seller: neither signal any more, and the points follow.
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${near.declarationId}`, {
      token: alpha.key,
      body: { reason: '가격 정정', declaration: declaration('QP-NEAR', { items: [{ description: '운동화 Nike Pegasus', category: 'shoes', quantity: 1, price: 20, originCountry: 'VN' }] }) },
    });
    expect(amended.status).toBe(200);
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${near.declarationId}/hold`, { token: officer.token, body: { reason: '원산지 확인' } });
    expect(hold.status).toBeLessThan(300);
    rows = await stored();
    const after = rows.find((x) => x.ref === 'QP-NEAR')!;
    expect(after.signals).not.toContain('NEAR_DE_MINIMIS');
    expect(after.status).toBe('held');
    expect(after.signal_points).toBe(signalPoints(after.signals));
    expect(after.queue_points).toBe(queuePoints('held', after.signals));

    // The ranking without an active risk model (the test platform has one): by the stored points, then oldest.
    const q = await listWorkQueue({ workbench: new PgWorkbenchStore(t.db.pool) }, { limit: 10, modelVersion: null });
    expect(q.map((d) => [d.id, d.riskScore])).toEqual(
      [...rows].sort((a, b) => b.queue_points - a.queue_points || Number(a.id) - Number(b.id)).map((x) => [Number(x.id), x.queue_points]),
    );
    // Each row says when the parcel was declared (the declaration's declaredAt, 2026-11-18 in test-platform's
    // declaration()), beside when it last changed (the hold, today): before, the row showed updatedAt alone,
    // unlabelled, and a parcel declared on 12-03 read as declared today once anything touched it.
    const page = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=10', { token: officer.token });
    const row = page.body.declarations.find((d: { id: number }) => d.id === near.declarationId);
    expect([row.declaredAt, row.updatedAt.slice(0, 10) > '2026-11-18']).toEqual(['2026-11-18', true]);
  });
});

describe('migration 056', () => {
  let db: Awaited<ReturnType<typeof databaseBeforeMigration>> | undefined;
  afterAll(async () => db?.close());

  it('backfills the points of rows stored before it with the weights of the domain, and indexes the open statuses', async () => {
    db = await databaseBeforeMigration('056');
    const op = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('T1', 'T1', 'courier') RETURNING id`)).rows[0].id);
    // Every weighted signal alone, an unknown one, a mix with a repeat, none, no signals key, and a held parcel.
    const cases: { status: string; assessment: unknown }[] = [
      ...Object.keys(SIGNAL_WEIGHTS).map((s) => ({ status: 'declared', assessment: { signals: [s] } })),
      { status: 'declared', assessment: { signals: ['SOMETHING_NEW'] } },
      { status: 'under_review', assessment: { signals: ['NEAR_DE_MINIMIS', 'COMBINED', 'HS_FROM_CATEGORY', 'COMBINED'] } },
      { status: 'declared', assessment: { signals: [] } },
      { status: 'released', assessment: {} },
      { status: 'held', assessment: { signals: ['PROHIBITED_GOODS', 'NO_SELLER'] } },
    ];
    for (const [i, c] of cases.entries()) {
      await db.pool.query(
        `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, declaration, assessment)
         VALUES ($1, $2, 'h', '2026-03-01', 'P000000000001', 'c', 10, true, 'list', $3, 'declared', 'pre_arrival', '{}', $4)`,
        [op, `m-${i}`, c.status, JSON.stringify(c.assessment)],
      );
    }
    expect(await db.migrateRest()).toContain('056_queue_points.sql');

    const rows = (await db.pool.query(`SELECT status, assessment, signal_points, queue_points FROM declarations ORDER BY id`)).rows;
    expect(rows.map((x) => [x.signal_points, x.queue_points])).toEqual(
      cases.map((c) => {
        const signals = (c.assessment as { signals?: string[] }).signals ?? [];
        return [signalPoints(signals), queuePoints(c.status, signals)];
      }),
    );
    // the mix: 15 + 20 + 3 + 20 = 58 points, not held
    expect(rows[Object.keys(SIGNAL_WEIGHTS).length + 1]).toMatchObject({ signal_points: 58, queue_points: 58 });
    // held: 50 + 5 + 100
    expect(rows.at(-1)).toMatchObject({ signal_points: 55, queue_points: 155 });

    const index = (await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'declarations_work_queue'`)).rows[0]?.indexdef as string;
    const predicate = [...index.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
    expect(predicate.sort()).toEqual([...OPEN_STATUSES].sort());
  });
});
