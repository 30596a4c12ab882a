// GET /api/v1/declarations in either order: oldest first (the default, unchanged for clients that
// do not ask) and newest first (order=desc, the operator console's "all"), keyset-paged by id in
// list order both ways (next → after, prev → before). A declaration that arrives while a client
// pages neither repeats a row nor makes one skip; another operator's declarations never show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { key: string };
let beta: { key: string };
/** Alpha's declarations in the order they were accepted (ascending ids). */
const alphaIds: number[] = [];
const betaIds: number[] = [];

type Page = { declarations: { id: number; ref: string }[]; next: number | null; prev: number | null };

async function submit(token: string, ref: string): Promise<number> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token, body: { declarations: [declaration(ref)] } });
  expect(r.body.results[0]).toMatchObject({ status: 'accepted' });
  return r.body.results[0].declarationId as number;
}

async function list(token: string, query: string): Promise<Page> {
  const r = await api(t.base, 'GET', `/api/v1/declarations?${query}`, { token });
  expect(r.status, query).toBe(200);
  return r.body as Page;
}

const ids = (p: Page) => p.declarations.map((d) => d.id);

beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  alpha = await t.operator('LIST-ALPHA');
  beta = await t.operator('LIST-BETA');
  // Interleaved: beta's ids sit between alpha's, so a keyset that forgot the operator would show them.
  for (let i = 1; i <= 5; i++) {
    alphaIds.push(await submit(alpha.key, `LA-${i}`));
    betaIds.push(await submit(beta.key, `LB-${i}`));
  }
});
afterAll(async () => {
  await t?.close();
});

