// `tonggwan secrets rotate`: moves everything sealed with the at-rest key (webhook signing
// secrets, the platform's private keys) from the current key to a new one, in one transaction.
//
//   secrets rotate --generate | --new-key-file PATH
//
// The current key is the platform's: SECRET_KEY, else DATA_DIR/secret.key. The database is
// DATABASE_URL's, else the embedded one in DATA_DIR (the platform must be stopped: it holds the lock).
// Key file in use: the new key is written to secret.key.next before the transaction and renamed
// over secret.key after the commit (the old key kept as secret.key.previous); a crash in between
// is finished by the next start (or the next rotation). SECRET_KEY in use: the new key is printed
// (with --generate) and never written to disk; the operator updates the secret manager.
// Prints what it did, then one JSON line {"rotated":{"webhooks":N,"platformKeys":M},"keyFile":…}.
// Exit 0 when rotated, 2 with a message on stderr otherwise (nothing changed, unless it says so).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from '../adapters/db/open-database.ts';
import { parseSecretKey, promoteNextKeyFile, resolveSecretKey, secretKeyFiles, SecretBoxError, writeKeyFile } from '../adapters/crypto/secret-box.ts';
import { fileErrorText } from '../adapters/file-error-text.ts';
import { rotateSecretKey, settleNextKeyFile } from '../adapters/db/rotate-secret-key.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import type { CommandIo } from './assess-command.ts';
import { commandLang, type Lang } from './lang.ts';
import { helpOrUnknown, parseOptions, UsageError } from './subcommand.ts';

export interface SecretsCommandDeps {
  io: CommandIo;
  /** SECRET_KEY (or null) and DATA_DIR, as the platform reads them; read only to rotate (main.ts: a getter), so that help works under settings the platform would refuse, and such a refusal is a message (it throws). */
  readonly config: { secretKey?: string | null; dataDir: string };
  /** The platform's database, migrated (DATABASE_URL or the embedded one in DATA_DIR). */
  openDatabase: () => Promise<Database>;
  randomKey?: () => Buffer;
}

