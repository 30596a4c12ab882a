// Secrets compared in constant time (nodeSecrets.sameSecret), and the use cases that decide on a
// secret through it rather than with `===`, which stops at the first differing character (CWE-208).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSecrets, sameSecret } from './node-secrets.ts';
import { completeConsumerVerification } from '../../app/verify-consumer.ts';
import { checkPccc } from '../../app/check-pccc.ts';
import type { PcccHolder } from '../../app/ports.ts';

describe('sameSecret', () => {
  it('equal strings only; any length, empty and non-ASCII, without throwing on unequal lengths', () => {
    expect(sameSecret('123456', '123456')).toBe(true);
    expect(sameSecret('123456', '123457')).toBe(false);
    expect(sameSecret('123456', '1234567')).toBe(false); // timingSafeEqual alone would throw on 6 vs 7 bytes
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret('', 'x')).toBe(false);
    expect(sameSecret('김민지', '김민지')).toBe(true);
    expect(sameSecret('김민지', '김민재')).toBe(false);
    expect(nodeSecrets.sameSecret).toBe(sameSecret);
  });
});

/** nodeSecrets whose comparison is recorded and can be overruled: a use case that compares with `===` ignores both. */
function spiedSecrets(verdict: (a: string, b: string) => boolean) {
  const calls: [string, string][] = [];
  return { calls, secrets: { ...nodeSecrets, sameSecret: (a: string, b: string) => (calls.push([a, b]), verdict(a, b)) } };
}

describe('use cases decide on secrets through sameSecret', () => {
  it('completeConsumerVerification: the stored hash of the code against the hash of the one given', async () => {
    const stored = nodeSecrets.sha256('vch_1:123456');
    const consumers = { openChallenge: async () => ({ method: 'otp', pccc: 'P250000000001', secretHash: stored }), consumeChallenge: async () => true };
    const sessions: unknown[] = [];
    const audited: { detail: unknown }[] = [];
    const access = { createSession: async (s: unknown) => void sessions.push(s), audit: async (e: { detail: unknown }) => void audited.push(e) };
    const deps = (secrets: typeof nodeSecrets) =>
      ({ consumers, access, notifier: {}, secrets, clock: { now: () => new Date('2026-12-03T10:00:00Z') } }) as unknown as Parameters<typeof completeConsumerVerification>[0];
    const spy = spiedSecrets(sameSecret);
    expect((await completeConsumerVerification(deps(spy.secrets), { challengeId: 'vch_1', code: '123456' })).ok).toBe(true);
    expect(spy.calls).toEqual([[stored, stored]]);
    expect(await completeConsumerVerification(deps(spy.secrets), { challengeId: 'vch_1', code: '123457' })).toMatchObject({ ok: false, error: { code: 'CHALLENGE_INVALID' } });
    // The right code, but the comparison says no: refused, so the decision is sameSecret's.
    const no = spiedSecrets(() => false);
    expect(await completeConsumerVerification(deps(no.secrets), { challengeId: 'vch_1', code: '123456' })).toMatchObject({ ok: false, error: { code: 'CHALLENGE_INVALID' } });
    expect(sessions).toHaveLength(1);
    // Each refusal audited as a wrong code for the challenge's PCCC, never with the code tried.
    expect(audited).toHaveLength(2);
    expect(audited.map((e) => e.detail)).toEqual([{ reason: 'wrong-code', address: '' }, { reason: 'wrong-code', address: '' }]);
    expect(JSON.stringify(audited)).not.toContain('12345');
  });

  it('checkPccc: name, mobile and postcode each through sameSecret, every candidate compared', async () => {
    const holder: PcccHolder = { pccc: 'P250000000001', name: '김민지', nameEn: 'KIM MINJI', phone: '01012345678', postcodes: ['06236', '13529'], status: 'active', issuedOn: '2026-01-01', expiresOn: '2027-01-01' } as PcccHolder;
    const q = { pccc: holder.pccc, name: '김민지', phone: '010-1234-5678', postcode: '06236', today: '2026-12-03' };
    const spy = spiedSecrets(sameSecret);
    expect((await checkPccc({ consumers: { findHolder: async () => holder }, secrets: spy.secrets }, q)).matched).toBe(true);
    // 2 names (Korean, English) + 1 mobile + 2 postcodes: 5 comparisons, none skipped after a match.
    expect(spy.calls).toEqual([['김민지', '김민지'], ['KIMMINJI', '김민지'], ['01012345678', '01012345678'], ['06236', '06236'], ['13529', '06236']]);
    const no = spiedSecrets(() => false);
    expect((await checkPccc({ consumers: { findHolder: async () => holder }, secrets: no.secrets }, q)).mismatches).toEqual(['nameMismatch', 'phoneMismatch', 'zipMismatch']);
  });

  it('no secret of the server is compared with === or !== (the names that hold them)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = ['app/verify-consumer.ts', 'app/check-pccc.ts', 'app/decide-consent.ts', 'app/record-virtual-account-deposit.ts', 'http/platform-unipass-ports.ts', 'adapters/payments/toss-emulator.ts'];
    const secretNames = /(secretHash|secretSha256|matchingNumber|expectedAuth|crkyCn|holder\.phone\))\s*[!=]==|[!=]==\s*(\S*secretHash|\S*secretSha256|\S*matchingNumber|expectedAuth|`TONGGWAN-DEMO|digitsOnly\(q\.phone)|(postcodes|holderNames\(holder\))\.includes\(/;
    for (const f of files) {
      const lines = fs.readFileSync(path.join(root, f), 'utf8').split('\n');
      const hits = lines.map((l, i) => [i + 1, l] as const).filter(([, l]) => secretNames.test(l));
      expect(hits, f).toEqual([]);
    }
  });
});
