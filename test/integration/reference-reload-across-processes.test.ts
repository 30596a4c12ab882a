// Two platform processes on one database (as behind a load balancer): an exchange-rate week loaded
// through one is used by the other within seconds, not from its next restart (before: only the
// process that took the upload compiled it again).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import { referenceFiles } from '../support/reference.ts';
import { api, startTestPlatform, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { until } from '../support/until.ts';

let t: TestPlatform;
let other: Platform;
let admin: { token: string };

beforeAll(async () => {
  // One key for both, as processes of one installation share SECRET_KEY (the platform's sealed keys are read with it).
  const secretKey = randomBytes(32).toString('base64');
  t = await startTestPlatform({ secretKey });
  other = await createPlatform(testConfig({ secretKey }), { db: t.db, files: await referenceFiles() });
  admin = await t.officer('admin-fx', 'admin');
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

describe('reference data loaded through another process', () => {
  it('is compiled by this one too: checked against the newest upload, then by the watch', async () => {
    const WEEK = '2027-01-03'; // a Sunday no declaration on record is dated in
    const usdIn = (p: Platform) => p.deps.reference.current().fxWeek(WEEK)?.rates.USD;
    const before = usdIn(other);
    expect(await other.deps.reference.reloadIfBehind()).toBe(false); // nothing new
    const r = await api(t.base, 'POST', '/api/v1/admin/reference/exchange-rates', { token: admin.token, raw: `weekStart,currency,rate\n${WEEK},USD,1401.25\n`, headers: { 'content-type': 'text/csv' } });
    expect(r.status).toBe(201);
    expect(usdIn(t.platform)).toBe(1401.25); // the uploading process, at once
    // The other process: its watch (every REFERENCE_CHECK_MS) finds the upload and compiles again.
    await until(() => usdIn(other) === 1401.25, 'the other process to load the new week');
    expect(before).not.toBe(1401.25);
    expect(await other.deps.reference.reloadIfBehind()).toBe(false); // up to date: no further load
  });
});