/** The command's own messages; the key and rotation layers (SecretBoxError, a refused rotation) give theirs in both languages, `pick` takes ours. A database's own error stays as the driver words it. */
const MESSAGES = {
  ko: {
    usage: `사용법: tonggwan secrets rotate --generate | --new-key-file PATH
  웹훅 서명 비밀과 플랫폼 키를 현재 키(SECRET_KEY 또는 DATA_DIR/secret.key)에서 새 키로 다시 암호화합니다:
  --generate는 무작위 키를 만들고, --new-key-file은 키를 읽습니다 (32바이트, base64 또는 16진수 64자). --lang ko|en: 메시지 언어
  종료 코드 0: 교체함 (표준 출력의 마지막 줄: {"rotated":{…},"keyFile":…}); 2: 표준 오류의 메시지 (따로 말하지 않으면 바뀐 것 없음)`,
    pick: (t: Bilingual) => t.ko,
    unknownSub: (sub: string) => `알 수 없는 secrets 명령 "${sub}" (rotate)`,
    both: '--generate와 --new-key-file 중 하나만 주세요',
    keyRequired: '새 키가 필요합니다: --generate 또는 --new-key-file PATH',
    cannotRead: (file: string, why: string) => `${file}을(를) 읽을 수 없습니다: ${why}`,
    noCurrentKey: (file: string) => `현재 키가 없습니다: SECRET_KEY가 설정되지 않았고 ${file}도 없습니다 (플랫폼과 같은 DATA_DIR 또는 SECRET_KEY를 설정하세요)`,
    sameKey: (name: string) => `새 키가 현재 키(${name})와 같습니다: 교체할 것이 없습니다`,
    cannotOpenDb: (why: string) => `데이터베이스를 열 수 없습니다: ${why}`,
    badSettings: (why: string) => `플랫폼 설정(환경 변수)을 읽을 수 없습니다: ${why}`,
    finishedInterrupted: (next: string, current: string) => `중단된 교체를 마쳤습니다: 데이터베이스는 이미 ${next}의 키로 교체되어 있었고, 그 파일이 이제 ${current}입니다`,
    showKey: (key: string) => `새 SECRET_KEY (한 번만 표시, 지금 보관하세요): ${key}`,
    failed: (why: string, next: string | null) =>
      `교체 실패: ${why}${next ? `; ${next}은(는) 남겨 두었습니다: 플랫폼은 다음 시작 때 데이터베이스가 교체된 경우에만 이를 씁니다` : ''}`,
    discard: '위에 표시한 키는 쓰이지 않았습니다: 버리세요',
    reencrypted: (webhooks: number, platformKeys: number, plain: number) =>
      `웹훅 비밀 ${webhooks}개와 플랫폼 키 ${platformKeys}개를 새 키로 다시 암호화했습니다${plain ? ` (그중 ${plain}개는 평문이었습니다)` : ''}`,
    wroteKey: (file: string, previous: string | null) =>
      `새 키를 ${file}에 썼습니다${previous ? `; 이전 키는 ${previous}에 남겨 두었습니다 (옛 백업을 더 읽을 필요가 없으면 지우세요)` : ''}`,
    restart: '이 키 파일을 쓰는 플랫폼 인스턴스를 모두 다시 시작하세요 (실행 중인 인스턴스는 아직 이전 키를 씁니다)',
    setSecretKey: (file: string | null) =>
      `이제 비밀 관리자에서 SECRET_KEY를 ${file ? `${file}의 키` : '위에 표시한 키'}로 바꾸고 플랫폼 인스턴스를 모두 다시 시작하세요; ` +
      '그때까지 실행 중인 인스턴스는 다시 암호화한 값을 열 수 없습니다 (웹훅 전송은 기다리고, 이전 키로 다시 시작하면 실패합니다)',
  },
  en: {
    usage: `usage: tonggwan secrets rotate --generate | --new-key-file PATH
  re-encrypts webhook signing secrets and platform keys from the current key (SECRET_KEY or DATA_DIR/secret.key)
  to a new one: --generate makes a random key, --new-key-file reads one (32 bytes, base64 or 64 hex). --lang ko|en: the language of messages
  Exit 0 when rotated (the last line of stdout: {"rotated":{…},"keyFile":…}); 2 with a message on stderr (nothing changed, unless it says so)`,
    pick: (t: Bilingual) => t.en,
    unknownSub: (sub: string) => `unknown secrets command "${sub}" (rotate)`,
    both: 'give either --generate or --new-key-file, not both',
    keyRequired: 'the new key is required: --generate or --new-key-file PATH',
    cannotRead: (file: string, why: string) => `cannot read ${file}: ${why}`,
    noCurrentKey: (file: string) => `no current key: SECRET_KEY is not set and ${file} does not exist (set DATA_DIR or SECRET_KEY as the platform has them)`,
    sameKey: (name: string) => `the new key is the current key (${name}): nothing to rotate`,
    cannotOpenDb: (why: string) => `cannot open the database: ${why}`,
    badSettings: (why: string) => `cannot read the platform's settings (environment variables): ${why}`,
    finishedInterrupted: (next: string, current: string) => `finished an interrupted rotation: the database was already rotated to ${next}, which is now ${current}`,
    showKey: (key: string) => `new SECRET_KEY (shown once, store it now): ${key}`,
    failed: (why: string, next: string | null) => `rotation failed: ${why}${next ? `; ${next} was kept: the platform's next start uses it only if the database was rotated` : ''}`,
    discard: 'the key printed above was not used: discard it',
    reencrypted: (webhooks: number, platformKeys: number, plain: number) =>
      `re-encrypted ${webhooks} webhook secret(s) and ${platformKeys} platform key(s) with the new key${plain ? ` (${plain} of them were plaintext)` : ''}`,
    wroteKey: (file: string, previous: string | null) =>
      `wrote the new key to ${file}${previous ? `; the old key is kept in ${previous} (delete it once you no longer need to read old backups)` : ''}`,
    restart: 'restart every instance of the platform that uses this key file (a running one still has the old key)',
    setSecretKey: (file: string | null) =>
      `now set SECRET_KEY to ${file ? `the key in ${file}` : 'the key printed above'} in your secret manager and restart every instance of the platform; ` +
      'until then, running instances cannot open the re-encrypted values (webhook deliveries wait, a restart with the old key fails)',
  },
} satisfies Record<Lang, unknown>;

type Messages = (typeof MESSAGES)['en'];

const OPTIONS = {
  'new-key-file': { type: 'string' },
  generate: { type: 'boolean' },
} as const;

