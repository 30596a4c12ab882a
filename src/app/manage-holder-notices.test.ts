// The notices given up, as an administrator reads them, and sent again: why each was given up (refused before
// its last attempt, or out of attempts), whom (the contact masked), which notice; a page's cursor; a notice
// sent again is audited and nudges the worker, one not given up is a 404 and logs nothing.
import { describe, expect, it } from 'vitest';
import { givenUpView, listGivenUpHolderNotices, requeueGivenUpHolderNotice } from './manage-holder-notices.ts';
import { PCCC_CHANGE_NOTICE_RETRY } from './send-pccc-change-notices.ts';
import type { GivenUpHolderNotice, GivenUpHolderNotices } from './ports/identity-ports.ts';
import type { OfficerPrincipal } from './ports.ts';

const NOTICE: GivenUpHolderNotice = {
  id: 41,
  kind: 'pccc_change',
  changeAction: 'reissue',
  channel: 'email',
  pccc: 'P262000000123',
  holder: { name: '김하나', phone: '01098765432', email: 'hana@example.com' },
  toFormerContact: false,
  recipient: null,
  contactReplacedSince: false,
  attempts: 1,
  lastError: 'e-mail to h***@example.com: refused by the SMTP server (550 5.1.1 mailbox unavailable); not retried (permanent)',
  queuedAt: new Date('2026-12-07T01:00:00Z'),
  givenUpAt: new Date('2026-12-07T01:00:02Z'),
};
const ADMIN = { kind: 'officer', userId: 7, username: 'admin1', role: 'admin' } as unknown as OfficerPrincipal;

describe('givenUpView', () => {
  it('given up at attempt 1 of 10: refused for good; at attempt 10 of 10: out of attempts', () => {
    expect(PCCC_CHANGE_NOTICE_RETRY.maxAttempts).toBe(10);
    expect(givenUpView(NOTICE)).toMatchObject({ why: 'refused', attempts: 1, kindText: { ko: '개인통관고유부호 재발급', en: 'Customs code reissued' } });
    expect(givenUpView({ ...NOTICE, attempts: 9 }).why).toBe('refused'); // 9 < 10: given up before its last
    expect(givenUpView({ ...NOTICE, attempts: 10 }).why).toBe('out_of_attempts');
  });

  it('whom: the contact on its channel masked; none for Web Push, an e-mail removed, or a code not in the registry', () => {
    expect(givenUpView(NOTICE)).toMatchObject({ holderName: '김하나', recipient: 'h***@example.com', givenUpAt: '2026-12-07T01:00:02.000Z' });
    expect(givenUpView({ ...NOTICE, channel: 'sms' }).recipient).toBe('010-****-5432');
    expect(givenUpView({ ...NOTICE, channel: 'push' }).recipient).toBeNull();
    expect(givenUpView({ ...NOTICE, holder: { ...NOTICE.holder!, email: null } }).recipient).toBeNull();
    expect(givenUpView({ ...NOTICE, holder: null })).toMatchObject({ holderName: null, recipient: null });
    expect(givenUpView({ ...NOTICE, kind: 'passkey_added', changeAction: null }).kindText.en).toBe('Passkey added');
  });

  it('a notice to the number the holder had before a change of contact says so (formerContact), that number masked', () => {
    const toOld: GivenUpHolderNotice = { ...NOTICE, changeAction: 'phone', channel: 'sms', holder: { ...NOTICE.holder!, phone: '01011112222' }, toFormerContact: true, recipient: '01011112222' };
    expect(givenUpView(toOld)).toMatchObject({ recipient: '010-****-2222', formerContact: true, kindText: { ko: '알림 휴대전화 번호 변경', en: 'Mobile number for notices changed' } });
    expect(givenUpView(NOTICE).formerContact).toBe(false);
  });

  it('where it goes if sent again: the old number of a change of contact there again (former); a reissue to the holder’s address now, "current" once the holder replaced it', () => {
    const toOld: GivenUpHolderNotice = { ...NOTICE, changeAction: 'phone', channel: 'sms', toFormerContact: true, recipient: '01011112222', contactReplacedSince: true };
    expect(givenUpView(toOld).requeueTo).toBe('former');
    expect(givenUpView(NOTICE).requeueTo).toBe('same');
    expect(givenUpView({ ...NOTICE, contactReplacedSince: true }).requeueTo).toBe('current');
  });
});

