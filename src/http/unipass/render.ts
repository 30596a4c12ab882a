// Answers as UNI-PASS writes them: root elements, element names and element order as in
// captured responses (sources per constant). Clients read by name, a few by position, so the
// order is kept even where it looks arbitrary (it is the order the live server emits).

import type { CargoProgress, CargoProgressEvent, ExchangeRateRow, HsRow, TariffRateRow, XmlText } from './ports.ts';
import type { XmlNode } from './xml.ts';
import { NOTICE } from './messages.ts';

export const ROOT = {
  API001: 'cargCsclPrgsInfoQryRtnVo',
  API012: 'trifFxrtInfoQryRtnVo',
  API018: 'hsSgnSrchRtnVo',
  API028: 'persEcmQryRtnVo',
  API030: 'trrtQryRtnVo',
} as const;

/** The root of an error answered where no API served can be named (a path not served, or unreadable: client-error.ts). Tonggwan's [UNCERTAIN]. */
export const UNKNOWN_ROOT = 'unipassRtnVo';

/** The paths of the APIs served, under the prefix (/ext/rest), as UNI-PASS's. */
export const PATH = {
  API001: '/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo',
  API012: '/trifFxrtInfoQry/retrieveTrifFxrtInfo',
  API018: '/hsSgnQry/searchHsSgn',
  API028: '/persEcmQry/retrievePersEcm',
  API030: '/trrtQry/retrieveTrrt',
} as const;

/** cargCsclPrgsInfoQryVo children in captured order (node-unipass fixtures/*.xml, all 8 agree). */
export const CARGO_SUMMARY_FIELDS = [
  'csclPrgsStts', 'vydf', 'rlseDtyPridPassTpcd', 'prnm', 'ldprCd', 'shipNat', 'blPt', 'dsprNm', 'etprDt',
  'prgsStCd', 'msrm', 'wghtUt', 'dsprCd', 'cntrGcnt', 'cargTp', 'shcoFlcoSgn', 'pckGcnt', 'etprCstm', 'shipNm',
  'hblNo', 'prcsDttm', 'frwrSgn', 'spcnCargCd', 'ttwg', 'ldprNm', 'frwrEntsConm', 'dclrDelyAdtxYn',
  'mtTrgtCargYnNm', 'cargMtNo', 'cntrNo', 'mblNo', 'blPtNm', 'lodCntyCd', 'prgsStts', 'shcoFlco', 'pckUt',
  'shipNatNm', 'agnc',
] as const satisfies readonly Exclude<keyof CargoProgress, 'events'>[];

/**
 * In a multi-hit ([N00]) answer UNI-PASS fills only these summary elements and leaves the
 * others empty (node-unipass fixtures/multiple-results.xml, 1,211 rows).
 */
export const CARGO_MULTI_HIT_FIELDS: ReadonlySet<string> = new Set([
  'cargMtNo', 'mblNo', 'hblNo', 'etprDt', 'dsprCd', 'dsprNm', 'shcoFlcoSgn', 'shcoFlco',
]);

/** cargCsclPrgsInfoDtlQryVo children in captured order (node-unipass fixtures). */
export const CARGO_EVENT_FIELDS = [
  'shedNm', 'prcsDttm', 'dclrNo', 'rlbrDttm', 'wght', 'rlbrBssNo', 'bfhnGdncCn', 'wghtUt', 'pckGcnt',
  'cargTrcnRelaBsopTpcd', 'pckUt', 'rlbrCn', 'shedSgn',
] as const satisfies readonly (keyof CargoProgressEvent)[];

/**
 * trifFxrtInfoQryRsltVo children. Order of a client's test copy of a live answer (find_string
 * id 65740530309), the same order another client lists as "실측" (id 67450348335). [code]
 */
export const EXCHANGE_RATE_FIELDS = [
  'cntySgn', 'mtryUtNm', 'fxrt', 'currSgn', 'aplyBgnDt', 'imexTp',
] as const satisfies readonly (keyof ExchangeRateRow)[];

/** hsSgnSrchRsltVo children, order of the same client copy (id 65740530309) [UNCERTAIN: one source]. */
export const HS_FIELDS = [
  'qtyUt', 'hsSgn', 'wghtUt', 'englPrnm', 'txrt', 'korePrnm', 'txtpSgn',
] as const satisfies readonly (keyof HsRow)[];

