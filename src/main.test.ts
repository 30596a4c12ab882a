// The start's failures a user can act on: said in one sentence naming the setting to change, and a port in
// use found before the database opens (it was found only after the demo seed, as Node's bare EADDRINUSE).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bannerText, checkPortFree, startFailureText, type Platform } from './main.ts';
import { resolveSecretKey } from './adapters/crypto/secret-box.ts';
import { readConfig } from './config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

const held: net.Server[] = [];
afterAll(async () => {
  for (const s of held) await new Promise((r) => s.close(r));
});

/** A port another program listens on. */
async function takenPort(): Promise<number> {
  const s = net.createServer();
  held.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as net.AddressInfo).port;
}

describe('startFailureText', () => {
  const embedded = { host: '127.0.0.1', port: 3000, databaseUrl: null };
  const errno = (code: string, message: string, syscall?: string) => Object.assign(new Error(message), { code, ...(syscall ? { syscall } : {}) });

  it('a port in use names PORT and a free-looking alternative', () => {
    expect(startFailureText(errno('EADDRINUSE', 'listen EADDRINUSE: address already in use 127.0.0.1:3000', 'listen'), embedded)).toBe(
      'port 3000 is in use on 127.0.0.1 (another Tonggwan, or another program): start on another port, e.g. PORT=3001 npm start',
    );
  });

  it('a data folder held by another process: its sentence, without a stack', () => {
    const text = startFailureText(errno('DATA_DIR_LOCKED', '/d/.tonggwan is in use by process 7 (lock file /d/.tonggwan/tonggwan.lock); stop it first'), embedded);
    expect(text).toBe('/d/.tonggwan is in use by process 7 (lock file /d/.tonggwan/tonggwan.lock); stop it first (or start this one with another DATA_DIR)');
  });

  it("a server that cannot be used is named from DATABASE_URL, never with its password", () => {
    const server = { ...embedded, databaseUrl: 'postgres://tg:s3cret@db.internal:6543/clearance' };
    const text = startFailureText(errno('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:6543'), server);
    expect(text).toBe('cannot use the PostgreSQL server of DATABASE_URL (db.internal:6543/clearance): connect ECONNREFUSED 10.0.0.5:6543');
    expect(startFailureText(errno('3D000', 'database "clearance" does not exist'), { ...server, databaseUrl: 'postgres://postgres@127.0.0.1/clearance' })).toBe(
      'cannot use the PostgreSQL server of DATABASE_URL (127.0.0.1:5432/clearance): database "clearance" does not exist',
    );
  });

  it('a setting refused in both languages (a malformed SECRET_KEY) is said in both, without a stack', () => {
    let refused: unknown;
    try {
      resolveSecretKey({ secretKey: 'short', dataDir: '' });
    } catch (e) {
      refused = e;
    }
    expect(startFailureText(refused, embedded)).toBe(
      'SECRET_KEY은(는) base64(44자) 또는 16진수(64자)로 쓴 32바이트여야 합니다; 만들려면: openssl rand -base64 32 / SECRET_KEY must be 32 bytes as base64 (44 characters) or hex (64 characters); generate one with: openssl rand -base64 32',
    );
  });

  it('anything else keeps its stack (a bug to report, not a setting)', () => {
    const e = new TypeError('x is undefined');
    expect(startFailureText(e, embedded)).toBe(e.stack);
  });
});

