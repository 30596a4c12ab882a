// UNI-PASS-compatible Open API: existing UNI-PASS clients work against Tonggwan by changing
// only the base URL (https://unipass.customs.go.kr:38010/ext/rest → <tonggwan>/ext/rest).
// Conventions and their sources: ./README.md and domain-rules §7.
//
// Register without fastify-plugin, so the error handler below stays inside this prefix:
//   app.register(unipassRoutes, { prefix: '/ext/rest', ports })

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UnipassApi, UnipassPorts } from './ports.ts';
import type { XmlNode } from './xml.ts';
import { renderXml } from './xml.ts';
import { NOTICE, undecodableNotice, unusableTextNotice } from './messages.ts';
import { isStorableText } from '../../domain/unusable-text.ts';
import { decodeQuery } from './query.ts';
import {
  param,
  parseCargoQuery,
  parseExchangeRateQuery,
  parseHsQuery,
  parsePcccQuery,
  parseTariffQuery,
} from './params.ts';
import {
  EXCHANGE_RATE_FIELDS,
  HS_FIELDS,
  PATH,
  ROOT,
  TARIFF_FIELDS,
  UNKNOWN_ROOT,
  cargoDoc,
  errorDoc,
  listDoc,
  pcccDoc,
} from './render.ts';
import { EXAMPLES } from './examples.ts';
import { routeRateLimit, UNIPASS_LOOKUPS_PER_KEY, UNIPASS_PCCC_CHECKS_PER_KEY, UNIPASS_WRONG_KEYS_PER_ADDRESS, type UnipassLimits } from './limits.ts';

export type { UnipassPorts } from './ports.ts';
export { searchHsFromIndex } from './hs-port.ts';
export type { UnipassLimits } from './limits.ts';

export interface UnipassRoutesOptions {
  ports: UnipassPorts;
  /** Clock for API012's default date (today in Korea). Defaults to the system clock. */
  now?: () => Date;
  /**
   * Per-key and per-address limits (limits.ts), counted by @fastify/rate-limit, which the parent
   * must have registered (src/http/app.ts). Absent or null: none (tests, bench).
   */
  limits?: UnipassLimits | null;
}

export const CONTENT_TYPE = 'application/xml;charset=UTF-8';

/**
 * What each query parameter is and takes, for the OpenAPI document (/api/docs): the parameters were
 * listed there as bare strings, so a client reading the document alone could not know that
 * qryYymmDd is YYYYMMDD or imexTp 1 or 2. The API's own key (crkyCn) is described per API.
 */
const PARAM_DOC: Readonly<Record<string, string>> = {
  cargMtNo: '화물관리번호 (cargo management number): 15 characters or more, e.g. 26TGW0000000027. Or give mblNo or hblNo with blYy',
  mblNo: 'Master B/L번호, with blYy. Several parcels under it: one summary row each, ntceInfo [N00] …; ask each by cargMtNo',
  hblNo: 'House B/L번호, with blYy',
  blYy: 'BL년도 (the B/L year): YYYY, e.g. 2026; with mblNo or hblNo',
  qryYymmDd: '조회일자: YYYYMMDD, e.g. 20261207; the rates of the week holding that day. Absent: today in Korea',
  imexTp: '수출입구분: 1 수출 (export) or 2 수입 (import)',
  hsSgn: 'HS부호: up to 10 digits, dots and hyphens ignored (6109.10-1000). API018: hsSgn or prnm; the codes starting with them, at most 1,000 codes in code order (a shorter prefix holding more, e.g. 84: ask longer prefixes), each once per rate type. API030: the code’s rates, then those of the tariff’s longer codes under it',
  koenTp: '한영구분: 1 한글 (Korean) or 2 영문 (English); both names are filled either way',
  prnm: '품명: a product name searched in Korean and English, percent-encoded UTF-8 (티셔츠: %ED%8B%B0%EC%85%94%EC%B8%A0); instead of or besides hsSgn; at most 100 codes, best match first',
  persEcm: '개인통관고유부호 (PCCC): P and 12 digits',
  pltxNm: '납세의무자성명: the holder’s Korean name or registered English name, percent-encoded UTF-8 (김민지: %EA%B9%80%EB%AF%BC%EC%A7%80)',
  cralTelno: '휴대전화번호: the holder’s mobile number, hyphens ignored (010-1234-5678)',
  custPsno: '우편번호 (optional): the holder’s 5-digit postcode, checked when given',
  trrtTpcd: '관세율구분 (optional): only rows of this rate type, e.g. A (기본세율), FUS1, FEU1, FGB1',
};
const keyDoc = (api: UnipassApi): string =>
  `인증키 (the API key): an operator's API key (tgk_…), or in demo mode TONGGWAN-DEMO-${api} (another API's demo key is refused: 존재하지 않는 인증키입니다.)`;

