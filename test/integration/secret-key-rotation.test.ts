// Rotation of the at-rest key: a database whose webhook secret and platform keys are sealed with
// key A is rotated to key B in one transaction; a platform started with B signs webhooks with the
// same secret and still verifies consent tokens signed before; a start with A fails; a rotation
// with a wrong old key changes nothing. Then `tonggwan secrets rotate` with the key file, and a
// rotation interrupted between its commit and the rename of the key file, finished at start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import { createOperator } from '../../src/app/manage-api-keys.ts';
import { parseSecretKey, secretKeyFiles, writeKeyFile } from '../../src/adapters/crypto/secret-box.ts';
import { rotateSecretKey } from '../../src/adapters/db/rotate-secret-key.ts';
import { verifyWebhookSignature } from '../../src/adapters/webhooks/signature.ts';
import { secretsCommand } from '../../src/cli/secrets-command.ts';
import { startTestDatabase, makeTempDir, type TestDatabase } from '../support/test-database.ts';
import { api, declaration, testConfig } from '../support/test-platform.ts';
import type { Config } from '../../src/config.ts';
import { referenceFiles } from '../support/reference.ts';
import { until } from '../support/until.ts';

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);
let db: TestDatabase;
let receiver: http.Server;
let hookUrl: string;
const received: { body: string; signature: string }[] = [];
const dirs: string[] = [];

const start = async (overrides: Partial<Config>, log?: (line: string) => void): Promise<Platform> =>
  createPlatform(testConfig({ riskWorker: false, webhookPollMs: 20, ...overrides }), { db, files: await referenceFiles(), ...(log ? { log } : {}) });

async function snapshot(): Promise<unknown> {
  const w = await db.pool.query(`SELECT id, secret FROM webhooks ORDER BY id`);
  const k = await db.pool.query(`SELECT name, value::text AS value FROM platform_keys ORDER BY name`);
  return { webhooks: w.rows, platformKeys: k.rows };
}

