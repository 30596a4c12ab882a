import { describe, expect, it } from 'vitest';
import { activityOf, activityText, REGISTRY_EVENT_KINDS, type RegistryEventKind, type SecurityActivity } from './security-activity.ts';

const AT = '2026-12-07T05:30:00.000Z'; // 14:30 KST
const row = (action: string, detail: unknown, actorKind = 'consumer', pccc = 'P260700001234') => ({ id: 7, at: AT, pccc, action, actorKind, detail });

/** One event of each kind as the registry writes it (pg-pccc-registry.ts), by the holder. */
const WRITTEN: Record<RegistryEventKind, { detail: unknown; ko: string; en: string }> = {
  issue: { detail: { postcodes: 1 }, ko: '개인통관고유부호(끝자리 1234)가 발급되었습니다.', en: 'The personal customs code (ending 1234) was issued.' },
  renew: { detail: { from: '2027-01-31', to: '2028-01-31' }, ko: '유효기간을 2028-01-31까지 연장했습니다.', en: 'Extended the code’s validity to 2028-01-31.' },
  suspend: { detail: { reason: '분실' }, ko: '개인통관고유부호(끝자리 1234)를 사용정지했습니다.', en: 'Suspended the customs code (ending 1234).' },
  resume: { detail: null, ko: '개인통관고유부호(끝자리 1234)의 사용정지를 해제했습니다.', en: 'Lifted the suspension of the customs code (ending 1234).' },
  reissue: { detail: { replacedBy: 'P260700005678' }, ko: '개인통관고유부호를 재발급했습니다(새 부호 끝자리 5678).', en: 'Reissued the customs code (new code ending 5678).' },
  cancel: { detail: { reason: '사망' }, ko: '개인통관고유부호(끝자리 1234)를 해지했습니다.', en: 'Cancelled the customs code (ending 1234).' },
  postcodes: { detail: { count: 3 }, ko: '배송 우편번호를 바꿨습니다(3개 등록).', en: 'Changed the delivery postcodes (3 registered).' },
  phone: { detail: { from: '010-****-5678', to: '010-****-5432', otherSessionsEnded: 0 }, ko: '휴대전화 번호를 010-****-5432(으)로 바꿨습니다.', en: 'Changed the mobile number to 010-****-5432.' },
  email: { detail: { from: null, to: 'm***@example.com', otherSessionsEnded: 0 }, ko: '이메일 주소를 m***@example.com(으)로 바꿨습니다.', en: 'Changed the e-mail address to m***@example.com.' },
  passkey_added: { detail: { label: '새 폰' }, ko: '패스키를 등록했습니다 (새 폰).', en: 'Added a passkey (새 폰).' },
  passkey_removed: { detail: { label: '회사 노트북' }, ko: '패스키를 삭제했습니다 (회사 노트북).', en: 'Removed a passkey (회사 노트북).' },
  not_me_reported: { detail: { cargoNo: '26KRCARGO0001234' }, ko: "'내가 아님'을 신고했습니다: 화물관리번호 26KRCARGO0001234.", en: "Reported 'not me' for cargo 26KRCARGO0001234." },
};

describe('the sentence of each kind of registry event (activityText)', () => {
  // A kind added to the registry's list without its sentence gets the fallback, and fails here.
  it.each(REGISTRY_EVENT_KINDS.map((k) => [k]))('%s has its own sentence in Korean and English', (kind) => {
    const w = WRITTEN[kind];
    expect(w, `a worked example for ${kind}`).toBeDefined();
    const a = activityOf(row(kind, w.detail));
    expect(a.kind).toBe(kind);
    expect(activityText(a)).toEqual({ ko: w.ko, en: w.en });
  });

  it('covers exactly the kinds listed (no example for a kind that is not)', () => {
    expect(Object.keys(WRITTEN).sort()).toEqual([...REGISTRY_EVENT_KINDS].sort());
  });

  it('says customs did it when an officer did (직권), in both languages', () => {
    expect(activityText(activityOf(row('suspend', { reason: '부정 사용 의심' }, 'officer')))).toEqual({
      ko: '세관이 개인통관고유부호(끝자리 1234)를 직권으로 사용정지했습니다.',
      en: 'Customs suspended the customs code (ending 1234) ex officio.',
    });
    expect(activityText(activityOf(row('reissue', { replacedBy: 'P260700005678' }, 'officer'))).en).toBe('Customs reissued the customs code (new code ending 5678) ex officio.');
    expect(activityText(activityOf(row('issue', { postcodes: 1 }, 'officer'))).ko).toBe('개인통관고유부호(끝자리 1234)가 발급되었습니다.');
  });

  it('names the other devices a change of contact signed out (otherSessionsEnded 2)', () => {
    expect(activityText(activityOf(row('phone', { from: '010-****-5678', to: '010-****-5432', otherSessionsEnded: 2 })))).toEqual({
      ko: '휴대전화 번호를 010-****-5432(으)로 바꿨습니다. 다른 기기의 로그인 2건을 종료했습니다.',
      en: 'Changed the mobile number to 010-****-5432. Signed out 2 other devices.',
    });
  });

  it('an issue after a reissue names the code it replaces', () => {
    expect(activityText(activityOf(row('issue', { replaces: 'P260700001111' }, 'consumer', 'P260700005678')))).toEqual({
      ko: '재발급으로 새 개인통관고유부호(끝자리 5678)가 발급되었습니다(이전 부호 끝자리 1111).',
      en: 'A new customs code (ending 5678) was issued, replacing the one ending 1111.',
    });
  });

  it('a kind it does not know is still listed, in general words', () => {
    const a = activityOf(row('merge', { x: 1 }));
    expect(a.kind).toBe('other');
    expect(activityText(a)).toEqual({ ko: '개인통관고유부호 정보가 바뀌었습니다.', en: 'Your customs code’s details changed.' });
  });
});