describe('listing own declarations', () => {
  it('oldest first when not asked otherwise, as before (next → after), with the page before named by prev', async () => {
    const first = await list(alpha.key, 'limit=2');
    expect(ids(first)).toEqual(alphaIds.slice(0, 2));
    expect([first.next, first.prev]).toEqual([alphaIds[1], null]);
    expect(await list(alpha.key, 'limit=2&order=asc')).toEqual(first);
    const second = await list(alpha.key, `limit=2&after=${first.next}`);
    expect(ids(second)).toEqual(alphaIds.slice(2, 4));
    expect(second.prev).toBe(alphaIds[2]);
    const last = await list(alpha.key, `limit=2&after=${second.next}`);
    expect(ids(last)).toEqual(alphaIds.slice(4));
    expect(last.next).toBeNull(); // the last page says so: no cursor to an empty page
    // back from the second page: the first again, in the same order
    const back = await list(alpha.key, `limit=2&before=${second.prev}`);
    expect(ids(back)).toEqual(alphaIds.slice(0, 2));
    expect([back.prev, back.next]).toEqual([null, alphaIds[1]]);
    // after=0 is the first page, as clients have sent it
    expect(ids(await list(alpha.key, 'limit=2&after=0'))).toEqual(alphaIds.slice(0, 2));
  });

  it('newest first with order=desc: next → after gives older ones, prev → before newer ones', async () => {
    const newest = [...alphaIds].reverse();
    const first = await list(alpha.key, 'order=desc&limit=2');
    expect(ids(first)).toEqual(newest.slice(0, 2));
    expect([first.next, first.prev]).toEqual([newest[1], null]);
    expect(ids(await list(alpha.key, 'order=desc&limit=2&after=0'))).toEqual(newest.slice(0, 2));
    const second = await list(alpha.key, `order=desc&limit=2&after=${first.next}`);
    expect(ids(second)).toEqual(newest.slice(2, 4));
    expect(second.prev).toBe(newest[2]);
    const last = await list(alpha.key, `order=desc&limit=2&after=${second.next}`);
    expect(ids(last)).toEqual(newest.slice(4));
    expect(last.next).toBeNull();
    const back = await list(alpha.key, `order=desc&limit=2&before=${second.prev}`);
    expect(ids(back)).toEqual(newest.slice(0, 2));
    expect(back.prev).toBeNull();
    // a whole walk in one page each way holds every own declaration once, nothing of beta's
    expect(ids(await list(alpha.key, 'order=desc&limit=500'))).toEqual(newest);
    expect(ids(await list(alpha.key, 'limit=500'))).toEqual(alphaIds);
  });

  it('newest first, a declaration that arrives between two pages is neither repeated nor makes a row skip; it heads a fresh first page', async () => {
    const before = [...alphaIds].reverse();
    const seen: number[] = [];
    let page = await list(alpha.key, 'order=desc&limit=2');
    seen.push(...ids(page));
    // arrives after the first page was read: its id is above every page of this walk
    const late = await submit(alpha.key, 'LA-LATE-DESC');
    await submit(beta.key, 'LB-LATE-DESC');
    while (page.next !== null) {
      page = await list(alpha.key, `order=desc&limit=2&after=${page.next}`);
      seen.push(...ids(page));
    }
    expect(seen).toEqual(before); // each row once, in order, none skipped
    const fresh = await list(alpha.key, 'order=desc&limit=2');
    expect(ids(fresh)).toEqual([late, before[0]]);
    // back from the walk's second page now shows the late one too: the page before holds the nearest ones
    const second = await list(alpha.key, `order=desc&limit=2&after=${before[1]}`);
    const back = await list(alpha.key, `order=desc&limit=2&before=${second.prev}`);
    expect(ids(back)).toEqual([before[0], before[1]]);
    expect(back.prev).toBe(before[0]);
    expect(ids(await list(alpha.key, `order=desc&limit=2&before=${back.prev}`))).toEqual([late]);
    alphaIds.push(late);
  });

  it('oldest first, a declaration that arrives between two pages comes once, on the last page', async () => {
    const known = [...alphaIds];
    const seen: number[] = [];
    let page = await list(alpha.key, 'limit=2');
    seen.push(...ids(page));
    const late = await submit(alpha.key, 'LA-LATE-ASC');
    await submit(beta.key, 'LB-LATE-ASC');
    while (page.next !== null) {
      page = await list(alpha.key, `limit=2&after=${page.next}`);
      seen.push(...ids(page));
    }
    expect(seen).toEqual([...known, late]);
    alphaIds.push(late);
  });

  it("never shows another operator's declarations, whatever the cursor (one of theirs too)", async () => {
    for (const order of ['asc', 'desc']) {
      for (const cursor of ['', `&after=${betaIds[2]}`, `&before=${betaIds[2]}`]) {
        const p = await list(alpha.key, `order=${order}&limit=500${cursor}`);
        expect(p.declarations.length, `${order}${cursor}`).toBeGreaterThan(0);
        expect(p.declarations.every((d) => alphaIds.includes(d.id) && d.ref.startsWith('LA-')), `${order}${cursor}`).toBe(true);
      }
    }
    // beta's own walk, newest first, holds only beta's
    const b = await list(beta.key, 'order=desc&limit=500');
    expect(b.declarations.map((d) => d.ref.slice(0, 3))).toEqual(b.declarations.map(() => 'LB-'));
    expect(b.declarations.map((d) => d.id)).toEqual([...b.declarations.map((d) => d.id)].sort((x, y) => y - x));
    // by ref or cargo number: beta's is not found by alpha
    expect((await list(alpha.key, 'order=desc&ref=LB-1')).declarations).toEqual([]);
  });

  it('filters newest first too, and refuses an unknown order or both cursors', async () => {
    const held = await list(alpha.key, 'order=desc&status=declared&limit=500');
    expect(ids(held)).toEqual([...alphaIds].reverse());
    const sideways = await api(t.base, 'GET', '/api/v1/declarations?order=sideways', { token: alpha.key });
    expect([sideways.status, sideways.body.error.code, sideways.body.error.details[0].path]).toEqual([400, 'VALIDATION_FAILED', 'querystring.order']);
    const both = await api(t.base, 'GET', `/api/v1/declarations?order=desc&after=${alphaIds[3]}&before=${alphaIds[1]}`, { token: alpha.key });
    expect([both.status, both.body.error.code, both.body.error.details[0]]).toEqual([400, 'VALIDATION_FAILED', expect.objectContaining({ path: 'querystring.before', code: 'not_allowed_with' })]);
    expect(both.body.error.en).toBe('Send after or before, not both.');
  });

  it('finds own declarations by B/L, house or master, in any case, spaces and hyphens ignored; never one of another operator', async () => {
    // declaration(ref): house B/L `H${ref}` (LA-1: HLA-1, stored HLA1), master B/L M988-1234 (stored M9881234) for every one, alpha's and beta's.
    expect(ids(await list(alpha.key, 'blNo=hla-1'))).toEqual([alphaIds[0]]);
    expect(ids(await list(alpha.key, `blNo=${encodeURIComponent(' HLA 1 ')}`))).toEqual([alphaIds[0]]);
    const all = ids(await list(alpha.key, 'limit=500'));
    expect(ids(await list(alpha.key, 'blNo=M988-1234&limit=500'))).toEqual(all);
    expect(all).not.toContain(betaIds[0]);
    // beta's own house B/L, asked by alpha: nothing; alpha's, asked by beta: nothing
    expect(ids(await list(alpha.key, 'blNo=HLB-1'))).toEqual([]);
    expect(ids(await list(beta.key, 'blNo=HLA-1'))).toEqual([]);
    expect(ids(await list(beta.key, 'blNo=HLB-1'))).toEqual([betaIds[0]]);
    // only hyphens: matches nothing, not every declaration
    expect(ids(await list(alpha.key, 'blNo=--'))).toEqual([]);
  });

  it('says why each held declaration is held: the hold’s own reasons, not the whole explanation; null for the others', async () => {
    // A CBD supplement: held by the engine (prohibited goods), its stored hold reason the assessment's
    // fifteen reasons (valuation, exchange rate, taxes, next step, …), of which two are the hold's.
    const d = declaration('LA-HELD');
    (d.items as { description: string }[])[0]!.description = '영양제 Charlotte CBD 오일 30ml';
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [d] } });
    expect(r.body.results[0]).toMatchObject({ status: 'accepted', lifecycleStatus: 'held' });
    const held = (await api(t.base, 'GET', '/api/v1/declarations?status=held', { token: alpha.key })).body.declarations as { ref: string; hold: { ko: string; en: string } | null }[];
    expect(held.map((x) => x.ref)).toEqual(['LA-HELD']);
    expect(held[0]!.hold!.ko).toMatch(/^결과: 통관보류\. 아래 사유가 해소될 때까지 반출되지 않습니다\. 통관보류: 1번 물품 "영양제 Charlotte CBD 오일 30ml"은\(는\) 마약류/);
    expect(held[0]!.hold!.en).toMatch(/^Outcome: held\. .* Held: item 1 "영양제 Charlotte CBD 오일 30ml" appears to be Narcotics/);
    expect(held[0]!.hold!.ko).not.toContain('과세환율'); // not the valuation
    expect(held[0]!.hold!.ko).not.toContain('다음 할 일'); // nor the next step
    const declared = (await list(alpha.key, 'status=declared&limit=1')).declarations as unknown as { hold: unknown }[];
    expect(declared[0]!.hold).toBeNull();
  });

  it('publishes order and before in the OpenAPI document', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    const params = doc.paths['/api/v1/declarations'].get.parameters as { name: string; schema: { enum?: string[]; anyOf?: { const?: string; enum?: string[] }[]; default?: string } }[];
    const order = params.find((p) => p.name === 'order')!;
    expect(JSON.stringify(order.schema)).toContain('desc');
    expect(order.schema.default).toBe('asc');
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['after', 'before', 'order', 'limit', 'blNo']));
  });
});