function outbox(rows: GivenUpHolderNotice[]): GivenUpHolderNotices & { requeued: number[]; kept: boolean[] } {
  const requeued: number[] = [];
  const kept: boolean[] = [];
  return {
    requeued,
    kept,
    findGivenUp: async (id) => rows.find((x) => x.id === id && !requeued.includes(id)) ?? null,
    listGivenUp: async (q) => rows.filter((r) => q.beforeId === undefined || r.id < q.beforeId).slice(0, q.limit),
    countGivenUp: async () => rows.length,
    requeueGivenUp: async (id, _at, o) => {
      const r = rows.find((x) => x.id === id && !requeued.includes(id));
      if (!r) return null;
      requeued.push(id);
      kept.push(o.keepRecipient);
      return r;
    },
  };
}

describe('listGivenUpHolderNotices', () => {
  it('a full page names the last id as the next cursor; a short one none', async () => {
    const rows = [45, 44, 43].map((id) => ({ ...NOTICE, id }));
    const first = await listGivenUpHolderNotices({ notices: outbox(rows) }, { limit: 2 });
    expect([first.notices.map((n) => n.id), first.nextBefore, first.total]).toEqual([[45, 44], 44, 3]);
    const second = await listGivenUpHolderNotices({ notices: outbox(rows) }, { limit: 2, before: 44 });
    expect([second.notices.map((n) => n.id), second.nextBefore]).toEqual([[43], null]);
  });
});

describe('requeueGivenUpHolderNotice', () => {
  it('queued again: audited (who, which notice as it was given up) and the worker nudged; again: HOLDER_NOTICE_NOT_FOUND, nothing logged', async () => {
    const audits: unknown[] = [];
    let nudged = 0;
    const deps = { notices: outbox([NOTICE]), access: { audit: async (e: unknown) => void audits.push(e) }, clock: { now: () => new Date('2026-12-07T03:00:00Z') }, onChangeNoticeQueued: () => void nudged++ };
    const r = await requeueGivenUpHolderNotice(deps, ADMIN, 41);
    expect(r).toMatchObject({ ok: true, value: { dueAt: '2026-12-07T03:00:00.000Z', notice: { id: 41, why: 'refused' } } });
    expect(audits).toEqual([
      {
        actorKind: 'officer',
        actorId: 7,
        action: 'holder-notice.requeue',
        subject: 'holder-notice:41',
        detail: { kind: 'pccc_change', changeAction: 'reissue', channel: 'email', pccc: 'P262000000123', attempts: 1, why: 'refused', lastError: NOTICE.lastError, givenUpAt: '2026-12-07T01:00:02.000Z', requeueTo: 'same' },
      },
    ]);
    expect(nudged).toBe(1);
    expect(await requeueGivenUpHolderNotice(deps, ADMIN, 41)).toMatchObject({ ok: false, error: { code: 'HOLDER_NOTICE_NOT_FOUND' } });
    expect([audits.length, nudged]).toEqual([1, 1]);
  });

  it('the notice to the old number of a change of contact keeps its recipient; a passkey notice given up on a number since replaced does not (to the number now)', async () => {
    const toOld: GivenUpHolderNotice = { ...NOTICE, id: 51, changeAction: 'phone', channel: 'sms', toFormerContact: true, recipient: '01011112222', contactReplacedSince: true };
    const passkey: GivenUpHolderNotice = { ...NOTICE, id: 52, kind: 'passkey_added', changeAction: null, channel: 'sms', contactReplacedSince: true };
    const notices = outbox([toOld, passkey]);
    const deps = { notices, access: { audit: async () => undefined }, clock: { now: () => new Date('2026-12-07T03:00:00Z') } };
    expect(await requeueGivenUpHolderNotice(deps, ADMIN, 51)).toMatchObject({ ok: true, value: { notice: { requeueTo: 'former' } } });
    expect(await requeueGivenUpHolderNotice(deps, ADMIN, 52)).toMatchObject({ ok: true, value: { notice: { requeueTo: 'current' } } });
    expect(notices.kept).toEqual([true, false]);
  });
});
