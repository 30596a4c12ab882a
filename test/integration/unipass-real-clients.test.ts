// Real UNI-PASS Open API clients, their parsing ported, run against Tonggwan's /ext/rest answers:
// a client that changes only its base URL must read from us what it reads from UNI-PASS. Each
// port names its source (public GitHub code, found with the search tool); the parsing is theirs,
// trimmed to what they read. XML is parsed as those clients do (fast-xml-parser with every element
// an array, as node-unipass's `arrayMode: "strict"`; xml2js's default explicitArray).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let mall: { key: string };
let courier: { key: string };
let officer: { token: string };
let cargoNo = '';
let pccc = '';

/** xml2js `parseString` defaults (explicitArray: every child element an array, the root not). */
const xml2js = (xml: string): any =>
  new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (_name, jpath) => String(jpath).includes('.') }).parse(xml);

/** moment.tz(value, format, true, "Asia/Seoul").toDate() for the three formats node-unipass uses. */
function strictKst(value: string | undefined, format: 'YYYYMMDD' | 'YYYYMMDDHHmmss' | 'YYYY-MM-DD HH:mm:ss'): Date {
  const re = { YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/, YYYYMMDDHHmmss: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, 'YYYY-MM-DD HH:mm:ss': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/ }[format];
  const m = value === undefined ? null : re.exec(value);
  if (!m) return new Date(NaN);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h - 9, mi, s));
  const back = new Date(date.getTime() + 9 * 3600_000);
  const ok = back.getUTCFullYear() === y && back.getUTCMonth() === mo! - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi;
  return ok ? date : new Date(NaN);
}

/**
 * mooyoul/node-unipass src/cargo-clearance-progress/parser.ts (CargoClearanceProgressParser),
 * the npm package `unipass`: validate() (errors by ntceInfo text, [N00] = several), then the
 * detailed or the list result. moment's strict parsing is strictKst above.
 */
function nodeUnipassParse(xml: string): any {
  const parsed = new XMLParser({ isArray: () => true, parseTagValue: false }).parse(xml);
  const root = parsed?.cargCsclPrgsInfoQryRtnVo?.[0];
  if (!root) throw new Error('Unexpected XML');
  const info: string = root.ntceInfo?.[0] || '';
  const parsedCount = parseInt(root.tCnt?.[0], 10);
  const value = Number.isNaN(parsedCount) ? -1 : parsedCount;
  const recordsFound = info.includes('[N00]') ? value : Math.min(value, 1);
  if (recordsFound === -1) {
    if (info.includes('존재하지 않는 인증키')) throw new Error('Invalid API Key');
    if (info.includes('필수입력')) {
      if (info.includes('인증키')) throw new Error('Missing API Key');
      throw new Error('Missing one of required parameters');
    }
    throw new Error(`Unknown Error (got: ${info || 'unknown'})`);
  }
  if (recordsFound > 1) {
    return {
      type: 'MULTIPLE',
      records: (root.cargCsclPrgsInfoQryVo || []).map((n: any) => ({ ref: n.cargMtNo?.[0], houseBL: n.hblNo?.[0], arrival: { date: strictKst(n.etprDt?.[0], 'YYYYMMDD') } })),
    };
  }
  if (recordsFound !== 1) return null;
  const s = root.cargCsclPrgsInfoQryVo?.[0] || {};
  return {
    type: 'DETAILED',
    ref: s.cargMtNo?.[0],
    masterBL: s.mblNo?.[0],
    houseBL: s.hblNo?.[0],
    arrival: { date: strictKst(s.etprDt?.[0], 'YYYYMMDD') },
    cargo: { type: s.cargTp?.[0], isManagedTarget: s.mtTrgtCargYnNm?.[0] === 'Y' },
    status: { code: s.prgsStCd?.[0], summary: s.prgsStts?.[0], updatedAt: strictKst(s.prcsDttm?.[0], 'YYYYMMDDHHmmss') },
    weight: { unit: s.wghtUt?.[0], value: parseFloat(s.ttwg?.[0]) || 0 },
    events: (root.cargCsclPrgsInfoDtlQryVo || []).map((n: any) => ({
      summary: n.cargTrcnRelaBsopTpcd?.[0],
      updatedAt: strictKst(n.prcsDttm?.[0], 'YYYYMMDDHHmmss'),
      shed: { code: n.shedSgn?.[0] || undefined, name: n.shedNm?.[0] || undefined },
      carry: { date: n.rlbrDttm?.[0] && strictKst(n.rlbrDttm?.[0], 'YYYY-MM-DD HH:mm:ss'), summary: n.rlbrCn?.[0] || undefined },
      weight: { unit: n.wghtUt?.[0] || undefined, value: parseFloat(n.wght?.[0]) || undefined },
    })),
  };
}

