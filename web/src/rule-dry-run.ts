// What the rules page says of a draft's dry run before it is published: the dry run made in this page, or the
// one the rules audit records (an officer tries a draft, an administrator publishes it from another page).
// Pure (no React): rule-dry-run.test.ts.

/** One entry of the rules audit as GET /api/v1/officer/risk/rules lists it, newest first. */
export interface RuleAuditEntry {
  at: string;
  actor: string;
  action: string;
  draftId: number | null;
  version: string | null;
  detail?: { queuedForRescoring?: number; declarations?: number; threshold?: number; flagged?: number; inspected?: number; foundBad?: number; [k: string]: unknown } | null;
}

/** The figures of a dry run (the route's answer, or its audit entry: inspected absent in entries written before 2026-12-08). */
export interface DryRunFigures {
  declarations: number;
  threshold: number;
  flagged: number;
  inspected?: number;
  foundBad: number;
}

export function dryRunSummary(dry: DryRunFigures): { ko: string; en: string } {
  return dry.inspected !== undefined
    ? {
        ko: `과거 신고 ${dry.declarations}건 중 ${dry.flagged}건 선별(규칙 점수 ${dry.threshold} 이상), 검사 ${dry.inspected}건 중 ${dry.foundBad}건 적발`,
        en: `${dry.flagged} of ${dry.declarations} past parcels flagged (rule score ≥ ${dry.threshold}); ${dry.foundBad} of the ${dry.inspected} inspected found bad`,
      }
    : {
        ko: `과거 신고 ${dry.declarations}건 중 ${dry.flagged}건 선별(규칙 점수 ${dry.threshold} 이상), ${dry.foundBad}건 적발`,
        en: `${dry.flagged} of ${dry.declarations} past parcels flagged (rule score ≥ ${dry.threshold}); ${dry.foundBad} found bad`,
      };
}

/**
 * The dry run of the draft's rules as saved: its latest dry run in the audit (newest first), provided no save
 * of the draft came after it (the rules tried would not be the ones published). null: none recorded.
 */
export function lastDryRunOf(audit: readonly RuleAuditEntry[], draftId: number): RuleAuditEntry | null {
  for (const e of audit) {
    if (e.draftId !== draftId) continue;
    if (e.action === 'draft_updated') return null;
    if (e.action === 'dry_run') return e;
  }
  return null;
}

/** The publish confirmation's sentence when the rules were not tried. */
export const NOT_TRIED = { ko: '이 규칙으로 모의 적용을 하지 않았습니다.', en: 'These rules have not been tried in a dry run.' } as const;

/** The figures a dry run's audit entry records; null for another entry, or one without them. */
export function dryRunFiguresOf(e: RuleAuditEntry): DryRunFigures | null {
  const d = e.detail;
  if (e.action !== 'dry_run' || !d || typeof d.declarations !== 'number' || typeof d.flagged !== 'number' || typeof d.foundBad !== 'number' || typeof d.threshold !== 'number') return null;
  return { declarations: d.declarations, threshold: d.threshold, flagged: d.flagged, foundBad: d.foundBad, ...(typeof d.inspected === 'number' ? { inspected: d.inspected } : {}) };
}

/** The sentence of the publish confirmation about the draft's dry run, read from the audit; `when` formats its time. */
export function publishTriedText(audit: readonly RuleAuditEntry[], draftId: number, when: (iso: string) => string): { ko: string; en: string } {
  const run = lastDryRunOf(audit, draftId);
  const figures = run ? dryRunFiguresOf(run) : null;
  if (!run || !figures) return NOT_TRIED;
  const s = dryRunSummary(figures);
  return { ko: `${run.actor}이(가) ${when(run.at)}에 모의 적용한 결과: ${s.ko}.`, en: `Dry run by ${run.actor} at ${when(run.at)}: ${s.en}.` };
}