describe('a port in use', () => {
  it('checkPortFree refuses it and passes a free one (and port 0)', async () => {
    const port = await takenPort();
    await expect(checkPortFree('127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(checkPortFree('127.0.0.1', 0)).resolves.toBeUndefined();
  });

  it('stops the start at once, before the embedded database is created, saying what to do', async () => {
    const port = await takenPort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tg-port-'));
    const child = spawn(NODE, ['src/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toBe(`Tonggwan failed to start: port ${port} is in use on 127.0.0.1 (another Tonggwan, or another program): start on another port, e.g. PORT=${port + 1} npm start\n`);
    expect(code).toBe(1);
    expect(readdirSync(dataDir)).toEqual([]); // nothing created: no key file, no pgdata, no lock
  });
});

describe('the start banner', () => {
  const db = { kind: 'embedded', connectionString: 'postgres://postgres@127.0.0.1:41000/postgres' } as Platform['db'];
  const url = 'http://127.0.0.1:3000';

  it("prints a UNI-PASS URL that answers as printed in demo mode (the sample parcel, the demo key), and every demo UNI-PASS key", () => {
    const demo = { users: [], operators: [], sampleCargoNo: '26TGW0000001855', consumer: null } as unknown as NonNullable<Platform['demo']>;
    const text = bannerText({ db, url, demo, staffAccounts: true }, readConfig({}));
    expect(text).toContain(`  UNI-PASS API      ${url}/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo?crkyCn=TONGGWAN-DEMO-API001&cargMtNo=26TGW0000001855\n`);
    expect(text).toContain('crkyCn=TONGGWAN-DEMO-API001 (likewise API012, API018, API028, API030)');
    expect(text).not.toContain('…\n');
  });

  it('prints the portal at localhost when it listens on a loopback address: passkeys, with the default RP ID localhost, are refused on http://127.0.0.1 ("127.0.0.1 is an invalid domain" on /me/security)', () => {
    const text = bannerText({ db, url, demo: null, staffAccounts: true }, readConfig({}));
    expect(text).toContain('  Portal / API      http://localhost:3000/\n                    (passkeys need the name localhost: not on 127.0.0.1)\n');
    expect(text).toContain(`  API docs          ${url}/api/docs\n`);
    expect(bannerText({ db, url: 'http://[::1]:3000', demo: null, staffAccounts: true }, readConfig({ HOST: '::1' }))).toContain('  Portal / API      http://localhost:3000/\n                    (passkeys need the name localhost: not on [::1])\n');
    // another RP ID (a deployment's host name), or an address that is not loopback: printed as it listens
    expect(bannerText({ db, url, demo: null, staffAccounts: true }, readConfig({ WEBAUTHN_RP_ID: 'tonggwan.example' }))).toContain(`  Portal / API      ${url}/\n`);
    expect(bannerText({ db, url: 'http://192.168.0.7:3000', demo: null, staffAccounts: true }, readConfig({ HOST: '192.168.0.7' }))).toContain('  Portal / API      http://192.168.0.7:3000/\n');
  });

  it('outside demo mode: placeholders, no demo keys; how to make the first administrator while there is no account', () => {
    const server = readConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    const text = bannerText({ db: { ...db, kind: 'server' }, url, demo: null, staffAccounts: false }, server);
    expect(text).toContain('retrieveCargCsclPrgsInfo?crkyCn=<API key>&cargMtNo=<cargo no.>');
    expect(text).not.toContain('TONGGWAN-DEMO');
    // the command reads the database from its own environment: run in another terminal without DATABASE_URL it made an embedded one
    expect(text).toContain('  Staff accounts    none yet: with the same DATABASE_URL, npx tonggwan users add USERNAME --role admin (prints its password once)');
    expect(bannerText({ db: { ...db, kind: 'server' }, url, demo: null, staffAccounts: true }, server)).not.toContain('Staff accounts');
  });

  it('embedded without demo mode: the platform holds the data folder, so the first administrator is made after stopping it, with the same DATA_DIR (the command was refused: the folder in use)', () => {
    const embedded = readConfig({ TONGGWAN_DEMO: '0', DATA_DIR: '/srv/tg' });
    expect(bannerText({ db, url, demo: null, staffAccounts: false }, embedded)).toContain(
      '  Staff accounts    none yet: stop the platform, then DATA_DIR=/srv/tg npx tonggwan users add USERNAME --role admin (prints its password once)',
    );
  });
});
