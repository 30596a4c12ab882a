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
import { parseArgs } from 'node:util';
import type { Database } from '../adapters/db/open-database.ts';
import { parseSecretKey, promoteNextKeyFile, resolveSecretKey, secretKeyFiles, SecretBoxError, writeKeyFile } from '../adapters/crypto/secret-box.ts';
import { rotateSecretKey, settleNextKeyFile } from '../adapters/db/rotate-secret-key.ts';
import type { CommandIo } from './assess-command.ts';

export interface SecretsCommandDeps {
  io: CommandIo;
  /** SECRET_KEY (or null) and DATA_DIR, as the platform reads them. */
  config: { secretKey?: string | null; dataDir: string };
  /** The platform's database, migrated (DATABASE_URL or the embedded one in DATA_DIR). */
  openDatabase: () => Promise<Database>;
  randomKey?: () => Buffer;
}

const USAGE = `usage: tonggwan secrets rotate --generate | --new-key-file PATH
  re-encrypts webhook signing secrets and platform keys from the current key (SECRET_KEY or DATA_DIR/secret.key)
  to a new one: --generate makes a random key, --new-key-file reads one (32 bytes, base64 or 64 hex)`;

class UsageError extends Error {}

const OPTIONS = {
  'new-key-file': { type: 'string' },
  generate: { type: 'boolean' },
} as const;

export async function secretsCommand(args: string[], deps: SecretsCommandDeps): Promise<number> {
  const { io } = deps;
  const [sub, ...rest] = args;
  try {
    if (sub !== 'rotate') {
      if (sub === undefined || sub === '-h' || sub === '--help') {
        io.stdout(`${USAGE}\n`);
        return sub === undefined ? 2 : 0;
      }
      throw new UsageError(`unknown secrets command "${sub}" (rotate)`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    let values: { 'new-key-file'?: string; generate?: boolean };
    try {
      values = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (e) {
      throw new UsageError((e as Error).message.split('\n')[0]!);
    }
    return await rotate(values, deps);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SecretBoxError) {
      io.stderr(`tonggwan secrets: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function newKeyOf(v: { 'new-key-file'?: string; generate?: boolean }, randomKey: () => Buffer): { key: Buffer; file: string | null } {
  const file = v['new-key-file'];
  if (v.generate && file !== undefined) throw new UsageError('give either --generate or --new-key-file, not both');
  if (v.generate) return { key: randomKey(), file: null };
  if (file === undefined || !file.trim()) throw new UsageError(`the new key is required: --generate or --new-key-file PATH\n${USAGE}`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { key: parseSecretKey(text, file), file };
}

async function rotate(v: { 'new-key-file'?: string; generate?: boolean }, deps: SecretsCommandDeps): Promise<number> {
  const { io, config } = deps;
  const out = (line: string) => io.stdout(`${line}\n`);
  const next = newKeyOf(v, deps.randomKey ?? (() => crypto.randomBytes(32)));
  const files = secretKeyFiles(config.dataDir);
  // resolveSecretKey would create a key file: a missing one means there is nothing sealed with it to rotate
  if (!config.secretKey && !fs.existsSync(files.current)) {
    throw new UsageError(`no current key: SECRET_KEY is not set and ${files.current} does not exist (set DATA_DIR or SECRET_KEY as the platform has them)`);
  }
  const current = resolveSecretKey({ secretKey: config.secretKey ?? null, dataDir: config.dataDir });
  const viaFile = current.source === 'file';
  const oldKeyName = viaFile ? files.current : 'SECRET_KEY';
  let oldKey = current.key;
  if (oldKey.equals(next.key)) throw new UsageError(`the new key is the current key (${oldKeyName}): nothing to rotate`);

  let db: Database;
  try {
    db = await deps.openDatabase();
  } catch (e) {
    throw new UsageError(`cannot open the database: ${(e as Error).message}`);
  }
  try {
    if (viaFile && fs.existsSync(files.next)) {
      const settled = await settleNextKeyFile(db.pool, config.dataDir, oldKey);
      if (settled.action === 'adopted') {
        out(`finished an interrupted rotation: the database was already rotated to ${files.next}, which is now ${files.current}`);
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
      out(`new SECRET_KEY (shown once, store it now): ${next.key.toString('base64')}`);
    }
    if (viaFile) writeKeyFile(files.next, next.key);
    let result: Awaited<ReturnType<typeof rotateSecretKey>>;
    try {
      result = await rotateSecretKey(db.pool, { oldKey, newKey: next.key, oldKeyName });
    } catch (e) {
      // The commit may or may not have happened: secret.key.next stays, the next start decides.
      const kept = viaFile ? `; ${files.next} was kept: the platform's next start uses it only if the database was rotated` : '';
      io.stderr(`tonggwan secrets: rotation failed: ${(e as Error).message}${kept}\n`);
      return 2;
    }
    if (!result.ok) {
      // rolled back: nothing changed
      if (viaFile) fs.rmSync(files.next, { force: true });
      io.stderr(`tonggwan secrets: ${result.message}\n`);
      if (!viaFile && !next.file) io.stderr('tonggwan secrets: the key printed above was not used: discard it\n');
      return 2;
    }
    const { webhooks, platformKeys, fromPlaintext } = result.rotated;
    out(`re-encrypted ${webhooks} webhook secret(s) and ${platformKeys} platform key(s) with the new key${fromPlaintext ? ` (${fromPlaintext} of them were plaintext)` : ''}`);
    let keyFile: string | null = null;
    if (viaFile) {
      const promoted = promoteNextKeyFile(config.dataDir);
      keyFile = promoted.file;
      out(`wrote the new key to ${promoted.file}${promoted.previous ? `; the old key is kept in ${promoted.previous} (delete it once you no longer need to read old backups)` : ''}`);
      out('restart every instance of the platform that uses this key file (a running one still has the old key)');
    } else {
      out(
        `now set SECRET_KEY to ${next.file ? `the key in ${next.file}` : 'the key printed above'} in your secret manager and restart every instance of the platform; ` +
          'until then, running instances cannot open the re-encrypted values (webhook deliveries wait, a restart with the old key fails)',
      );
    }
    out(JSON.stringify({ rotated: { webhooks, platformKeys }, keyFile }));
    return 0;
  } finally {
    await db.close();
  }
}
