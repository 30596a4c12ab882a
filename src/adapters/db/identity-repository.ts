// Consumer identity tables: passkeys, WebAuthn ceremonies, consent requests, consent-token uses,
// misuse cases, push subscriptions, the operators' consent share, and generated platform keys. A passkey
// added or removed, a "not me" report and a consent decided queue the holder's notice (`tell`) in their
// transaction (pccc_change_notices, migrations/114): committed with what they tell, or not at all. A passkey
// added or removed and a "not me" report are also the holder's security activity: each writes its registry
// event (pccc_registry_events, by the holder) in the same transaction, with the passkey's label or the cargo
// number, never the credential id or key (src/domain/security-activity.ts; migrations/117 wrote the earlier passkeys').
import type pg from 'pg';
import type { RegistryEventKind } from '../../domain/security-activity.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { inTransaction } from './in-transaction.ts';
import { queueHolderNotice } from '../identity/pg-pccc-change-notices.ts';
import type {
  HolderNotice,
  CeremonyPurpose,
  ConsentRequestRecord,
  ConsentShare,
  ConsentStatus,
  IdentityStore,
  MisuseCaseRecord,
  OfficerMisuseCase,
  PasskeyRecord,
} from '../../app/ports/identity-ports.ts';

/** Namespace of the per-PCCC advisory lock of consent requests (pg_advisory_xact_lock(int, int)); intake's is 0x5447. */
const CONSENT_REQUEST_LOCK_SPACE = 0x4352; // "CR"
/** Namespace of the per-holder advisory lock of passkey registrations. */
const PASSKEY_LOCK_SPACE = 0x504b; // "PK"

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

function passkeyOf(r: Record<string, any>): PasskeyRecord {
  return {
    credentialId: r.credential_id,
    holderId: r.holder_id,
    publicKey: new Uint8Array(r.public_key as Buffer),
    counter: Number(r.counter),
    transports: r.transports ?? [],
    deviceType: r.device_type,
    backedUp: r.backed_up,
    label: r.label,
    registeredVia: r.registered_via,
    usableFrom: iso(r.usable_from)!,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
  };
}

const CONSENT_COLUMNS = `c.id, c.operator_id, o.name AS operator_name, o.code AS operator_code, c.holder_id, c.pccc, c.summary, c.order_hash, c.nonce,
  c.matching_number, c.status, c.refusal, c.created_at, c.expires_at, c.decided_at, c.token_id, c.return_url`;

function consentOf(r: Record<string, any>): ConsentRequestRecord {
  return {
    id: r.id,
    operatorId: Number(r.operator_id),
    operatorName: r.operator_name,
    operatorCode: r.operator_code,
    holderId: r.holder_id,
    pccc: r.pccc,
    summary: r.summary,
    orderHash: r.order_hash,
    nonce: r.nonce,
    matchingNumber: r.matching_number,
    status: r.status as ConsentStatus,
    refusal: r.refusal,
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at)!,
    decidedAt: iso(r.decided_at),
    tokenId: r.token_id,
    returnUrl: r.return_url,
  };
}

function caseOf(r: Record<string, any>): MisuseCaseRecord {
  return {
    id: Number(r.id),
    holderId: r.holder_id,
    pccc: r.pccc,
    declarationId: Number(r.declaration_id),
    cargoNo: r.cargo_no,
    operatorId: Number(r.operator_id),
    operatorName: r.operator_name ?? '',
    held: r.held,
    consent: r.consent,
    note: r.note,
    status: r.status,
    reportedAt: iso(r.reported_at)!,
  };
}

/** An officer's view of a case: its closing, with the officer's username and name (closed_by_username, closed_by_name). */
function officerCaseOf(r: Record<string, any>): OfficerMisuseCase {
  return {
    ...caseOf(r),
    closed:
      r.status === 'closed'
        ? {
            at: iso(r.closed_at),
            by: r.closed_by == null ? null : { userId: Number(r.closed_by), username: r.closed_by_username ?? '', name: r.closed_by_name ?? '' },
            note: r.close_note ?? null,
          }
        : null,
  };
}

