// The platform's private keys (consent-token signing, VAPID, risk-exchange signing) at rest in platform_keys: sealed with
// the secret key, read back by later starts, plaintext rows of older databases sealed at start,
// and a start with another key fails instead of quietly generating new keys.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify } from 'jose';
import { createPlatform, type Platform } from '../../src/main.ts';
import { createSecretBox } from '../../src/adapters/crypto/secret-box.ts';
import { generateConsentKey, type ConsentKeyPair } from '../../src/adapters/crypto/consent-tokens.ts';
import { generateVapidKeys } from '../../src/adapters/notifications/web-push-sender.ts';
import { loadOrCreateKey, type PlatformKeySealing } from '../../src/adapters/db/identity-repository.ts';
import { startTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testConfig } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';

const secretKey = crypto.randomBytes(32).toString('base64');
let db: TestDatabase;

const start = async (key = secretKey, log?: (line: string) => void): Promise<Platform> =>
  createPlatform(testConfig({ secretKey: key, riskWorker: false }), { db, files: await referenceFiles(), listen: false, ...(log ? { log } : {}) });

async function rawKeys(): Promise<Record<string, { type: string; text: string }>> {
  const r = await db.pool.query<{ name: string; type: string; text: string }>(`SELECT name, jsonb_typeof(value) AS type, value::text AS text FROM platform_keys ORDER BY name`);
  return Object.fromEntries(r.rows.map((x) => [x.name, { type: x.type, text: x.text }]));
}

async function signedToken(p: Platform): Promise<string> {
  const now = new Date();
  return p.deps.identity!.deps.signer.sign({
    tokenId: `ct_${crypto.randomUUID()}`,
    consentId: 'c-1',
    orderHash: 'h',
    pccc: 'P123456789012',
    operatorCode: 'MALL',
    amr: 'passkey',
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 600_000),
  });
}

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => db?.close());

describe('platform keys at rest', () => {
  let token = '';
  let vapidPublicKey = '';
  let sealed: Record<string, { type: string; text: string }> = {};

  it('stores the keys sealed: no private key material in the table', async () => {
    const p = await start();
    token = await signedToken(p);
    vapidPublicKey = p.deps.identity!.deps.holders.vapidPublicKey() ?? '';
    expect(vapidPublicKey).not.toBe('');
    await p.close();
    sealed = await rawKeys();
    expect(Object.keys(sealed)).toEqual(['consent-signing-es256', 'risk-exchange-ed25519', 'web-push-vapid']);
    for (const row of Object.values(sealed)) {
      expect(row.type).toBe('string');
      expect(row.text).toMatch(/^"enc:v1:[\w-]+:[\w-]+:[\w-]+"$/);
      expect(row.text).not.toMatch(/"d"|privateKey|privateJwk/);
    }
  });

  it('reads the same keys at the next start: tokens signed before still verify', async () => {
    const p = await start();
    try {
      expect(await p.deps.identity!.deps.signer.verify(token, new Date())).toMatchObject({ ok: true, claims: { consentId: 'c-1' } });
      expect(p.deps.identity!.deps.holders.vapidPublicKey()).toBe(vapidPublicKey);
    } finally {
      await p.close();
    }
    expect(await rawKeys()).toEqual(sealed); // not re-sealed
  });

  it('fails the start with another SECRET_KEY, naming the key, and leaves the stored keys alone', async () => {
    await expect(start(crypto.randomBytes(32).toString('base64'))).rejects.toThrow(/^platform key 'consent-signing-es256' cannot be decrypted with SECRET_KEY/);
    expect(await rawKeys()).toEqual(sealed);
  });

  it("does not open one key's sealed value in place of another's", async () => {
    await db.pool.query(`UPDATE platform_keys SET value = (SELECT value FROM platform_keys WHERE name = 'consent-signing-es256') WHERE name = 'web-push-vapid'`);
    await expect(start()).rejects.toThrow(/platform key 'web-push-vapid' cannot be decrypted/);
  });

  it('seals plaintext keys of an older database at start, and still uses them', async () => {
    await db.pool.query(`DELETE FROM platform_keys`);
    const consent = await generateConsentKey();
    const vapid = generateVapidKeys();
    await db.pool.query(`INSERT INTO platform_keys (name, value) VALUES ('consent-signing-es256', $1), ('web-push-vapid', $2)`, [JSON.stringify(consent), JSON.stringify(vapid)]);

    const lines: string[] = [];
    const p = await start(secretKey, (l) => lines.push(l));
    let legacyToken: string;
    try {
      legacyToken = await signedToken(p);
      expect(p.deps.identity!.deps.holders.vapidPublicKey()).toBe(vapid.publicKey);
    } finally {
      await p.close();
    }
    // signed with the key of the plaintext row
    const { protectedHeader } = await jwtVerify(legacyToken, await importJWK(consent.publicJwk, 'ES256'), { algorithms: ['ES256'] });
    expect(protectedHeader.kid).toBe(consent.kid);
    expect(lines).toEqual(expect.arrayContaining(["platform key 'consent-signing-es256': encrypted at rest", "platform key 'web-push-vapid': encrypted at rest"]));

    const after = await rawKeys();
    for (const row of Object.values(after)) {
      expect(row.text).toMatch(/^"enc:v1:/);
      expect(row.text).not.toContain(vapid.privateKey);
      expect(row.text).not.toContain(String(consent.privateJwk.d));
    }
    const again = await start();
    await again.close();
    expect(await rawKeys()).toEqual(after); // idempotent
  });

  it('racing first starts agree on one key', async () => {
    const sealing: PlatformKeySealing = { box: (purpose) => createSecretBox(Buffer.from(secretKey, 'base64'), purpose), keyName: 'SECRET_KEY' };
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKey<ConsentKeyPair>(db.pool, 'test-race', sealing, generateConsentKey)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await loadOrCreateKey<ConsentKeyPair>(db.pool, 'test-race', sealing, () => Promise.reject(new Error('not created again')))).toEqual(keys[0]);
  });
});
