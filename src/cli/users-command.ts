// `tonggwan users add`: a staff account (officer or administrator) in the platform's database. Without
// demo mode (a PostgreSQL server, or TONGGWAN_DEMO=0) nothing seeds the public demo logins and no route
// creates an account, so this is how the first administrator comes to be; administrators then manage
// staff accounts, operators and their API keys in the portal (/officer/admin).
//
//   users add USERNAME --role admin|officer [--name NAME] [--password-stdin]
//
// The database is DATABASE_URL's, else the embedded one in DATA_DIR (stop the platform first: it holds
// the lock). The password: the first line of standard input with --password-stdin (12 to 200 characters),
// else a random one printed once. Stored as the platform stores passwords (scrypt); the creation is in
// audit_log (user.create) in the same transaction. The last line of stdout is
// {"created":{"id":N,"username":…,"role":…}}. Exit 0 when created, 2 with a message on stderr (nothing created).
import type { Database } from '../adapters/db/open-database.ts';
import { databaseServerName } from '../config.ts';
import { createStaffUser } from '../adapters/db/create-staff-user.ts';
import { randomPassword } from '../adapters/crypto/node-secrets.ts';
import { STAFF_PASSWORD_MAX, STAFF_PASSWORD_MIN } from '../app/staff-password.ts';
import type { CommandIo } from './assess-command.ts';
import { commandLang, type Lang } from './lang.ts';
import { helpOrUnknown, parseOptionsAndOperands, UsageError } from './subcommand.ts';

/** Where the account goes, as the platform's settings say: a PostgreSQL server (DATABASE_URL) or the embedded database in DATA_DIR. */
export type DatabasePlace = { server: string } | { dataDir: string };

export interface UsersCommandDeps {
  io: CommandIo;
  /** Named in the confirmation: an account made in another database than the platform's (DATABASE_URL or DATA_DIR not set as for `npm start`) signs in nowhere. */
  where: () => DatabasePlace;
  /** The platform's database, migrated (DATABASE_URL or the embedded one in DATA_DIR). */
  openDatabase: () => Promise<Database>;
  hashPassword: (password: string) => Promise<string>;
  randomPassword?: () => string;
}

/** The staff-password rules' lengths (src/app/staff-password.ts), as the portal's own-password change holds them. */
const MIN_PASSWORD = STAFF_PASSWORD_MIN;
const MAX_PASSWORD = STAFF_PASSWORD_MAX;
const MAX_USERNAME = 100;

