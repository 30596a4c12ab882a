// Declarations on record decided with reference data that has since been corrected. A correction is
// a data-file version with the same effectiveFrom as the one it corrects (`corrects`, data/README.md),
// so the engine now picks it for every date the corrected one covered; what was decided with the
// corrected version is decided again (src/app/redecide-after-correction.ts): the law in force on the
// declaration date still applies (관세법 제17조), read right this time.
// - Before 수리: a new version when the decision or its explanation changed, with an event saying
//   which data was corrected, the outcome now and what to do next.
// - After 수리: the decision stands; when the money or the route would differ, an event for the
//   post-clearance review says so, and how the consumer or customs corrects the tax (관세법 제38조의3).
// Pure: no I/O.
import type { Assessment, Reason } from './assessment.ts';
import type { Bilingual } from './bilingual.ts';
import { outcomeChanged, ROUTE_TEXT, taxesDueKrw } from './combined-redecision.ts';
import { formatKrw } from './money.ts';
import { versionAt, VERSIONED_DATASETS, type VersionedDataset } from './reference/compile-reference.ts';
import { DATASET_NAMES } from './reference/dataset-names.ts';
import type { Dataset, ReferenceFiles } from './reference/types.ts';

export const CORRECTION_LAW = '관세법 제17조(적용 법령)';
export const CORRECTION_AFTER_CLEARANCE_LAW = '관세법 제38조의3(수정 및 경정)';

/** A dataset with versions, which a data file can correct. */
export type CorrectableDataset = VersionedDataset;

/** A version decisions were made with, and the correction now in force for its dates. */
export interface SupersededVersion {
  dataset: CorrectableDataset;
  version: string;
  correctedBy: string;
}

/**
 * Every version a correction superseded: one that the version in force on its own effectiveFrom is
 * not, though that one starts the same day (corrections of corrections lead to the last one).
 */
export function supersededVersions(files: ReferenceFiles): SupersededVersion[] {
  const out: SupersededVersion[] = [];
  for (const dataset of VERSIONED_DATASETS) {
    const versions = files[dataset] as Dataset<unknown> | undefined; // only the versions' names and dates are read
    if (!versions) continue; // an optional file absent (simplified-rates.json)
    for (const v of versions.versions) {
      const inForce = versionAt(versions, v.effectiveFrom)!; // v itself is a candidate
      if (inForce.version !== v.version && inForce.effectiveFrom === v.effectiveFrom) out.push({ dataset, version: v.version, correctedBy: inForce.version });
    }
  }
  return out;
}

/** Whether a decision reads differently: its outcome (route, exemption, taxes) or any reason's text. */
export function decisionChanged(before: Assessment, after: Assessment): boolean {
  return outcomeChanged(before, after) || !sameReasons(before.reasons, after.reasons);
}

function sameReasons(a: readonly Reason[], b: readonly Reason[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.code !== y.code || x.ko !== y.ko || x.en !== y.en || x.ref !== y.ref) return false;
  }
  return true;
}

/** The corrections named: "관세율표 자료 정정(r5 → r6), …" / "corrections of the tariff (r5 → r6), …". */
function correctionText(list: readonly SupersededVersion[]): Bilingual {
  const ko = list.map((s) => `${DATASET_NAMES[s.dataset].ko} 자료 정정(${s.version} → ${s.correctedBy})`).join(', ');
  const en = list.map((s) => `the ${DATASET_NAMES[s.dataset].en} (${s.version} → ${s.correctedBy})`).join(', ');
  return { ko, en: `${list.length === 1 ? 'a correction' : 'corrections'} of ${en}` };
}

/**
 * Whether a new decision read the reference data the one before it read, but for corrections of
 * versions the one before recorded (a dataset's version superseded, and the new decision reads its
 * correction) and with the same exchange-rate week: a combined-taxation redecision may go on over
 * such data (the correction worker decides the declaration with the same files; one it left
 * unchanged stays recorded with the superseded version, and only its group can change it now).
 */
export function sameDataButCorrections(superseded: readonly SupersededVersion[], prior: Assessment, fresh: Assessment): boolean {
  const before = prior.dataVersions ?? {};
  const after = fresh.dataVersions ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of keys) {
    if (before[k] === after[k]) continue;
    if (!superseded.some((s) => s.dataset === k && s.version === before[k] && s.correctedBy === after[k])) return false;
  }
  return true;
}

