// API030 (trrtQry/retrieveTrrt) on the platform's real tariff (data/tariff.json): a UNI-PASS
// client asking the rate of a code reads rows of that code, at the rate the engine applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

/** The rows of one rate type (A unless given; FTA rows are tested in unipass-real-clients.test.ts). */
async function rows(hsSgn: string, type = 'A'): Promise<{ hsSgn: string; trrt: string; trrtTpcd: string }[]> {
  const res = await fetch(`${t.base}/ext/rest/trrtQry/retrieveTrrt?crkyCn=TONGGWAN-DEMO-API030&hsSgn=${hsSgn}&trrtTpcd=${type}`);
  const xml = await res.text();
  expect(xml).toContain('<ntceInfo></ntceInfo>');
  const field = (row: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(row)?.[1] ?? '';
  const list = [...xml.matchAll(/<trrtQryRsltVo>(.*?)<\/trrtQryRsltVo>/g)].map((m) => ({ hsSgn: field(m[1]!, 'hsSgn'), trrt: field(m[1]!, 'trrt'), trrtTpcd: field(m[1]!, 'trrtTpcd') }));
  expect(xml).toContain(`<tCnt>${list.length}</tCnt>`);
  return list;
}

describe('API030 on the platform', () => {
  it('answers the rate of the code asked, under that code: a smartphone (8517130000) is 0 %, not also chapter 85’s 8 %', async () => {
    // data/tariff.json has 85 (8 %), 8517 (0 %) and 851713 (0 %); the engine applies the longest prefix, 851713.
    // Before, the answer held three basic-rate rows, for 85, 8517 and 851713: a client taking the first read 8 %.
    expect(await rows('8517130000')).toEqual([{ hsSgn: '8517130000', trrt: '0', trrtTpcd: 'A' }]);
    expect(await rows('6109101000')).toEqual([{ hsSgn: '6109101000', trrt: '13', trrtTpcd: 'A' }]);
  });

  it('lists the longer codes under a short one, each under its own code', async () => {
    expect(await rows('8517')).toEqual([
      { hsSgn: '8517', trrt: '0', trrtTpcd: 'A' },
      { hsSgn: '851713', trrt: '0', trrtTpcd: 'A' },
    ]);
  });

  it('answers the corrected tariff (tariff-2026-01-01-r2): almonds 8 %, KORUS 0 %, from 2026-01-01; a rope at its chapter default', async () => {
    // Almonds (0802120000) had no line before the correction: tCnt 0, and the engine rated them 0 %.
    expect(await rows('0802120000')).toEqual([{ hsSgn: '0802120000', trrt: '8', trrtTpcd: 'A' }]);
    expect(await rows('0802120000', 'FUS1')).toEqual([{ hsSgn: '0802120000', trrt: '0', trrtTpcd: 'FUS1' }]);
    // the correction applies from the effectiveFrom of the version it corrects, not from the day it was made
    const xml = await (await fetch(`${t.base}/ext/rest/trrtQry/retrieveTrrt?crkyCn=TONGGWAN-DEMO-API030&hsSgn=0802120000&trrtTpcd=A`)).text();
    expect(xml).toContain('<aplyStrtDt>20260101</aplyStrtDt>');
    expect(await rows('5607909000')).toEqual([{ hsSgn: '5607909000', trrt: '8', trrtTpcd: 'A' }]); // chapter 56 default
  });

  it('answers tCnt 0 for a code the tariff has no line for', async () => {
    expect(await rows('0000000000')).toEqual([]);
  });

  it('answers tCnt 0 for a 10-digit code the HSK does not have, as API018 does, though its heading has a rate', async () => {
    // 6109999999 and 5607900000 are no HSK codes (data/hs/hsk-10digit-names.csv: 6109101000…, 5607901000,
    // 5607909000); UNI-PASS has no rate rows for them. Before, the heading's or chapter's rate was answered
    // under the made-up code: a client checking a code by its rate took a typo for a T-shirt at 13 %.
    expect(await rows('6109999999')).toEqual([]);
    expect(await rows('5607900000')).toEqual([]);
    const hs = await (await fetch(`${t.base}/ext/rest/hsSgnQry/searchHsSgn?crkyCn=TONGGWAN-DEMO-API018&koenTp=1&hsSgn=6109999999`)).text();
    expect(hs).toContain('<tCnt>0</tCnt>');
    // a 10-digit line of the tariff itself is answered (2207109010, of the correction r3)
    expect(await rows('2207109010')).toEqual([{ hsSgn: '2207109010', trrt: '270', trrtTpcd: 'A' }]);
  });

  it('aplyEndDt: the day before the next tariff version loaded takes effect (was 99991231 whatever was loaded)', async () => {
    // An administrator loads next year's tariff, effective 1 January: today's rows end on 31 December, as UNI-PASS's
    // answers end a year's rates (aplyEndDt 20261231 beside aplyStrtDt 20260101 in clients' copies, ids 69130108547,
    // 52026040305). Before, they said 99991231: a client caching a rate until aplyEndDt kept this year's for good.
    const text = async () => (await fetch(`${t.base}/ext/rest/trrtQry/retrieveTrrt?crkyCn=TONGGWAN-DEMO-API030&hsSgn=6109101000&trrtTpcd=A`)).text();
    expect(await text()).toContain('<aplyEndDt>99991231</aplyEndDt>'); // nothing loaded after it: until further notice
    const next = Number(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 4)) + 1; // next year in Korea
    const admin = await t.officer('unipass-tariff-admin', 'admin');
    const upload = await api(t.base, 'POST', '/api/v1/admin/reference/tariff', {
      token: admin.token,
      raw: `effectiveFrom,hs,basic,ko,en\n${next}-01-01,6109101000,0.12,면 티셔츠,Cotton T-shirts\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(201);
    const xml = await text();
    expect(xml).toContain(`<aplyEndDt>${next - 1}1231</aplyEndDt>`);
    expect(xml).toContain('<trrt>13</trrt>'); // still today's rate
  });
});