const MESSAGES = {
  ko: {
    usage: `사용법: tonggwan users add USERNAME --role admin|officer [--name 이름] [--password-stdin]
  플랫폼 데이터베이스(DATABASE_URL, 없으면 DATA_DIR의 내장 데이터베이스: 플랫폼을 먼저 멈추세요)에 직원 계정을 만듭니다.
  데모 모드가 아니면 계정이 하나도 없으므로 첫 관리자를 이것으로 만듭니다.
  --password-stdin  표준 입력의 첫 줄이 비밀번호 (${MIN_PASSWORD}~${MAX_PASSWORD}자); 없으면 무작위 비밀번호를 한 번만 표시
  --name            포털에 보이는 이름 (기본: USERNAME). --lang ko|en: 메시지 언어
  종료 코드 0: 만듦 (표준 출력의 마지막 줄: {"created":{…}}); 2: 표준 오류의 메시지 (만든 것 없음)`,
    unknownSub: (sub: string) => `알 수 없는 users 명령 "${sub}" (add)`,
    username: `USERNAME이 필요합니다 (공백 없이 1~${MAX_USERNAME}자)`,
    role: '--role admin 또는 --role officer가 필요합니다',
    extra: (args: string[]) => `USERNAME 하나만 줍니다 (더 있음: ${args.join(' ')})`,
    passwordLength: (n: number) => `표준 입력의 비밀번호가 ${n}자입니다: ${MIN_PASSWORD}~${MAX_PASSWORD}자여야 합니다`,
    cannotOpenDb: (why: string) => `데이터베이스를 열 수 없습니다: ${why}`,
    taken: (u: string) => `"${u}" 계정이 이미 있습니다: 만든 것 없음`,
    created: (u: string, role: string, where: DatabasePlace) =>
      `${role === 'admin' ? '관리자' : '세관 직원'} 계정 "${u}"을(를) ${'server' in where ? `DATABASE_URL의 PostgreSQL 서버(${databaseServerName(where.server) ?? '?'})` : `DATA_DIR의 내장 데이터베이스(${where.dataDir})`}에 만들었습니다 (POST /api/v1/auth/sign-in, 포털의 /officer)`,
    showPassword: (p: string) => `비밀번호 (한 번만 표시, 지금 보관하세요): ${p}`,
  },
  en: {
    usage: `usage: tonggwan users add USERNAME --role admin|officer [--name NAME] [--password-stdin]
  creates a staff account in the platform's database (DATABASE_URL, else the embedded one in DATA_DIR: stop the platform first).
  Without demo mode there is no account at all: this makes the first administrator.
  --password-stdin  the password is the first line of standard input (${MIN_PASSWORD} to ${MAX_PASSWORD} characters); without it a random one is printed once
  --name            the name the portal shows (default: USERNAME). --lang ko|en: the language of messages
  Exit 0 when created (the last line of stdout: {"created":{…}}); 2 with a message on stderr (nothing created)`,
    unknownSub: (sub: string) => `unknown users command "${sub}" (add)`,
    username: `USERNAME is required (1 to ${MAX_USERNAME} characters, no spaces)`,
    role: '--role admin or --role officer is required',
    extra: (args: string[]) => `one USERNAME only (more given: ${args.join(' ')})`,
    passwordLength: (n: number) => `the password on standard input has ${n} characters: it needs ${MIN_PASSWORD} to ${MAX_PASSWORD}`,
    cannotOpenDb: (why: string) => `cannot open the database: ${why}`,
    taken: (u: string) => `an account "${u}" exists already: nothing created`,
    created: (u: string, role: string, where: DatabasePlace) =>
      `created the ${role === 'admin' ? 'administrator' : 'officer'} account "${u}" ${'server' in where ? `on the PostgreSQL server ${databaseServerName(where.server) ?? '?'} (DATABASE_URL)` : `in the embedded database in ${where.dataDir} (DATA_DIR)`} (POST /api/v1/auth/sign-in, the portal's /officer)`,
    showPassword: (p: string) => `password (shown once, store it now): ${p}`,
  },
} satisfies Record<Lang, unknown>;

type Messages = (typeof MESSAGES)['en'];

const OPTIONS = {
  role: { type: 'string' },
  name: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

export async function usersCommand(rawArgs: string[], deps: UsersCommandDeps): Promise<number> {
  const { io } = deps;
  const picked = commandLang('tonggwan users', rawArgs, io);
  if (!picked) return 2;
  const m: Messages = MESSAGES[picked.lang];
  const [sub, ...rest] = picked.args;
  try {
    const early = helpOrUnknown(sub, rest, ['add'], m, io);
    if (early !== null) return early;
    const parsed = parseOptionsAndOperands(rest, OPTIONS, picked.lang);
    const { values } = parsed;
    const [username, ...extra] = parsed.positionals;
    if (username === undefined || !/^\S+$/u.test(username) || [...username].length > MAX_USERNAME) throw new UsageError(`${m.username}\n${m.usage}`);
    if (extra.length) throw new UsageError(m.extra(extra));
    if (values.role !== 'admin' && values.role !== 'officer') throw new UsageError(m.role);
    return await add({ username, role: values.role, displayName: values.name?.trim() || username, fromStdin: values['password-stdin'] === true }, deps, m);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tonggwan users: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function add(u: { username: string; role: 'admin' | 'officer'; displayName: string; fromStdin: boolean }, deps: UsersCommandDeps, m: Messages): Promise<number> {
  const { io } = deps;
  let password: string;
  if (u.fromStdin) {
    password = Buffer.from(await io.readStdin()).toString('utf8').split(/\r?\n/)[0] ?? '';
    const length = [...password].length;
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) throw new UsageError(m.passwordLength(length));
  } else {
    password = (deps.randomPassword ?? randomPassword)();
  }
  const passwordHash = await deps.hashPassword(password);
  let db: Database;
  try {
    db = await deps.openDatabase();
  } catch (e) {
    throw new UsageError(m.cannotOpenDb((e as Error).message));
  }
  try {
    const r = await createStaffUser(db.pool, { username: u.username, displayName: u.displayName, role: u.role, passwordHash });
    if (!r.ok) throw new UsageError(m.taken(u.username));
    io.stdout(`${m.created(u.username, u.role, deps.where())}\n`);
    if (!u.fromStdin) io.stdout(`${m.showPassword(password)}\n`);
    io.stdout(`${JSON.stringify({ created: { id: r.id, username: u.username, role: u.role } })}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
