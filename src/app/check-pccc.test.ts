// checkPccc: the consignee's name may be the holder's Korean name or, when the registry holds one,
// the English name (the 2026-02-02 strengthened check compares a name in Latin letters with the
// holder's English name: KCS notice quoted at jkmanlab.com/elpisbbs/board.php?bo_table=notice&wr_id=117).
import { describe, expect, it } from 'vitest';
import { checkPccc } from './check-pccc.ts';
import { startConsumerVerification } from './verify-consumer.ts';
import type { PcccHolder } from './ports.ts';
import { sameSecret } from '../adapters/crypto/node-secrets.ts';

const holder: PcccHolder & { nameEn: string | null } = {
  pccc: 'P250000000001',
  name: '김민지',
  nameEn: 'KIM MINJI',
  phone: '01012345678',
  postcodes: ['06236'],
  status: 'active',
  issuedOn: '2026-01-01',
  expiresOn: '2027-01-01',
};
const check = (h: PcccHolder, name: string) =>
  checkPccc({ consumers: { findHolder: async () => h }, secrets: { sameSecret } }, { pccc: h.pccc, name, phone: '010-1234-5678', postcode: '06236', today: '2026-12-03' });

describe('checkPccc names', () => {
  it('accepts the Korean name and the registered English name, in any case and spacing', async () => {
    expect((await check(holder, '김민지')).matched).toBe(true);
    expect((await check(holder, 'KIM MINJI')).matched).toBe(true);
    expect((await check(holder, 'Kim Minji')).matched).toBe(true);
    expect((await check(holder, 'KIMMINJI')).matched).toBe(true);
  });

  it('refuses another English name, and any English name when none is registered', async () => {
    expect((await check(holder, 'LEE SEOJUN')).mismatches).toEqual(['nameMismatch']);
    expect((await check({ ...holder, nameEn: null } as PcccHolder, 'KIM MINJI')).mismatches).toEqual(['nameMismatch']);
    const { nameEn: _drop, ...korean } = holder;
    expect((await check(korean, 'KIM MINJI')).mismatches).toEqual(['nameMismatch']);
    expect((await check(holder, '')).mismatches).toEqual(['nameMismatch']);
  });
});

describe('startConsumerVerification: a code that lapsed is refused by the Korean date', () => {
  it('on 2027-01-02 01:00 KST (2027-01-01T16:00Z) a code valid through 2027-01-01 no longer verifies', async () => {
    let sent = 0;
    const audited: unknown[] = [];
    const deps = (iso: string) =>
      ({
        consumers: { findHolder: async () => holder, createChallenge: async () => true },
        access: { audit: async (e: unknown) => void audited.push(e) },
        notifier: { send: async () => void sent++ },
        secrets: { otpCode: () => '123456', randomToken: (p: string) => `${p}x`, sha256: (s: string) => s, sameSecret },
        clock: { now: () => new Date(iso) },
      }) as unknown as Parameters<typeof startConsumerVerification>[0];
    const input = { pccc: holder.pccc, name: '김민지', phone: '010-1234-5678', postcode: '06236' };
    // 2027-01-01T14:00Z is 23:00 KST on 2027-01-01: the last day of validity, still verified
    expect((await startConsumerVerification(deps('2027-01-01T14:00:00Z'), input)).ok).toBe(true);
    // two hours later it is 2027-01-02 in Korea (the UTC date, 2027-01-01, let it through until 09:00 KST)
    expect(await startConsumerVerification(deps('2027-01-01T16:00:00Z'), { ...input, address: '203.0.113.7' })).toMatchObject({ ok: false, error: { code: 'VERIFICATION_FAILED' } });
    expect(sent).toBe(1);
    // The refusal is in the audit log with which detail failed (for the administrator), not the phone or name.
    expect(audited).toEqual([{ actorKind: 'anonymous', actorId: null, action: 'auth.consumer-sign-in-failed', subject: `pccc:${holder.pccc}`, detail: { reason: 'details-mismatch', mismatches: ['expired'], address: '203.0.113.7' } }]);
  });
});

describe('startConsumerVerification: the text message', () => {
  it('says in English too how long the code is valid and to ignore it if not asked for (the English part was only "Your code: 123456")', async () => {
    const bodies: string[] = [];
    const deps = {
      consumers: { findHolder: async () => holder, createChallenge: async () => true },
      access: { audit: async () => undefined },
      notifier: { send: async (m: { body: string }) => void bodies.push(m.body) },
      secrets: { otpCode: () => '123456', randomToken: (p: string) => `${p}x`, sha256: (s: string) => s, sameSecret },
      clock: { now: () => new Date('2026-12-03T01:00:00Z') },
    } as unknown as Parameters<typeof startConsumerVerification>[0];
    expect((await startConsumerVerification(deps, { pccc: holder.pccc, name: '김민지', phone: '010-1234-5678', postcode: '06236' })).ok).toBe(true);
    const [ko, en] = bodies[0]!.split(' / ');
    // The Korean part as before (the demo inbox and the browser tests read '인증번호 NNNNNN').
    expect(ko).toBe('[Tonggwan 통관] 인증번호 123456 (5분 내 입력). 본인이 요청하지 않았다면 무시하세요.');
    expect(en).toBe('Your code: 123456 (enter within 5 minutes). If you did not ask for it, ignore this message.');
  });
});
