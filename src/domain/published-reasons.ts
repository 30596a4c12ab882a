// The reasons as the API and the CLI print them: each with `refEn`, the English reading of its
// legal reference (law-refs.ts, as the portal shows it), beside `ref` (Korean, unchanged).
// Added when an answer is written, never stored: the stored assessments (and the intake's
// idempotency record) keep {code, ko, en, ref}, and the engine's reasons stay as explain.ts makes
// them. A batch's answer adds it one assessment at a time, as JSON.stringify reaches it
// (whenSerialised), so the reasons of a batch are not all rendered at once.
import type { Assessment, Reason } from './assessment.ts';
import { lawRefInEnglish } from './law-refs.ts';

export interface PublishedReason extends Reason {
  /** `ref` in English (lawRefInEnglish); a Korean fragment it does not know stays Korean. */
  readonly refEn: string;
}

export type PublishedAssessment = Omit<Assessment, 'reasons'> & { reasons: PublishedReason[] };

// The refs are reference data (a few hundred distinct strings) and recur on every assessment:
// each is read into English once. The cache starts over if ever it grows past the limit.
const IN_ENGLISH = new Map<string, string>();
const CACHE_LIMIT = 10_000;

export function refInEnglish(ref: string): string {
  let en = IN_ENGLISH.get(ref);
  if (en === undefined) {
    if (IN_ENGLISH.size >= CACHE_LIMIT) IN_ENGLISH.clear();
    en = lawRefInEnglish(ref);
    IN_ENGLISH.set(ref, en);
  }
  return en;
}

export function publishedReason(r: Reason): PublishedReason {
  return { code: r.code, ko: r.ko, en: r.en, ref: r.ref, refEn: refInEnglish(r.ref) };
}

/** The assessment as printed (a copy: the one given is not changed). */
export function publishedAssessment(a: Assessment): PublishedAssessment {
  return { ...a, reasons: a.reasons.map(publishedReason) };
}

/** The same, made only when JSON.stringify writes it (toJSON): for an answer of many assessments. */
export function whenSerialised(a: Assessment): { toJSON(): PublishedAssessment } {
  return { toJSON: () => publishedAssessment(a) };
}