const get = (path: string) => fetch(`${t.base}/ext/rest/${path}`).then((r) => r.text());

beforeAll(async () => {
  t = await startTestPlatform();
  mall = await t.operator('RCMALL');
  courier = await t.operator('CJKX', 'courier'); // the courier the declaration names
  officer = await t.officer('officer-rc');
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [declaration('RC-1')] } });
  cargoNo = r.body.results[0].cargoNo;
  const at = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  for (const [type, h, detail] of [
    ['ARRIVAL_REPORT_SUBMITTED', 3, undefined],
    ['ARRIVAL_REPORT_ACCEPTED', 2, undefined],
    ['WAREHOUSE_IN', 1, { shedNm: '인천공항 특송물류센터', shedSgn: '04077007', rlbrCn: '입항 반입', wght: 0.5, pckGcnt: 1 }],
  ] as const) {
    const e = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type, occurredAt: at(h), ...(detail ? { detail } : {}) } });
    expect(e.status).toBeLessThan(300);
  }
  const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: '홍길동', nameEn: 'HONG GILDONG', phone: '010-2222-3333', postcodes: ['04524'] } });
  expect(issued.status).toBe(201);
  pccc = issued.body.pccc;
});
afterAll(async () => t?.close());

describe('API001 read by node-unipass (mooyoul/node-unipass src/cargo-clearance-progress/parser.ts)', () => {
  const API001 = 'cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo';

  it('reads one cargo by cargMtNo and by hblNo + blYy: events newest first, every date in the strict formats it parses', async () => {
    for (const q of [`cargMtNo=${cargoNo}`, 'hblNo=HRC-1&blYy=2026']) {
      const r = nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&${q}`));
      expect(r.type).toBe('DETAILED');
      expect(r.ref).toBe(cargoNo);
      expect(r.houseBL).toBe('HRC1'); // stored without the hyphen (normalizeBlNo)
      expect(r.events.map((e: any) => e.summary)).toEqual(['반입신고', '입항보고 수리', '입항보고 제출']);
      for (const e of r.events) expect(Number.isNaN(e.updatedAt.getTime())).toBe(false);
      expect(r.events[0].updatedAt.getTime()).toBeGreaterThan(r.events[1].updatedAt.getTime());
      expect(Number.isNaN(r.events[0].carry.date.getTime())).toBe(false);
      expect(r.events[0].shed).toEqual({ code: '04077007', name: '인천공항 특송물류센터' });
      expect(r.events[0].weight).toEqual({ unit: 'KG', value: 0.5 });
      expect(Number.isNaN(r.status.updatedAt.getTime())).toBe(false);
      expect(Number.isNaN(r.arrival.date.getTime())).toBe(false);
      expect(r.cargo.type).toBe('수입 일반화물');
    }
  });

  it('tells its errors apart by the ntceInfo texts, and reads an unknown cargo as no result', async () => {
    expect(() => nodeUnipassParse('')).toThrow('Unexpected XML');
    await expect(get(`${API001}?cargMtNo=${cargoNo}`).then(nodeUnipassParse)).rejects.toThrow('Missing API Key');
    await expect(get(`${API001}?crkyCn=nope&cargMtNo=${cargoNo}`).then(nodeUnipassParse)).rejects.toThrow('Invalid API Key');
    await expect(get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&hblNo=HRC-1`).then(nodeUnipassParse)).rejects.toThrow('Missing one of required parameters');
    expect(nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&cargMtNo=26TGW9999999999`))).toBeNull();
  });

  it('finds a parcel asked by master and house B/L whose declaration names no master B/L; a master on record must still match', async () => {
    // mblNo + hblNo + blYy is one of API001's documented combinations (domain-rules §7.2). UNI-PASS knows every
    // cargo's master B/L from its manifest; a Tonggwan declaration need not name it. Before, such a parcel
    // asked by both numbers answered tCnt 0 — no result — though its house B/L was on record.
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: mall.key,
      body: { declarations: [declaration('RC-2', { shipment: { mode: 'express', shipFrom: 'US', hblNo: 'HRC-2', arrivalDate: '2026-11-19', grossWeightKg: 0.5 } })] },
    });
    const second = r.body.results[0].cargoNo;
    const e = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: second, type: 'ARRIVAL_REPORT_SUBMITTED' } });
    expect(e.status).toBeLessThan(300); // node-unipass reads a cargo without events (tCnt 0) as no result
    const both = nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&mblNo=M777-0001&hblNo=HRC-2&blYy=2026`));
    expect(both?.type).toBe('DETAILED');
    expect(both.ref).toBe(second);
    // RC-1 names its master, M988-1234: another master is another cargo
    expect(nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&mblNo=M777-0001&hblNo=HRC-1&blYy=2026`))).toBeNull();
    expect(nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&mblNo=M988-1234&hblNo=HRC-1&blYy=2026`)).ref).toBe(cargoNo);
  });

  it('reads each parcel of a master B/L with its arrival date, also where the date comes from the arrival report', async () => {
    // fixtures/multiple-results.xml: every row of a [N00] answer carries 입항일자, which node-unipass parses
    // strictly. Without a declared arrival date it is the arrival report's day (as for one hit); the
    // several-hits answer read no events, so such rows had an empty etprDt: an Invalid Date.
    const shipment = (ref: string) => ({ shipment: { mode: 'express', shipFrom: 'US', hblNo: `H${ref}`, mblNo: 'M555-0001', grossWeightKg: 0.5 } });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [declaration('RC-M1', shipment('RC-M1')), declaration('RC-M2', shipment('RC-M2'))] } });
    const numbers: string[] = r.body.results.map((x: { cargoNo: string }) => x.cargoNo);
    for (const n of numbers) {
      const e = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: n, type: 'ARRIVAL_REPORT_SUBMITTED' } });
      expect(e.status).toBeLessThan(300);
    }
    // no arrival date declared: the B/L's year is the declaration's (2026-11-18)
    const many = nodeUnipassParse(await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&mblNo=M555-0001&blYy=2026`));
    expect(many.type).toBe('MULTIPLE');
    expect(many.records.map((x: any) => x.ref)).toEqual(numbers);
    for (const x of many.records) expect(Number.isNaN(x.arrival.date.getTime()), x.ref).toBe(false);
  });

  it('a number carrying a NUL (%00) is refused naming the parameter (tCnt -1), which node-unipass reports with the notice; never asked of the database', async () => {
    // Was tCnt 0 (no result): true of the records, but it told the client its number was on none, where
    // the request could not be read (PostgreSQL refuses NUL in text); /api refuses it as VALIDATION_FAILED.
    for (const [q, name] of [[`cargMtNo=${cargoNo}%00`, 'cargMtNo'], ['hblNo=HRC-1%00&blYy=2026', 'hblNo'], ['mblNo=%00&blYy=2026', 'mblNo']] as const) {
      const xml = await get(`${API001}?crkyCn=TONGGWAN-DEMO-API001&${q}`);
      expect(() => nodeUnipassParse(xml), q).toThrow(new RegExp(`^Unknown Error \\(got: .+\\(${name}\\)[은는] 쓸 수 없는 문자`));
    }
  });
});

describe('API001 read by a parcel tracker that switches UNI-PASS by its base URL (find_string id 70926068922, UNIPASS_API_URL)', () => {
  /** normalizeCustomsStatus: 1 arrival, 2 in progress, 3 under review, 4 cleared or released. */
  const normalizeCustomsStatus = (raw: string): number => {
    const n = raw.replace(/\s+/g, '');
    if (n.includes('수입신고수리') || n.includes('수리후반출') || n.includes('반출신고') || n.includes('통관완료')) return 4;
    if (n.includes('수리전')) return 2;
    if (n.includes('결재통보') || n.includes('심사진행') || n.includes('심사중')) return 3;
    if (n.includes('입항') || n.includes('하선신고수리') || n.includes('입항보고수리')) return 1;
    return 2;
  };
  const kst = (raw: string) => (/^\d{14}$/.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}T${raw.slice(8, 10)}:${raw.slice(10, 12)}:${raw.slice(12, 14)}+09:00` : null);

  /** lookupDirect's first wave: this year and last, each with hblNo, mblNo and cargMtNo; an answer counts when its tCnt is not negative. */
  async function track(trackingNumber: string) {
    const base = `${t.base}/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo`; // the client's UNIPASS_API_URL
    const year = new Date().getFullYear();
    let answered = 0;
    for (const y of [year, year - 1]) {
      const events: { status: string; statusCode: number; datetime: string | null }[] = [];
      for (const param of ['hblNo', 'mblNo', 'cargMtNo']) {
        const xml = await fetch(`${base}?${new URLSearchParams({ crkyCn: 'TONGGWAN-DEMO-API001', blYy: String(y), [param]: trackingNumber })}`).then((r) => r.text());
        const root = new XMLParser({ parseTagValue: false }).parse(xml).cargCsclPrgsInfoQryRtnVo; // xml2js explicitArray: false
        if (root === undefined || Number(root.tCnt) < 0) continue;
        answered++;
        const rows = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
        for (const row of [...rows(root.cargCsclPrgsInfoDtlQryVo), ...rows(root.cargCsclPrgsInfoQryVo)]) {
          const status = row.csclPrgsStts || row.prgsStts || row.cargTrcnRelaBsopTpcd;
          if (status) events.push({ status, statusCode: normalizeCustomsStatus(status), datetime: kst(String(row.prcsDttm ?? '')) });
        }
      }
      if (events.length > 0) return { kind: 'found', answered, events: events.sort((a, b) => Date.parse(a.datetime!) - Date.parse(b.datetime!)) };
    }
    return { kind: answered > 0 ? 'empty' : 'unavailable', answered, events: [] };
  }

  it('finds a parcel by its house B/L in this year’s wave, its events in time order with the stages it derives', async () => {
    const r = await track('HRC1');
    expect(r.kind).toBe('found');
    expect(r.answered).toBe(2); // hblNo and mblNo answered; cargMtNo with a 4-character number is refused (tCnt -1), as UNI-PASS does
    expect(r.events.every((e) => e.datetime !== null)).toBe(true);
    const byStatus = Object.fromEntries(r.events.map((e) => [e.status, e.statusCode]));
    expect(byStatus).toMatchObject({ '입항보고 제출': 1, '입항보고 수리': 1, 반입신고: 2 });
    expect(r.events.slice(0, 3).map((e) => e.status)).toEqual(['입항보고 제출', '입항보고 수리', '반입신고']);
  });

  it('reads an unknown number as a confirmed empty answer, not as UNI-PASS being unavailable', async () => {
    expect(await track('NOSUCHBL0000')).toEqual({ kind: 'empty', answered: 4, events: [] });
  });
});

