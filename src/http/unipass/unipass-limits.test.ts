// The UNI-PASS routes' rate limits on the running platform (src/http/unipass/limits.ts, counted in the
// shared store, migrations/076), with low figures: per key a minute (API028 stricter than the lookups),
// and per client address without a valid key, after which the address is refused whatever key it sends.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/test-platform.ts';
import { NOTICE } from './messages.ts';

const LOOKUPS = 3;
const PCCC_CHECKS = 2;
const WRONG_KEYS = 4;

let t: TestPlatform;
let operatorKey: string;
beforeAll(async () => {
  t = await startTestPlatform({ unipassRateLimits: { lookupsPerKey: LOOKUPS, pcccChecksPerKey: PCCC_CHECKS, wrongKeysPerAddress: WRONG_KEYS } });
  operatorKey = (await t.operator('UNILIMIT')).key;
});
afterAll(async () => {
  await t?.close();
});

const API001 = '/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo';
const API028 = '/ext/rest/persEcmQry/retrievePersEcm';
const HOLDER = { persEcm: 'P123456789012', pltxNm: '김민지', cralTelno: '01012345678' };
const DEMO_API028 = 'TONGGWAN-DEMO-API028';

const get = (path: string, query: Record<string, string>, remoteAddress: string) =>
  t.platform.app.inject({ method: 'GET', url: `${path}?${new URLSearchParams(query)}`, remoteAddress });
const parser = new XMLParser({ parseTagValue: false });
const tCntOf = (xml: string, root: string): string => parser.parse(xml)[root].tCnt;

/** The refusal: 429, Retry-After within the minute, and the UNI-PASS error form under the API's root. */
function expectRefused(r: Awaited<ReturnType<typeof get>>, root: string) {
  expect(r.statusCode).toBe(429);
  expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(r.headers['content-type']).toBe('application/xml;charset=UTF-8');
  expect(r.body).toBe(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${root}><ntceInfo>${NOTICE.rateLimited}</ntceInfo><tCnt>-1</tCnt></${root}>`);
}

describe('UNI-PASS routes: limits per key and per address', () => {
  it(`API028: ${PCCC_CHECKS} checks a minute per key, the next refused in UNI-PASS form with 429; another key still answers; the lookups count apart`, async () => {
    for (let i = 0; i < PCCC_CHECKS; i++) {
      const r = await get(API028, { crkyCn: operatorKey, ...HOLDER }, '198.51.100.70');
      expect(r.statusCode).toBe(200);
      expect(['0', '1']).toContain(tCntOf(r.body, 'persEcmQryRtnVo')); // checked (no such holder here: 0), not refused (-1)
    }
    expectRefused(await get(API028, { crkyCn: operatorKey, ...HOLDER }, '198.51.100.70'), 'persEcmQryRtnVo');
    // from another address too: the count is the key's
    expectRefused(await get(API028, { crkyCn: operatorKey, ...HOLDER }, '198.51.100.71'), 'persEcmQryRtnVo');
    const other = await get(API028, { crkyCn: DEMO_API028, ...HOLDER }, '198.51.100.70');
    expect(other.statusCode).toBe(200);
    expect(['0', '1']).toContain(tCntOf(other.body, 'persEcmQryRtnVo'));
    // the same key on a lookup: its own, larger allowance
    const lookup = await get(API001, { crkyCn: operatorKey, cargMtNo: '26TGW9999999999' }, '198.51.100.70');
    expect(lookup.statusCode).toBe(200);
    expect(tCntOf(lookup.body, 'cargCsclPrgsInfoQryRtnVo')).toBe('0');
    // the store keeps keys as SHA-256 only
    const { rows } = await t.db.pool.query<{ key: string }>('SELECT key FROM rate_limit_counts');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.key.includes(operatorKey) || r.key.includes('198.51.100'))).toEqual([]);
  });

  it(`API001: ${LOOKUPS} lookups a minute per key (the stricter API028 figure is its own), then 429 in UNI-PASS form`, async () => {
    const key = (await t.operator('UNILOOK')).key;
    for (let i = 0; i < LOOKUPS; i++) expect((await get(API001, { crkyCn: key, cargMtNo: '26TGW9999999999' }, '198.51.100.72')).statusCode).toBe(200);
    expectRefused(await get(API001, { crkyCn: key, cargMtNo: '26TGW9999999999' }, '198.51.100.72'), 'cargCsclPrgsInfoQryRtnVo');
  });

  it(`a flood of wrong keys from one address: ${WRONG_KEYS} answered as UNI-PASS does, then 429, a valid key from that address too; other addresses go on`, async () => {
    const answers: string[] = [];
    for (let i = 0; i < WRONG_KEYS - 1; i++) answers.push((await get(API028, { crkyCn: `guess-${i}`, ...HOLDER }, '203.0.113.9')).body);
    answers.push((await get(API028, HOLDER, '203.0.113.9')).body); // no key at all counts the same
    expect(answers.map((xml) => parser.parse(xml).persEcmQryRtnVo.ntceInfo)).toEqual([...Array(WRONG_KEYS - 1).fill(NOTICE.invalidKey), NOTICE.missingKey]);
    expectRefused(await get(API028, { crkyCn: 'guess-next', ...HOLDER }, '203.0.113.9'), 'persEcmQryRtnVo');
    // Refused whatever the key, or a right guess would still tell itself from the wrong ones.
    expectRefused(await get(API028, { crkyCn: DEMO_API028, ...HOLDER }, '203.0.113.9'), 'persEcmQryRtnVo');
    const elsewhere = await get(API028, { crkyCn: 'guess-0', ...HOLDER }, '203.0.113.10');
    expect(elsewhere.statusCode).toBe(200);
    expect(parser.parse(elsewhere.body).persEcmQryRtnVo.ntceInfo).toBe(NOTICE.invalidKey);
  });
});