interface RouteSpec {
  api: UnipassApi;
  path: string;
  summary: string;
  params: string[];
  /** The parameters an answer cannot do without (documentation; a missing one is answered in the UNI-PASS form). */
  required: string[];
  /** Parameters read besides `params` (not documented: aliases). */
  alsoReads?: string[];
  /** What the answer holds besides the common ntceInfo/tCnt (documentation). */
  rows: string;
  /** Answer for a request whose key has been checked. */
  answer(query: unknown): Promise<XmlNode>;
}

function routeSpecs(ports: UnipassPorts, now: () => Date): RouteSpec[] {
  return [
    {
      api: 'API001',
      rows: 'one hit: `cargCsclPrgsInfoQryVo` (the cargo summary), then tCnt = the number of `cargCsclPrgsInfoDtlQryVo` events (newest first); several hits (by B/L): ntceInfo `[N00] 조회 결과가 다건입니다…`, one `cargCsclPrgsInfoQryVo` per hit (only the identifying elements filled), tCnt = hits; none: tCnt 0',
      path: PATH.API001,
      summary: 'API001 화물통관진행정보 (cargo clearance progress)',
      params: ['cargMtNo', 'mblNo', 'hblNo', 'blYy'],
      required: ['crkyCn'],
      async answer(query) {
        const q = parseCargoQuery(query);
        if (!q.ok) return errorDoc(ROOT.API001, q.notice);
        return cargoDoc(await ports.findCargoProgress(q.value));
      },
    },
    {
      api: 'API012',
      rows: 'tCnt = the number of `trifFxrtInfoQryRsltVo` rows {cntySgn, mtryUtNm, fxrt, currSgn, aplyBgnDt, imexTp}: the week’s customs exchange rates',
      path: PATH.API012,
      summary: 'API012 관세환율 (customs exchange rates)',
      params: ['qryYymmDd', 'imexTp'],
      required: ['crkyCn', 'imexTp'],
      async answer(query) {
        const q = parseExchangeRateQuery(query, now());
        if (!q.ok) return errorDoc(ROOT.API012, q.notice);
        const rows = await ports.exchangeRates(q.value);
        return listDoc(ROOT.API012, 'trifFxrtInfoQryRsltVo', EXCHANGE_RATE_FIELDS, rows);
      },
    },
    {
      api: 'API018',
      rows: 'tCnt = the number of `hsSgnSrchRsltVo` rows {qtyUt, hsSgn, wghtUt, englPrnm, txrt, korePrnm, txtpSgn} (0: no match)',
      path: PATH.API018,
      summary: 'API018 HS부호 검색 (HS code search)',
      params: ['hsSgn', 'koenTp', 'prnm'],
      required: ['crkyCn', 'koenTp'],
      async answer(query) {
        const q = parseHsQuery(query);
        if (!q.ok) return errorDoc(ROOT.API018, q.notice);
        const rows = await ports.searchHs(q.value);
        return listDoc(ROOT.API018, 'hsSgnSrchRsltVo', HS_FIELDS, rows);
      },
    },
    {
      api: 'API028',
      rows: 'match: `<tCnt>1</tCnt>` alone (no ntceInfo); mismatch: ntceInfo, tCnt 0 and one `persEcmQryRtnErrInfoVo` per reason, each with its `errMsgCn`',
      path: PATH.API028,
      summary: 'API028 개인통관고유부호 검증 (PCCC check)',
      params: ['persEcm', 'pltxNm', 'cralTelno', 'custPsno'],
      required: ['crkyCn', 'persEcm', 'pltxNm', 'cralTelno'],
      alsoReads: ['cphoneNo'],
      async answer(query) {
        const q = parsePcccQuery(query);
        if (!q.ok) return errorDoc(ROOT.API028, q.notice);
        return pcccDoc(await ports.pcccCheck(q.value));
      },
    },
    {
      api: 'API030',
      rows: 'tCnt = the number of `trrtQryRsltVo` rows {basePrc, hsSgn, prutXamt, trrtTpcd, trrtTpNm, aplyEndDt, aplyStrtDt, trrt} (with trrtTpcd, only that rate type)',
      path: PATH.API030,
      summary: 'API030 관세율 기본조회 (tariff rates)',
      params: ['hsSgn', 'trrtTpcd'],
      required: ['crkyCn', 'hsSgn'],
      async answer(query) {
        const q = parseTariffQuery(query);
        if (!q.ok) return errorDoc(ROOT.API030, q.notice);
        const rows = await ports.tariffRates({ hsSgn: q.value.hsSgn });
        const wanted = q.value.trrtTpcd;
        const kept = wanted === undefined ? rows : rows.filter((r) => r.trrtTpcd === wanted);
        return listDoc(ROOT.API030, 'trrtQryRsltVo', TARIFF_FIELDS, kept);
      },
    },
  ];
}

