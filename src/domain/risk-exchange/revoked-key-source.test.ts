import { describe, expect, it } from 'vitest';
import { lateCompromiseProblem, revokedKeyMessageNote, revokedKeySourceWarning, signedWhileCompromised } from './revoked-key-source.ts';

// Received 2026-12-01 01:00 UTC = 10:00 KST; the key revoked 2026-12-03 00:00 UTC = 09:00 KST.
const source = { partner: 'CN-GACC', messageId: 'CN-N-1', kind: 'risky_party_notice' as const, receivedAt: '2026-12-01T01:00:00.000Z' };
const revoked = (compromisedSince: string | null, reason = 'key leaked') => ({ revokedAt: '2026-12-03T00:00:00.000Z', reason, compromisedSince });

describe('a source message whose signing key was revoked since', () => {
  it('stays valid when the revocation names no compromise (a routine rotation)', () => {
    const t = revokedKeySourceWarning('RX_CN_GACC_CN_N_1', source, revoked(null, 'routine rotation'));
    expect(t.suspect).toBe(false);
    expect(t.warning.ko).toBe(
      '감시 대상 RX_CN_GACC_CN_N_1의 근거인 CN-GACC 통보 CN-N-1에 서명한 키는 2026-12-03 09:00(한국시간)에 폐기되었습니다(사유: “routine rotation”). 이 메시지는 키가 유효할 때인 2026-12-01 10:00에 받았고, 폐기 기록에 키가 유출되었다는 내용이 없으므로 그대로 유효합니다. 따로 할 일은 없습니다.',
    );
    expect(t.warning.en).toBe(
      'Watch-list entry RX_CN_GACC_CN_N_1 rests on notice CN-N-1 of CN-GACC, signed with a key revoked 2026-12-03 09:00 (KST) (reason: “routine rotation”). This message reached us while the key was valid, at 2026-12-01 10:00 (KST), and the revocation does not say the key was compromised, so it stands; nothing to do.',
    );
  });

  it('stays valid when the key was compromised only after we received the message', () => {
    // Compromised from 2026-12-02 00:00 UTC (09:00 KST): a day after the message reached us.
    const t = revokedKeySourceWarning('RX_CN_GACC_CN_N_1', source, revoked('2026-12-02T00:00:00.000Z'));
    expect(t.suspect).toBe(false);
    expect(t.warning.en).toContain('the key was compromised only from 2026-12-02 09:00 (KST), after that, so it stands');
    expect(t.warning.ko).toContain('유출 시점(2026-12-02 09:00)이 수신 뒤이므로 그대로 유효합니다');
  });

  it('may be forged when the key was compromised at or before we received it', () => {
    // Compromised from 2026-11-30 15:00 UTC (12-01 00:00 KST), before the message reached us at 10:00 KST.
    const t = revokedKeySourceWarning('RX_CN_GACC_CN_SR_1', { ...source, kind: 'seizure_report', messageId: 'CN-SR-1' }, revoked('2026-11-30T15:00:00.000Z'));
    expect(t.suspect).toBe(true);
    expect(t.warning.ko).toBe(
      '감시 대상 RX_CN_GACC_CN_SR_1의 근거인 CN-GACC 적발 보고 CN-SR-1에 서명한 키는 2026-12-03 09:00(한국시간)에 폐기되었습니다(사유: “key leaked”). 폐기 기록상 이 키는 2026-12-01 00:00(한국시간)부터 유출되었고, 이 메시지는 그 뒤인 2026-12-01 10:00에 받았으므로 위조되었을 수 있습니다. 이 적중만으로 보류·검사하지 말고, 협력 세관에 새 키로 서명해 다시 보내 달라고 요청하세요.',
    );
    expect(t.warning.en).toContain('seizure report CN-SR-1 of CN-GACC');
    expect(t.warning.en).toContain('so it may be forged. Do not hold or inspect on this hit alone');
    // The same instant counts as compromised (≤): a key compromised at that moment may have signed it.
    expect(signedWhileCompromised(source.receivedAt, revoked(source.receivedAt))).toBe(true);
    expect(signedWhileCompromised(source.receivedAt, revoked('2026-12-01T01:00:00.001Z'))).toBe(false);
  });
});

