// A staff account (officer or administrator) created from the command line (`tonggwan users add`), with its
// audit record in the same transaction: without demo mode nothing seeds an account and no route creates one.
import type pg from 'pg';
import { inTransaction } from './in-transaction.ts';

export type CreateStaffUserResult = { ok: true; id: number } | { ok: false; reason: 'username_taken' };

export async function createStaffUser(
  pool: pg.Pool,
  u: { username: string; displayName: string; role: 'officer' | 'admin'; passwordHash: string },
): Promise<CreateStaffUserResult> {
  return inTransaction(pool, async (client): Promise<CreateStaffUserResult> => {
    const r = await client.query(
      `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.displayName, u.role, u.passwordHash],
    );
    if (r.rowCount === 0) return { ok: false, reason: 'username_taken' }; // nothing written: the commit is empty
    const id = Number(r.rows[0].id);
    await client.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ('system', NULL, 'user.create', $1, $2)`, [
      `user:${id}`,
      JSON.stringify({ username: u.username, role: u.role, via: 'tonggwan users add' }),
    ]);
    return { ok: true, id };
  });
}