describe('what an event shows (activityOf): never a full number, address, code or free text', () => {
  it('keeps the masked phone and e-mail as recorded', () => {
    const a = activityOf(row('phone', { from: '010-****-5678', to: '010-****-5432', otherSessionsEnded: 1 }));
    expect(a).toEqual<SecurityActivity>({ id: 7, at: AT, kind: 'phone', by: 'holder', codeEnding: '1234', from: '010-****-5678', to: '010-****-5432', count: null, otherSessionsEnded: 1, label: null, cargoNo: null });
  });

  it('masks a number or address recorded in full (01098765432 → 010-****-5432; minji.kim@example.com → m***@example.com)', () => {
    const p = activityOf(row('phone', { from: '010-1234-5678', to: '01098765432' }));
    expect([p.from, p.to]).toEqual(['010-****-5678', '010-****-5432']);
    const e = activityOf(row('email', { from: 'minji.kim@example.com', to: 'x' }));
    expect([e.from, e.to]).toEqual(['m***@example.com', '***']);
    expect(JSON.stringify([p, e])).not.toMatch(/\d{5}|minji/);
  });

  it('shows codes by their last four digits and leaves a reason (free text) out', () => {
    const r = activityOf(row('reissue', { replacedBy: 'P260700005678' }));
    expect([r.codeEnding, r.to]).toEqual(['1234', '5678']);
    const s = activityOf(row('suspend', { reason: '010-1234-5678로 연락 바람' }, 'officer'));
    expect(s).toMatchObject({ by: 'customs', from: null, to: null });
    expect(JSON.stringify(s)).not.toContain('연락');
  });

  it('who: the holder (consumer), customs (officer), else the system', () => {
    expect(['consumer', 'officer', 'system', 'operator'].map((k) => activityOf(row('resume', null, k)).by)).toEqual(['holder', 'customs', 'system', 'system']);
    expect(activityText(activityOf(row('resume', null, 'system'))).en).toBe('The system lifted the suspension of the customs code (ending 1234).');
  });

  it('a passkey by its label only (never its credential id or key); without a label, no brackets', () => {
    const a = activityOf(row('passkey_added', { label: '새 폰', credentialId: 'Y3JlZC0x', publicKey: 'pQECAyYgASFYIA' }));
    expect(a).toEqual<SecurityActivity>({ id: 7, at: AT, kind: 'passkey_added', by: 'holder', codeEnding: '1234', from: null, to: null, count: null, otherSessionsEnded: null, label: '새 폰', cargoNo: null });
    expect(JSON.stringify(a)).not.toMatch(/Y3JlZC0x|pQECAy/);
    expect(activityText(activityOf(row('passkey_removed', {})))).toEqual({ ko: '패스키를 삭제했습니다.', en: 'Removed a passkey.' });
    expect(activityText(activityOf(row('passkey_added', { label: '  ' })))).toEqual({ ko: '패스키를 등록했습니다.', en: 'Added a passkey.' });
    // A label is the holder's own words, kept to one line of at most 60 characters (a line break made a space, then 62 characters cut to 60).
    expect(activityOf(row('passkey_added', { label: `a\nb${'x'.repeat(59)}` })).label).toBe(`a b${'x'.repeat(57)}`);
  });

  it("not me: the cargo number it was about; none recorded, the sentence without it", () => {
    expect(activityOf(row('not_me_reported', { cargoNo: '26KRCARGO0001234' }))).toMatchObject({ kind: 'not_me_reported', cargoNo: '26KRCARGO0001234', label: null });
    expect(activityText(activityOf(row('not_me_reported', null)))).toEqual({ ko: "'내가 아님'을 신고했습니다.", en: "Reported 'not me'." });
  });

  it('renew: the dates; postcodes: how many (never which)', () => {
    expect(activityOf(row('renew', { from: '2027-01-31', to: '2028-01-31' }))).toMatchObject({ from: '2027-01-31', to: '2028-01-31' });
    expect(activityOf(row('postcodes', { count: 2 }))).toMatchObject({ count: 2, from: null, to: null });
  });
});
