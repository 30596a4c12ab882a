// What an officer's edit of a rule set gets wrong, field by field: the rule, the field's path in the
// JSON and its value, in Korean and English. parsePlatformRuleSet checks the shape only, and keeps
// doing so for the sets already published (the scoring worker must read them); an edit is held to
// more: a rule that could never hit or would hit every parcel is refused, not stored to be found
// out by a dry run (shipFrom ["China"], a min above the max, a typo in a signal or a field's name).
import { ENGINE_SIGNALS } from '../assess.ts';
import type { Bilingual } from '../bilingual.ts';
import { CONSENT_SIGNALS } from '../consent.ts';
import { dayNumber } from '../dates.ts';
import { PARTY_ROLES } from './platform-risk.ts';

export interface RuleSetProblem extends Bilingual {
  /** Where in the rule set, as a JSON path: "keywords[3].weight". */
  path: string;
}

/** The signals a signal rule can weigh: those the engine raises and the consent check's. */
export const KNOWN_SIGNALS: readonly string[] = [...ENGINE_SIGNALS, ...Object.values(CONSENT_SIGNALS)];

const LISTS = {
  signals: { ko: '신호 규칙', en: 'signal rule', fields: ['signal', 'ko', 'en', 'weight'] },
  keywords: { ko: '키워드 규칙', en: 'keyword rule', fields: ['code', 'ko', 'en', 'terms', 'weight'] },
  routes: { ko: '경로 규칙', en: 'route rule', fields: ['code', 'ko', 'en', 'shipFrom', 'origin', 'weight'] },
  valuePerKg: { ko: 'kg당 가격 규칙', en: 'value-per-kg rule', fields: ['code', 'ko', 'en', 'hs', 'minUsdPerKg', 'maxUsdPerKg', 'weight'] },
  watchlists: { ko: '감시 대상', en: 'watch-list', fields: ['code', 'ko', 'en', 'role', 'keys', 'weight', 'validUntil'] },
} as const;
type ListName = keyof typeof LISTS;
const TOP_LEVEL = ['version', 'description', ...Object.keys(LISTS)];

