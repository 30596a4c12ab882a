// Runs the real `tonggwan secrets` command (bin/tonggwan.js under the project's Node) on argument
// and key errors, which are all refused before the database is opened: exit 2, one message on
// stderr, nothing written. (The rotation itself: test/integration/secret-key-rotation.test.ts.)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = join(root, 'node_modules/.bin/node');
const key = crypto.randomBytes(32);
let dir: string;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(node, ['bin/tonggwan.js', 'secrets', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    // an unreachable server: a run that got as far as the database would fail fast, not start one
    // English messages unless env says otherwise (the tests below check English texts)
    env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', TONGGWAN_LANG: 'en', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-secrets-'));
  writeFileSync(join(dir, 'same.key'), `${key.toString('hex')}\n`);
  writeFileSync(join(dir, 'short.key'), 'c2hvcnQ=\n');
  writeFileSync(join(dir, 'new.key'), `${crypto.randomBytes(32).toString('base64')}\n`);
});

describe('tonggwan secrets', () => {
  it('prints the usage without a subcommand (exit 2, on stderr) and with --help (exit 0, on stdout)', () => {
    expect(run([])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^usage: tonggwan secrets rotate --generate \| --new-key-file PATH/) });
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('usage: tonggwan secrets rotate') });
    expect(run(['rotate', '--help'])).toMatchObject({ code: 0, out: expect.stringContaining('usage: tonggwan secrets rotate') }); // was "Unknown option '--help'"
  });

  it.each([
    [['frob'], /^tonggwan secrets: unknown secrets command "frob" \(rotate\)$/m],
    [['rotate'], /^tonggwan secrets: the new key is required: --generate or --new-key-file PATH$/m],
    [['rotate', '--generate', '--new-key-file', 'x.key'], /^tonggwan secrets: give either --generate or --new-key-file, not both$/m],
    [['rotate', '--generate', '--force'], /^tonggwan secrets: Unknown option '--force'/m],
    [['rotate', '--generate', 'extra'], /^tonggwan secrets: Unexpected argument 'extra'/m],
    [['rotate', '--new-key-file', '/nonexistent/new.key'], /^tonggwan secrets: cannot read \/nonexistent\/new\.key: no such file \(ENOENT\)$/m],
    [['rotate', '--new-key-file', 'SHORT'], /^tonggwan secrets: .*short\.key must be 32 bytes as base64 \(44 characters\) or hex \(64 characters\)/m],
  ])('refuses %j with a message on stderr, exit 2', (args, message) => {
    const r = run(args.map((a) => (a === 'SHORT' ? join(dir, 'short.key') : a)), { SECRET_KEY: key.toString('base64') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('refuses a malformed SECRET_KEY', () => {
    const r = run(['rotate', '--generate'], { SECRET_KEY: 'not-a-key' });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^tonggwan secrets: SECRET_KEY must be 32 bytes/);
  });

  it('refuses the current key as the new key (SECRET_KEY as base64, the file as hex)', () => {
    const r = run(['rotate', '--new-key-file', join(dir, 'same.key')], { SECRET_KEY: key.toString('base64') });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^tonggwan secrets: the new key is the current key \(SECRET_KEY\): nothing to rotate$/m);
  });

  it('refuses when there is no current key (no SECRET_KEY, no key file) and creates none', () => {
    const r = run(['rotate', '--new-key-file', join(dir, 'new.key')]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^tonggwan secrets: no current key: SECRET_KEY is not set and .*data\/secret\.key does not exist/);
    expect(readdirSync(dir).sort()).toEqual(['new.key', 'same.key', 'short.key']);
  });

  it('a setting the platform refuses (PORT=abc) is a one-line message, not a stack trace; --help does not read the settings', () => {
    for (const env of [{ PORT: 'abc' }, { SMS_PROVIDER: 'carrier-pigeon' }] as Record<string, string>[]) {
      const r = run(['rotate', '--generate'], { ...env, SECRET_KEY: key.toString('base64') });
      expect(r, JSON.stringify(env)).toMatchObject({ code: 2, out: '' });
      expect(r.err).toMatch(/^tonggwan secrets: cannot read the platform's settings \(environment variables\): (PORT|SMS_PROVIDER)=?.*\n$/);
      expect(run(['rotate', '--help'], env)).toMatchObject({ code: 0, err: '', out: expect.stringMatching(/^usage: tonggwan secrets rotate/) });
    }
    expect(run(['rotate', '--generate'], { PORT: '3.5', TONGGWAN_LANG: '' }).err).toBe('tonggwan secrets: 플랫폼 설정(환경 변수)을 읽을 수 없습니다: PORT: 정수여야 합니다 / an integer: 3.5\n');
  });

  it('says why when the database cannot be opened, and changes nothing', () => {
    const r = run(['rotate', '--new-key-file', join(dir, 'new.key')], { SECRET_KEY: key.toString('base64') });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^tonggwan secrets: cannot open the database: /);
  });

  it('speaks Korean without an English environment, English with --lang en', () => {
    const korean = { TONGGWAN_LANG: '', SECRET_KEY: key.toString('base64') };
    expect(run(['--help'], korean).out).toMatch(/^사용법: tonggwan secrets rotate --generate \| --new-key-file PATH/);
    expect(run(['rotate', '--generate', '--new-key-file', 'x.key'], korean)).toEqual({ code: 2, out: '', err: 'tonggwan secrets: --generate와 --new-key-file 중 하나만 주세요\n' });
    expect(run(['rotate', '--new-key-file', join(dir, 'same.key')], korean).err).toBe('tonggwan secrets: 새 키가 현재 키(SECRET_KEY)와 같습니다: 교체할 것이 없습니다\n');
    expect(run(['rotate', '--generate', '--force'], korean).err).toBe("tonggwan secrets: 알 수 없는 옵션 '--force'\n");
    expect(run(['rotate', '--lang', 'en', '--generate', '--new-key-file', 'x.key'], korean).err).toBe('tonggwan secrets: give either --generate or --new-key-file, not both\n');
  });

  it("speaks Korean in the key layer's refusals too (a malformed key file or SECRET_KEY, a missing file in words), English with --lang en", () => {
    const korean = { TONGGWAN_LANG: '', SECRET_KEY: key.toString('base64') };
    const short = join(dir, 'short.key');
    expect(run(['rotate', '--new-key-file', short], korean)).toEqual({
      code: 2,
      out: '',
      err: `tonggwan secrets: ${short}은(는) base64(44자) 또는 16진수(64자)로 쓴 32바이트여야 합니다; 만들려면: openssl rand -base64 32\n`,
    });
    expect(run(['rotate', '--new-key-file', short, '--lang', 'en'], korean).err).toBe(
      `tonggwan secrets: ${short} must be 32 bytes as base64 (44 characters) or hex (64 characters); generate one with: openssl rand -base64 32\n`,
    );
    expect(run(['rotate', '--generate'], { TONGGWAN_LANG: '', SECRET_KEY: 'not-a-key' }).err).toBe(
      'tonggwan secrets: SECRET_KEY은(는) base64(44자) 또는 16진수(64자)로 쓴 32바이트여야 합니다; 만들려면: openssl rand -base64 32\n',
    );
    expect(run(['rotate', '--new-key-file', '/nonexistent/new.key'], korean).err).toBe('tonggwan secrets: /nonexistent/new.key을(를) 읽을 수 없습니다: 파일이 없습니다 (ENOENT)\n');
  });
});
