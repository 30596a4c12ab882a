// A staff account (officer or administrator) with its audit record in the same transaction: created
// from the command line (`tonggwan users add`, the first administrator) or by an administrator in the
// portal (POST /api/v1/admin/users, PgAccessStore.createStaffUser).
import type pg from 'pg';
import { inTransaction } from './in-transaction.ts';

export type CreateStaffUserResult = { ok: true; id: number } | { ok: false; reason: 'username_taken' };

/** The CLI's record when no actor is given: a system action via `tonggwan users add`. */
const CLI = { actorKind: 'system', actorId: null, detail: { via: 'tonggwan users add' } };

export async function createStaffUser(
  pool: pg.Pool,
  u: { username: string; displayName: string; role: 'officer' | 'admin'; passwordHash: string },
  by: { actorKind: string; actorId: number | null; detail?: unknown } = CLI,
): Promise<CreateStaffUserResult> {
  return inTransaction(pool, async (client): Promise<CreateStaffUserResult> => {
    const r = await client.query(
      `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.displayName, u.role, u.passwordHash],
    );
    if (r.rowCount === 0) return { ok: false, reason: 'username_taken' }; // nothing written: the commit is empty
    const id = Number(r.rows[0].id);
    const extra = typeof by.detail === 'object' && by.detail !== null ? by.detail : {};
    await client.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ($1, $2, 'user.create', $3, $4)`, [
      by.actorKind,
      by.actorId,
      `user:${id}`,
      JSON.stringify({ username: u.username, role: u.role, ...extra }),
    ]);
    return { ok: true, id };
  });
}
