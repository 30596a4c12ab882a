// An operator's own scorecard, pure: the figures of the declarations it submitted in a window,
// the fast-lane decision by the same criteria as the officers' party profiles (assessProfile,
// policy.fastLane), what to do next for each criterion not met, and the weekly trend.
import type { Bilingual } from '../bilingual.ts';
import { dateOfDayNumber, dayNumber, weekdayOfDay } from '../dates.ts';
import { assessProfile, COMPLIANCE_PRIOR, COMPLIANCE_PRIOR_WEIGHT, INSPECTION_OUTCOMES, isFind, type InspectionOutcome, type Reason, type RiskPolicy } from './platform-risk.ts';

/** One week (Monday–Sunday, by declaredAt; intake by the Korean date received) of the window. */
export interface ScorecardWeekCounts {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  declarations: number;
  withOrderData: number;
  descriptive: number;
  hsCode6: number;
  consent: number;
  /** Σ per-declaration quality (declarationQuality), in [0, declarations]. */
  qualitySum: number;
  held: number;
  officerRejected: number;
  intakeReceived: number;
  intakeRejected: number;
}

export interface ScorecardCounts {
  weeks: ScorecardWeekCounts[];
  /** Inspection results of the window's declarations, per outcome: count, revenue found, count decayed to `today`. */
  inspections: { outcome: InspectionOutcome; count: number; revenueKrw: number; decayed: number }[];
}

export interface ScorecardWindow {
  days: number;
  from: string;
  to: string;
}

export interface ScorecardWeek {
  week: string;
  declarations: number;
  /** null: no declaration that week. */
  dataQuality: number | null;
  orderDataShare: number | null;
  held: number;
  officerRejected: number;
  intakeReceived: number;
  intakeRejected: number;
  intakeRejectionRate: number | null;
}

export interface OperatorScorecard {
  window: ScorecardWindow & { basis: Reason };
  volumes: { declarations: number; held: number; holdRate: number; officerRejected: number; officerRejectionRate: number };
  intake: { received: number; rejected: number; rejectionRate: number | null };
  inspections: { inspected: number; found: number; findRate: number | null; outcomes: Record<InspectionOutcome, number>; undervalued: number; revenueFoundKrw: number };
  dataQuality: { score: number; orderDataShare: number; descriptionShare: number; hsCode6Share: number; consentShare: number };
  compliance: number;
  /** How `compliance` was worked out from these inspections: the smoothing, the raw share clean, and why smoothed. */
  complianceBasis: Reason;
  fastLane: { eligible: boolean; criteria: (Reason & { met: boolean })[] };
  nextSteps: Reason[];
  weeks: ScorecardWeek[];
}

const share = (n: number, of: number) => (of > 0 ? n / of : 0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Monday of the week holding a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const d = dayNumber(date);
  if (d === null) throw new Error(`not a date: ${date}`);
  return dateOfDayNumber(d - ((weekdayOfDay(d) + 6) % 7));
}

/** The window of `days` Korean calendar days ending today (inclusive). */
export function scorecardWindow(today: string, days: number): ScorecardWindow {
  const t = dayNumber(today);
  if (t === null) throw new Error(`not a date: ${today}`);
  return { days, from: dateOfDayNumber(t - days + 1), to: today };
}

