// Renewal reminders of personal customs codes (migrations/089): a reminder is claimed by inserting
// its row, so two processes never send the same one, and given back when it could not be sent.
import type pg from 'pg';
import type { RenewalReminderStore } from '../../app/ports/identity-ports.ts';
import type { RenewalReminderKind } from '../../domain/pccc-registry.ts';

export class PgRenewalReminders implements RenewalReminderStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async claimDue(today: string, windowDays: number, limit: number): Promise<{ pccc: string; expiresOn: string; kind: RenewalReminderKind }[]> {
    // Due: active, expiry within the window either side of today (the same test as renewalReminderDue);
    // the kind 'expired' once past the expiry date, else 'window-open'.
    const r = await this.pool.query(
      `WITH due AS (
         SELECT h.pccc, h.expires_on, CASE WHEN h.expires_on < $1::date THEN 'expired' ELSE 'window-open' END AS kind
           FROM pccc_holders h
          WHERE h.status = 'active' AND h.expires_on BETWEEN $1::date - $2::int AND $1::date + $2::int
       )
       INSERT INTO pccc_renewal_reminders (pccc, expires_on, kind)
       SELECT d.pccc, d.expires_on, d.kind FROM due d
        WHERE NOT EXISTS (SELECT 1 FROM pccc_renewal_reminders s WHERE s.pccc = d.pccc AND s.expires_on = d.expires_on AND s.kind = d.kind)
        ORDER BY d.expires_on, d.pccc
        LIMIT $3
       ON CONFLICT DO NOTHING
       RETURNING pccc, expires_on, kind`,
      [today, windowDays, limit],
    );
    return r.rows.map((x) => ({ pccc: x.pccc as string, expiresOn: String(x.expires_on), kind: x.kind as RenewalReminderKind }));
  }

  async release(r: { pccc: string; expiresOn: string; kind: RenewalReminderKind }): Promise<void> {
    await this.pool.query(`DELETE FROM pccc_renewal_reminders WHERE pccc = $1 AND expires_on = $2::date AND kind = $3`, [r.pccc, r.expiresOn, r.kind]);
  }
}
