import { describe, expect, it } from 'vitest';
import { CONSULTATION_STATUSES, excerptOf, nextConsultationStatus, normalizeMessage } from './consultation.ts';

describe('consultation state rules', () => {
  it('a consumer message (re)opens, an officer reply answers, an officer closes', () => {
    expect(nextConsultationStatus('open', 'consumer_message')).toEqual({ ok: true, status: 'open' });
    expect(nextConsultationStatus('answered', 'consumer_message')).toEqual({ ok: true, status: 'open' });
    expect(nextConsultationStatus('open', 'officer_message')).toEqual({ ok: true, status: 'answered' });
    expect(nextConsultationStatus('answered', 'officer_message')).toEqual({ ok: true, status: 'answered' });
    expect(nextConsultationStatus('open', 'close')).toEqual({ ok: true, status: 'closed' });
    expect(nextConsultationStatus('answered', 'close')).toEqual({ ok: true, status: 'closed' });
  });

  it('nothing happens to a closed consultation', () => {
    for (const a of ['consumer_message', 'officer_message', 'close'] as const) {
      expect(nextConsultationStatus('closed', a)).toEqual({ ok: false, code: 'CONSULTATION_CLOSED' });
    }
  });

  it('every state has an answer for every action', () => {
    for (const s of CONSULTATION_STATUSES) for (const a of ['consumer_message', 'officer_message', 'close'] as const) expect(nextConsultationStatus(s, a)).toHaveProperty('ok');
  });
});

describe('message text', () => {
  it('trims and accepts 1–2000 characters', () => {
    expect(normalizeMessage('  안녕하세요  ')).toEqual({ ok: true, text: '안녕하세요' });
    expect(normalizeMessage('가'.repeat(2000))).toEqual({ ok: true, text: '가'.repeat(2000) });
    expect(normalizeMessage(` ${'a'.repeat(2000)} `)).toEqual({ ok: true, text: 'a'.repeat(2000) });
  });
  it('refuses empty and too long', () => {
    expect(normalizeMessage('')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizeMessage(' \n\t ')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizeMessage('a'.repeat(2001))).toEqual({ ok: false, reason: 'too_long' });
  });
  it('excerpts one line', () => {
    expect(excerptOf('첫 줄\n둘째 줄')).toBe('첫 줄 둘째 줄');
    expect(excerptOf('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