export function buildOperatorScorecard(c: ScorecardCounts, w: ScorecardWindow, role: string, policy: RiskPolicy): OperatorScorecard {
  const byWeek = new Map(c.weeks.map((x) => [x.week, x]));
  const weeks: ScorecardWeek[] = [];
  const total = { declarations: 0, withOrderData: 0, descriptive: 0, hsCode6: 0, consent: 0, qualitySum: 0, held: 0, officerRejected: 0, intakeReceived: 0, intakeRejected: 0 };
  for (let d = dayNumber(mondayOf(w.from))!; d <= dayNumber(w.to)!; d += 7) {
    const week = dateOfDayNumber(d);
    const x = byWeek.get(week);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += x?.[k] ?? 0;
    const n = x?.declarations ?? 0;
    weeks.push({
      week,
      declarations: n,
      dataQuality: n > 0 ? x!.qualitySum / n : null,
      orderDataShare: n > 0 ? x!.withOrderData / n : null,
      held: x?.held ?? 0,
      officerRejected: x?.officerRejected ?? 0,
      intakeReceived: x?.intakeReceived ?? 0,
      intakeRejected: x?.intakeRejected ?? 0,
      intakeRejectionRate: x && x.intakeReceived > 0 ? x.intakeRejected / x.intakeReceived : null,
    });
  }
  const outcomes = Object.fromEntries(INSPECTION_OUTCOMES.map((o) => [o, 0])) as Record<InspectionOutcome, number>;
  let inspected = 0;
  let found = 0;
  let inspectedDecayed = 0;
  let foundDecayed = 0;
  let revenueFoundKrw = 0;
  for (const i of c.inspections) {
    outcomes[i.outcome] += i.count;
    inspected += i.count;
    inspectedDecayed += i.decayed;
    revenueFoundKrw += i.revenueKrw;
    if (isFind(i.outcome)) {
      found += i.count;
      foundDecayed += i.decayed;
    }
  }
  // The officers' profile assessment over the window's counts; decayed counts are as of today.
  const a = assessProfile(
    { role, parcels: total.declarations, withOrderData: total.withOrderData, qualitySum: total.qualitySum, held: total.held, rejected: total.officerRejected, inspected, found, inspectedDecayed, foundDecayed, decayedOn: w.to },
    w.to,
    policy,
  );
  const dataQuality = {
    score: a.dataQuality,
    orderDataShare: a.orderDataShare,
    descriptionShare: share(total.descriptive, total.declarations),
    hsCode6Share: share(total.hsCode6, total.declarations),
    consentShare: share(total.consent, total.declarations),
  };
  return {
    window: {
      ...w,
      basis: {
        code: 'SCORECARD_WINDOW',
        ko: `${w.from} ~ ${w.to} (${w.days}일, 신고일 기준; 제출 반려는 접수일 기준)에 이 계정으로 제출한 신고`,
        en: `Declarations this account submitted with a declaration date from ${w.from} to ${w.to} (${w.days} days; intake refusals by the day received)`,
        ref: 'declarations.operator_id',
      },
    },
    volumes: { declarations: total.declarations, held: total.held, holdRate: a.holdRate, officerRejected: total.officerRejected, officerRejectionRate: a.rejectionRate },
    intake: { received: total.intakeReceived, rejected: total.intakeRejected, rejectionRate: total.intakeReceived > 0 ? total.intakeRejected / total.intakeReceived : null },
    inspections: { inspected, found, findRate: a.findRate, outcomes, undervalued: outcomes.undervalued, revenueFoundKrw },
    dataQuality,
    compliance: a.compliance,
    complianceBasis: complianceBasisOf({ inspected, found, inspectedDecayed, foundDecayed, compliance: a.compliance }, policy.complianceHalfLifeDays),
    fastLane: { eligible: a.fastLane, criteria: a.reasons },
    nextSteps: nextSteps(a.reasons, { ...dataQuality, declarations: total.declarations, held: total.held, officerRejected: total.officerRejected, outcomes }, w, policy),
    weeks,
  };
}

const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/**
 * How the scorecard's compliance figure is computed, in words and with its own numbers, from the
 * formula of assessProfile: (weighted clean + 0.9 × 5) ÷ (weighted inspected + 5), each inspection
 * weighted by its age (half-life policy.complianceHalfLifeDays), beside the raw share clean.
 */
