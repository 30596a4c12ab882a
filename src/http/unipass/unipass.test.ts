// Route tests of the UNI-PASS-compatible API with in-memory fakes standing in for the ports
// (the platform tests its real implementations). Expected element orders below are copied
// from captured UNI-PASS answers (mooyoul/node-unipass fixtures), not from render.ts.

import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHsIndex } from '../../domain/hs-search.ts';
import { CARGO_EVENT, PCCC_ERROR, WAREHOUSE_MOVEMENT_TEXT } from '../../domain/unipass-vocabulary.ts';
import { searchHsFromIndex, unipassRoutes } from './index.ts';
import type { CargoProgress, ExchangeRateRow, TariffRateRow, UnipassApi, UnipassPorts } from './ports.ts';

// ---------- captured orders (node-unipass fixtures/completed-us-air2.xml) ----------

const CAPTURED_SUMMARY_ORDER = [
  'csclPrgsStts', 'vydf', 'rlseDtyPridPassTpcd', 'prnm', 'ldprCd', 'shipNat', 'blPt', 'dsprNm', 'etprDt',
  'prgsStCd', 'msrm', 'wghtUt', 'dsprCd', 'cntrGcnt', 'cargTp', 'shcoFlcoSgn', 'pckGcnt', 'etprCstm', 'shipNm',
  'hblNo', 'prcsDttm', 'frwrSgn', 'spcnCargCd', 'ttwg', 'ldprNm', 'frwrEntsConm', 'dclrDelyAdtxYn',
  'mtTrgtCargYnNm', 'cargMtNo', 'cntrNo', 'mblNo', 'blPtNm', 'lodCntyCd', 'prgsStts', 'shcoFlco', 'pckUt',
  'shipNatNm', 'agnc',
];
const CAPTURED_EVENT_ORDER = [
  'shedNm', 'prcsDttm', 'dclrNo', 'rlbrDttm', 'wght', 'rlbrBssNo', 'bfhnGdncCn', 'wghtUt', 'pckGcnt',
  'cargTrcnRelaBsopTpcd', 'pckUt', 'rlbrCn', 'shedSgn',
];
const MISSING_REFERENCE =
  '[화물관리번호(cargMtNo)], [Master B/L번호(mblNo)과 BL년도(blYy)], [House B/L번호(hblNo)과 BL년도(blYy)] 중 한가지는 필수입력입니다. 또는 화물관리번호는 15자리 이상 자리로 입력하셔야 합니다.';
const N00 = '[N00] 조회 결과가 다건입니다. 상세내역조회를 위해서는 화물관리번호(cargMtNo)로 조회하시기 바랍니다.';

// ---------- XML helpers ----------

interface El {
  name: string;
  text: string;
  children: El[];
}

const parser = new XMLParser({ preserveOrder: true, parseTagValue: false, ignoreDeclaration: true, trimValues: false });

function toEl(node: Record<string, unknown>): El {
  const name = Object.keys(node).find((k) => k !== ':@')!;
  const kids = (node[name] as Record<string, unknown>[]) ?? [];
  const text = kids
    .filter((k) => '#text' in k)
    .map((k) => String(k['#text']))
    .join('');
  return { name, text, children: kids.filter((k) => !('#text' in k)).map(toEl) };
}

function parseXml(xml: string): El {
  expect(XMLValidator.validate(xml)).toBe(true);
  const nodes = parser.parse(xml) as Record<string, unknown>[];
  const elements = nodes.filter((n) => !('#text' in n));
  expect(elements).toHaveLength(1);
  return toEl(elements[0]!);
}

const names = (el: El): string[] => el.children.map((c) => c.name);
const child = (el: El, name: string): El | undefined => el.children.find((c) => c.name === name);
const text = (el: El, name: string): string | undefined => child(el, name)?.text;
const all = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);

// ---------- fake ports ----------

const KEYS: Record<UnipassApi, string> = {
  API001: 'k001-test',
  API012: 'k012-test',
  API018: 'k018-test',
  API028: 'k028-test',
  API030: 'k030-test',
};

