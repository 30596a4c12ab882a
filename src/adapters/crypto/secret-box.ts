// Secrets that must stay recoverable (webhook signing secrets) are encrypted at rest with
// AES-256-GCM, so a database dump or backup alone does not reveal them. Stored form:
// `enc:v1:<iv>:<ciphertext>:<tag>` (base64url, 12-byte random IV). The key comes from
// SECRET_KEY or from a key file in the data directory, never from the database.
import type { Bilingual } from '../../domain/bilingual.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'enc:v1:';
const KEY_FILE = 'secret.key';

export interface SecretBox {
  seal(plaintext: string): string;
  /** Decrypts a sealed value; a value without the `enc:v1:` prefix (written before encryption) is returned unchanged. */
  open(stored: string): string;
  isSealed(stored: string): boolean;
}

/** `message` is the English (the platform's logs); `ko` the same in Korean, for the CLI (tonggwan secrets). */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
  readonly ko: string;
  readonly en: string;
  constructor(text: Bilingual) {
    super(text.en);
    this.ko = text.ko;
    this.en = text.en;
  }
}

/** Whether a stored value has the sealed form (`enc:v1:…`); plaintext was written before encryption at rest. */
export const isSealedSecret = (stored: string): boolean => stored.startsWith(PREFIX);

/** `purpose` is the AAD: a value sealed for one use cannot be opened as another. */
export function createSecretBox(key: Buffer, purpose: string): SecretBox {
  if (key.length !== 32) throw new SecretBoxError({ ko: '저장 암호화 키는 32바이트여야 합니다', en: 'secret box key must be 32 bytes' });
  const aad = Buffer.from(purpose, 'utf8');
  const isSealed = isSealedSecret;
  return {
    isSealed,
    seal(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}:${ciphertext.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const parts = stored.slice(PREFIX.length).split(':');
      const [iv, ciphertext, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
      if (parts.length !== 3 || iv!.length !== 12 || tag!.length !== 16) throw new SecretBoxError({ ko: `암호화된 ${purpose}의 형식이 올바르지 않습니다`, en: `malformed encrypted ${purpose}` });
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv!);
        decipher.setAAD(aad);
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
      } catch {
        // GCM authentication failed: never hand back unauthenticated bytes
        throw new SecretBoxError({
          ko: `${purpose}을(를) 복호화할 수 없습니다: 키(SECRET_KEY 또는 ${KEY_FILE})가 다르거나 값이 변조되었습니다`,
          en: `cannot decrypt ${purpose}: wrong key (SECRET_KEY or ${KEY_FILE}) or tampered value`,
        });
      }
    },
  };
}

/** 32 bytes as 64 hex characters or base64/base64url (padding optional). */
export function parseSecretKey(text: string, name = 'SECRET_KEY'): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  // Buffer.from(…, 'base64') skips invalid characters, so check the alphabet and length first
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  throw new SecretBoxError({
    ko: `${name}은(는) base64(44자) 또는 16진수(64자)로 쓴 32바이트여야 합니다; 만들려면: openssl rand -base64 32`,
    en: `${name} must be 32 bytes as base64 (44 characters) or hex (64 characters); generate one with: openssl rand -base64 32`,
  });
}

export type SecretKeySource = 'env' | 'file' | 'ephemeral';

/**
 * SECRET_KEY when set; otherwise `<dataDir>/secret.key`, created (mode 0600) at first start and
 * reused after. An empty dataDir (tests that bring their own database) gets a key for this
 * process only.
 */
export function resolveSecretKey(o: { secretKey?: string | null; dataDir: string }): { key: Buffer; source: SecretKeySource; file: string | null } {
  if (o.secretKey) return { key: parseSecretKey(o.secretKey), source: 'env', file: null };
  if (!o.dataDir) return { key: crypto.randomBytes(32), source: 'ephemeral', file: null };
  const file = path.join(o.dataDir, KEY_FILE);
  fs.mkdirSync(o.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: link fails if another process got there first,
    // and nobody ever reads a half-written key.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.rmSync(tmp, { force: true }); // left by a crashed start
    fs.writeFileSync(tmp, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return { key: parseSecretKey(fs.readFileSync(file, 'utf8'), file), source: 'file', file };
}

/**
 * The key files of a data directory. `next` is written by `tonggwan secrets rotate` before its
 * transaction and renamed over `current` after the commit; `previous` keeps the key it replaced.
 */
export function secretKeyFiles(dataDir: string): { current: string; next: string; previous: string } {
  const current = path.join(dataDir, KEY_FILE);
  return { current, next: `${current}.next`, previous: `${current}.previous` };
}

/** Writes a key file (base64, mode 0600) so that `file` is either absent/old or complete: temp file, fsync, rename, fsync of the folder. */
export function writeKeyFile(file: string, key: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncFolder(path.dirname(file));
}

/**
 * Makes `secret.key.next` the key: the current key is kept as `secret.key.previous` (0600), then
 * `next` is renamed over `secret.key`. Each step is atomic; a crash in between leaves `next` in
 * place, and repeating the promotion finishes it.
 */
export function promoteNextKeyFile(dataDir: string): { key: Buffer; file: string; previous: string | null } {
  const files = secretKeyFiles(dataDir);
  const next = parseSecretKey(fs.readFileSync(files.next, 'utf8'), files.next);
  let previous: string | null = null;
  if (fs.existsSync(files.current)) {
    const current = parseSecretKey(fs.readFileSync(files.current, 'utf8'), files.current);
    // keep the replaced key (a repeated promotion must not overwrite .previous with the new key)
    if (!current.equals(next)) {
      writeKeyFile(files.previous, current);
      previous = files.previous;
    }
  }
  fs.renameSync(files.next, files.current);
  syncFolder(dataDir);
  return { key: next, file: files.current, previous };
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a directory; the rename itself is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