export function complianceBasisOf(
  i: { inspected: number; found: number; inspectedDecayed: number; foundDecayed: number; compliance: number },
  halfLifeDays: number,
): Reason {
  const clean = i.inspected - i.found;
  const prior = String(COMPLIANCE_PRIOR);
  const w = COMPLIANCE_PRIOR_WEIGHT;
  const rawKo = i.inspected > 0 ? `검사 ${i.inspected}건 중 적발 없음 ${clean}건, 그대로의 비율은 ${pct(clean / i.inspected)}입니다.` : '아직 검사 실적이 없어 그대로의 비율은 없습니다.';
  const rawEn = i.inspected > 0 ? `${clean} of ${i.inspected} inspections found nothing: the raw share clean is ${pct(clean / i.inspected)}.` : 'No inspection yet: there is no raw share.';
  const cleanD = i.inspectedDecayed - i.foundDecayed;
  return {
    code: 'SCORECARD_COMPLIANCE',
    ko:
      `성실도 ${pct(i.compliance)}는 검사 결과를 평활한 값입니다. ${rawKo} ` +
      `계산: (가중 적발 없음 ${one(cleanD)}건 + ${prior} × ${w}) ÷ (가중 검사 ${one(i.inspectedDecayed)}건 + ${w}) = ${pct(i.compliance)}. ` +
      `최근 검사일수록 무겁게 셉니다(반감기 ${halfLifeDays}일: ${halfLifeDays}일 전 검사는 절반). ` +
      `평활하는 이유: 검사가 몇 건뿐일 때 한두 건의 결과로 성실도가 0%나 100%로 튀지 않도록, 검사 ${w}건 분량의 기본값 ${pct(COMPLIANCE_PRIOR)}를 더해 계산합니다. 검사가 쌓일수록 그대로의 비율에 가까워집니다.`,
    en:
      `Compliance ${pct(i.compliance)} is the inspection results smoothed. ${rawEn} ` +
      `Worked out as (weighted clean ${one(cleanD)} + ${prior} × ${w}) ÷ (weighted inspections ${one(i.inspectedDecayed)} + ${w}) = ${pct(i.compliance)}. ` +
      `Recent inspections weigh more (half-life ${halfLifeDays} days: an inspection ${halfLifeDays} days old counts half). ` +
      `Why smoothed: so that one or two results cannot swing it to 0% or 100% while inspections are few, a default of ${pct(COMPLIANCE_PRIOR)} is counted as ${w} inspections; the more inspections, the nearer it comes to the raw share.`,
    ref: 'risk-rules:policy.complianceHalfLifeDays',
  };
}