/** A list-clearance parcel from the US by air, modelled on fixtures/completed-us-air2.xml. */
const US_AIR: CargoProgress = {
  cargMtNo: '20KE06Y2III00150576',
  prgsStts: '통관목록심사완료',
  prgsStCd: 'IMPA36',
  csclPrgsStts: '통관목록심사완료',
  mblNo: '18047401642',
  hblNo: '6077374339374',
  prnm: 'PART FOR COMPUTER <SCREW KIT> A&B',
  cargTp: '수입 일반화물',
  shipNm: 'KE250',
  vydf: '',
  shcoFlcoSgn: 'KE',
  shcoFlco: '(주)대한항공',
  frwrSgn: 'SMAT',
  frwrEntsConm: '스마트로지스 주식회사',
  ldprCd: 'JFK',
  ldprNm: '뉴욕',
  lodCntyCd: 'US',
  dsprCd: 'ICN',
  dsprNm: '서울/인천',
  etprCstm: '인천세관',
  etprDt: '20200219',
  blPt: 'X',
  blPtNm: '특송화물 Sample',
  shipNat: 'KR',
  shipNatNm: '한국',
  cntrGcnt: 0,
  pckGcnt: 1,
  pckUt: 'CT',
  ttwg: 1.9,
  wghtUt: 'KG',
  prcsDttm: '20200219153817',
  spcnCargCd: 'ELI',
  rlseDtyPridPassTpcd: 'N',
  dclrDelyAdtxYn: 'N',
  mtTrgtCargYnNm: 'N',
  // deliberately not newest first: the route sorts, keeping same-second events in this order
  events: [
    { cargTrcnRelaBsopTpcd: CARGO_EVENT.listReceived, prcsDttm: '20200219072659', dclrNo: 'AE02072000000573', shedSgn: '04002001', wght: 1.9, wghtUt: 'KG', pckGcnt: 1 },
    { cargTrcnRelaBsopTpcd: CARGO_EVENT.listReviewed, prcsDttm: '20200219153817', dclrNo: 'AE02072000000573', shedSgn: '04002001', wght: 1.9, wghtUt: 'KG', pckGcnt: 1 },
    {
      cargTrcnRelaBsopTpcd: CARGO_EVENT.warehouseOut,
      prcsDttm: '20200219153817',
      shedNm: '지정장치장(특송물류센터)_스마트로지스 주식회사',
      shedSgn: '04002001',
      dclrNo: '0400200120L1642464',
      rlbrDttm: '2020-02-19 15:38:17',
      rlbrBssNo: 'AE02072000000573',
      rlbrCn: WAREHOUSE_MOVEMENT_TEXT.outListClearance,
      wght: 1.9,
      wghtUt: 'KG',
      pckGcnt: 1,
    },
    {
      cargTrcnRelaBsopTpcd: CARGO_EVENT.warehouseIn,
      prcsDttm: '20200219130826',
      rlbrCn: WAREHOUSE_MOVEMENT_TEXT.inOnArrival,
      bfhnGdncCn: '[부가사항] 지정장치장(특송물류센터)의 장치기간은 최대 2 개월 입니다.',
      pckUt: 'CT',
    },
    { cargTrcnRelaBsopTpcd: CARGO_EVENT.arrivalReportSubmitted, prcsDttm: '20200219003431', dclrNo: '20KE06Y2III', pckGcnt: 0 },
  ],
};

const SIBLINGS: CargoProgress[] = [1, 2, 3].map((n) => ({
  cargMtNo: `20KE06Y2III0015000${n}`,
  mblNo: '18047401642',
  hblNo: `607737476462${n}`,
  etprDt: '20200219',
  dsprCd: 'ICN',
  dsprNm: '서울/인천',
  shcoFlcoSgn: 'KE',
  shcoFlco: '(주)대한항공',
  prnm: 'NOT SHOWN IN A MULTI-HIT ANSWER',
  prgsStts: '반입신고',
  events: [{ cargTrcnRelaBsopTpcd: CARGO_EVENT.warehouseIn, prcsDttm: '20200219130826' }],
}));

const FX: ExchangeRateRow[] = [
  { cntySgn: 'US', mtryUtNm: 'US Dollar', fxrt: '1362.5', currSgn: 'USD', aplyBgnDt: '20250105', imexTp: '2' },
  { cntySgn: 'JP', mtryUtNm: 'Yen', fxrt: '867.12', currSgn: 'JPY', aplyBgnDt: '20250105', imexTp: '2' },
];

const TARIFFS: TariffRateRow[] = [
  { hsSgn: '6109101000', trrt: '13', trrtTpcd: 'A', trrtTpNm: '기본세율', aplyStrtDt: '20250101', aplyEndDt: '20251231' },
  { hsSgn: '6109101000', trrt: '13', trrtTpcd: 'C', trrtTpNm: 'WTO협정세율', aplyStrtDt: '20250101', aplyEndDt: '20251231' },
  { hsSgn: '6109101000', trrt: '0', trrtTpcd: 'FUS1', trrtTpNm: '한ㆍ미 FTA 협정세율(선택1)', aplyStrtDt: '20250101', aplyEndDt: '20251231', prutXamt: '', basePrc: '' },
];