/**
 * trrtQryRsltVo children, order of the same client copy (id 65740530309) [UNCERTAIN: one source];
 * basePrc and prutXamt are reported by two clients (ids 65740530309, 67450348335).
 */
export const TARIFF_FIELDS = [
  'basePrc', 'hsSgn', 'prutXamt', 'trrtTpcd', 'trrtTpNm', 'aplyEndDt', 'aplyStrtDt', 'trrt',
] as const satisfies readonly (keyof TariffRateRow)[];

function fields<T extends object>(row: T, names: readonly string[], keep?: ReadonlySet<string>): XmlNode[] {
  const values = row as Record<string, unknown>;
  return names.map((name): XmlNode => {
    const v = keep && !keep.has(name) ? '' : values[name];
    return [name, typeof v === 'string' || typeof v === 'number' ? (v as XmlText) : ''];
  });
}

/** Every error: `<root><ntceInfo>…</ntceInfo><tCnt>-1</tCnt></root>` (fixtures missing-key, invalid-key, missing-reference). */
export function errorDoc(root: string, notice: string): XmlNode {
  return [root, [['ntceInfo', notice], ['tCnt', -1]]];
}

/** `prcsDttm` descending, stable: events of the same second keep the port's order (as captured). */
function newestFirst(events: readonly CargoProgressEvent[]): CargoProgressEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const x = String(a.e.prcsDttm ?? '');
      const y = String(b.e.prcsDttm ?? '');
      return x < y ? 1 : x > y ? -1 : a.i - b.i;
    })
    .map(({ e }) => e);
}

/**
 * API001. 0 hits: empty ntceInfo, tCnt 0. 1 hit: summary, tCnt = number of events, events
 * newest first. Several: [N00] notice, one compact summary per hit, then tCnt = hits, no
 * events (fixtures/multiple-results.xml puts tCnt after the rows).
 */
export function cargoDoc(hits: readonly CargoProgress[]): XmlNode {
  const root = ROOT.API001;
  if (hits.length === 0) return [root, [['ntceInfo', ''], ['tCnt', 0]]];
  if (hits.length === 1) {
    const hit = hits[0]!;
    const events = newestFirst(hit.events ?? []);
    return [
      root,
      [
        ['ntceInfo', ''],
        ['cargCsclPrgsInfoQryVo', fields(hit, CARGO_SUMMARY_FIELDS)],
        ['tCnt', events.length],
        ...events.map((e): XmlNode => ['cargCsclPrgsInfoDtlQryVo', fields(e, CARGO_EVENT_FIELDS)]),
      ],
    ];
  }
  return [
    root,
    [
      ['ntceInfo', NOTICE.multipleCargo],
      ...hits.map((h): XmlNode => ['cargCsclPrgsInfoQryVo', fields(h, CARGO_SUMMARY_FIELDS, CARGO_MULTI_HIT_FIELDS)]),
      ['tCnt', hits.length],
    ],
  ];
}

/**
 * Lists (API012, API018, API030): `<root><ntceInfo></ntceInfo><tCnt>n</tCnt><row>…</row>*</root>`,
 * the layout of clients' copies of live answers (find_string id 69130108547).
 */
export function listDoc<T extends object>(root: string, rowName: string, names: readonly string[], rows: readonly T[]): XmlNode {
  return [root, [['ntceInfo', ''], ['tCnt', rows.length], ...rows.map((r): XmlNode => [rowName, fields(r, names)])]];
}

/**
 * API028. Match: `<persEcmQryRtnVo><tCnt>1</tCnt></persEcmQryRtnVo>`, exactly a live answer
 * a client kept in a comment (find_string id 39145564886). Mismatch: tCnt 0 and one
 * persEcmQryRtnErrInfoVo per reason, each with one errMsgCn (clients map over the repeated
 * element, id 22998540217); the ntceInfo text and the element order here are [UNCERTAIN].
 */
export function pcccDoc(result: { matched: boolean; errors: readonly string[] }): XmlNode {
  const root = ROOT.API028;
  if (result.matched) return [root, [['tCnt', 1]]];
  // clients read errMsgCn of the first item without checking it exists (id 35865184247)
  const errors = result.errors.length > 0 ? result.errors : [NOTICE.pcccMismatch];
  return [
    root,
    [
      ['ntceInfo', NOTICE.pcccMismatch],
      ['tCnt', 0],
      ...errors.map((m): XmlNode => ['persEcmQryRtnErrInfoVo', [['errMsgCn', m]]]),
    ],
  ];
}