/** The answer every route gives (documentation): XML, HTTP 200 also for errors, as UNI-PASS; a rate limit's refusal: xmlRateLimited. */
function xmlAnswer(spec: RouteSpec) {
  const root = ROOT[spec.api];
  return {
    description:
      `UNI-PASS XML (${CONTENT_TYPE}), HTTP 200 for errors too, as UNI-PASS answers (save a rate limit's refusal, 429). Root element \`${root}\`. ${spec.rows}. ` +
      `Errors: \`<${root}><ntceInfo>why, in Korean</ntceInfo><tCnt>-1</tCnt></${root}>\` — no or a blank crkyCn (인증키(crkyCn)는 필수입력입니다.), a key unknown or of another API (존재하지 않는 인증키입니다.), ` +
      'a missing or malformed parameter (<label>(<param>)은/는 필수입력입니다. and the like), a value whose percent-encoding is not UTF-8, EUC-KR for one (<label>(<param>)은/는 UTF-8로 읽을 수 없는 값입니다…), a value with a NUL (%00: <label>(<param>)은/는 쓸 수 없는 문자…), and an internal failure (시스템 오류가 발생했습니다…). A request refused before the API reads it is answered in this form too, the connection closed where Node refused it: Korean or a space sent raw, not percent-encoded (요청 URL에 인코딩되지 않은 문자…), a request line over 16 KB, a bad percent-escape, another method than GET, a body announced (Expect: 100-continue) over 64 MB, a request that did not all arrive in time (요청이 제한 시간 안에 모두 도착하지 않아…). Paths under /ext/rest of UNI-PASS APIs not served (or unreadable) answer the same form under `unipassRtnVo` with HTTP 404 (400, 408, 413, 431 when unreadable). Over a rate limit: 429, see there.',
    content: {
      'application/xml': {
        schema: { type: 'string', description: `an XML document, root \`${root}\`` },
        examples: {
          answer: { summary: 'A real answer', value: EXAMPLES[spec.api] },
          error: { summary: 'A refusal (here API030 without crkyCn): ntceInfo, tCnt -1', value: EXAMPLES.error },
        },
      },
    },
  };
}

/** The refusal of a request over a rate limit (documentation). */
function xmlRateLimited(spec: RouteSpec, limits: UnipassLimits | null | undefined) {
  const root = ROOT[spec.api];
  // 0 turns the per-key limit off (limits.ts): published as none, not as "0 a minute"
  const [figure, env, what] =
    spec.api === 'API028'
      ? [limits?.pcccChecksPerKey ?? UNIPASS_PCCC_CHECKS_PER_KEY, 'UNIPASS_PCCC_RATE_LIMIT', 'checks']
      : [limits?.lookupsPerKey ?? UNIPASS_LOOKUPS_PER_KEY, 'UNIPASS_RATE_LIMIT', 'requests'];
  const perKey = `${spec.api === 'API028' ? 'API028: ' : ''}${figure > 0 ? `${figure} ${what} a minute per key (${env})` : `no limit per key (${env}=0)`}`;
  return {
    description:
      `Over a rate limit: ${perKey}; or, without a key or with a wrong one, ${limits?.wrongKeysPerAddress ?? UNIPASS_WRONG_KEYS_PER_ADDRESS} a minute per client address (UNIPASS_WRONG_KEY_RATE_LIMIT), after which the address is refused whatever key it sends until the minute is over. ` +
      `HTTP 429 with Retry-After (seconds) and the UNI-PASS error form \`<${root}><ntceInfo>${NOTICE.rateLimited}</ntceInfo><tCnt>-1</tCnt></${root}>\`: ` +
      'not 200 as UNI-PASS errors are, so that no client takes it for an answer (an API028 client reading only tCnt would see a failed check) and HTTP clients back off; clients that parse the body find the usual form.',
    headers: { 'retry-after': { description: 'Seconds until the window is over', schema: { type: 'integer' } } },
    content: {
      'application/xml': {
        schema: { type: 'string', description: `an XML document, root \`${root}\`` },
        examples: { refusal: { summary: 'Over the limit: ntceInfo, tCnt -1', value: renderXml(errorDoc(root, NOTICE.rateLimited)) } },
      },
    },
  };
}

function sendXml(reply: FastifyReply, doc: XmlNode, status: 200 | 429 = 200): FastifyReply {
  // UNI-PASS answers errors with HTTP 200 too (domain-rules §7.1), save a rate limit's (xmlRateLimited);
  // PCCC answers are personal data
  return reply.code(status).header('cache-control', 'no-store').type(CONTENT_TYPE).send(renderXml(doc));
}