const PERSON = { persEcm: 'P220000000019', pltxNm: '홍길동', cralTelno: '01012345678', zips: ['06236', '04524'] };

interface Calls {
  cargo: Parameters<UnipassPorts['findCargoProgress']>[0][];
  fx: Parameters<UnipassPorts['exchangeRates']>[0][];
  hs: Parameters<UnipassPorts['searchHs']>[0][];
  pccc: Parameters<UnipassPorts['pcccCheck']>[0][];
  trrt: Parameters<UnipassPorts['tariffRates']>[0][];
}

function fakePorts(calls: Calls): UnipassPorts {
  const hsIndex = buildHsIndex(
    [
      { code: '6109', ko: '티셔츠·싱글리트와 그 밖의 조끼', en: '' },
      { code: '6109101000', ko: '티셔츠', en: 'T-shirts' },
      { code: '6109109000', ko: '기타', en: 'Other' },
      { code: '3304101000', ko: '립스틱 <&> "특가"', en: 'Lipsticks & lip gloss <new>' },
      { code: '8471300000', ko: '휴대용 자동자료처리기계', en: 'Portable automatic data processing machines' },
    ],
    (hs) => (hs.startsWith('6109') ? { rate: 0.13 * 100, type: 'A' } : hs.startsWith('3304') ? { rate: 6.5, type: 'A' } : null),
  );
  const searchHs = searchHsFromIndex(hsIndex);
  return {
    async isValidKey(api, key) {
      return KEYS[api] === key;
    },
    async findCargoProgress(q) {
      calls.cargo.push(q);
      const cargo = [US_AIR, ...SIBLINGS];
      if (q.cargMtNo) return cargo.filter((c) => c.cargMtNo === q.cargMtNo);
      if (q.blYy !== '2020') return [];
      return cargo.filter((c) => (!q.mblNo || c.mblNo === q.mblNo) && (!q.hblNo || c.hblNo === q.hblNo));
    },
    async exchangeRates(q) {
      calls.fx.push(q);
      return q.date >= '20250105' && q.date <= '20250111' ? FX.filter((r) => r.imexTp === q.imexTp) : [];
    },
    async searchHs(q) {
      calls.hs.push(q);
      if (q.keyword === 'explode') throw new Error('index unavailable');
      return searchHs(q);
    },
    async pcccCheck(q) {
      calls.pccc.push(q);
      if (q.persEcm !== PERSON.persEcm) return { matched: false, errors: [PCCC_ERROR.notFound] };
      const errors: string[] = [];
      if (q.pltxNm !== PERSON.pltxNm) errors.push(PCCC_ERROR.nameMismatch);
      if (q.cralTelno !== PERSON.cralTelno) errors.push(PCCC_ERROR.phoneMismatch);
      if (q.custPsno !== undefined && !PERSON.zips.includes(q.custPsno)) errors.push(PCCC_ERROR.zipMismatch);
      return { matched: errors.length === 0, errors };
    },
    async tariffRates(q) {
      calls.trrt.push(q);
      return TARIFFS.filter((t) => t.hsSgn === q.hsSgn);
    },
  };
}

// ---------- app ----------