/** What to do about each fast-lane criterion not met, in the order of the criteria. */
export function nextSteps(
  criteria: readonly (Reason & { met: boolean })[],
  f: OperatorScorecard['dataQuality'] & { declarations: number; held: number; officerRejected: number; outcomes: Record<InspectionOutcome, number> },
  w: ScorecardWindow,
  policy: RiskPolicy,
): Reason[] {
  const fl = policy.fastLane;
  const out: Reason[] = [];
  const say = (code: string, ko: string, en: string, ref: string) => out.push({ code, ko, en, ref });
  for (const c of criteria) {
    if (c.met) continue;
    switch (c.code) {
      case 'FL_VOLUME':
        say('NEXT_VOLUME', `최근 ${w.days}일 신고 ${f.declarations}건: ${fl.minParcels}건 이상이 이 계정(API 키)으로 제출되어야 판정할 수 있습니다. 다른 계정·위탁사로 나누어 신고하고 있다면 한 계정으로 모으세요.`, `${f.declarations} declarations in the last ${w.days} days: the fast lane is judged on at least ${fl.minParcels} submitted under this account (API key). If you declare through several accounts or agents, submit under one.`, 'POST /api/v1/declarations');
        break;
      case 'FL_ORDER_DATA':
        say('NEXT_ORDER_DATA', `주문정보 제공 ${pct(f.orderDataShare)}: 신고마다 order.orderNo(주문번호)와 order.amountPaid(실결제금액)를 넣고, 주문 데이터를 POST /api/v1/orders 로 보내 신고와 대사되게 하세요.`, `order data on ${pct(f.orderDataShare)} of declarations: give order.orderNo and order.amountPaid (amount actually paid) in every declaration, and send the order itself with POST /api/v1/orders so it is reconciled with the declaration.`, 'POST /api/v1/orders');
        break;
      case 'FL_DATA_QUALITY': {
        // One line per part of the quality that is short of complete, weakest first.
        const parts: [number, string, string, string, string][] = [
          [f.descriptionShare, 'NEXT_DESCRIPTION', `품명이 충분한 신고 ${pct(f.descriptionShare)}: 품명을 [품목] [브랜드] [제품명] 형식으로 쓰세요 (예: "티셔츠 Nike Dri-FIT"; "선물", "기타" 같은 품명은 불충분).`, `informative descriptions on ${pct(f.descriptionShare)}: write items[].description as [goods] [brand] [product name] (e.g. "T-shirt Nike Dri-FIT"; "gift" or "other" is not enough).`, 'items[].description'],
          [f.hsCode6Share, 'NEXT_HS_CODE', `모든 품목에 6자리 이상 HS 부호가 있는 신고 ${pct(f.hsCode6Share)}: items[].hsCode 에 6자리 이상(가능하면 10자리) HS 부호를 신고하세요.`, `all items with an HS code of 6+ digits on ${pct(f.hsCode6Share)}: declare items[].hsCode with at least 6 digits (10 where you can).`, 'items[].hsCode'],
          [f.orderDataShare, 'NEXT_ORDER_FIELDS', `주문번호·결제금액이 있는 신고 ${pct(f.orderDataShare)}: order.orderNo 와 order.amountPaid 를 넣으세요.`, `order number and amount paid on ${pct(f.orderDataShare)}: fill order.orderNo and order.amountPaid.`, 'order.orderNo, order.amountPaid'],
          [f.consentShare, 'NEXT_CONSENT', `소비자 동의 토큰이 있는 신고 ${pct(f.consentShare)}: 주문 때 소비자 동의(POST /api/v1/consent-requests)를 받아 consent.token 으로 신고에 실으세요.`, `consumer consent token on ${pct(f.consentShare)}: ask for the consumer's approval at order time (POST /api/v1/consent-requests) and send it as consent.token.`, 'consent.token'],
        ];
        // The order part has its own line when FL_ORDER_DATA is not met either.
        const orderLine = criteria.some((x) => x.code === 'FL_ORDER_DATA' && !x.met);
        for (const [, code, ko, en, ref] of parts.filter((p) => p[0] < 1 && !(orderLine && p[1] === 'NEXT_ORDER_FIELDS')).sort((a, b) => a[0] - b[0])) say(code, ko, en, ref);
        break;
      }
      case 'FL_INSPECTED':
        say('NEXT_INSPECTED', `세관 검사 실적이 ${fl.minInspected}건 미만입니다: 성실도는 검사 결과로만 증명됩니다. 정확한 신고를 계속하면 검사 결과가 쌓입니다 (따로 보낼 것은 없습니다).`, `fewer than ${fl.minInspected} customs inspections of your parcels: compliance is shown only by inspection results. Keep declaring accurately and they accumulate (nothing to send).`, 'policy.fastLane.minInspected');
        break;
      case 'FL_COMPLIANCE': {
        const finds = (Object.entries(f.outcomes) as [InspectionOutcome, number][]).filter(([o, n]) => isFind(o) && n > 0);
        const list = finds.map(([o, n]) => `${OUTCOME_TEXT[o].ko} ${n}`).join(', ');
        const listEn = finds.map(([o, n]) => `${OUTCOME_TEXT[o].en} ${n}`).join(', ');
        say('NEXT_COMPLIANCE', `검사 적발(${list || '없음'})로 성실도가 기준 아래입니다: 실결제금액대로 가격을 신고하고, 판매자의 품목·상표를 점검해 금지·지재권 침해 물품을 걸러내세요.`, `inspection finds (${listEn || 'none'}) put compliance below the bar: declare the price actually paid, and vet sellers' goods and brands to keep prohibited and infringing goods out.`, 'inspections.outcomes');
        break;
      }
      case 'FL_REJECTIONS':
        say('NEXT_REJECTIONS', `통관불허 ${f.officerRejected}건: 수입 금지·제한 물품(의약품, 검역 대상 식품 등)을 판매·배송 전에 걸러내세요.`, `${f.officerRejected} declarations refused clearance: screen out prohibited and restricted goods (medicines, food under quarantine, …) before selling and shipping.`, 'REJECTED');
        break;
      case 'FL_HOLDS':
        say('NEXT_HOLDS', `보류 ${f.held}건: 각 신고의 보류 사유를 확인하세요. 품명·HS 부호·가격을 정확히 신고하면 보류가 줄어듭니다.`, `${f.held} declarations held: read the hold reason of each; accurate descriptions, HS codes and prices reduce holds.`, 'HOLD');
        break;
    }
  }
  return out;
}

export const OUTCOME_TEXT: Record<InspectionOutcome, Bilingual> = {
  clean: { ko: '이상 없음', en: 'clean' },
  undervalued: { ko: '저가신고', en: 'undervalued' },
  misclassified: { ko: '품목분류 오류', en: 'misclassified' },
  prohibited: { ko: '금지물품', en: 'prohibited goods' },
  ip_infringement: { ko: '지재권 침해', en: 'IP infringement' },
  pccc_misuse: { ko: '통관부호 도용', en: 'PCCC misuse' },
};