describe('API028 read by marketplace order checkers', () => {
  const API028 = 'persEcmQry/retrievePersEcm?crkyCn=TONGGWAN-DEMO-API028';

  /**
   * checkIndividualCustomUniqueCode (find_string id 30389893934, a seller tool): the name is put
   * into the URL as it is, xml2js parses, tCnt[0] === '1' means "통관가능(모두일치)".
   */
  async function sellerTool(name: string, phone: string): Promise<{ code: number; message: string }> {
    const response = xml2js(await get(`${API028}&persEcm=${pccc}&pltxNm=${name}&cralTelno=${phone.replaceAll('-', '')}`));
    if (response.persEcmQryRtnVo.tCnt[0] === '1') return { code: 1, message: '통관가능(모두일치)' };
    if (response.persEcmQryRtnVo.tCnt[0] === '0' && response.persEcmQryRtnVo.persEcmQryRtnErrInfoVo[0].errMsgCn[0].includes('납세의무자 휴대전화번호가 일치하지 않습니다.')) {
      return { code: 1, message: '수취인일치(전화번호불일치)' };
    }
    return { code: 3, message: '불일치' };
  }

  /** _classify_unipass_error of a validator citing guide v4.0 (find_string id 67253235867). */
  const classify = (m: string) => (m.includes('우편번호') ? 'zip' : m.includes('전화번호') ? 'phone' : m.includes('성명') || m.includes('납세의무자명') || m.includes('납세의무자(영문)명') ? 'name' : 'pccc');

  it('matches a consignee named in Latin letters against the holder’s English name (as UNI-PASS does since 2026-02-02)', async () => {
    // Overseas marketplaces hand forwarders Latin names; KCS checks them against the English name
    // the holder registered (KCS notice quoted at jkmanlab.com/elpisbbs/board.php?bo_table=notice&wr_id=117).
    // Before, only the Korean name matched: "HONG GILDONG" was a name mismatch.
    expect(await sellerTool('HONG GILDONG', '010-2222-3333')).toEqual({ code: 1, message: '통관가능(모두일치)' });
    expect(await sellerTool('Hong Gildong', '010-2222-3333')).toEqual({ code: 1, message: '통관가능(모두일치)' });
    expect(await sellerTool('홍길동', '010-2222-3333')).toEqual({ code: 1, message: '통관가능(모두일치)' });
    expect(await sellerTool('HONG GILDONG', '010-9999-0000')).toEqual({ code: 1, message: '수취인일치(전화번호불일치)' });
    const wrong = xml2js(await get(`${API028}&persEcm=${pccc}&pltxNm=KIM%20CHULSOO&cralTelno=01022223333`));
    expect(wrong.persEcmQryRtnVo.tCnt[0]).toBe('0');
    expect(wrong.persEcmQryRtnVo.persEcmQryRtnErrInfoVo.map((e: any) => classify(e.errMsgCn[0]))).toEqual(['name']);
  });

  it('a code carrying a NUL (%00) is refused naming persEcm (tCnt -1): not a failed check of the person, never asked of the database', async () => {
    // Was tCnt 0 with '납세의무자 개인통관고유부호가 존재하지 않습니다.': a statement about a code the request never carried readably.
    const r = xml2js(await get(`${API028}&persEcm=${pccc}%00&pltxNm=HONG%20GILDONG&cralTelno=01022223333`));
    expect(r.persEcmQryRtnVo.tCnt[0]).toBe('-1');
    expect(r.persEcmQryRtnVo.ntceInfo[0]).toMatch(/^개인통관고유부호\(persEcm\)는 쓸 수 없는 문자/);
    expect(r.persEcmQryRtnVo.persEcmQryRtnErrInfoVo).toBeUndefined();
  });
});

