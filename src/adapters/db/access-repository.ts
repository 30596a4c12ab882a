// Operators, API keys (hashed), officer users, sessions and the audit log.
import type pg from 'pg';
import type { AccessStore, ApiKeyRecord, AuditEntry, AuditQuery, OfficerRole, OperatorRecord, OperatorRole, StaffAudit, StaffUser, StaffUserRecord } from '../../app/ports.ts';
import { createStaffUser } from './create-staff-user.ts';
import { inTransaction } from './in-transaction.ts';

const USER_COLUMNS = 'id, username, display_name, role, password_hash, disabled_at';
function userOf(u: { id: string | number; username: string; display_name: string; role: OfficerRole; password_hash: string; disabled_at: Date | null }): StaffUser {
  return { id: Number(u.id), username: u.username, displayName: u.display_name, role: u.role, passwordHash: u.password_hash, disabledAt: u.disabled_at?.toISOString() ?? null };
}

async function auditIn(c: pg.PoolClient, userId: number, a: StaffAudit): Promise<void> {
  await c.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`, [
    a.actorKind,
    a.actorId,
    a.action,
    `user:${userId}`,
    a.detail === undefined ? null : JSON.stringify(a.detail),
  ]);
}

function keyOf(r: { id: number; operator_id: number; prefix: string; label: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiKeyRecord {
  return {
    id: r.id,
    operatorId: r.operator_id,
    prefix: r.prefix,
    label: r.label,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

export class PgAccessStore implements AccessStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async createOperator(o: { code: string; name: string; role: OperatorRole }): Promise<OperatorRecord | null> {
    // The unique code decides, not a look-up before: two requests for one code cannot both pass.
    const r = await this.pool.query(`INSERT INTO operators (code, name, role) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id, code, name, role`, [o.code, o.name, o.role]);
    return r.rows[0] ?? null;
  }

  async findOperatorByCode(code: string): Promise<OperatorRecord | null> {
    const r = await this.pool.query(`SELECT id, code, name, role FROM operators WHERE code = $1`, [code]);
    return r.rows[0] ?? null;
  }

  async listOperators(): Promise<OperatorRecord[]> {
    return (await this.pool.query(`SELECT id, code, name, role FROM operators ORDER BY id`)).rows;
  }

  async createApiKey(k: { operatorId: number; prefix: string; keyHash: string; label: string }): Promise<ApiKeyRecord> {
    const r = await this.pool.query(
      `INSERT INTO api_keys (operator_id, prefix, key_hash, label) VALUES ($1, $2, $3, $4)
       RETURNING id, operator_id, prefix, label, created_at, last_used_at, revoked_at`,
      [k.operatorId, k.prefix, k.keyHash, k.label],
    );
    return keyOf(r.rows[0]);
  }

  async findApiKeyByHash(keyHash: string) {
    const r = await this.pool.query({
      name: 'api_key_by_hash',
      text: `SELECT k.id, k.operator_id, k.prefix, k.label, k.created_at, k.last_used_at, k.revoked_at, o.code, o.name, o.role
               FROM api_keys k JOIN operators o ON o.id = k.operator_id WHERE k.key_hash = $1`,
      values: [keyHash],
    });
    const row = r.rows[0];
    if (!row) return null;
    return { ...keyOf(row), operator: { id: row.operator_id, code: row.code, name: row.name, role: row.role } };
  }

  async listApiKeys(operatorId: number): Promise<ApiKeyRecord[]> {
    const r = await this.pool.query(
      `SELECT id, operator_id, prefix, label, created_at, last_used_at, revoked_at FROM api_keys WHERE operator_id = $1 ORDER BY id`,
      [operatorId],
    );
    return r.rows.map(keyOf);
  }

  async touchApiKey(keyId: number, at: Date): Promise<void> {
    await this.pool.query({ name: 'api_key_touch', text: `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`, values: [keyId, at] });
  }

  async revokeApiKey(operatorId: number, keyId: number, at: Date): Promise<boolean> {
    const r = await this.pool.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND operator_id = $2`, [keyId, operatorId, at]);
    return (r.rowCount ?? 0) > 0;
  }

  async createUser(u: { username: string; displayName: string; role: OfficerRole; passwordHash: string }): Promise<number> {
    const r = await this.pool.query(`INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
      u.username,
      u.displayName,
      u.role,
      u.passwordHash,
    ]);
    return r.rows[0].id;
  }

  /** Whether any staff account (officer, administrator) exists: without one nobody can sign in (the start banner says how to make the first). */
  async hasStaffUsers(): Promise<boolean> {
    const r = await this.pool.query(`SELECT EXISTS (SELECT 1 FROM users) AS any`);
    return r.rows[0].any === true;
  }

  async findUserByUsername(username: string): Promise<StaffUser | null> {
    const r = await this.pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
    return r.rows[0] ? userOf(r.rows[0]) : null;
  }

  async findUserById(id: number): Promise<StaffUser | null> {
    const r = await this.pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return r.rows[0] ? userOf(r.rows[0]) : null;
  }

  async listStaffUsers(): Promise<StaffUserRecord[]> {
    // Sessions are kept (revoked or expired, never deleted): the latest officer session is the last sign-in.
    const r = await this.pool.query(
      `SELECT u.id, u.username, u.display_name, u.role, u.created_at, u.disabled_at, u.password_changed_at,
              (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id AND s.kind = 'officer') AS last_sign_in_at
         FROM users u ORDER BY u.id`,
    );
    return r.rows.map((u) => ({
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      createdAt: u.created_at.toISOString(),
      disabledAt: u.disabled_at?.toISOString() ?? null,
      passwordChangedAt: u.password_changed_at?.toISOString() ?? null,
      lastSignInAt: u.last_sign_in_at?.toISOString() ?? null,
    }));
  }

  async createStaffUser(u: { username: string; displayName: string; role: OfficerRole; passwordHash: string }, audit: StaffAudit) {
    return createStaffUser(this.pool, u, audit);
  }

  async setStaffPassword(id: number, passwordHash: string, at: Date, o: { keepSession?: string; audit: StaffAudit }): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const r = await c.query(`UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`, [id, passwordHash, at]);
      if (r.rowCount === 0) return false;
      await c.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $3`, [id, at, o.keepSession ?? '']);
      await auditIn(c, id, o.audit);
      return true;
    });
  }

  async setStaffDisabled(id: number, disabled: boolean, at: Date, audit: StaffAudit) {
    type R = { ok: true; changed: boolean; user: StaffUser } | { ok: false; reason: 'not_found' | 'last_admin' };
    return inTransaction(this.pool, async (c): Promise<R> => {
      // The enabled administrators locked first, always in one order: of two administrators disabling
      // each other at once, the second waits, then counts without the first's (FOR UPDATE re-reads it).
      const admins = await c.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
      const found = await c.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
      if (!found.rows[0]) return { ok: false, reason: 'not_found' };
      const user = userOf(found.rows[0]);
      if ((user.disabledAt !== null) === disabled) return { ok: true, changed: false, user };
      if (disabled && user.role === 'admin' && !admins.rows.some((a) => Number(a.id) !== id)) return { ok: false, reason: 'last_admin' };
      const r = await c.query(`UPDATE users SET disabled_at = $2 WHERE id = $1 RETURNING ${USER_COLUMNS}`, [id, disabled ? at : null]);
      if (disabled) await c.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [id, at]);
      await auditIn(c, id, audit);
      return { ok: true, changed: true, user: userOf(r.rows[0]) };
    });
  }

  async createSession(s: { tokenHash: string; kind: 'officer' | 'consumer'; userId: number | null; pccc: string | null; amr: string; expiresAt: Date }): Promise<void> {
    await this.pool.query(`INSERT INTO sessions (token_hash, kind, user_id, pccc, amr, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      s.tokenHash,
      s.kind,
      s.userId,
      s.pccc,
      s.amr,
      s.expiresAt,
    ]);
  }

  async findSession(tokenHash: string, at: Date) {
    const r = await this.pool.query({
      name: 'session_by_hash',
      text: `SELECT s.kind, s.user_id, s.pccc, s.amr, u.username, u.role
               FROM sessions s LEFT JOIN users u ON u.id = s.user_id
              WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
                -- a disabled account's session works no more, even one its disabling did not end
                AND u.disabled_at IS NULL`,
      values: [tokenHash, at],
    });
    const s = r.rows[0];
    return s ? { kind: s.kind, userId: s.user_id, username: s.username, role: s.role, pccc: s.pccc, amr: s.amr } : null;
  }

  async revokeSession(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query(`UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash, at]);
  }

  async audit(entry: { actorKind: string; actorId: number | null; action: string; subject: string; detail?: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`, [
      entry.actorKind,
      entry.actorId,
      entry.action,
      entry.subject,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ]);
  }

  async auditEntries(q: AuditQuery): Promise<AuditEntry[]> {
    const prefix = q.action?.endsWith('.') ?? false;
    const r = await this.pool.query(
      `SELECT a.id, a.at, a.actor_kind, a.actor_id, a.action, a.subject, a.detail,
              CASE a.actor_kind WHEN 'officer' THEN u.username WHEN 'operator' THEN o.code END AS actor_name,
              COALESCE(so.code || ', ' || so.name, su.username || ', ' || su.display_name) AS subject_name
         FROM audit_log a
         LEFT JOIN users u ON a.actor_kind = 'officer' AND u.id = a.actor_id
         LEFT JOIN operators o ON a.actor_kind = 'operator' AND o.id = a.actor_id
         -- A subject named only where the name is one key lookup away (operators, staff); others stay raw.
         LEFT JOIN operators so ON a.subject = 'operator:' || so.id::text
         LEFT JOIN users su ON a.subject = 'user:' || su.id::text
        WHERE ($1::text IS NULL OR a.action = $1 OR ($6::boolean AND starts_with(a.action, $1)))
          AND ($2::text IS NULL OR u.username = $2 OR o.code = upper($2))
          AND ($3::text IS NULL OR a.subject = $3)
          AND ($4::bigint IS NULL OR a.id < $4)
        ORDER BY a.id DESC LIMIT $5`,
      [q.action ?? null, q.actor ?? null, q.subject ?? null, q.beforeId ?? null, q.limit, prefix],
    );
    return r.rows.map((x) => ({ id: x.id, at: x.at.toISOString(), actorKind: x.actor_kind, actorId: x.actor_id, actorName: x.actor_name ?? null, action: x.action, subject: x.subject, subjectName: x.subject_name ?? null, detail: x.detail }));
  }
}
