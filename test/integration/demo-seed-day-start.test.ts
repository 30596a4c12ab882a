// The demo seed started in the first minutes of a UTC day (09:00–09:10 in Korea): each parcel's 신고접수
// is at 00:10 UTC of its date, which for today's parcels was still ahead, while their history was
// written at the seed's now: the timeline read 입항보고 before 신고접수 (seen in CI at 00:06 UTC). The
// submission is now never later than two minutes before the seed's now. Embedded, or the server.
import { afterAll, expect, it } from 'vitest';
import { clockRunningFrom, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { eventsOutOfOrder } from '../support/timeline-order.ts';

let t: TestPlatform | undefined;
afterAll(async () => t?.close());

it('keeps every timeline in time order when seeded at 00:04 UTC, with today’s parcels submitted before their history', async () => {
  t = await startTestPlatform({ seedDemo: true, demoDeclarations: 300 }, { clock: clockRunningFrom('2026-12-06T00:04:00Z') });
  expect(await eventsOutOfOrder(t.db.pool)).toEqual([]);
  // The case arises: parcels declared today, submitted two minutes before the seed's now (00:04 and the
  // seconds the seed ran, less 2 minutes: from 00:02), not at 00:10.
  const today = await t.db.pool.query(
    `SELECT min(e.occurred_at) AS first, max(e.occurred_at) AS last FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id
      WHERE e.type = 'SUBMITTED' AND d.declared_at = '2026-12-06'`,
  );
  expect(today.rows[0].last).not.toBeNull();
  const last = (today.rows[0].last as Date).getTime();
  expect(last).toBeGreaterThanOrEqual(Date.parse('2026-12-06T00:02:00Z'));
  expect(last).toBeLessThan(Date.parse('2026-12-06T00:10:00Z'));
});