describe('API030 read by a duty calculator (find_string id 11577885544, “관세율 조회 API - Vercel 서버리스 함수”)', () => {
  /** Its reading of trrtQryRsltVo: A basic, C WTO, FTA rows of the import country's agreements. */
  async function tariff(hsCode: string, importCountry: string) {
    const xml = await get(`trrtQry/retrieveTrrt?crkyCn=TONGGWAN-DEMO-API030&hsSgn=${hsCode}`);
    const result = new XMLParser({ parseTagValue: false }).parse(xml); // xml2js explicitArray: false
    const countryFtaMapping: Record<string, string[]> = { US: ['FUS1'], DE: ['FEU1'], EU: ['FEU1'], CN: ['FCN1', 'FRCCN1'] };
    const applicable = countryFtaMapping[importCountry] || [];
    const data = result.trrtQryRtnVo.trrtQryRsltVo;
    const list = data === undefined ? [] : Array.isArray(data) ? data : [data];
    const rates: Record<string, { rate: number; description: string }> = {};
    const ftaRates: Record<string, { rate: number; name: string }> = {};
    for (const item of list) {
      const rate = parseFloat(item.trrt || 0);
      if (item.trrtTpcd === 'A') rates.basic = { rate, description: '기본세율' };
      else if (item.trrtTpcd === 'C') rates.wto = { rate, description: 'WTO 협정세율' };
      else if (String(item.trrtTpcd).startsWith('F') && applicable.includes(item.trrtTpcd)) ftaRates[item.trrtTpcd] = { rate, name: item.trrtTpNm };
    }
    let preferential = rates.wto || rates.basic;
    for (const fta of Object.values(ftaRates)) if (!preferential || fta.rate < preferential.rate) preferential = { rate: fta.rate, description: fta.name };
    return { basic: rates.basic, preferential, ftaRates, all: list };
  }

  it('finds the FTA rate of the goods’ agreement: a T-shirt from the US is 0 % under KORUS, 13 % basic', async () => {
    // data/tariff.json records KORUS/KOREU/KORUK 0 % for 6109; before, only the A row was answered,
    // so the calculator charged the basic 13 % to US-origin goods.
    const us = await tariff('6109101000', 'US');
    expect(us.basic).toEqual({ rate: 13, description: '기본세율' });
    expect(us.ftaRates).toEqual({ FUS1: { rate: 0, name: '한ㆍ미 FTA 협정세율(선택1)' } });
    expect(us.preferential).toEqual({ rate: 0, description: '한ㆍ미 FTA 협정세율(선택1)' });
    expect((await tariff('6109101000', 'DE')).ftaRates).toEqual({ FEU1: { rate: 0, name: '한ㆍEU FTA협정세율(선택1)' } });
    // the rows, one per rate type, names as UNI-PASS returns them (find_string id 70854401049, RATE_KINDS)
    expect(us.all.map((r: any) => [r.hsSgn, r.trrtTpcd, r.trrtTpNm, r.trrt])).toEqual([
      ['6109101000', 'A', '기본세율', '13'],
      ['6109101000', 'FEU1', '한ㆍEU FTA협정세율(선택1)', '0'],
      ['6109101000', 'FGB1', '한ㆍ영국 FTA협정세율(선택1)', '0'],
      ['6109101000', 'FUS1', '한ㆍ미 FTA 협정세율(선택1)', '0'],
    ]);
  });

  it('answers the basic rate alone where no FTA rate is recorded (honey 0409), and filters by trrtTpcd', async () => {
    const honey = await tariff('0409000000', 'US');
    expect(honey.all.map((r: any) => r.trrtTpcd)).toEqual(['A']);
    expect(honey.preferential).toEqual({ rate: 243, description: '기본세율' });
    const only = new XMLParser({ parseTagValue: false }).parse(await get('trrtQry/retrieveTrrt?crkyCn=TONGGWAN-DEMO-API030&hsSgn=6109101000&trrtTpcd=FUS1'));
    expect(only.trrtQryRtnVo.tCnt).toBe('1');
    expect(only.trrtQryRtnVo.trrtQryRsltVo.trrtTpcd).toBe('FUS1');
  });
});