export async function secretsCommand(rawArgs: string[], deps: SecretsCommandDeps): Promise<number> {
  const { io } = deps;
  const picked = commandLang('tonggwan secrets', rawArgs, io);
  if (!picked) return 2;
  const m: Messages = MESSAGES[picked.lang];
  const [sub, ...rest] = picked.args;
  try {
    const early = helpOrUnknown(sub, rest, ['rotate'], m, io);
    if (early !== null) return early;
    const values = parseOptions(rest, OPTIONS, picked.lang);
    return await rotate(values, deps, m);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SecretBoxError) {
      io.stderr(`tonggwan secrets: ${e instanceof SecretBoxError ? m.pick(e) : e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function newKeyOf(v: { 'new-key-file'?: string; generate?: boolean }, randomKey: () => Buffer, m: Messages): { key: Buffer; file: string | null } {
  const file = v['new-key-file'];
  if (v.generate && file !== undefined) throw new UsageError(m.both);
  if (v.generate) return { key: randomKey(), file: null };
  if (file === undefined || !file.trim()) throw new UsageError(`${m.keyRequired}\n${m.usage}`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(m.cannotRead(file, m.pick(fileErrorText(e))));
  }
  return { key: parseSecretKey(text, file), file };
}

async function rotate(v: { 'new-key-file'?: string; generate?: boolean }, deps: SecretsCommandDeps, m: Messages): Promise<number> {
  const { io } = deps;
  let config: SecretsCommandDeps['config'];
  try {
    config = deps.config;
  } catch (e) {
    throw new UsageError(m.badSettings((e as Error).message));
  }
  const out = (line: string) => io.stdout(`${line}\n`);
  const next = newKeyOf(v, deps.randomKey ?? (() => crypto.randomBytes(32)), m);
  const files = secretKeyFiles(config.dataDir);
  // resolveSecretKey would create a key file: a missing one means there is nothing sealed with it to rotate
  if (!config.secretKey && !fs.existsSync(files.current)) {
    throw new UsageError(m.noCurrentKey(files.current));
  }
  const current = resolveSecretKey({ secretKey: config.secretKey ?? null, dataDir: config.dataDir });
  const viaFile = current.source === 'file';
  const oldKeyName = viaFile ? files.current : 'SECRET_KEY';
  let oldKey = current.key;
  if (oldKey.equals(next.key)) throw new UsageError(m.sameKey(oldKeyName));

  let db: Database;
  try {
    db = await deps.openDatabase();
  } catch (e) {
    throw new UsageError(m.cannotOpenDb((e as Error).message));
  }
  try {
    if (viaFile && fs.existsSync(files.next)) {
      const settled = await settleNextKeyFile(db.pool, config.dataDir, oldKey);
      if (settled.action === 'adopted') {
        out(m.finishedInterrupted(files.next, files.current));
        oldKey = settled.key;
        if (oldKey.equals(next.key)) {
          out(JSON.stringify({ rotated: { webhooks: 0, platformKeys: 0 }, keyFile: files.current }));
          return 0;
        }
      }
      // else: left by a rotation that did not commit, overwritten below
    }
    if (!viaFile && !next.file) {
      // Printed before the transaction: should the command die after the commit, the key is not lost.
      out(m.showKey(next.key.toString('base64')));
    }
    if (viaFile) writeKeyFile(files.next, next.key);
    let result: Awaited<ReturnType<typeof rotateSecretKey>>;
    try {
      result = await rotateSecretKey(db.pool, { oldKey, newKey: next.key, oldKeyName });
    } catch (e) {
      // The commit may or may not have happened: secret.key.next stays, the next start decides.
      io.stderr(`tonggwan secrets: ${m.failed((e as Error).message, viaFile ? files.next : null)}\n`);
      return 2;
    }
    if (!result.ok) {
      // rolled back: nothing changed
      if (viaFile) fs.rmSync(files.next, { force: true });
      io.stderr(`tonggwan secrets: ${m.pick(result)}\n`);
      if (!viaFile && !next.file) io.stderr(`tonggwan secrets: ${m.discard}\n`);
      return 2;
    }
    const { webhooks, platformKeys, fromPlaintext } = result.rotated;
    out(m.reencrypted(webhooks, platformKeys, fromPlaintext));
    let keyFile: string | null = null;
    if (viaFile) {
      const promoted = promoteNextKeyFile(config.dataDir);
      keyFile = promoted.file;
      out(m.wroteKey(promoted.file, promoted.previous ?? null));
      out(m.restart);
    } else {
      out(m.setSecretKey(next.file));
    }
    out(JSON.stringify({ rotated: { webhooks, platformKeys }, keyFile }));
    return 0;
  } finally {
    await db.close();
  }
}
