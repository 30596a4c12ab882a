// Renewal reminders of personal customs codes (migrations 089, 091): a reminder is claimed by writing
// its row with claimed_at (a lease) and marked sent (sent_at) once the message went out, so it is
// sent at least once: a claim left unsent by a process that stopped (crash, restart) is taken again
// once its lease ran out. Two processes never hold the same live claim (the row's conflict decides).
import type pg from 'pg';
import type { RenewalReminderClaim, RenewalReminderStore } from '../../app/ports/identity-ports.ts';
import type { RenewalReminderKind } from '../../domain/pccc-registry.ts';

export class PgRenewalReminders implements RenewalReminderStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async claimDue(today: string, windowDays: number, limit: number, lease: { now: Date; ms: number }): Promise<RenewalReminderClaim[]> {
    // Due: active, expiry within the window either side of today (the same test as renewalReminderDue);
    // the kind 'expired' once past the expiry date, else 'window-open'. Takeable: no row yet, or a row
    // not sent whose claim is older than the lease. The conflict clause checks the row again as it is
    // when this statement gets it (a process that claimed it meanwhile wins: nothing is returned here).
    const r = await this.pool.query(
      `WITH due AS (
         SELECT h.pccc, h.expires_on, CASE WHEN h.expires_on < $1::date THEN 'expired' ELSE 'window-open' END AS kind
           FROM pccc_holders h
          WHERE h.status = 'active' AND h.expires_on BETWEEN $1::date - $2::int AND $1::date + $2::int
       )
       INSERT INTO pccc_renewal_reminders AS s (pccc, expires_on, kind, claimed_at)
       SELECT d.pccc, d.expires_on, d.kind, $4::timestamptz FROM due d
        WHERE NOT EXISTS (
                SELECT 1 FROM pccc_renewal_reminders x
                 WHERE x.pccc = d.pccc AND x.expires_on = d.expires_on AND x.kind = d.kind
                   AND (x.sent_at IS NOT NULL OR x.claimed_at > $4::timestamptz - $5 * interval '1 millisecond'))
        ORDER BY d.expires_on, d.pccc
        LIMIT $3
       ON CONFLICT (pccc, expires_on, kind) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
        WHERE s.sent_at IS NULL AND s.claimed_at <= $4::timestamptz - $5 * interval '1 millisecond'
       RETURNING s.pccc, s.expires_on, s.kind, s.claimed_at`,
      [today, windowDays, limit, lease.now, lease.ms],
    );
    return r.rows.map((x) => ({ pccc: x.pccc as string, expiresOn: String(x.expires_on), kind: x.kind as RenewalReminderKind, claimedAt: (x.claimed_at as Date).toISOString() }));
  }

  async renew(c: RenewalReminderClaim, now: Date): Promise<RenewalReminderClaim | null> {
    // Still ours (not sent, not taken again since): its lease starts again for the send about to begin.
    const r = await this.pool.query(
      `UPDATE pccc_renewal_reminders SET claimed_at = $5 WHERE pccc = $1 AND expires_on = $2::date AND kind = $3 AND claimed_at = $4 AND sent_at IS NULL RETURNING claimed_at`,
      [c.pccc, c.expiresOn, c.kind, c.claimedAt, now],
    );
    return r.rows[0] ? { ...c, claimedAt: (r.rows[0].claimed_at as Date).toISOString() } : null;
  }

  async markSent(c: RenewalReminderClaim, at: Date): Promise<void> {
    await this.pool.query(`UPDATE pccc_renewal_reminders SET sent_at = $4 WHERE pccc = $1 AND expires_on = $2::date AND kind = $3 AND sent_at IS NULL`, [c.pccc, c.expiresOn, c.kind, at]);
  }

  async release(c: RenewalReminderClaim): Promise<void> {
    await this.pool.query(`DELETE FROM pccc_renewal_reminders WHERE pccc = $1 AND expires_on = $2::date AND kind = $3 AND claimed_at = $4 AND sent_at IS NULL`, [c.pccc, c.expiresOn, c.kind, c.claimedAt]);
  }
}