/**
 * The holder's own security change as a registry event, in the change's transaction, on `pccc` or else the holder's
 * live code (active or suspended; else the latest): a holder with no code at all (only in tests) gets none. `at`:
 * the change's own time, so the event and the row say the same moment.
 */
async function holderActivity(c: pg.PoolClient, holderId: string, action: RegistryEventKind, at: Date, detail: unknown, pccc?: string): Promise<void> {
  await c.query(
    `INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail)
     SELECT $2, $1, code, $3, 'consumer', $1, $4
       FROM (SELECT coalesce($5::text, (SELECT pccc FROM pccc_holders WHERE holder_id = $1 ORDER BY status IN ('active', 'suspended') DESC, updated_at DESC LIMIT 1)) AS code) x
      WHERE code IS NOT NULL`,
    [holderId, at, action, JSON.stringify(detail), pccc ?? null],
  );
}

export class PgIdentityStore implements IdentityStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async addPasskey(
    p: Omit<PasskeyRecord, 'createdAt' | 'lastUsedAt' | 'label' | 'usableFrom'>,
    terms: (others: number) => { label: string; usableFrom: string },
    tell?: (stored: { label: string; usableFrom: string; others: number }) => HolderNotice,
  ): Promise<{ label: string; usableFrom: string; others: number }> {
    return inTransaction(this.pool, async (c) => {
      // Per holder, the count and the insert take turns (released at commit): two registrations at
      // once each count the other, so a key added by SMS proof next to another still waits (SIM swap).
      await c.query(`SELECT pg_advisory_xact_lock(${PASSKEY_LOCK_SPACE}, hashtext($1))`, [p.holderId]);
      const n = await c.query(`SELECT count(*)::int AS n FROM passkeys WHERE holder_id = $1 AND removed_at IS NULL`, [p.holderId]);
      const others = Number(n.rows[0].n);
      const t = terms(others);
      const ins = await c.query(
        `INSERT INTO passkeys (credential_id, holder_id, public_key, counter, transports, device_type, backed_up, label, registered_via, usable_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING created_at`,
        [p.credentialId, p.holderId, Buffer.from(p.publicKey), p.counter, p.transports, p.deviceType, p.backedUp, t.label, p.registeredVia, t.usableFrom],
      );
      await holderActivity(c, p.holderId, 'passkey_added', ins.rows[0].created_at, { label: t.label });
      if (tell) await queueHolderNotice(c, tell({ ...t, others }));
      return { ...t, others };
    });
  }

  async passkeysOf(holderId: string): Promise<PasskeyRecord[]> {
    const r = await this.pool.query(`SELECT * FROM passkeys WHERE holder_id = $1 AND removed_at IS NULL ORDER BY created_at`, [holderId]);
    return r.rows.map(passkeyOf);
  }

  async findPasskey(credentialId: string): Promise<PasskeyRecord | null> {
    const r = await this.pool.query(`SELECT * FROM passkeys WHERE credential_id = $1 AND removed_at IS NULL`, [credentialId]);
    return r.rows[0] ? passkeyOf(r.rows[0]) : null;
  }

  async touchPasskey(credentialId: string, counter: number, at: Date): Promise<void> {
    // GREATEST: two sign-ins finishing out of order must not set the signature counter back (WebAuthn §6.1.1: a counter that goes back signals a cloned authenticator).
    await this.pool.query(`UPDATE passkeys SET counter = GREATEST(counter, $2), last_used_at = GREATEST(last_used_at, $3) WHERE credential_id = $1`, [credentialId, counter, at]);
  }

  async removePasskey(holderId: string, credentialId: string, at: Date, tell?: HolderNotice): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const r = await c.query(`UPDATE passkeys SET removed_at = $3 WHERE holder_id = $1 AND credential_id = $2 AND removed_at IS NULL RETURNING label`, [holderId, credentialId, at]);
      const removed = (r.rowCount ?? 0) > 0;
      if (removed) await holderActivity(c, holderId, 'passkey_removed', at, { label: r.rows[0].label });
      if (removed && tell) await queueHolderNotice(c, tell);
      return removed;
    });
  }

  async createCeremony(c: { id: string; purpose: CeremonyPurpose; holderId: string | null; challenge: string; detail: unknown; expiresAt: Date }): Promise<void> {
    await this.pool.query(`INSERT INTO webauthn_challenges (id, purpose, holder_id, challenge, detail, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      c.id,
      c.purpose,
      c.holderId,
      c.challenge,
      c.detail === undefined ? null : JSON.stringify(c.detail),
      c.expiresAt,
    ]);
  }

  async takeCeremony(id: string, purpose: CeremonyPurpose, at: Date) {
    const r = await this.pool.query(
      `UPDATE webauthn_challenges SET consumed_at = $3 WHERE id = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > $3
       RETURNING holder_id, challenge, detail`,
      [id, purpose, at],
    );
    const c = r.rows[0];
    return c ? { holderId: c.holder_id as string | null, challenge: c.challenge as string, detail: c.detail as unknown } : null;
  }

  async ceremonyRefusal(id: string, purpose: CeremonyPurpose, at: Date): Promise<'unknown' | 'used' | 'expired'> {
    const r = await this.pool.query(`SELECT consumed_at IS NOT NULL AS used, expires_at <= $3 AS expired FROM webauthn_challenges WHERE id = $1 AND purpose = $2`, [id, purpose, at]);
    const c = r.rows[0];
    // Open and unused: taken by another request since (two finishes at once), so used.
    return !c ? 'unknown' : c.used || !c.expired ? 'used' : 'expired';
  }

  async createConsentRequest(r: Parameters<IdentityStore['createConsentRequest']>[0], limit: { since: Date; max: number }): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      // Per PCCC, the count and the insert take turns (released at commit): requests made at once
      // each count the ones committed before them.
      await c.query(`SELECT pg_advisory_xact_lock(${CONSENT_REQUEST_LOCK_SPACE}, hashtext($1))`, [r.pccc]);
      const recent = await c.query(`SELECT count(*)::int AS n FROM consent_requests WHERE pccc = $1 AND created_at > $2`, [r.pccc, limit.since]);
      if (Number(recent.rows[0].n) >= limit.max) return false;
      await c.query(
        `INSERT INTO consent_requests (id, operator_id, holder_id, pccc, summary, order_hash, nonce, matching_number, status, created_at, expires_at, return_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11)`,
        [r.id, r.operatorId, r.holderId, r.pccc, JSON.stringify(r.summary), r.orderHash, r.nonce, r.matchingNumber, r.createdAt, r.expiresAt, r.returnUrl],
      );
      return true;
    });
  }

  async consentRequest(id: string): Promise<ConsentRequestRecord | null> {
    const r = await this.pool.query(`SELECT ${CONSENT_COLUMNS} FROM consent_requests c JOIN operators o ON o.id = c.operator_id WHERE c.id = $1`, [id]);
    return r.rows[0] ? consentOf(r.rows[0]) : null;
  }

  async recentConsentRequests(pccc: string, since: Date): Promise<number> {
    const r = await this.pool.query(`SELECT count(*)::int AS n FROM consent_requests WHERE pccc = $1 AND created_at > $2`, [pccc, since]);
    return Number(r.rows[0].n);
  }

  async decideConsentRequest(
    id: string,
    next: { status: Exclude<ConsentStatus, 'pending'>; refusal?: string | null; credentialId?: string | null; tokenId?: string | null },
    at: Date,
    tell?: HolderNotice,
  ): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      // An expired request can only become 'expired'; a decision needs it still open.
      const r = await c.query(
        `UPDATE consent_requests SET status = $2, refusal = $3, credential_id = $4, token_id = $5, decided_at = $6
          WHERE id = $1 AND status = 'pending' AND ($2 = 'expired' OR expires_at > $6)`,
        [id, next.status, next.refusal ?? null, next.credentialId ?? null, next.tokenId ?? null, at],
      );
      const decided = (r.rowCount ?? 0) > 0;
      if (decided && tell) await queueHolderNotice(c, tell);
      return decided;
    });
  }

  async consentRequestsFor(pcccs: string[], limit: number): Promise<ConsentRequestRecord[]> {
    const r = await this.pool.query(
      `SELECT ${CONSENT_COLUMNS} FROM consent_requests c JOIN operators o ON o.id = c.operator_id WHERE c.pccc = ANY($1) ORDER BY c.created_at DESC LIMIT $2`,
      [pcccs, limit],
    );
    return r.rows.map(consentOf);
  }

  async claimToken(tokenId: string, operatorId: number, ref: string, at: Date): Promise<{ claimed: true } | { claimed: false; usedBy: string }> {
    // One statement: the first claim wins; a retry by the same (operator, ref) is the same use.
    const r = await this.pool.query(
      `WITH ins AS (
         INSERT INTO consent_token_uses (token_id, operator_id, ref, used_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_id) DO NOTHING RETURNING operator_id, ref
       )
       SELECT operator_id, ref, true AS inserted FROM ins
       UNION ALL
       SELECT operator_id, ref, false FROM consent_token_uses WHERE token_id = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [tokenId, operatorId, ref, at],
    );
    let row = r.rows[0];
    // A concurrent claim committed while this statement waited: its row is not in this
    // statement's snapshot, so read it again (READ COMMITTED: a new statement sees it).
    if (!row) row = (await this.pool.query(`SELECT operator_id, ref, false AS inserted FROM consent_token_uses WHERE token_id = $1`, [tokenId])).rows[0];
    if (!row) throw new Error(`consent token ${tokenId}: claim neither inserted nor found`);
    if (row.inserted) return { claimed: true };
    if (Number(row.operator_id) === operatorId && row.ref === ref) return { claimed: true };
    return { claimed: false, usedBy: row.ref };
  }

  async openMisuseCase(c: Omit<MisuseCaseRecord, 'id' | 'status' | 'reportedAt' | 'operatorName'>, tell?: (opened: MisuseCaseRecord) => HolderNotice): Promise<MisuseCaseRecord> {
    return inTransaction(this.pool, async (tx) => {
      const opened = await this.insertMisuseCase(tx, c);
      // At the report's time (the transaction's: a first report's reported_at; a repeated one adds to the case's note).
      const now = (await tx.query(`SELECT now() AS at`)).rows[0].at as Date;
      await holderActivity(tx, c.holderId, 'not_me_reported', now, { cargoNo: c.cargoNo }, c.pccc);
      if (tell) await queueHolderNotice(tx, tell(opened));
      return opened;
    });
  }

  private async insertMisuseCase(q: pg.PoolClient, c: Omit<MisuseCaseRecord, 'id' | 'status' | 'reportedAt' | 'operatorName'>): Promise<MisuseCaseRecord> {
    const r = await q.query(
      `WITH ins AS (
         INSERT INTO misuse_cases (holder_id, pccc, declaration_id, cargo_no, operator_id, held, consent, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (declaration_id) DO UPDATE SET note = misuse_cases.note || CASE WHEN EXCLUDED.note = '' THEN '' ELSE E'\\n' || EXCLUDED.note END
         RETURNING *
       )
       SELECT ins.*, o.name AS operator_name FROM ins JOIN operators o ON o.id = ins.operator_id`,
      [c.holderId, c.pccc, c.declarationId, c.cargoNo, c.operatorId, c.held, c.consent, c.note],
    );
    return caseOf(r.rows[0]);
  }

  async misuseCases(q: { status?: 'open' | 'closed'; holderId?: string; declarationId?: number; limit: number; afterId?: number }): Promise<OfficerMisuseCase[]> {
    // Keyset on (reported_at, id), the cursor a case id: the order of the list, whatever order ids were given in.
    const r = await this.pool.query(
      `SELECT m.*, o.name AS operator_name, u.username AS closed_by_username, u.display_name AS closed_by_name
         FROM misuse_cases m JOIN operators o ON o.id = m.operator_id LEFT JOIN users u ON u.id = m.closed_by
        WHERE ($1::text IS NULL OR m.status = $1) AND ($2::text IS NULL OR m.holder_id = $2)
          AND ($5::bigint IS NULL OR m.declaration_id = $5)
          AND ($4::bigint IS NULL OR (m.reported_at, m.id) < (SELECT a.reported_at, a.id FROM misuse_cases a WHERE a.id = $4))
        ORDER BY m.reported_at DESC, m.id DESC LIMIT $3`,
      [q.status ?? null, q.holderId ?? null, q.limit, q.afterId ?? null, q.declarationId ?? null],
    );
    return r.rows.map(officerCaseOf);
  }

  async closeMisuseCase(declarationId: number, closing: { userId: number; note: string; at: Date }): Promise<OfficerMisuseCase | null> {
    const r = await this.pool.query(
      `WITH up AS (UPDATE misuse_cases SET status = 'closed', closed_at = $3, closed_by = $2, close_note = $4
                    WHERE declaration_id = $1 AND status = 'open' RETURNING *)
       SELECT up.*, o.name AS operator_name, u.username AS closed_by_username, u.display_name AS closed_by_name
         FROM up JOIN operators o ON o.id = up.operator_id LEFT JOIN users u ON u.id = up.closed_by`,
      [declarationId, closing.userId, closing.at, closing.note],
    );
    return r.rows[0] ? officerCaseOf(r.rows[0]) : null;
  }

  async misuseCasesOf(holderId: string, declarationIds: readonly number[]): Promise<(MisuseCaseRecord & { closedAt: string | null })[]> {
    if (declarationIds.length === 0) return [];
    const r = await this.pool.query(
      `SELECT m.*, o.name AS operator_name FROM misuse_cases m JOIN operators o ON o.id = m.operator_id
        WHERE m.declaration_id = ANY($1::bigint[]) AND m.holder_id = $2`,
      [declarationIds, holderId],
    );
    // When it was closed, for the holder's ledger (who closed it and the note are the officers' only).
    return r.rows.map((row) => ({ ...caseOf(row), closedAt: row.status === 'closed' ? iso(row.closed_at) : null }));
  }

  async savePushSubscription(s: { holderId: string; endpoint: string; p256dh: string; auth: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO push_subscriptions (endpoint, holder_id, p256dh, auth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint) DO UPDATE SET holder_id = EXCLUDED.holder_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth`,
      [s.endpoint, s.holderId, s.p256dh, s.auth],
    );
  }

  async pushSubscriptionsOf(holderId: string) {
    const r = await this.pool.query(`SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE holder_id = $1`, [holderId]);
    return r.rows.map((x) => ({ endpoint: x.endpoint as string, p256dh: x.p256dh as string, auth: x.auth as string }));
  }

  async removePushSubscription(endpoint: string): Promise<void> {
    await this.pool.query(`DELETE FROM push_subscriptions WHERE endpoint = $1`, [endpoint]);
  }

  async removePushSubscriptionsOf(holderId: string): Promise<number> {
    const r = await this.pool.query(`DELETE FROM push_subscriptions WHERE holder_id = $1`, [holderId]);
    return r.rowCount ?? 0;
  }

  async consentShare(operatorId: number | null): Promise<ConsentShare[]> {
    const r = await this.pool.query(
      `SELECT o.id, o.code, o.name,
              count(d.id)::int AS declarations,
              count(d.id) FILTER (WHERE d.assessment->'signals' ? 'VERIFIED_CONSUMER')::int AS verified,
              count(d.id) FILTER (WHERE d.assessment->'signals' ? 'CONSENT_MISSING')::int AS missing,
              count(d.id) FILTER (WHERE d.assessment->'signals' ? 'CONSENT_MISMATCH')::int AS mismatch
         FROM operators o LEFT JOIN declarations d ON d.operator_id = o.id
        WHERE ($1::bigint IS NULL OR o.id = $1)
        GROUP BY o.id ORDER BY o.code`,
      [operatorId],
    );
    return r.rows.map((x) => {
      const checked = Number(x.verified) + Number(x.missing) + Number(x.mismatch);
      return {
        operatorId: Number(x.id),
        operatorCode: x.code,
        operatorName: x.name,
        declarations: Number(x.declarations),
        verified: Number(x.verified),
        missing: Number(x.missing),
        mismatch: Number(x.mismatch),
        missingShare: checked ? Number(x.missing) / checked : null,
        mismatchShare: checked ? Number(x.mismatch) / checked : null,
      };
    });
  }

  async audit(e: { actorKind: string; actorId: number | null; action: string; subject: string; detail?: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`, [
      e.actorKind,
      e.actorId,
      e.action,
      e.subject,
      e.detail === undefined ? null : JSON.stringify(e.detail),
    ]);
  }
}

