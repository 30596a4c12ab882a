// Rotation of the at-rest key (SECRET_KEY or DATA_DIR/secret.key): every value sealed with the
// secret box — webhook signing secrets (`webhooks.secret`) and the platform's private keys
// (`platform_keys.value`) — is opened with the old key and sealed again with the new one, in one
// transaction. Either every value moves to the new key or nothing changes.
import fs from 'node:fs';
import type pg from 'pg';
import { createSecretBox, isSealedSecret, parseSecretKey, promoteNextKeyFile, secretKeyFiles } from '../crypto/secret-box.ts';
import { platformKeyPurpose } from './identity-repository.ts';
import { WEBHOOK_SECRET_PURPOSE } from './webhook-repository.ts';

export interface RotatedCounts {
  /** Rows of `webhooks` now sealed with the new key. */
  webhooks: number;
  /** Rows of `platform_keys` now sealed with the new key. */
  platformKeys: number;
  /** Of those, values that were still plaintext (written before encryption at rest). */
  fromPlaintext: number;
}

/** A refusal says why in Korean and English (the CLI prints the one asked for). */
export type RotateSecretKeyResult =
  | { ok: true; rotated: RotatedCounts }
  | { ok: false; code: 'SAME_KEY'; ko: string; en: string }
  | { ok: false; code: 'UNREADABLE'; ko: string; en: string; rows: string[] };

interface Sealed {
  table: 'webhooks' | 'platform_keys';
  /** `webhooks id=3`, `platform_keys name=consent-signing-es256`: named in refusals. */
  label: string;
  key: string | number;
  purpose: string;
  /** The stored value: `enc:v1:…`, or the plaintext of a row written before encryption at rest. */
  stored: string;
  sealed: boolean;
}

/** Every sealed (or still plaintext) value, with the purpose (AAD) it is sealed for. */
async function readSealedValues(db: pg.PoolClient, forUpdate: boolean): Promise<Sealed[] | { unknown: string[] }> {
  const lock = forUpdate ? ' FOR UPDATE' : '';
  const webhooks = await db.query<{ id: number; secret: string }>(`SELECT id, secret FROM webhooks ORDER BY id${lock}`);
  const keys = await db.query<{ name: string; value: unknown }>(`SELECT name, value FROM platform_keys ORDER BY name${lock}`);
  const values: Sealed[] = [];
  const unknown: string[] = [];
  for (const w of webhooks.rows) {
    values.push({ table: 'webhooks', label: `webhooks id=${w.id}`, key: Number(w.id), purpose: WEBHOOK_SECRET_PURPOSE, stored: w.secret, sealed: isSealedSecret(w.secret) });
  }
  for (const k of keys.rows) {
    const label = `platform_keys name=${k.name}`;
    const purpose = platformKeyPurpose(k.name);
    // sealed: a jsonb string `enc:v1:…`; before encryption at rest: the key's JSON object (loadOrCreateKey)
    if (typeof k.value === 'string' && isSealedSecret(k.value)) values.push({ table: 'platform_keys', label, key: k.name, purpose, stored: k.value, sealed: true });
    else if (k.value !== null && typeof k.value === 'object') values.push({ table: 'platform_keys', label, key: k.name, purpose, stored: JSON.stringify(k.value), sealed: false });
    else unknown.push(label);
  }
  return unknown.length ? { unknown } : values;
}

/**
 * Re-seals every value from `oldKey` to `newKey` in one transaction. The two tables are locked
 * against writes first (EXCLUSIVE: reads go on, inserts and updates of a running platform wait),
 * and the rows are read FOR UPDATE. Refuses, changing nothing, when the keys are equal or when
 * any sealed value does not open with `oldKey` (the refusal names the rows).
 */
