// Korean in the query string of the UNI-PASS-compatible API, over a real connection to the running
// platform (node:net: fetch and curl percent-encode for us, so they cannot send what some UNI-PASS
// clients send). README "Korean in the query string":
// - Korean sent raw (UTF-8 bytes, not percent-encoded) is refused by Node's HTTP parser before the
//   platform sees it; the platform's answer to the refusal is the UNI-PASS error form (was: JSON 400);
// - percent-encoded UTF-8 is read;
// - a value whose percent-encoding is not UTF-8 (EUC-KR) is named in the UNI-PASS error form (was: read
//   as the text "%B1%E8…", so API028 answered a name mismatch about a real person).
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../../../test/support/test-platform.ts';
import { rawRequest, requestLine, type RawAnswer } from '../../../test/support/raw-http.ts';
import { NOTICE, undecodableNotice } from './messages.ts';

let t: TestPlatform;
let holder: string; // PCCC of 김민지
beforeAll(async () => {
  t = await startTestPlatform();
  const officer = await t.officer('officer-kq');
  const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: '김민지', phone: '010-2222-3333', postcodes: ['04524'] } });
  expect(issued.status).toBe(201);
  holder = issued.body.pccc;
});
afterAll(async () => t?.close());

/** One request written byte for byte (`target` as given: raw UTF-8 stays raw), the answer read to the connection's end. */
async function rawGet(target: Buffer | string, method = 'GET'): Promise<RawAnswer> {
  const a = await rawRequest(t.base, requestLine(method, target));
  if (method !== 'HEAD') expect(Buffer.byteLength(a.body)).toBe(Number(a.headers['content-length'])); // the whole answer, as announced
  return a;
}

const API028 = '/ext/rest/persEcmQry/retrievePersEcm';
const API018 = '/ext/rest/hsSgnQry/searchHsSgn';
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'hsSgnSrchRsltVo' || name === 'persEcmQryRtnErrInfoVo' });
const xml = (a: RawAnswer, root: string) => {
  expect(a.headers['content-type']).toBe('application/xml;charset=UTF-8');
  return parser.parse(a.body)[root];
};
const errorForm = (root: string, notice: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${root}><ntceInfo>${notice}</ntceInfo><tCnt>-1</tCnt></${root}>`;
/** The EUC-KR bytes of 김민지 (B1E8 B9CE C1F6) and 티셔츠 (C6BC BCC5 C3F7), percent-encoded. */
const EUC_KR = { 김민지: '%B1%E8%B9%CE%C1%F6', 티셔츠: '%C6%BC%BC%C5%C3%F7' };

describe('API028 with a Korean name', () => {
  const ask = (name: string) => `${API028}?crkyCn=TONGGWAN-DEMO-API028&persEcm=${holder}&pltxNm=${name}&cralTelno=01022223333`;

  it('percent-encoded UTF-8 (김민지 = EA B9 80, EB AF BC, EC A7 80): read, the holder matches (tCnt 1)', async () => {
    const a = await rawGet(ask(encodeURIComponent('김민지')));
    expect(a.status).toBe(200);
    expect(a.body).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><persEcmQryRtnVo><tCnt>1</tCnt></persEcmQryRtnVo>');
    // another name is a mismatch (tCnt 0): the name was read, not ignored
    const other = xml(await rawGet(ask(encodeURIComponent('김철수'))), 'persEcmQryRtnVo');
    expect(other.tCnt).toBe('0');
    expect(other.persEcmQryRtnErrInfoVo.map((e: { errMsgCn: string }) => e.errMsgCn)).toEqual(['개인통관고유부호의 성명과 일치하지 않습니다.']);
  });

  it('raw UTF-8 bytes: Node refuses the request line; the answer is the UNI-PASS error form under API028’s root (200, tCnt -1), not JSON', async () => {
    const a = await rawGet(Buffer.from(ask('김민지'), 'utf8'));
    expect(a.status).toBe(200);
    expect(a.body).toBe(errorForm('persEcmQryRtnVo', NOTICE.unencodedUrl));
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.headers.connection).toBe('close');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    // HEAD: the same status and headers, no body
    const head = await rawGet(Buffer.from(ask('김민지'), 'utf8'), 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('EUC-KR, percent-encoded: not UTF-8 (B1 cannot start a UTF-8 character), refused naming pltxNm; was a name mismatch (tCnt 0)', async () => {
    const a = await rawGet(ask(EUC_KR.김민지));
    expect(a.status).toBe(200);
    expect(a.body).toBe(errorForm('persEcmQryRtnVo', undecodableNotice('pltxNm')));
    expect(undecodableNotice('pltxNm')).toMatch(/^납세의무자성명\(pltxNm\)은 UTF-8로 읽을 수 없는 값입니다/);
  });

  it('the key is checked first: an undecodable name with no key answers the missing key', async () => {
    const a = await rawGet(`${API028}?persEcm=${holder}&pltxNm=${EUC_KR.김민지}&cralTelno=01022223333`);
    expect(a.body).toBe(errorForm('persEcmQryRtnVo', NOTICE.missingKey));
  });
});

describe('API018 with a Korean search term', () => {
  const ask = (term: string) => `${API018}?crkyCn=TONGGWAN-DEMO-API018&koenTp=1&prnm=${term}`;

  it('percent-encoded UTF-8 티셔츠: found under 6109 (T-shirts)', async () => {
    const r = xml(await rawGet(ask(encodeURIComponent('티셔츠'))), 'hsSgnSrchRtnVo');
    expect(Number(r.tCnt)).toBeGreaterThan(0);
    expect(r.hsSgnSrchRsltVo.some((row: { hsSgn: string }) => row.hsSgn.startsWith('6109'))).toBe(true);
  });

  it('raw UTF-8 티셔츠, and a raw space: the UNI-PASS error form under API018’s root', async () => {
    for (const target of [Buffer.from(ask('티셔츠'), 'utf8'), Buffer.from(ask('t shirt'), 'latin1')]) {
      const a = await rawGet(target);
      expect(a.status).toBe(200);
      expect(a.body).toBe(errorForm('hsSgnSrchRtnVo', NOTICE.unencodedUrl));
    }
  });

  it('EUC-KR 티셔츠 percent-encoded: refused naming prnm (was: searched for the text "%C6%BC…", tCnt 0)', async () => {
    const a = await rawGet(ask(EUC_KR.티셔츠));
    expect(a.body).toBe(errorForm('hsSgnSrchRtnVo', undecodableNotice('prnm')));
  });
});

describe('outside the served UNI-PASS paths', () => {
  it('raw UTF-8 to /api keeps the platform’s JSON refusal (400 MALFORMED_REQUEST); to a UNI-PASS path not served, the UNI-PASS form under unipassRtnVo (400)', async () => {
    const a = await rawGet(Buffer.from('/api/v1/estimate?q=김', 'utf8'));
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body).error.code).toBe('MALFORMED_REQUEST');
    const b = await rawGet(Buffer.from('/ext/rest/unknownQry/retrieveUnknown?x=김', 'utf8'));
    expect(b.status).toBe(400);
    expect(b.body).toBe(errorForm('unipassRtnVo', NOTICE.unencodedUrl));
  });
});
