// `tonggwan users add`: the first administrator of a platform without demo mode (nothing else creates a staff
// account), stored as sign-in checks it, audited; argument mistakes refused before the database opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSecrets } from '../adapters/crypto/node-secrets.ts';
import { PgAccessStore } from '../adapters/db/access-repository.ts';
import { startTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { CommandIo } from './assess-command.ts';
import { usersCommand, type DatabasePlace } from './users-command.ts';

let db: TestDatabase;
let opened = 0;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function run(args: string[], stdin = '', where: DatabasePlace = { dataDir: '/srv/tonggwan/.tonggwan' }) {
  let out = '';
  let err = '';
  const io: CommandIo = { lang: 'en', readStdin: async () => Buffer.from(stdin), stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  const code = await usersCommand(args, {
    io,
    hashPassword: (p) => nodeSecrets.hashPassword(p),
    randomPassword: () => 'random-password-0123456789',
    where: () => where,
    // the test's database, left open for the next run (the command closes what it opened)
    openDatabase: async () => {
      opened++;
      return { ...db, close: async () => undefined };
    },
  });
  return { code, out, err };
}

describe('tonggwan users add', () => {
  it('creates an administrator whose password signs in, and audits it', async () => {
    expect(await new PgAccessStore(db.pool).hasStaffUsers()).toBe(false); // what the start banner reads
    const r = await run(['add', 'chief', '--role', 'admin', '--name', '인천세관 관리자', '--password-stdin'], 'a long passphrase 1\nignored line\n');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`created the administrator account "chief" in the embedded database in /srv/tonggwan/.tonggwan (DATA_DIR) (POST /api/v1/auth/sign-in, the portal's /officer)`);
    const created = JSON.parse(lines.at(-1)!).created;
    expect(created).toMatchObject({ username: 'chief', role: 'admin' });
    expect(r.out).not.toContain('a long passphrase');
    const user = await new PgAccessStore(db.pool).findUserByUsername('chief');
    expect(user).toMatchObject({ id: created.id, displayName: '인천세관 관리자', role: 'admin' });
    expect(await nodeSecrets.verifyPassword('a long passphrase 1', user!.passwordHash)).toBe(true);
    const audit = await db.pool.query(`SELECT actor_kind, action, subject, detail FROM audit_log WHERE action = 'user.create'`);
    expect(audit.rows).toEqual([{ actor_kind: 'system', action: 'user.create', subject: `user:${created.id}`, detail: { username: 'chief', role: 'admin', via: 'tonggwan users add' } }]);
    expect(await new PgAccessStore(db.pool).hasStaffUsers()).toBe(true);
  });

  it('without --password-stdin prints a random password once; the display name defaults to the username', async () => {
    const r = await run(['add', 'kim', '--role', 'officer']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('password (shown once, store it now): random-password-0123456789\n');
    const user = await new PgAccessStore(db.pool).findUserByUsername('kim');
    expect(user).toMatchObject({ displayName: 'kim', role: 'officer' });
    expect(await nodeSecrets.verifyPassword('random-password-0123456789', user!.passwordHash)).toBe(true);
  });

  it('names the database it wrote to, a server without its password (run without DATABASE_URL, it made an embedded database of its own and said nothing: the account was not on the platform\'s server)', async () => {
    const r = await run(['add', 'park', '--role', 'officer', '--password-stdin'], 'a long passphrase 2\n', { server: 'postgres://tg:s3cret@db.example:5433/tonggwan?sslmode=require' });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n')[0]).toBe(`created the officer account "park" on the PostgreSQL server db.example:5433/tonggwan (DATABASE_URL) (POST /api/v1/auth/sign-in, the portal's /officer)`);
    expect(r.out).not.toContain('s3cret');
    let out = '';
    const io: CommandIo = { lang: 'ko', readStdin: async () => Buffer.from('a long passphrase 3\n'), stdout: (t) => void (out += t), stderr: () => undefined };
    const code = await usersCommand(['add', 'choi', '--role', 'admin', '--password-stdin'], {
      io,
      hashPassword: (p) => nodeSecrets.hashPassword(p),
      where: () => ({ dataDir: '/srv/tonggwan/.tonggwan' }),
      openDatabase: async () => ({ ...db, close: async () => undefined }),
    });
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('관리자 계정 "choi"을(를) DATA_DIR의 내장 데이터베이스(/srv/tonggwan/.tonggwan)에 만들었습니다 (POST /api/v1/auth/sign-in, 포털의 /officer)');
  });

  it('refuses a username taken, changing nothing', async () => {
    const before = await new PgAccessStore(db.pool).findUserByUsername('kim');
    const r = await run(['add', 'kim', '--role', 'admin']);
    expect(r).toEqual({ code: 2, out: '', err: 'tonggwan users: an account "kim" exists already: nothing created\n' });
    expect(await new PgAccessStore(db.pool).findUserByUsername('kim')).toEqual(before);
  });

  it('refuses argument mistakes and a short password before opening the database', async () => {
    const at = opened;
    expect(await run(['add', '--role', 'admin'])).toMatchObject({ code: 2, err: expect.stringMatching(/^tonggwan users: USERNAME is required/) });
    expect(await run(['add', 'lee'])).toMatchObject({ code: 2, err: 'tonggwan users: --role admin or --role officer is required\n' });
    expect(await run(['add', 'lee', '--role', 'root'])).toMatchObject({ code: 2, err: 'tonggwan users: --role admin or --role officer is required\n' });
    expect(await run(['add', 'lee', 'park', '--role', 'admin'])).toMatchObject({ code: 2, err: 'tonggwan users: one USERNAME only (more given: park)\n' });
    expect(await run(['add', 'lee', '--role', 'admin', '--password-stdin'], 'short\n')).toMatchObject({
      code: 2,
      err: 'tonggwan users: the password on standard input has 5 characters: it needs 12 to 200\n',
    });
    expect(await run(['remove', 'lee'])).toMatchObject({ code: 2, err: 'tonggwan users: unknown users command "remove" (add)\n' });
    expect(await run([])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^usage: tonggwan users add USERNAME/) });
    expect(await run(['add', '--help'])).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: tonggwan users add USERNAME/) });
    expect(opened).toBe(at);
    expect(await new PgAccessStore(db.pool).findUserByUsername('lee')).toBeNull();
  });
});