async function signedToken(p: Platform): Promise<string> {
  const now = new Date();
  return p.deps.identity!.deps.signer.sign({
    tokenId: `ct_${crypto.randomUUID()}`,
    consentId: 'c-rotation',
    orderHash: 'h',
    pccc: 'P123456789012',
    operatorCode: 'MALL',
    amr: 'passkey',
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
}

/** Submits a declaration and returns its webhook delivery, checked against `secret`. */
async function deliveredWith(p: Platform, operatorKey: string, ref: string, secret: string): Promise<boolean> {
  const r = await api(p.url, 'POST', '/api/v1/declarations', { token: operatorKey, body: { declarations: [declaration(ref)] } });
  const id = r.body.results[0].declarationId;
  const got = await until(() => received.find((x) => JSON.parse(x.body).declaration.id === id), `the delivery of ${ref}`);
  return verifyWebhookSignature(secret, got.body, got.signature, Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  db = await startTestDatabase();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['tonggwan-signature']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await db?.close();
  await new Promise((r) => receiver?.close(r));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('rotating the secret key', () => {
  let operatorKey = '';
  let webhookSecret = '';
  let token = '';
  let vapidPublicKey = '';
  const legacySecret = 'whsec_legacy_plaintext_before_rotation';

  it('starts from a database sealed with key A (and one plaintext secret of an older database)', async () => {
    const p = await start({ secretKey: keyA.toString('base64') });
    try {
      const { operator, key } = await createOperator(p.deps, 'system', { code: 'ROTATE', name: 'ROTATE Ltd', role: 'marketplace' });
      operatorKey = key;
      const reg = await api(p.url, 'POST', '/api/v1/webhooks', { token: key, body: { url: hookUrl } });
      expect(reg.status).toBe(201);
      webhookSecret = reg.body.secret;
      token = await signedToken(p);
      vapidPublicKey = p.deps.identity!.deps.holders.vapidPublicKey() ?? '';
      expect(await deliveredWith(p, operatorKey, 'ROT-A', webhookSecret)).toBe(true);
      // written after this start sealed the table: still plaintext when the rotation runs
      await db.pool.query(`INSERT INTO webhooks (operator_id, url, secret, active) VALUES ($1, $2, $3, false)`, [operator.id, hookUrl, legacySecret]);
    } finally {
      await p.close();
    }
  });

  it('refuses the same key and a wrong old key, naming the rows, and changes nothing', async () => {
    const before = await snapshot();
    expect(await rotateSecretKey(db.pool, { oldKey: keyA, newKey: Buffer.from(keyA) })).toMatchObject({ ok: false, code: 'SAME_KEY' });
    const wrong = await rotateSecretKey(db.pool, { oldKey: crypto.randomBytes(32), newKey: keyB, oldKeyName: 'SECRET_KEY' });
    expect(wrong).toMatchObject({ ok: false, code: 'UNREADABLE' });
    if (wrong.ok || wrong.code !== 'UNREADABLE') throw new Error('unreachable');
    expect(wrong.rows).toEqual(expect.arrayContaining([expect.stringMatching(/^webhooks id=\d+$/), 'platform_keys name=consent-signing-es256', 'platform_keys name=risk-exchange-ed25519', 'platform_keys name=web-push-vapid']));
    expect(wrong.rows).toHaveLength(4); // the plaintext secret opens with any key
    expect(wrong.en).toMatch(/^cannot rotate: 4 value\(s\) do not open with SECRET_KEY: .*; nothing was changed$/);
    expect(wrong.ko).toMatch(/^교체할 수 없습니다: 값 4개가 SECRET_KEY\(으\)로 열리지 않습니다: webhooks id=\d+, .*; 아무것도 바꾸지 않았습니다$/);
    expect(await snapshot()).toEqual(before);
  });

  it('re-seals every value with key B in one transaction', async () => {
    const before = (await snapshot()) as { webhooks: { secret: string }[]; platformKeys: { value: string }[] };
    const r = await rotateSecretKey(db.pool, { oldKey: keyA, newKey: keyB });
    expect(r).toEqual({ ok: true, rotated: { webhooks: 2, platformKeys: 3, fromPlaintext: 1 } });
    const after = (await snapshot()) as typeof before;
    for (const [i, w] of after.webhooks.entries()) {
      expect(w.secret).toMatch(/^enc:v1:/);
      expect(w.secret).not.toBe(before.webhooks[i]!.secret);
    }
    for (const [i, k] of after.platformKeys.entries()) {
      expect(k.value).toMatch(/^"enc:v1:/);
      expect(k.value).not.toBe(before.platformKeys[i]!.value);
    }
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'secret-key.rotate'`);
    expect(audit.rows).toEqual([{ detail: { webhooks: 2, platformKeys: 3, fromPlaintext: 1 } }]);
  });

  it('a start with key A now fails with the clear error, and changes nothing', async () => {
    const before = await snapshot();
    await expect(start({ secretKey: keyA.toString('base64') })).rejects.toThrow(/^platform key 'consent-signing-es256' cannot be decrypted with SECRET_KEY/);
    expect(await snapshot()).toEqual(before);
  });

  it('a start with key B signs webhooks with the same secret and verifies consent tokens signed before', async () => {
    const p = await start({ secretKey: keyB.toString('hex') });
    try {
      expect(await p.deps.identity!.deps.signer.verify(token, new Date())).toMatchObject({ ok: true, claims: { consentId: 'c-rotation' } });
      expect(p.deps.identity!.deps.holders.vapidPublicKey()).toBe(vapidPublicKey);
      expect(await deliveredWith(p, operatorKey, 'ROT-B', webhookSecret)).toBe(true);
    } finally {
      await p.close();
    }
  });

  describe('tonggwan secrets rotate with the key file', () => {
    let dataDir = '';
    const io = () => {
      const o = { out: '', err: '' };
      return { o, io: { lang: 'en' as const, readStdin: async () => '', stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) } };
    };
    // the test's database, not closed by the command
    const openDatabase = async () => ({ ...db, close: async () => undefined });
    const mode = (f: string) => fs.statSync(f).mode & 0o777;

    it('rotates, writes the new key file (0600) and keeps the old one as secret.key.previous', async () => {
      dataDir = makeTempDir('tonggwan-rotate-');
      dirs.push(dataDir);
      const files = secretKeyFiles(dataDir);
      writeKeyFile(files.current, keyB);
      const { o, io: cio } = io();
      expect(await secretsCommand(['rotate', '--generate'], { io: cio, config: { secretKey: null, dataDir }, openDatabase })).toBe(0);
      expect(o.err).toBe('');
      const lines = o.out.trim().split('\n');
      expect(JSON.parse(lines.at(-1)!)).toEqual({ rotated: { webhooks: 2, platformKeys: 3 }, keyFile: files.current });
      expect(o.out).toContain(`the old key is kept in ${files.previous}`);
      expect(parseSecretKey(fs.readFileSync(files.previous, 'utf8')).equals(keyB)).toBe(true);
      const keyC = parseSecretKey(fs.readFileSync(files.current, 'utf8'));
      expect(keyC.equals(keyB)).toBe(false);
      expect(o.out).not.toContain(keyC.toString('base64')); // the key file holds it; it is not printed
      expect(mode(files.current)).toBe(0o600);
      expect(mode(files.previous)).toBe(0o600);
      expect(fs.existsSync(files.next)).toBe(false);

      const p = await start({ secretKey: null, dataDir });
      try {
        expect(await p.deps.identity!.deps.signer.verify(token, new Date())).toMatchObject({ ok: true });
      } finally {
        await p.close();
      }
    });

    it('refuses to rotate with SECRET_KEY set to a key that does not open the values', async () => {
      const before = await snapshot();
      const { o, io: cio } = io();
      expect(await secretsCommand(['rotate', '--generate'], { io: cio, config: { secretKey: keyA.toString('base64'), dataDir }, openDatabase })).toBe(2);
      expect(o.err).toMatch(/^tonggwan secrets: cannot rotate: 5 value\(s\) do not open with SECRET_KEY: webhooks id=\d+, /);
      expect(o.err).toContain('the key printed above was not used');
      // In Korean (the CLI's default) the refusal's reason too, not only the command's own line.
      const ko = io();
      expect(await secretsCommand(['rotate', '--generate'], { io: { ...ko.io, lang: 'ko' }, config: { secretKey: keyA.toString('base64'), dataDir }, openDatabase })).toBe(2);
      expect(ko.o.err).toMatch(/^tonggwan secrets: 교체할 수 없습니다: 값 5개가 SECRET_KEY\(으\)로 열리지 않습니다: webhooks id=\d+, .*; 아무것도 바꾸지 않았습니다\n/);
      expect(ko.o.err).toContain('위에 표시한 키는 쓰이지 않았습니다');
      expect(await snapshot()).toEqual(before);
    });

    it('a start finishes a rotation interrupted between the commit and the rename of the key file', async () => {
      const files = secretKeyFiles(dataDir);
      const keyC = parseSecretKey(fs.readFileSync(files.current, 'utf8'));
      const keyD = crypto.randomBytes(32);
      // what the command does before its transaction, then the transaction, then a crash
      writeKeyFile(files.next, keyD);
      expect(await rotateSecretKey(db.pool, { oldKey: keyC, newKey: keyD })).toMatchObject({ ok: true });
      const lines: string[] = [];
      const p = await start({ secretKey: null, dataDir }, (l) => lines.push(l));
      try {
        expect(await p.deps.identity!.deps.signer.verify(token, new Date())).toMatchObject({ ok: true });
      } finally {
        await p.close();
      }
      expect(lines).toContainEqual(expect.stringMatching(/^secret key: the database was rotated to .*secret\.key\.next/));
      expect(parseSecretKey(fs.readFileSync(files.current, 'utf8')).equals(keyD)).toBe(true);
      expect(parseSecretKey(fs.readFileSync(files.previous, 'utf8')).equals(keyC)).toBe(true);
      expect(fs.existsSync(files.next)).toBe(false);

      // a secret.key.next of a rotation that did not commit is left alone and not used
      writeKeyFile(files.next, crypto.randomBytes(32));
      const lines2: string[] = [];
      const q = await start({ secretKey: null, dataDir }, (l) => lines2.push(l));
      await q.close();
      expect(lines2).toContainEqual(expect.stringMatching(/secret\.key\.next is not used/));
      expect(parseSecretKey(fs.readFileSync(files.current, 'utf8')).equals(keyD)).toBe(true);

      // the next rotation overwrites it
      const { o, io: cio } = io();
      expect(await secretsCommand(['rotate', '--generate'], { io: cio, config: { secretKey: null, dataDir }, openDatabase })).toBe(0);
      expect(o.err).toBe('');
      expect(parseSecretKey(fs.readFileSync(files.previous, 'utf8')).equals(keyD)).toBe(true);
      expect(fs.existsSync(files.next)).toBe(false);
    });
  });
});