describe('the note on the received message itself (inbox, draft refusal): the same judgement', () => {
  it('lets a message that stands be drafted from, and says why', () => {
    const n = revokedKeyMessageNote(source, revoked(null, 'routine rotation'));
    expect(n.suspect).toBe(false);
    expect(n.note.ko).toBe(
      '이 통보에 서명한 CN-GACC의 키는 2026-12-03 09:00(한국시간)에 폐기되었습니다(사유: “routine rotation”). 이 메시지는 키가 유효할 때인 2026-12-01 10:00에 받았고, 폐기 기록에 키가 유출되었다는 내용이 없으므로 그대로 유효합니다. 규칙 초안을 만들 수 있습니다.',
    );
    expect(n.note.en).toBe(
      'The key of CN-GACC that signed this notice was revoked 2026-12-03 09:00 (KST) (reason: “routine rotation”). This message reached us while the key was valid, at 2026-12-01 10:00 (KST), and the revocation does not say the key was compromised, so it stands: a rule may be drafted from it.',
    );
  });

  it('refuses a draft from a message received at or after the compromise, and agrees with the hit on every case', () => {
    const n = revokedKeyMessageNote(source, revoked('2026-11-30T15:00:00.000Z'));
    expect(n.suspect).toBe(true);
    expect(n.note.ko).toContain('2026-12-01 00:00(한국시간)부터 유출되었고, 이 메시지는 그 뒤인 2026-12-01 10:00에 받았으므로 위조되었을 수 있습니다. 이 메시지로는 규칙 초안을 만들 수 없습니다.');
    expect(n.note.en).toContain('so it may be forged. No rule draft is made from it: ask the partner to resend it signed with its new key.');
    // One rule for both readers: compromised before, at, and a millisecond after the reception (01:00:00.000Z).
    for (const since of [null, '2026-12-01T00:59:59.999Z', source.receivedAt, '2026-12-01T01:00:00.001Z']) {
      const expected = since !== null && since <= source.receivedAt;
      expect([revokedKeyMessageNote(source, revoked(since)).suspect, revokedKeySourceWarning('RX_X', source, revoked(since)).suspect]).toEqual([expected, expected]);
    }
  });
});

describe('a compromise stated after a routine revocation', () => {
  // Revoked 2026-12-03 00:00 UTC.
  it('may start at any time up to the revocation, even before the key was added (from the start)', () => {
    expect(lateCompromiseProblem('2026-12-03T00:00:00.000Z', { revokedAt: '2026-12-03T00:00:00.000Z' })).toBeNull();
    expect(lateCompromiseProblem('2000-01-01T00:00:00.000Z', { revokedAt: '2026-12-03T00:00:00.000Z' })).toBeNull();
  });
  it('may not start after the revocation (nothing signed with the key was accepted since), nor in the future', () => {
    const p = lateCompromiseProblem('2026-12-03T00:00:00.001Z', { revokedAt: '2026-12-03T00:00:00.000Z' });
    expect(p).toEqual({
      ko: '유출 시점은 키 폐기 시각(2026-12-03 09:00, 한국시간)보다 늦을 수 없습니다. 폐기 뒤에는 이 키로 서명한 메시지를 받지 않았습니다.',
      en: 'The key cannot be compromised from after its revocation (2026-12-03 09:00 KST): nothing signed with it was accepted since.',
    });
    expect(lateCompromiseProblem('2999-01-01T00:00:00.000Z', { revokedAt: '2026-12-03T00:00:00.000Z' })).not.toBeNull();
  });
});
