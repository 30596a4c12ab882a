// Builds reasons from the texts in data/reasons.json: each code has Korean and English
// templates and the legal reference; parameters fill the {placeholders}.
// Reasons are plain data (assessments compare, copy and serialise as JSON does), so the texts
// are rendered here. Rendering costs most of the engine's time; lazy rendering through a class
// with getters was 2.5× faster but broke plain-object equality and spreading, so it was dropped.
import type { Reason } from './assessment.ts';
import type { ReasonText } from './reference/types.ts';
import { fillTemplate } from './validation-messages.ts';

export type ReasonParams = Record<string, string | number>;

export function makeReason(texts: Record<string, ReasonText>, code: string, params?: ReasonParams): Reason {
  const t = texts[code];
  if (!t) return { code, ko: code, en: code, ref: '' };
  return { code, ko: fillTemplate(t.ko, params), en: fillTemplate(t.en, params), ref: fillTemplate(t.ref, params) };
}