let app: FastifyInstance;
const calls: Calls = { cargo: [], fx: [], hs: [], pccc: [], trrt: [] };

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(unipassRoutes, {
    prefix: '/ext/rest',
    ports: fakePorts(calls),
    now: () => new Date('2025-01-07T16:30:00Z'), // 2025-01-08 01:30 in Seoul
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const PATHS: Record<UnipassApi, string> = {
  API001: '/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo',
  API012: '/ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo',
  API018: '/ext/rest/hsSgnQry/searchHsSgn',
  API028: '/ext/rest/persEcmQry/retrievePersEcm',
  API030: '/ext/rest/trrtQry/retrieveTrrt',
};
const ROOTS: Record<UnipassApi, string> = {
  API001: 'cargCsclPrgsInfoQryRtnVo',
  API012: 'trifFxrtInfoQryRtnVo',
  API018: 'hsSgnSrchRtnVo',
  API028: 'persEcmQryRtnVo',
  API030: 'trrtQryRtnVo',
};
const VALID_QUERY: Record<UnipassApi, Record<string, string>> = {
  API001: { cargMtNo: US_AIR.cargMtNo },
  API012: { qryYymmDd: '20250108', imexTp: '2' },
  API018: { hsSgn: '6109101000', koenTp: '1' },
  API028: { persEcm: PERSON.persEcm, pltxNm: PERSON.pltxNm, cralTelno: PERSON.cralTelno },
  API030: { hsSgn: '6109101000' },
};

async function get(api: UnipassApi, query: Record<string, string>, opts: { key?: string | null } = {}) {
  const key = opts.key === undefined ? KEYS[api] : opts.key;
  const qs = new URLSearchParams({ ...(key === null ? {} : { crkyCn: key }), ...query }).toString();
  const res = await app.inject({ method: 'GET', url: `${PATHS[api]}?${qs}` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/xml;charset=UTF-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><')).toBe(true);
  const doc = parseXml(res.body);
  expect(doc.name).toBe(ROOTS[api]);
  return { body: res.body, doc };
}

// ---------- tests ----------

describe('errors common to every API (domain-rules §7.1)', () => {
  const apis = Object.keys(PATHS) as UnipassApi[];

  it.each(apis)('%s: missing crkyCn -> tCnt -1 and the captured notice', async (api) => {
    for (const key of [null, '', '   ']) {
      const { body, doc } = await get(api, VALID_QUERY[api], { key });
      expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
      expect(text(doc, 'ntceInfo')).toBe('인증키(crkyCn)는 필수입력입니다.');
      expect(text(doc, 'tCnt')).toBe('-1');
      expect(body).toBe(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${ROOTS[api]}><ntceInfo>인증키(crkyCn)는 필수입력입니다.</ntceInfo><tCnt>-1</tCnt></${ROOTS[api]}>`,
      );
    }
  });

  it.each(apis)('%s: wrong key, or another API\'s key -> "존재하지 않는 인증키입니다."', async (api) => {
    const other = apis.find((a) => a !== api)!;
    for (const key of ['nope', KEYS[other]]) {
      const { doc } = await get(api, VALID_QUERY[api], { key });
      expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
      expect(text(doc, 'ntceInfo')).toBe('존재하지 않는 인증키입니다.');
      expect(text(doc, 'tCnt')).toBe('-1');
    }
  });

  it.each(apis)('%s: a valid request answers HTTP 200 XML', async (api) => {
    const { doc } = await get(api, VALID_QUERY[api]);
    expect(Number(text(doc, 'tCnt'))).toBeGreaterThan(0);
  });

  // The parameters each API reads (index.ts), with a valid value for the others.
  const READS: Record<UnipassApi, Record<string, string>> = {
    API001: { cargMtNo: US_AIR.cargMtNo, mblNo: '18047401642', hblNo: '201213321232', blYy: '2020' },
    API012: { qryYymmDd: '20250108', imexTp: '2' },
    API018: { hsSgn: '6109101000', koenTp: '1', prnm: '티셔츠' },
    API028: { persEcm: PERSON.persEcm, pltxNm: PERSON.pltxNm, cralTelno: PERSON.cralTelno, custPsno: '06236' },
    API030: { hsSgn: '6109101000', trrtTpcd: 'A' },
  };
  const portCalls = () => Object.values(calls).reduce((n, list) => n + list.length, 0);

  it.each(apis)('%s: a NUL (U+0000, sent as percent-00) in a parameter it reads, or in crkyCn -> tCnt -1 naming it; no port is asked (PostgreSQL refuses NUL in text)', async (api) => {
    for (const name of ['crkyCn', ...Object.keys(READS[api])]) {
      const query = { crkyCn: KEYS[api], ...READS[api] };
      query[name as keyof typeof query] += '\u0000'; // URLSearchParams sends it as %00
      const before = portCalls();
      const { body, doc } = await get(api, query, { key: null });
      expect(names(doc), `${api} ${name}`).toEqual(['ntceInfo', 'tCnt']);
      expect(text(doc, 'tCnt')).toBe('-1');
      expect(text(doc, 'ntceInfo')).toMatch(new RegExp(`^.+\\(${name}\\)[은는] 쓸 수 없는 문자\\(NUL 문자 %00 등\\)가 포함되어 있습니다`));
      expect(body).not.toContain('\u0000');
      expect(portCalls(), `${api} ${name}: no port asked`).toBe(before);
    }
  });

  it('a NUL in a parameter the API does not read is ignored, as any unknown parameter', async () => {
    const { doc } = await get('API030', { hsSgn: '6109101000', other: 'x\u0000' });
    expect(text(doc, 'tCnt')).toBe('3');
  });

  it('a failing port still answers HTTP 200 with tCnt -1 in the API\'s root', async () => {
    const { doc } = await get('API018', { koenTp: '1', prnm: 'explode' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
    expect(text(doc, 'tCnt')).toBe('-1');
    expect(text(doc, 'ntceInfo')).toMatch(/시스템 오류/);
  });

  it('uses the first value of a repeated parameter', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `${PATHS.API030}?crkyCn=${KEYS.API030}&crkyCn=other&hsSgn=6109101000&hsSgn=9999`,
    });
    const doc = parseXml(res.body);
    expect(text(doc, 'tCnt')).toBe('3');
  });

  it('answers with no-store caching', async () => {
    const res = await app.inject({ method: 'GET', url: `${PATHS.API028}?crkyCn=${KEYS.API028}` });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('API001 cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo', () => {
  it('one hit: ntceInfo, summary, tCnt (= events), events newest first, in the captured element order', async () => {
    const { doc } = await get('API001', { cargMtNo: US_AIR.cargMtNo });
    expect(names(doc)).toEqual(['ntceInfo', 'cargCsclPrgsInfoQryVo', 'tCnt', ...Array(5).fill('cargCsclPrgsInfoDtlQryVo')]);
    expect(text(doc, 'ntceInfo')).toBe('');
    expect(text(doc, 'tCnt')).toBe('5');

    const summary = child(doc, 'cargCsclPrgsInfoQryVo')!;
    expect(names(summary)).toEqual(CAPTURED_SUMMARY_ORDER);
    expect(text(summary, 'cargMtNo')).toBe('20KE06Y2III00150576');
    expect(text(summary, 'prgsStCd')).toBe('IMPA36');
    expect(text(summary, 'ttwg')).toBe('1.9');
    expect(text(summary, 'cntrGcnt')).toBe('0');
    expect(text(summary, 'agnc')).toBe('');

    const events = all(doc, 'cargCsclPrgsInfoDtlQryVo');
    for (const e of events) expect(names(e)).toEqual(CAPTURED_EVENT_ORDER);
    expect(events.map((e) => text(e, 'cargTrcnRelaBsopTpcd'))).toEqual([
      '통관목록심사완료', // same second as 반출신고: the port's order is kept
      '반출신고',
      '반입신고',
      '통관목록접수',
      '입항보고 제출',
    ]);
    expect(text(events[1]!, 'rlbrCn')).toBe('목록통관특송물품 반출');
    expect(text(events[1]!, 'rlbrDttm')).toBe('2020-02-19 15:38:17');
    expect(text(events[2]!, 'bfhnGdncCn')).toBe('[부가사항] 지정장치장(특송물류센터)의 장치기간은 최대 2 개월 입니다.');
    expect(calls.cargo.at(-1)).toEqual({ cargMtNo: US_AIR.cargMtNo });
  });

  it('escapes <, & and > in names and round-trips them', async () => {
    const { body, doc } = await get('API001', { cargMtNo: US_AIR.cargMtNo });
    expect(body).toContain('<prnm>PART FOR COMPUTER &lt;SCREW KIT&gt; A&amp;B</prnm>');
    expect(text(child(doc, 'cargCsclPrgsInfoQryVo')!, 'prnm')).toBe('PART FOR COMPUTER <SCREW KIT> A&B');
  });

  it('finds by hblNo + blYy and by mblNo + hblNo + blYy', async () => {
    for (const q of [
      { hblNo: '6077374339374', blYy: '2020' } as Record<string, string>,
      { mblNo: '18047401642', hblNo: '6077374339374', blYy: '2020' },
    ]) {
      const { doc } = await get('API001', q);
      expect(text(child(doc, 'cargCsclPrgsInfoQryVo')!, 'cargMtNo')).toBe(US_AIR.cargMtNo);
      expect(calls.cargo.at(-1)).toEqual(q);
    }
  });

  it('several hits: [N00] notice, N compact summaries, tCnt N after them, no events', async () => {
    const { doc } = await get('API001', { mblNo: '18047401642', blYy: '2020' });
    expect(text(doc, 'ntceInfo')).toBe(N00);
    expect(names(doc)).toEqual(['ntceInfo', ...Array(4).fill('cargCsclPrgsInfoQryVo'), 'tCnt']);
    expect(text(doc, 'tCnt')).toBe('4');
    expect(all(doc, 'cargCsclPrgsInfoDtlQryVo')).toHaveLength(0);
    const rows = all(doc, 'cargCsclPrgsInfoQryVo');
    for (const row of rows) {
      expect(names(row)).toEqual(CAPTURED_SUMMARY_ORDER);
      // as captured (fixtures/multiple-results.xml): only these are filled in a multi-hit list
      expect(text(row, 'prnm')).toBe('');
      expect(text(row, 'prgsStts')).toBe('');
      expect(text(row, 'mblNo')).toBe('18047401642');
      expect(text(row, 'dsprNm')).toBe('서울/인천');
    }
    expect(rows.map((r) => text(r, 'cargMtNo'))).toEqual([US_AIR.cargMtNo, ...SIBLINGS.map((s) => s.cargMtNo)]);
  });

  it('no hit: empty ntceInfo and tCnt 0', async () => {
    for (const q of [{ cargMtNo: '20KE06Y2III99999999' }, { mblNo: '18047401642', blYy: '2019' }] as Record<string, string>[]) {
      const { body } = await get('API001', q);
      expect(body).toBe(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cargCsclPrgsInfoQryRtnVo><ntceInfo></ntceInfo><tCnt>0</tCnt></cargCsclPrgsInfoQryRtnVo>',
      );
    }
  });

  it('missing or short reference: the captured notice, tCnt -1', async () => {
    for (const q of [{}, { cargMtNo: '20KE06Y2III001' /* 14 chars */ }, { mblNo: '18047401642' }, { hblNo: '6077374339374', blYy: '20' }, { blYy: '2020' }] as Record<string, string>[]) {
      const { doc } = await get('API001', q);
      expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
      expect(text(doc, 'ntceInfo')).toBe(MISSING_REFERENCE);
      expect(text(doc, 'tCnt')).toBe('-1');
    }
  });
});

describe('API012 trifFxrtInfoQry/retrieveTrifFxrtInfo', () => {
  it('lists the week\'s rates: ntceInfo, tCnt, rows in the observed element order', async () => {
    const { doc } = await get('API012', { qryYymmDd: '20250108', imexTp: '2' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt', 'trifFxrtInfoQryRsltVo', 'trifFxrtInfoQryRsltVo']);
    expect(text(doc, 'tCnt')).toBe('2');
    const usd = all(doc, 'trifFxrtInfoQryRsltVo')[0]!;
    expect(names(usd)).toEqual(['cntySgn', 'mtryUtNm', 'fxrt', 'currSgn', 'aplyBgnDt', 'imexTp']);
    expect(text(usd, 'fxrt')).toBe('1362.5');
    expect(calls.fx.at(-1)).toEqual({ date: '20250108', imexTp: '2' });
  });

  it('defaults the date to today in Korea', async () => {
    await get('API012', { imexTp: '2' });
    expect(calls.fx.at(-1)).toEqual({ date: '20250108', imexTp: '2' });
  });

  it('empty week: tCnt 0', async () => {
    const { doc } = await get('API012', { qryYymmDd: '20200101', imexTp: '2' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
    expect(text(doc, 'tCnt')).toBe('0');
  });

  it('bad parameters: tCnt -1 with a Korean notice naming the parameter', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ qryYymmDd: '2025-01-08', imexTp: '2' }, 'qryYymmDd'],
      [{ qryYymmDd: '20250231', imexTp: '2' }, 'qryYymmDd'],
      [{ qryYymmDd: '20250108' }, '수출입구분(imexTp)은 필수입력입니다.'],
      [{ qryYymmDd: '20250108', imexTp: '3' }, 'imexTp'],
    ];
    for (const [q, expected] of cases) {
      const { doc } = await get('API012', q);
      expect(text(doc, 'tCnt')).toBe('-1');
      expect(text(doc, 'ntceInfo')).toContain(expected);
    }
  });
});

describe('API018 hsSgnQry/searchHsSgn (default implementation over the nomenclature index)', () => {
  it('finds by code (dots allowed) with rate and units, in the observed element order', async () => {
    const { doc } = await get('API018', { hsSgn: '6109.10-1000', koenTp: '1' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt', 'hsSgnSrchRsltVo']);
    const row = child(doc, 'hsSgnSrchRsltVo')!;
    expect(names(row)).toEqual(['qtyUt', 'hsSgn', 'wghtUt', 'englPrnm', 'txrt', 'korePrnm', 'txtpSgn']);
    expect(text(row, 'hsSgn')).toBe('6109101000');
    expect(text(row, 'korePrnm')).toBe('티셔츠');
    expect(text(row, 'englPrnm')).toBe('T-shirts');
    expect(text(row, 'txrt')).toBe('13');
    expect(text(row, 'txtpSgn')).toBe('A');
    expect(text(row, 'wghtUt')).toBe('KG');
    expect(calls.hs.at(-1)).toEqual({ hsSgn: '6109101000', koenTp: '1' });
  });

  it('a shorter code lists every code under it', async () => {
    const { doc } = await get('API018', { hsSgn: '6109', koenTp: '2' });
    expect(all(doc, 'hsSgnSrchRsltVo').map((r) => text(r, 'hsSgn'))).toEqual(['6109101000', '6109109000']);
  });

  it('finds by product name (prnm) and escapes names', async () => {
    const { body, doc } = await get('API018', { prnm: '립스틱', koenTp: '1' });
    const row = child(doc, 'hsSgnSrchRsltVo')!;
    expect(text(row, 'hsSgn')).toBe('3304101000');
    expect(text(row, 'korePrnm')).toBe('립스틱 <&> "특가"');
    expect(text(row, 'englPrnm')).toBe('Lipsticks & lip gloss <new>');
    expect(text(row, 'txrt')).toBe('6.5');
    expect(body).toContain('<englPrnm>Lipsticks &amp; lip gloss &lt;new&gt;</englPrnm>');
    const laptop = await get('API018', { prnm: 'laptop', koenTp: '2' });
    expect(text(child(laptop.doc, 'hsSgnSrchRsltVo')!, 'hsSgn')).toBe('8471300000');
  });

  it('no match: tCnt 0', async () => {
    const { doc } = await get('API018', { hsSgn: '0101', koenTp: '1' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt']);
    expect(text(doc, 'tCnt')).toBe('0');
  });

  it('koenTp is required (captured notice), as is hsSgn or prnm', async () => {
    const missing = await get('API018', { hsSgn: '6109101000' });
    expect(text(missing.doc, 'ntceInfo')).toBe('한영구분(koenTp)은 필수입력입니다.');
    expect(text(missing.doc, 'tCnt')).toBe('-1');
    const noCode = await get('API018', { koenTp: '1' });
    expect(text(noCode.doc, 'ntceInfo')).toBe('HS부호(hsSgn)는 필수입력입니다.');
    const bad = await get('API018', { hsSgn: '61O9', koenTp: '1' });
    expect(text(bad.doc, 'tCnt')).toBe('-1');
    expect(text(bad.doc, 'ntceInfo')).toContain('hsSgn');
  });
});

describe('API028 persEcmQry/retrievePersEcm', () => {
  it('match: <tCnt>1</tCnt> only, as captured', async () => {
    const { body } = await get('API028', { persEcm: PERSON.persEcm, pltxNm: '홍길동', cralTelno: '01012345678' });
    expect(body).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><persEcmQryRtnVo><tCnt>1</tCnt></persEcmQryRtnVo>');
  });

  it('normalises the inputs (upper-case PCCC, digits-only phone and zip) and passes custPsno', async () => {
    await get('API028', { persEcm: ' p220000000019 ', pltxNm: ' 홍길동 ', cralTelno: '010-1234-5678', custPsno: '06-236' });
    expect(calls.pccc.at(-1)).toEqual({ persEcm: 'P220000000019', pltxNm: '홍길동', cralTelno: '01012345678', custPsno: '06236' });
  });

  it('accepts cphoneNo for cralTelno (a client outlier, domain-rules §6.5)', async () => {
    const { doc } = await get('API028', { persEcm: PERSON.persEcm, pltxNm: '홍길동', cphoneNo: '01012345678' });
    expect(text(doc, 'tCnt')).toBe('1');
  });

  it('mismatch: tCnt 0 and one persEcmQryRtnErrInfoVo/errMsgCn per reason', async () => {
    const { doc } = await get('API028', { persEcm: PERSON.persEcm, pltxNm: '김철수', cralTelno: '01099998888', custPsno: '12345' });
    expect(text(doc, 'tCnt')).toBe('0');
    expect(text(doc, 'ntceInfo')).not.toBe('');
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt', 'persEcmQryRtnErrInfoVo', 'persEcmQryRtnErrInfoVo', 'persEcmQryRtnErrInfoVo']);
    const reasons = all(doc, 'persEcmQryRtnErrInfoVo').map((e) => {
      expect(names(e)).toEqual(['errMsgCn']);
      return text(e, 'errMsgCn');
    });
    expect(reasons).toEqual([PCCC_ERROR.nameMismatch, PCCC_ERROR.phoneMismatch, PCCC_ERROR.zipMismatch]);
    // the strings public clients test with includes()
    expect(reasons[0]).toContain('성명과 일치하지');
    expect(reasons[1]).toContain('납세의무자 휴대전화번호가 일치하지 않습니다.');
  });

  it('unknown PCCC: tCnt 0 with the "존재하지 않…" reason', async () => {
    const { doc } = await get('API028', { persEcm: 'P990000000000', pltxNm: '홍길동', cralTelno: '01012345678' });
    expect(text(doc, 'tCnt')).toBe('0');
    expect(text(child(doc, 'persEcmQryRtnErrInfoVo')!, 'errMsgCn')).toContain('존재하지 않');
  });

  it('missing parameters: tCnt -1 with a notice naming the parameter', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ pltxNm: '홍길동', cralTelno: '01012345678' }, '(persEcm)는 필수입력입니다.'],
      [{ persEcm: PERSON.persEcm, cralTelno: '01012345678' }, '(pltxNm)은 필수입력입니다.'],
      [{ persEcm: PERSON.persEcm, pltxNm: '홍길동', cralTelno: '--' }, '(cralTelno)는 필수입력입니다.'],
    ];
    for (const [q, expected] of cases) {
      const { doc } = await get('API028', q);
      expect(text(doc, 'tCnt')).toBe('-1');
      expect(text(doc, 'ntceInfo')).toContain(expected);
    }
  });
});

describe('API030 trrtQry/retrieveTrrt', () => {
  it('lists rates by type, in the observed element order, with empty basePrc/prutXamt', async () => {
    const { doc } = await get('API030', { hsSgn: '6109.10-1000' });
    expect(names(doc)).toEqual(['ntceInfo', 'tCnt', 'trrtQryRsltVo', 'trrtQryRsltVo', 'trrtQryRsltVo']);
    expect(text(doc, 'tCnt')).toBe('3');
    const rows = all(doc, 'trrtQryRsltVo');
    expect(names(rows[0]!)).toEqual(['basePrc', 'hsSgn', 'prutXamt', 'trrtTpcd', 'trrtTpNm', 'aplyEndDt', 'aplyStrtDt', 'trrt']);
    expect(rows.map((r) => [text(r, 'trrtTpcd'), text(r, 'trrt')])).toEqual([['A', '13'], ['C', '13'], ['FUS1', '0']]);
    expect(text(rows[2]!, 'trrtTpNm')).toBe('한ㆍ미 FTA 협정세율(선택1)');
    expect(text(rows[0]!, 'basePrc')).toBe('');
    expect(calls.trrt.at(-1)).toEqual({ hsSgn: '6109101000' });
  });

  it('filters by trrtTpcd', async () => {
    const { doc } = await get('API030', { hsSgn: '6109101000', trrtTpcd: 'A' });
    expect(all(doc, 'trrtQryRsltVo').map((r) => text(r, 'trrtTpNm'))).toEqual(['기본세율']);
  });

  it('unknown code: tCnt 0; missing code: tCnt -1', async () => {
    expect(text((await get('API030', { hsSgn: '0101211000' })).doc, 'tCnt')).toBe('0');
    const missing = await get('API030', {});
    expect(text(missing.doc, 'tCnt')).toBe('-1');
    expect(text(missing.doc, 'ntceInfo')).toBe('HS부호(hsSgn)는 필수입력입니다.');
  });
});

describe('the published 429 (OpenAPI)', () => {
  it('a per-key limit of 0 (UNIPASS_RATE_LIMIT=0, UNIPASS_PCCC_RATE_LIMIT=0: no limit) is published as none, not as "0 requests a minute"', async () => {
    const published = new Map<string, string>();
    const bare = Fastify({ logger: false });
    bare.addHook('onRoute', (route) => {
      const docResponses = (route.config as { docResponses?: Record<number, { description: string }> } | undefined)?.docResponses;
      if (docResponses?.[429] && route.method === 'GET') published.set(route.url, docResponses[429].description);
    });
    await bare.register(unipassRoutes, {
      prefix: '/ext/rest',
      ports: fakePorts({ cargo: [], fx: [], hs: [], pccc: [], trrt: [] }),
      limits: { lookupsPerKey: 0, pcccChecksPerKey: 0, wrongKeysPerAddress: 30, peek: async () => 0 },
    });
    await bare.ready();
    try {
      expect(published.get(PATHS.API030)).toMatch(/^Over a rate limit: no limit per key \(UNIPASS_RATE_LIMIT=0\); or, without a key or with a wrong one, 30 a minute per client address/);
      expect(published.get(PATHS.API028)).toMatch(/^Over a rate limit: API028: no limit per key \(UNIPASS_PCCC_RATE_LIMIT=0\); or, without a key or with a wrong one, 30 a minute/);
    } finally {
      await bare.close();
    }
  });
});