describe('API018 read by HS lookup clients', () => {
  const search = (q: string) => get(`hsSgnQry/searchHsSgn?crkyCn=TONGGWAN-DEMO-API018&${q}`);

  it('repeats a code once per rate type, as UNI-PASS does, and the clients’ reading of that holds', async () => {
    const xml = await search('hsSgn=6109101000&koenTp=1');
    // getCodeSigns of a Flutter app (find_string id 47735165483): every txtpSgn of the code's rows
    // (a list: its XML-to-map step yields a list only for a repeated element).
    const rows = xml2js(xml).hsSgnSrchRtnVo.hsSgnSrchRsltVo;
    expect(rows.map((item: any) => item.txtpSgn[0] ?? '')).toEqual(['A', 'FEU1', 'FGB1', 'FUS1']);
    // search_hs_codes of a forwarding tool (find_string id 69171766739): "같은 HS부호가 세율 종류만큼
    // 반복돼 오므로 부호 기준으로 한 번만 담습니다" — one item per code, names from the first row.
    const items = new Map<string, { name: string; name_en: string; weight_unit: string }>();
    for (const row of rows) if (!items.has(row.hsSgn[0])) items.set(row.hsSgn[0], { name: row.korePrnm[0], name_en: row.englPrnm[0], weight_unit: row.wghtUt[0] });
    expect([...items]).toEqual([['6109101000', { name: '티셔츠', name_en: 'T-shirts', weight_unit: 'KG' }]]);
    expect(xml).toContain('<tCnt>4</tCnt>');
  });
});

