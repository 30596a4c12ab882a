// Query-string handling for the UNI-PASS-compatible API. Bad input is answered the UNI-PASS
// way (HTTP 200, tCnt -1, a Korean ntceInfo), so nothing here throws: each parser returns
// either the port's query or the notice to send.

import { koreanDateOf } from '../../domain/dates.ts';
import { NOTICE, PARAM_LABEL, formatNotice, requiredNotice } from './messages.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; notice: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(notice: string): Parsed<T> => ({ ok: false, notice });

/**
 * One parameter: the first value when repeated, trimmed; undefined when absent or blank
 * (UNI-PASS treats `crkyCn=` like a missing key).
 */
export function param(query: unknown, name: string): string | undefined {
  if (query === null || typeof query !== 'object') return undefined;
  let v: unknown = (query as Record<string, unknown>)[name];
  if (Array.isArray(v)) v = v[0];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length > 0 ? t : undefined;
}

/** "8471.30-0000" -> "8471300000"; undefined unless 1–10 digits remain. */
export function hsParam(raw: string): string | undefined {
  const digits = raw.replace(/[\s.\-]/g, '');
  return /^\d{1,10}$/.test(digits) ? digits : undefined;
}

/** API001: cargMtNo (≥ 15 chars) or mblNo/hblNo with blYy (domain-rules §7.2). */
export function parseCargoQuery(
  query: unknown,
): Parsed<{ cargMtNo?: string; mblNo?: string; hblNo?: string; blYy?: string }> {
  const cargMtNo = param(query, 'cargMtNo');
  if (cargMtNo !== undefined && cargMtNo.length >= 15) return ok({ cargMtNo });
  const mblNo = param(query, 'mblNo');
  const hblNo = param(query, 'hblNo');
  const blYy = param(query, 'blYy');
  // a B/L number is only unique within its year; the captured notice names the same rule
  if (blYy !== undefined && /^\d{4}$/.test(blYy) && (mblNo !== undefined || hblNo !== undefined)) {
    return ok({ ...(mblNo !== undefined ? { mblNo } : {}), ...(hblNo !== undefined ? { hblNo } : {}), blYy });
  }
  return fail(NOTICE.missingCargoReference);
}

function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** YYYYMMDD of `now` in Korea (UTC+9, no daylight saving). */
export function seoulDate(now: Date): string {
  return koreanDateOf(now.toISOString()).replace(/-/g, '');
}

/**
 * API012: qryYymmDd (YYYYMMDD) and imexTp (1 수출, 2 수입). A missing qryYymmDd means today
 * [UNCERTAIN: a public client calls without it and uses the answer, find_string id 58519253230].
 */
export function parseExchangeRateQuery(query: unknown, now: Date): Parsed<{ date: string; imexTp: '1' | '2' }> {
  const date = param(query, 'qryYymmDd') ?? seoulDate(now);
  if (!isCalendarDate(date)) return fail(formatNotice(PARAM_LABEL.qryYymmDd, 'qryYymmDd', 'YYYYMMDD 형식으로 입력하셔야 합니다.'));
  const imexTp = param(query, 'imexTp');
  if (imexTp === undefined) return fail(requiredNotice(PARAM_LABEL.imexTp, 'imexTp'));
  if (imexTp !== '1' && imexTp !== '2') return fail(formatNotice(PARAM_LABEL.imexTp, 'imexTp', '1(수출) 또는 2(수입)로 입력하셔야 합니다.'));
  return ok({ date, imexTp });
}

/**
 * API018: koenTp (1 한글, 2 영문) and hsSgn; a product name may be given as `prnm` instead of or
 * besides hsSgn [UNCERTAIN: one client sends prnm, find_string id 69130108547].
 */
export function parseHsQuery(query: unknown): Parsed<{ hsSgn?: string; koenTp: string; keyword?: string }> {
  const koenTp = param(query, 'koenTp');
  if (koenTp === undefined) return fail(requiredNotice(PARAM_LABEL.koenTp, 'koenTp'));
  if (koenTp !== '1' && koenTp !== '2') return fail(formatNotice(PARAM_LABEL.koenTp, 'koenTp', '1(한글) 또는 2(영문)로 입력하셔야 합니다.'));
  const rawHs = param(query, 'hsSgn');
  const keyword = param(query, 'prnm');
  if (rawHs === undefined && keyword === undefined) return fail(requiredNotice(PARAM_LABEL.hsSgn, 'hsSgn'));
  let hsSgn: string | undefined;
  if (rawHs !== undefined) {
    hsSgn = hsParam(rawHs);
    if (hsSgn === undefined) return fail(formatNotice(PARAM_LABEL.hsSgn, 'hsSgn', '10자리 이내의 숫자로 입력하셔야 합니다.'));
  }
  return ok({ koenTp, ...(hsSgn !== undefined ? { hsSgn } : {}), ...(keyword !== undefined ? { keyword } : {}) });
}

/**
 * API028: persEcm, pltxNm, cralTelno, optional custPsno (domain-rules §6.5; custPsno is known
 * only from a client citing "OPEN API 연계가이드 v4.0, 3.2.28" [code; guide not seen]).
 * `cphoneNo` is accepted for cralTelno (one client uses it, §6.5 "outlier"). Hyphens in
 * numbers are dropped.
 */
export function parsePcccQuery(
  query: unknown,
): Parsed<{ persEcm: string; pltxNm: string; cralTelno: string; custPsno?: string }> {
  const persEcm = param(query, 'persEcm')?.toUpperCase();
  if (persEcm === undefined) return fail(requiredNotice(PARAM_LABEL.persEcm, 'persEcm'));
  const pltxNm = param(query, 'pltxNm');
  if (pltxNm === undefined) return fail(requiredNotice(PARAM_LABEL.pltxNm, 'pltxNm'));
  const phone = (param(query, 'cralTelno') ?? param(query, 'cphoneNo'))?.replace(/\D/g, '');
  if (phone === undefined || phone.length === 0) return fail(requiredNotice(PARAM_LABEL.cralTelno, 'cralTelno'));
  const custPsno = param(query, 'custPsno')?.replace(/\D/g, '');
  return ok({ persEcm, pltxNm, cralTelno: phone, ...(custPsno ? { custPsno } : {}) });
}

/** API030: hsSgn, optional trrtTpcd filter (a client sends it, domain-rules §7.3 source). */
export function parseTariffQuery(query: unknown): Parsed<{ hsSgn: string; trrtTpcd?: string }> {
  const raw = param(query, 'hsSgn');
  if (raw === undefined) return fail(requiredNotice(PARAM_LABEL.hsSgn, 'hsSgn'));
  const hsSgn = hsParam(raw);
  if (hsSgn === undefined) return fail(formatNotice(PARAM_LABEL.hsSgn, 'hsSgn', '10자리 이내의 숫자로 입력하셔야 합니다.'));
  const trrtTpcd = param(query, 'trrtTpcd');
  return ok({ hsSgn, ...(trrtTpcd !== undefined ? { trrtTpcd } : {}) });
}
