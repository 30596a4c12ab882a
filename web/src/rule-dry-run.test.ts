// What the confirmation before publishing a rule draft says of its dry run. An administrator publishes the
// draft an officer wrote and tried: before, the confirmation knew only a dry run made in the administrator's own
// page, and told them "these rules have not been tried in a dry run" of a draft the rules audit showed tried.
import { describe, expect, it } from 'vitest';
import { dryRunFiguresOf, lastDryRunOf, publishTriedText, type RuleAuditEntry } from './rule-dry-run.ts';

// The rules audit as the API lists it, newest first: officer kim wrote draft #3 (created 10:00, saved 10:05) and
// tried it at 10:06 on 3,011 past parcels (319 flagged at rule score ≥ 0.2; 17 of them inspected, 2 found bad).
const tried: RuleAuditEntry = { at: '2026-12-08T01:06:00.000Z', actor: 'kim', action: 'dry_run', draftId: 3, version: null, detail: { declarations: 3011, threshold: 0.2, flagged: 319, inspected: 17, foundBad: 2 } };
const saved: RuleAuditEntry = { at: '2026-12-08T01:05:00.000Z', actor: 'kim', action: 'draft_updated', draftId: 3, version: null, detail: { note: '' } };
const created: RuleAuditEntry = { at: '2026-12-08T01:00:00.000Z', actor: 'kim', action: 'draft_created', draftId: 3, version: 'risk-rules-2026-01-01', detail: { note: '' } };
const otherDraft: RuleAuditEntry = { ...tried, at: '2026-12-08T01:07:00.000Z', draftId: 4, detail: { declarations: 3011, threshold: 0.2, flagged: 5, inspected: 0, foundBad: 0 } };

describe('lastDryRunOf', () => {
  it('finds the dry run of these rules: the draft’s latest dry run with no save after it', () => {
    expect(lastDryRunOf([otherDraft, tried, saved, created], 3)).toEqual(tried);
  });
  it('a save after the dry run: the rules saved were not tried', () => {
    const savedAgain: RuleAuditEntry = { ...saved, at: '2026-12-08T01:08:00.000Z' };
    expect(lastDryRunOf([savedAgain, otherDraft, tried, saved, created], 3)).toBeNull();
  });
  it('never tried, or another draft’s dry run only: none', () => {
    expect(lastDryRunOf([saved, created], 3)).toBeNull();
    expect(lastDryRunOf([otherDraft], 3)).toBeNull();
  });
});

describe('publishTriedText', () => {
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  it('names who tried the draft, when, and what the dry run found, in Korean and English', () => {
    expect(publishTriedText([tried, saved, created], 3, when)).toEqual({
      ko: 'kim이(가) 2026-12-08 01:06에 모의 적용한 결과: 과거 신고 3011건 중 319건 선별(규칙 점수 0.2 이상), 검사 17건 중 2건 적발.',
      en: 'Dry run by kim at 2026-12-08 01:06: 319 of 3011 past parcels flagged (rule score ≥ 0.2); 2 of the 17 inspected found bad.',
    });
  });
  it('a dry run recorded before the audit kept the inspected count: what it found, without it', () => {
    const older: RuleAuditEntry = { ...tried, detail: { declarations: 3011, threshold: 0.2, flagged: 319, foundBad: 2 } };
    expect(publishTriedText([older], 3, when).en).toBe('Dry run by kim at 2026-12-08 01:06: 319 of 3011 past parcels flagged (rule score ≥ 0.2); 2 found bad.');
  });
  it('not tried: says so', () => {
    expect(publishTriedText([saved, created], 3, when)).toEqual({ ko: '이 규칙으로 모의 적용을 하지 않았습니다.', en: 'These rules have not been tried in a dry run.' });
  });
});

describe('dryRunFiguresOf (the rules audit line of a dry run says what it found)', () => {
  it('reads the figures of a dry run entry, without inspected in one written before it was kept', () => {
    expect(dryRunFiguresOf(tried)).toEqual({ declarations: 3011, threshold: 0.2, flagged: 319, inspected: 17, foundBad: 2 });
    expect(dryRunFiguresOf({ ...tried, detail: { declarations: 3011, threshold: 0.2, flagged: 319, foundBad: 2 } })).toEqual({ declarations: 3011, threshold: 0.2, flagged: 319, foundBad: 2 });
  });
  it('another action, or a dry run entry without its figures: none', () => {
    expect(dryRunFiguresOf(saved)).toBeNull();
    expect(dryRunFiguresOf({ ...tried, detail: null })).toBeNull();
    expect(dryRunFiguresOf({ ...tried, detail: { declarations: 3011 } })).toBeNull();
  });
});