describe('API012 read by an exchange-rate provider (find_string id 68982892710, “환율 제공자”)', () => {
  it('gets each currency’s rate and its English unit name (화폐단위명), as UNI-PASS gives them', async () => {
    // fetch_unipass_rates / fetch_currency_names: rates by currSgn; names from mtryUtNm, which it
    // calls "관세청 응답의 영문 단위명" (the English unit names of the answer). The KCS spec's sample
    // is "UAE Dirham" (data.go.kr 15101230); clients' copies show "US Dollar" (id 52026040305).
    // Before, Tonggwan answered the Korean names ("미국 달러").
    const xml = await get('trifFxrtInfoQry/retrieveTrifFxrtInfo?crkyCn=TONGGWAN-DEMO-API012&qryYymmDd=20261203&imexTp=2');
    const rows = xml2js(xml).trifFxrtInfoQryRtnVo.trifFxrtInfoQryRsltVo as any[];
    const rates: Record<string, number> = {};
    const names: Record<string, string> = {};
    for (const row of rows) {
      const code = String(row.currSgn?.[0] ?? '').trim().toUpperCase();
      const value = String(row.fxrt?.[0] ?? '').trim();
      if (code.length === 3 && value) rates[code] = parseFloat(value);
      names[code] = String(row.mtryUtNm?.[0] ?? '').trim() || code;
    }
    expect(rates.USD).toBeGreaterThan(1000);
    expect(names.USD).toBe('US Dollar');
    for (const name of Object.values(names)) expect(name).toMatch(/^[A-Za-z][A-Za-z .()-]*$/);
  });
});
