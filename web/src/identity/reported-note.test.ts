// The "not me" note on /me/security: open says customs checks it; closed says when (Korea's date) and
// what became of the parcel, in Korean and English, never "customs will check" or "release held" again.
import { describe, expect, it } from 'vitest';
import { reportedNote, type Reported } from './reported-note.ts';
import { textIn } from './text.ts';

const open: Reported = { caseId: 3, held: true, reportedAt: '2026-12-01T02:00:00Z', status: 'open', closedAt: null, outcome: null };
// 2026-12-07 16:30 UTC is 2026-12-08 01:30 in Korea (UTC+9): the date said is Korea's.
const closed = (outcome: NonNullable<Reported['outcome']>): Reported => ({ ...open, status: 'closed', closedAt: '2026-12-07T16:30:00Z', outcome });
const ko = textIn('ko');
const en = textIn('en');

describe('reportedNote', () => {
  it('open: customs checks it, the parcel held', () => {
    expect(reportedNote(open, ko, 'ko')).toContain('도용 신고됨 (사건 3) · 반출 보류. 세관이 확인합니다.');
    expect(reportedNote(open, en, 'en')).toContain('Reported (case 3) · release held. Customs will check it.');
  });

  it('closed and refused: closed on the Korean date, not delivered', () => {
    const k = reportedNote(closed('refused'), ko, 'ko');
    expect(k).toContain('도용 신고 (사건 3)는 2026-12-08(한국 시간) 종결되었습니다.');
    expect(k).toContain('통관을 불허했습니다');
    expect(k).toContain('배송되지 않습니다');
    const e = reportedNote(closed('refused'), en, 'en');
    expect(e).toContain('Report (case 3) closed on 2026-12-08 (Korea time).');
    expect(e).toContain('not imported or delivered');
  });

  it('closed and released: clearance goes on, delivered to the declared address', () => {
    expect(reportedNote(closed('released'), ko, 'ko')).toContain('신고된 주소로 배송됩니다');
    expect(reportedNote(closed('released'), en, 'en')).toContain('delivered to the address on the declaration');
  });

  it('closed, still held or withdrawn: said as it is', () => {
    expect(reportedNote(closed('held'), ko, 'ko')).toContain('아직 통관 보류 중');
    expect(reportedNote(closed('withdrawn'), en, 'en')).toContain('withdrawn');
  });

  it('closed says neither "customs will check" nor "release held", in any outcome', () => {
    for (const o of ['refused', 'released', 'withdrawn', 'held'] as const) {
      expect(reportedNote(closed(o), ko, 'ko')).not.toMatch(/세관이 확인합니다|반출 보류/);
      expect(reportedNote(closed(o), en, 'en')).not.toMatch(/will check|release held/);
    }
  });

  it('a case closed before its time was kept: closed, no date', () => {
    expect(reportedNote({ ...closed('refused'), closedAt: null }, ko, 'ko')).toMatch(/^도용 신고 \(사건 3\)는 종결되었습니다\. 세관이/);
  });
});