/** The secret box purpose (AAD) of a platform key: one key's ciphertext cannot be swapped in for another's. */
export const platformKeyPurpose = (name: string): string => `platform-key:${name}`;

/** How platform keys are sealed at rest (the secret box of src/adapters/crypto/secret-box.ts). */
export interface PlatformKeySealing {
  /** A secret box whose AAD is `purpose`. */
  box(purpose: string): SecretBox;
  /** Names the secret key in errors: 'SECRET_KEY' or the key file's path. */
  keyName: string;
  /** Told when a plaintext row (written before encryption at rest) has been sealed. */
  onSealed?(name: string): void;
}

export class PlatformKeyError extends Error {
  override name = 'PlatformKeyError';
}

/**
 * A key generated once (at first start) and kept in the database, sealed (value is a jsonb string
 * `enc:v1:…` of the key's JSON); concurrent starts agree on one. A plaintext row of an older
 * database is read as is and sealed in place. A row this key cannot open fails the start: a new
 * key would silently invalidate everything issued with the old one.
 */
export async function loadOrCreateKey<T>(pool: pg.Pool, name: string, sealing: PlatformKeySealing, create: () => Promise<T>): Promise<T> {
  const box = sealing.box(platformKeyPurpose(name));
  const read = async (): Promise<{ value: T } | null> => {
    const r = await pool.query<{ value: unknown }>(`SELECT value FROM platform_keys WHERE name = $1`, [name]);
    if (!r.rows[0]) return null;
    const stored = r.rows[0].value;
    if (stored !== null && typeof stored === 'object') {
      // written before encryption at rest; `AND value = $3`: a concurrent start that sealed it first is left alone (idempotent)
      const u = await pool.query(`UPDATE platform_keys SET value = to_jsonb($2::text) WHERE name = $1 AND value = $3::jsonb`, [
        name,
        box.seal(JSON.stringify(stored)),
        JSON.stringify(stored),
      ]);
      if (u.rowCount) sealing.onSealed?.(name);
      return { value: stored as T };
    }
    if (typeof stored !== 'string' || !box.isSealed(stored)) throw new PlatformKeyError(`platform key '${name}' is stored in an unknown form`);
    let text: string;
    try {
      text = box.open(stored);
    } catch {
      throw new PlatformKeyError(
        `platform key '${name}' cannot be decrypted with ${sealing.keyName}: start with the key it was sealed with, or, if that key is lost, delete the row from platform_keys to generate a new one (everything issued with the old key becomes invalid)`,
      );
    }
    return { value: JSON.parse(text) as T };
  };
  const existing = await read();
  if (existing) return existing.value;
  const value = await create();
  await pool.query(`INSERT INTO platform_keys (name, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (name) DO NOTHING`, [name, box.seal(JSON.stringify(value))]);
  const stored = await read(); // the winner's, when starts race
  if (!stored) throw new PlatformKeyError(`platform key '${name}' vanished while it was created`);
  return stored.value;
}