export async function rotateSecretKey(pool: pg.Pool, o: { oldKey: Buffer; newKey: Buffer; oldKeyName?: string }): Promise<RotateSecretKeyResult> {
  if (o.oldKey.equals(o.newKey)) return { ok: false, code: 'SAME_KEY', ko: '새 키가 현재 키와 같습니다: 교체할 것이 없습니다', en: 'the new key is the current key: nothing to rotate' };
  const oldName = { ko: o.oldKeyName ?? '이전 키', en: o.oldKeyName ?? 'the old key' };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '30s'`);
    await client.query('LOCK TABLE webhooks, platform_keys IN EXCLUSIVE MODE');
    const values = await readSealedValues(client, true);
    if (!Array.isArray(values)) {
      await client.query('ROLLBACK');
      const rows = values.unknown.join(', ');
      return {
        ok: false,
        code: 'UNREADABLE',
        rows: values.unknown,
        ko: `교체할 수 없습니다: ${rows}이(가) 알 수 없는 형태로 저장되어 있습니다; 아무것도 바꾸지 않았습니다`,
        en: `cannot rotate: ${rows} stored in an unknown form; nothing was changed`,
      };
    }
    const unreadable: string[] = [];
    const resealed: { v: Sealed; value: string }[] = [];
    for (const v of values) {
      let plaintext: string;
      try {
        plaintext = createSecretBox(o.oldKey, v.purpose).open(v.stored);
      } catch {
        unreadable.push(v.label);
        continue;
      }
      const newBox = createSecretBox(o.newKey, v.purpose);
      const value = newBox.seal(plaintext);
      if (newBox.open(value) !== plaintext) throw new Error(`re-sealed ${v.label} does not open with the new key`);
      resealed.push({ v, value });
    }
    if (unreadable.length) {
      await client.query('ROLLBACK');
      return {
        ok: false,
        code: 'UNREADABLE',
        rows: unreadable,
        ko: `교체할 수 없습니다: 값 ${unreadable.length}개가 ${oldName.ko}(으)로 열리지 않습니다: ${unreadable.join(', ')}; 아무것도 바꾸지 않았습니다`,
        en: `cannot rotate: ${unreadable.length} value(s) do not open with ${oldName.en}: ${unreadable.join(', ')}; nothing was changed`,
      };
    }
    for (const { v, value } of resealed) {
      if (v.table === 'webhooks') await client.query(`UPDATE webhooks SET secret = $2 WHERE id = $1`, [v.key, value]);
      else await client.query(`UPDATE platform_keys SET value = to_jsonb($2::text) WHERE name = $1`, [v.key, value]);
    }
    const rotated: RotatedCounts = {
      webhooks: resealed.filter((x) => x.v.table === 'webhooks').length,
      platformKeys: resealed.filter((x) => x.v.table === 'platform_keys').length,
      fromPlaintext: resealed.filter((x) => !x.v.sealed).length,
    };
    await client.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ('system', NULL, 'secret-key.rotate', 'secret-key', $1)`, [
      JSON.stringify(rotated),
    ]);
    await client.query('COMMIT');
    return { ok: true, rotated };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Whether the stored sealed values open with `key`: true when all do, false when any does not,
 * null when nothing is sealed (every key is as good as another).
 */
export async function sealedValuesOpenWith(pool: pg.Pool, key: Buffer): Promise<boolean | null> {
  const client = await pool.connect();
  let values: Awaited<ReturnType<typeof readSealedValues>>;
  try {
    values = await readSealedValues(client, false);
  } finally {
    client.release();
  }
  const sealed = Array.isArray(values) ? values.filter((v) => v.sealed) : [];
  if (!sealed.length) return null;
  return sealed.every((v) => {
    try {
      createSecretBox(key, v.purpose).open(v.stored);
      return true;
    } catch {
      return false;
    }
  });
}

export type NextKeyFileOutcome =
  | { action: 'none' }
  /** The database was rotated to `secret.key.next` but the rename did not happen (a crash after the commit): done now. */
  | { action: 'adopted'; key: Buffer; file: string; previous: string | null }
  /** The database was not rotated to it (a rotation that did not commit, or one still running): left in place, not used. */
  | { action: 'ignored'; file: string };

/**
 * Finishes a rotation interrupted between its commit and the rename of the key file: when
 * `DATA_DIR/secret.key.next` exists and the stored values open with it but not with `currentKey`,
 * it becomes `secret.key` (the old key kept as `secret.key.previous`). Run at start (key file in
 * use) after migrations, before anything opens a sealed value.
 */
export async function settleNextKeyFile(pool: pg.Pool, dataDir: string, currentKey: Buffer): Promise<NextKeyFileOutcome> {
  const files = secretKeyFiles(dataDir);
  if (!fs.existsSync(files.next)) return { action: 'none' };
  const next = parseSecretKey(fs.readFileSync(files.next, 'utf8'), files.next);
  if ((await sealedValuesOpenWith(pool, currentKey)) === false && (await sealedValuesOpenWith(pool, next)) === true) {
    return { action: 'adopted', ...promoteNextKeyFile(dataDir) };
  }
  return { action: 'ignored', file: files.next };
}
