// PCCC holders, verification challenges and the local notification inbox.
import type pg from 'pg';
import type { ConsumerStore, PcccHolder } from '../../app/ports.ts';

export class PgConsumerStore implements ConsumerStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async findHolder(pccc: string): Promise<PcccHolder | null> {
    const r = await this.pool.query(`SELECT pccc, name, phone, postcodes, status, issued_on, expires_on FROM pccc_holders WHERE pccc = $1`, [pccc]);
    const h = r.rows[0];
    return h ? { pccc: h.pccc, name: h.name, phone: h.phone, postcodes: h.postcodes, status: h.status, issuedOn: h.issued_on, expiresOn: h.expires_on } : null;
  }

  async upsertHolders(holders: PcccHolder[]): Promise<void> {
    if (holders.length === 0) return;
    await this.pool.query(
      `INSERT INTO pccc_holders (pccc, name, phone, postcodes, status, issued_on, expires_on)
       SELECT h.pccc, h.name, h.phone, string_to_array(h.postcodes, ','), h.status, h.issued_on::date, h.expires_on::date
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS h(pccc, name, phone, postcodes, status, issued_on, expires_on)
       ON CONFLICT (pccc) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, postcodes = EXCLUDED.postcodes,
         status = EXCLUDED.status, issued_on = EXCLUDED.issued_on, expires_on = EXCLUDED.expires_on`,
      [
        holders.map((h) => h.pccc),
        holders.map((h) => h.name),
        holders.map((h) => h.phone),
        holders.map((h) => h.postcodes.join(',')),
        holders.map((h) => h.status),
        holders.map((h) => h.issuedOn),
        holders.map((h) => h.expiresOn),
      ],
    );
  }

  async createChallenge(c: { id: string; pccc: string; method: 'otp' | 'passkey'; secretHash: string; expiresAt: Date }, limit?: { max: number; expiresAfter: Date }): Promise<boolean> {
    // One statement: the count and the insert (two concurrent starts may both pass: at most one over the limit each).
    const r = await this.pool.query(
      `INSERT INTO verification_challenges (id, pccc, method, secret_hash, expires_at)
       SELECT $1, $2, $3, $4, $5
        WHERE $6::int IS NULL
           OR (SELECT count(*) FROM verification_challenges WHERE pccc = $2 AND method = $3 AND expires_at > $7 AND consumed_at IS NULL) < $6::int`,
      [c.id, c.pccc, c.method, c.secretHash, c.expiresAt, limit?.max ?? null, limit?.expiresAfter ?? null],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async openChallenge(id: string, at: Date, maxAttempts: number) {
    const r = await this.pool.query(
      `UPDATE verification_challenges SET attempts = attempts + 1
        WHERE id = $1 AND consumed_at IS NULL AND expires_at > $2 AND attempts < $3
        RETURNING pccc, method, secret_hash`,
      [id, at, maxAttempts],
    );
    const c = r.rows[0];
    return c ? { pccc: c.pccc, method: c.method, secretHash: c.secret_hash } : null;
  }

  async consumeChallenge(id: string, at: Date): Promise<boolean> {
    const r = await this.pool.query(`UPDATE verification_challenges SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL`, [id, at]);
    return (r.rowCount ?? 0) > 0;
  }

  async notificationsFor(recipient: string | null, limit: number) {
    const r = await this.pool.query(
      `SELECT id, channel, recipient, subject, body, created_at FROM notifications WHERE ($1::text IS NULL OR recipient = $1) ORDER BY id DESC LIMIT $2`,
      [recipient, limit],
    );
    return r.rows.map((n) => ({ id: n.id, channel: n.channel, recipient: n.recipient, subject: n.subject, body: n.body, createdAt: n.created_at.toISOString() }));
  }
}