/** Of the versions corrections superseded, those a decision recorded that the new one reads corrected. */
export function correctionsApplied(superseded: readonly SupersededVersion[], prior: Assessment, fresh: Assessment): SupersededVersion[] {
  return superseded.filter((s) => prior.dataVersions?.[s.dataset] === s.version && fresh.dataVersions?.[s.dataset] === s.correctedBy);
}

/** What the event of a declaration decided again before 수리 says: which data, the outcome now, what next. */
export function correctionReason(prior: Assessment, fresh: Assessment, s: readonly SupersededVersion[]): Bilingual & { ref: string } {
  const what = correctionText(s);
  const route = ROUTE_TEXT[fresh.route!]; // both assessed: a route each
  const before = taxesDueKrw(prior);
  const after = taxesDueKrw(fresh);
  let ko = `${what.ko}에 따라 다시 판정했습니다. `;
  let en = `Decided again after ${what.en}. `;
  if (!outcomeChanged(prior, fresh)) {
    ko += `통관 경로(${route.ko})와 세액은 그대로이며, 판정 사유의 설명이 바로잡혔습니다.`;
    en += `The route (${route.en}) and the taxes stay as they were; the explanation of the decision was put right.`;
  } else {
    // The same route (e.g. kept general on its filed 수입신고 while the exemption changed): said once, not "일반통관 → 일반통관".
    const priorRoute = ROUTE_TEXT[prior.route!];
    const routeKo = prior.route === fresh.route ? `${route.ko} 그대로` : `${priorRoute.ko} → ${route.ko}`;
    const routeEn = prior.route === fresh.route ? `${route.en}, unchanged` : `${priorRoute.en} → ${route.en}`;
    ko += `통관 경로: ${routeKo}; 납부할 세액: ${formatKrw(before)}원 → ${formatKrw(after)}원.`;
    en += `Route: ${routeEn}; taxes due: KRW ${formatKrw(before)} → KRW ${formatKrw(after)}.`;
    if (after > 0) {
      ko += ' 새 세액의 납부고지를 기다리세요. 판정에 이의가 있으면 심사청구할 수 있습니다.';
      en += ' Wait for the tax notice of the new amount; if you disagree with the decision you may appeal it.';
    }
  }
  return { ko, en, ref: `${CORRECTION_LAW}; 관세법 제119조(불복의 신청)` };
}

/**
 * Whether the tax of a declaration of `declaredAt` can still be put right on `today`: customs may
 * assess it within five years (관세법 제21조①, 부과 제척기간) and the taxpayer claim a refund
 * within five years of the first tax declaration (제38조의3②, 경정청구). After that, a note for
 * post-clearance review would tell the consumer of a refund no one can grant.
 */
export function taxStillCorrectable(declaredAt: string, today: string): boolean {
  const year = Number(declaredAt.slice(0, 4));
  return `${String(year + 5).padStart(4, '0')}${declaredAt.slice(4, 10)}` >= today;
}

/** After 수리: the decision stands; what the corrected data would have decided, and how the tax is put right. */
export function afterClearanceCorrectionReason(prior: Assessment, fresh: Assessment, s: readonly SupersededVersion[]): Bilingual & { ref: string } {
  const what = correctionText(s);
  const before = taxesDueKrw(prior);
  const after = taxesDueKrw(fresh);
  let ko = `수리 후 ${what.ko}: 정정된 자료로는 납부할 세액이 ${formatKrw(before)}원이 아니라 ${formatKrw(after)}원입니다. 수리된 판정은 유지되며 사후심사 대상으로 기록합니다.`;
  let en = `After clearance, ${what.en}: with the corrected data the taxes due are KRW ${formatKrw(after)}, not KRW ${formatKrw(before)}. The clearance stands and is recorded for post-clearance review.`;
  if (after < before) {
    ko += ` 더 낸 ${formatKrw(before - after)}원은 최초 납세신고일부터 5년 안에 경정청구로 돌려받을 수 있습니다(관세법 제38조의3②).`;
    en += ` The KRW ${formatKrw(before - after)} overpaid can be reclaimed by a request for correction (경정청구) within five years of the first tax declaration (Customs Act Art. 38-3(2)).`;
  } else if (after > before) {
    ko += ` 부족한 ${formatKrw(after - before)}원은 세관장이 경정하여 고지합니다(관세법 제38조의3⑥).`;
    en += ` Customs corrects the assessment and collects the KRW ${formatKrw(after - before)} short (Customs Act Art. 38-3(6)).`;
  }
  return { ko, en, ref: `${CORRECTION_AFTER_CLEARANCE_LAW}` };
}