const shown = (v: unknown) => (v === undefined ? '(없음/none)' : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The first problem of an edited rule set, or null. Call parsePlatformRuleSet for the set itself. */
export function ruleSetProblem(value: unknown): RuleSetProblem | null {
  if (!isObject(value)) return { path: '', ko: '규칙 집합은 JSON 객체여야 합니다', en: 'a rule set is a JSON object' };
  if ('policy' in value)
    return { path: 'policy', ko: 'policy(선별 기준 수치)는 규칙 집합이 아니라 data/risk-rules.json에서 정합니다. 초안에서 지우세요', en: 'policy (the selection figures) is set in data/risk-rules.json, not in a rule set: remove it from the draft' };
  for (const k of Object.keys(value))
    if (!TOP_LEVEL.includes(k)) return { path: k, ko: `알 수 없는 항목 "${k}" (가능한 항목: ${TOP_LEVEL.join(', ')})`, en: `unknown field "${k}" (the fields: ${TOP_LEVEL.join(', ')})` };
  if (!nonEmpty(value.version)) return { path: 'version', ko: `version은 비어 있지 않은 문자열이어야 합니다: ${shown(value.version)}`, en: `version must be a non-empty string: ${shown(value.version)}` };
  for (const list of Object.keys(LISTS) as ListName[]) {
    const rules = value[list];
    if (rules === undefined && (list === 'routes' || list === 'valuePerKg' || list === 'watchlists')) continue;
    if (!Array.isArray(rules)) return { path: list, ko: `${list}는 배열([...])이어야 합니다: ${shown(rules)}`, en: `${list} must be an array ([...]): ${shown(rules)}` };
    for (let i = 0; i < rules.length; i++) {
      const p = ruleProblem(list, i, rules[i]);
      if (p) return p;
    }
  }
  return null;
}

function ruleProblem(list: ListName, i: number, r: unknown): RuleSetProblem | null {
  const kind = LISTS[list];
  const at = `${list}[${i}]`;
  if (!isObject(r)) return { path: at, ko: `${kind.ko} ${i + 1}번째는 JSON 객체여야 합니다: ${shown(r)}`, en: `${kind.en} #${i + 1} must be a JSON object: ${shown(r)}` };
  const name = list === 'signals' ? r.signal : r.code;
  const who = { ko: `${kind.ko} ${nonEmpty(name) ? JSON.stringify(name) : `${i + 1}번째`}`, en: `${kind.en} ${nonEmpty(name) ? JSON.stringify(name) : `#${i + 1}`}` };
  const bad = (field: string, ko: string, en: string): RuleSetProblem => ({ path: `${at}.${field}`, ko: `${who.ko}: ${field} — ${ko}`, en: `${who.en}: ${field} — ${en}` });
  for (const k of Object.keys(r)) if (!(kind.fields as readonly string[]).includes(k)) return bad(k, `알 수 없는 항목입니다 (가능한 항목: ${kind.fields.join(', ')})`, `unknown field (the fields: ${kind.fields.join(', ')})`);
  if (list === 'signals') {
    if (typeof r.signal !== 'string' || !KNOWN_SIGNALS.includes(r.signal)) return bad('signal', `엔진이 내지 않는 신호입니다: ${shown(r.signal)} (신호: ${KNOWN_SIGNALS.join(', ')})`, `not a signal the engine raises: ${shown(r.signal)} (the signals: ${KNOWN_SIGNALS.join(', ')})`);
  } else if (!nonEmpty(r.code)) return bad('code', `비어 있지 않은 문자열이어야 합니다: ${shown(r.code)}`, `must be a non-empty string: ${shown(r.code)}`);
  for (const f of ['ko', 'en'] as const) if (r[f] !== undefined && !nonEmpty(r[f])) return bad(f, `있으면 비어 있지 않은 문자열이어야 합니다: ${shown(r[f])}`, `if given, a non-empty string: ${shown(r[f])}`);
  if (typeof r.weight !== 'number' || !(r.weight >= 0 && r.weight < 1)) return bad('weight', `0 이상 1 미만의 숫자여야 합니다: ${shown(r.weight)}`, `must be a number in [0, 1): ${shown(r.weight)}`);
  const strings = (field: string, v: unknown, test: (s: string) => boolean, ko: string, en: string, optional = false): RuleSetProblem | null => {
    if (v === undefined && optional) return null;
    if (!Array.isArray(v) || (!optional && v.length === 0)) return bad(field, `비어 있지 않은 배열([...])이어야 합니다: ${shown(v)}`, `must be a non-empty array ([...]): ${shown(v)}`);
    const wrong = v.find((s) => typeof s !== 'string' || !test(s));
    return wrong === undefined ? null : bad(field, `${ko}: ${shown(wrong)}`, `${en}: ${shown(wrong)}`);
  };
  switch (list) {
    case 'keywords':
      return strings('terms', r.terms, (s) => s.trim() !== '', '용어는 비어 있지 않은 문자열이어야 합니다', 'a term must be a non-empty string');
    case 'routes': {
      const country = (s: string) => /^[A-Za-z]{2}$/.test(s.trim());
      const p =
        strings('shipFrom', r.shipFrom, country, '국가는 ISO 두 글자 코드(예: CN)여야 합니다', 'a country must be an ISO two-letter code (e.g. CN)', true) ??
        strings('origin', r.origin, country, '국가는 ISO 두 글자 코드(예: CN)여야 합니다', 'a country must be an ISO two-letter code (e.g. CN)', true);
      if (p) return p;
      const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
      if (len(r.shipFrom) + len(r.origin) === 0) return bad('shipFrom', 'shipFrom과 origin이 모두 비어 있어 모든 신고에 걸립니다. 적출국이나 원산지를 하나 이상 주세요', 'shipFrom and origin are both empty, so the rule hits every parcel: give a country shipped from or an origin');
      return null;
    }
    case 'valuePerKg': {
      if (typeof r.hs !== 'string' || !/^\d{2}(\d{2})?$/.test(r.hs)) return bad('hs', `HS 류(2자리) 또는 호(4자리) 숫자여야 합니다: ${shown(r.hs)}`, `must be an HS chapter (2 digits) or heading (4 digits): ${shown(r.hs)}`);
      for (const f of ['minUsdPerKg', 'maxUsdPerKg'] as const)
        if (r[f] !== undefined && (typeof r[f] !== 'number' || !Number.isFinite(r[f]) || r[f] < 0)) return bad(f, `0 이상의 숫자(USD/kg)여야 합니다: ${shown(r[f])}`, `must be a number ≥ 0 (USD per kg): ${shown(r[f])}`);
      if (r.minUsdPerKg === undefined && r.maxUsdPerKg === undefined) return bad('minUsdPerKg', 'minUsdPerKg나 maxUsdPerKg 중 하나는 있어야 합니다', 'give minUsdPerKg, maxUsdPerKg or both');
      if (typeof r.minUsdPerKg === 'number' && typeof r.maxUsdPerKg === 'number' && r.minUsdPerKg >= r.maxUsdPerKg)
        return bad('maxUsdPerKg', `minUsdPerKg(${r.minUsdPerKg})보다 커야 합니다. 아니면 모든 신고에 걸립니다`, `must be above minUsdPerKg (${r.minUsdPerKg}), or the rule hits every parcel`);
      return null;
    }
    case 'watchlists': {
      if (typeof r.role !== 'string' || !(PARTY_ROLES as readonly string[]).includes(r.role)) return bad('role', `${PARTY_ROLES.join(', ')} 중 하나여야 합니다: ${shown(r.role)}`, `must be one of ${PARTY_ROLES.join(', ')}: ${shown(r.role)}`);
      const p =
        r.role === 'consignee'
          ? strings('keys', r.keys, (s) => /^[Pp]\d{12}$/.test(s.trim()), '수하인은 개인통관고유부호(P와 숫자 12자리)로 감시합니다', 'a consignee is watched by PCCC (P and 12 digits)')
          : strings('keys', r.keys, (s) => s.trim() !== '', '이름이나 코드는 비어 있지 않은 문자열이어야 합니다', 'a name or code must be a non-empty string');
      if (p) return p;
      if (r.validUntil !== undefined && (typeof r.validUntil !== 'string' || dayNumber(r.validUntil) === null)) return bad('validUntil', `있으면 날짜(YYYY-MM-DD)여야 합니다: ${shown(r.validUntil)}`, `if given, a date (YYYY-MM-DD): ${shown(r.validUntil)}`);
      return null;
    }
    default:
      return null;
  }
}