export async function unipassRoutes(app: FastifyInstance, opts: UnipassRoutesOptions): Promise<void> {
  const { ports } = opts;
  const now = opts.now ?? (() => new Date());
  const specs = routeSpecs(ports, now);
  const rootByPath = new Map<string, string>(specs.map((s) => [s.path, ROOT[s.api]]));
  // the key checks of the rate limits' hook, for the handler (limits.ts)
  const checked = new WeakMap<FastifyRequest, boolean>();
  const keyOf = (request: FastifyRequest) => param(request.query, 'crkyCn');
  // the parameters whose values are not UTF-8 (query.ts), for the handler
  const undecodable = new WeakMap<FastifyRequest, ReadonlySet<string>>();
  // the parameters one of whose values PostgreSQL cannot store (NUL, %00), for the handler: /api refuses
  // them at its boundary (unusable-values.ts, which skips /ext/); here the route names them in its XML form
  const unusable = new WeakMap<FastifyRequest, ReadonlySet<string>>();

  // The query decoded strictly as UTF-8 in place of Fastify's, which keeps an undecodable value as it
  // came (an EUC-KR name reached API028 as "%B1%E8…" and was answered as a mismatch). First of the
  // hooks: the rate limits' key (keyOf) and the handler read this one.
  app.addHook('onRequest', async (request) => {
    const decoded = decodeQuery(request.url);
    request.query = decoded.query;
    if (decoded.undecodable.size > 0) undecodable.set(request, decoded.undecodable);
    const unstorable = Object.entries(decoded.query)
      .filter(([, v]) => (Array.isArray(v) ? v : [v]).some((x) => !isStorableText(x)))
      .map(([k]) => k);
    if (unstorable.length > 0) unusable.set(request, new Set(unstorable));
  });

  // anything unexpected (a port that throws, a parser error) still answers in UNI-PASS form; so does
  // a rate limit's refusal (@fastify/rate-limit throws it with its Retry-After already set)
  app.setErrorHandler((error, request, reply) => {
    const url = request.routeOptions.url ?? '';
    const root = [...rootByPath].find(([path]) => url.endsWith(path))?.[1] ?? UNKNOWN_ROOT;
    if ((error as { statusCode?: number }).statusCode === 429) return sendXml(reply, errorDoc(root, NOTICE.rateLimited), 429);
    request.log.error({ err: error }, 'UNI-PASS-compatible API failed');
    return sendXml(reply, errorDoc(root, NOTICE.systemError));
  });

  for (const spec of specs) {
    const querystring = {
      type: 'object',
      properties: Object.fromEntries(['crkyCn', ...spec.params].map((p) => [p, { type: 'string', description: p === 'crkyCn' ? keyDoc(spec.api) : PARAM_DOC[p] }])),
      required: spec.required,
      additionalProperties: true,
    };
    app.get(
      spec.path,
      {
        // documentation only: validation failures (e.g. a repeated parameter) are handled below
        // security: [] — these routes use the per-API key in crkyCn, not the platform's bearer token
        schema: { summary: spec.summary, tags: ['UNI-PASS compatible'], security: [], querystring },
        config: {
          ...(opts.limits ? { rateLimit: routeRateLimit(spec.api, opts.limits, ports, keyOf, checked) } : {}),
          docResponses: { 200: xmlAnswer(spec), 429: xmlRateLimited(spec, opts.limits) },
        },
        attachValidation: true,
        // API028 URLs carry a name and a phone number: keep them out of the access log
        ...(spec.api === 'API028' ? { logLevel: 'warn' as const } : {}),
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const root = ROOT[spec.api];
        const key = keyOf(request);
        if (key === undefined) return sendXml(reply, errorDoc(root, NOTICE.missingKey));
        // a key with a NUL is named before it is looked up (no key holds one)
        const unusableHere = unusable.get(request);
        if (unusableHere?.has('crkyCn')) return sendXml(reply, errorDoc(root, unusableTextNotice('crkyCn')));
        if (!(checked.get(request) ?? (await ports.isValidKey(spec.api, key)))) return sendXml(reply, errorDoc(root, NOTICE.invalidKey));
        // then the parameters: one the route reads that cannot be read (not UTF-8) or stored (a NUL) is
        // named, never taken as it came (a NUL reached the ports, and PostgreSQL refuses it in text)
        const unread = undecodable.get(request);
        const read = [...spec.params, ...(spec.alsoReads ?? [])];
        const first = read.find((p) => unread?.has(p) || unusableHere?.has(p));
        if (first) return sendXml(reply, errorDoc(root, unread?.has(first) ? undecodableNotice(first) : unusableTextNotice(first)));
        return sendXml(reply, await spec.answer(request.query));
      },
    );
  }
}
