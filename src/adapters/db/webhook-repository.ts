// Webhook registrations, the outbox (claimed with FOR UPDATE SKIP LOCKED) and the delivery log.
// Signing secrets are stored sealed by the secret box (AES-256-GCM), opened only for delivery.
import type pg from 'pg';
import type { SecretBox } from '../crypto/secret-box.ts';
import { EVENT_DEFINITIONS, type LifecycleEventType } from '../../domain/lifecycle.ts';
import { eventAsRead, refsOfDetail, type RefOwners } from '../../domain/combined-refs-view.ts';
import { OPERATOR_EVENT_NAMES, type DeliveryRecord, type OperatorEventType, type WebhookRecord, type WebhookStore } from '../../app/ports.ts';
import { inTransaction } from './in-transaction.ts';
import { ownersOfNamedRefs } from './named-ref-owners.ts';
import { shownWebhookUrl } from '../../app/manage-webhooks.ts';

/**
 * Whose declarations the refs that the claimed declaration events' details name (a combined group's
 * members) may be, for each webhook's operator, by the event's declaration (named-ref-owners.ts: a
 * ref is unique per operator only): one query per operator named (a claim is mostly one operator's).
 */
async function ownersOfNamed(
  db: pg.PoolClient,
  rows: readonly { operator_id: number; declaration_id: number; payload: unknown; detail: unknown }[],
): Promise<Map<number, Map<number, Map<string, RefOwners>>>> {
  const named = new Map<number, Map<number, Set<string>>>();
  for (const x of rows) {
    if (x.payload) continue; // a tax event: its body as queued
    const refs = refsOfDetail(x.detail);
    if (refs.length === 0) continue;
    let byDeclaration = named.get(x.operator_id);
    if (!byDeclaration) named.set(x.operator_id, (byDeclaration = new Map()));
    let set = byDeclaration.get(Number(x.declaration_id));
    if (!set) byDeclaration.set(Number(x.declaration_id), (set = new Set()));
    for (const r of refs) set.add(r);
  }
  const owners = new Map<number, Map<number, Map<string, RefOwners>>>();
  for (const [operatorId, byDeclaration] of named) {
    owners.set(operatorId, await ownersOfNamedRefs(db, operatorId, [...byDeclaration].map(([declarationId, refs]) => ({ declarationId, refs: [...refs] }))));
  }
  return owners;
}

/** The secret box purpose (AAD) of webhook signing secrets. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

/** The last error of a delivery given up because its webhook was disabled. */
export const WEBHOOK_DISABLED = 'webhook disabled: not sent';

function webhookOf(r: { id: number; operator_id: number; url: string; event_types: string[] | null; active: boolean; created_at: Date }): WebhookRecord {
  return { id: r.id, operatorId: r.operator_id, url: shownWebhookUrl(r.url), eventTypes: r.event_types, active: r.active, createdAt: r.created_at.toISOString() };
}

/**
 * Queues a tax event for the operator's active webhooks subscribed to `type` (or to every type), on
 * `db`: a transaction's client queues it with the change it announces (committed together or not at
 * all, e.g. a refund recorded as made: tax-payment-repository.ts). How many deliveries were queued.
 */
export async function enqueueOperatorEventOn(
  db: Pick<pg.Pool, 'query'> | pg.PoolClient,
  operatorId: number,
  type: OperatorEventType,
  payload: { id: string; type: OperatorEventType } & Record<string, unknown>,
  at: Date,
): Promise<number> {
  const r = await db.query(
    `INSERT INTO webhook_outbox (webhook_id, payload, next_attempt_at)
     SELECT w.id, $3::jsonb, $4 FROM webhooks w WHERE w.operator_id = $1 AND w.active AND (w.event_types IS NULL OR $2::text = ANY(w.event_types))`,
    [operatorId, type, JSON.stringify(payload), at],
  );
  return r.rowCount ?? 0;
}

export interface DueDelivery {
  outboxId: number;
  webhookId: number;
  attempts: number;
  url: string;
  secret: string;
  payload: DeclarationEventPayload | ({ id: string; type: OperatorEventType } & Record<string, unknown>);
}

/** The body of a declaration event's delivery. */
export interface DeclarationEventPayload {
    id: string;
    type: 'declaration.event';
    eventType: string;
    nameKo: string;
    /** The event's name in English, for readers of English (EVENT_DEFINITIONS). */
    nameEn: string;
    occurredAt: string;
    status: string;
    reason: string | null;
    detail: unknown;
    declaration: { id: number; ref: string; cargoNo: string };
}

export interface DeliveryOutcome {
  outboxId: number;
  webhookId: number;
  attempt: number;
  requestedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  delivered: boolean;
  /** When not delivered: the next attempt time, or null when attempts are exhausted. */
  nextAttemptAt: Date | null;
}

/** What a delivery delivers: the event's type and names, as its body says them. */
function deliveredEventOf(x: { event_type: string | null; name_ko: string | null; payload_type: string | null }): Pick<DeliveryRecord, 'eventType' | 'nameKo' | 'nameEn'> {
  if (x.event_type !== null) {
    return { eventType: x.event_type, nameKo: x.name_ko, nameEn: EVENT_DEFINITIONS[x.event_type as LifecycleEventType]?.nameEn ?? x.name_ko };
  }
  const type = x.payload_type ?? '';
  const names = Object.hasOwn(OPERATOR_EVENT_NAMES, type) ? OPERATOR_EVENT_NAMES[type as OperatorEventType] : null;
  return { eventType: type, nameKo: names?.nameKo ?? null, nameEn: names?.nameEn ?? null };
}

export class PgWebhookStore implements WebhookStore {
  private readonly pool: pg.Pool;
  private readonly box: SecretBox;
  constructor(pool: pg.Pool, box: SecretBox) {
    this.pool = pool;
    this.box = box;
  }

  /**
   * Run at startup: seals secrets stored in plaintext (before encryption at rest) in place, and
   * counts sealed secrets this key cannot open (a lost or different key: re-register those).
   */
  async sealStoredSecrets(): Promise<{ sealed: number; unreadable: number }> {
    const r = await this.pool.query<{ id: number; secret: string }>(`SELECT id, secret FROM webhooks ORDER BY id`);
    let sealed = 0;
    let unreadable = 0;
    for (const row of r.rows) {
      if (this.box.isSealed(row.secret)) {
        try {
          this.box.open(row.secret);
        } catch {
          unreadable++;
        }
        continue;
      }
      // `AND secret = $3`: a concurrent start that sealed it first is left alone (idempotent)
      const u = await this.pool.query(`UPDATE webhooks SET secret = $2 WHERE id = $1 AND secret = $3`, [row.id, this.box.seal(row.secret), row.secret]);
      sealed += u.rowCount ?? 0;
    }
    return { sealed, unreadable };
  }

  async create(w: { operatorId: number; url: string; secret: string; eventTypes: string[] | null }): Promise<WebhookRecord> {
    const r = await this.pool.query(
      `INSERT INTO webhooks (operator_id, url, secret, event_types) VALUES ($1, $2, $3, $4) RETURNING id, operator_id, url, event_types, active, created_at`,
      [w.operatorId, w.url, this.box.seal(w.secret), w.eventTypes],
    );
    return webhookOf(r.rows[0]);
  }

  async list(operatorId: number): Promise<WebhookRecord[]> {
    const r = await this.pool.query(`SELECT id, operator_id, url, event_types, active, created_at FROM webhooks WHERE operator_id = $1 ORDER BY id`, [operatorId]);
    return r.rows.map(webhookOf);
  }

  async deactivate(operatorId: number, webhookId: number): Promise<boolean> {
    // Its queued deliveries go with it (given up, saying why): disabling an address stops the retries to it too.
    const r = await this.pool.query(
      `WITH w AS (UPDATE webhooks SET active = false WHERE id = $1 AND operator_id = $2 RETURNING id),
            o AS (UPDATE webhook_outbox SET status = 'dead', last_error = $3 WHERE webhook_id IN (SELECT id FROM w) AND status = 'pending')
       SELECT count(*)::int AS n FROM w`,
      [webhookId, operatorId, WEBHOOK_DISABLED],
    );
    return r.rows[0].n > 0;
  }

  async deliveries(operatorId: number, webhookId: number, q: { limit: number; before?: number; status?: DeliveryRecord['status'] }): Promise<DeliveryRecord[] | null> {
    const owner = await this.pool.query(`SELECT 1 FROM webhooks WHERE id = $1 AND operator_id = $2`, [webhookId, operatorId]);
    if (owner.rowCount === 0) return null;
    const r = await this.pool.query(
      `SELECT o.id, o.event_id, o.payload->>'id' AS payload_id, o.payload->>'type' AS payload_type, e.type AS event_type, e.name_ko,
              -- the parcel: a lifecycle event's declaration, or the one a tax event's body names
              coalesce(d.cargo_no, o.payload->'declaration'->>'cargoNo') AS cargo_no, coalesce(d.ref, o.payload->'declaration'->>'ref') AS ref,
              o.status, o.attempts, o.next_attempt_at, o.last_status, o.last_error, o.delivered_at,
              coalesce((SELECT json_agg(json_build_object('attempt', l.attempt, 'requestedAt', l.requested_at, 'durationMs', l.duration_ms,
                                                          'responseStatus', l.response_status, 'error', l.error) ORDER BY l.id)
                          FROM webhook_deliveries l WHERE l.outbox_id = o.id), '[]') AS log
         FROM webhook_outbox o
         LEFT JOIN declaration_events e ON e.id = o.event_id
         LEFT JOIN declarations d ON d.id = e.declaration_id
        WHERE o.webhook_id = $1 AND ($3::bigint IS NULL OR o.id < $3) AND ($4::text IS NULL OR o.status = $4)
        ORDER BY o.id DESC LIMIT $2`,
      [webhookId, q.limit, q.before ?? null, q.status ?? null],
    );
    return r.rows.map((x) => ({
      outboxId: x.id,
      eventId: x.event_id,
      payloadId: x.payload_id ?? `evt_${x.event_id}`,
      // Named as the delivered body names it (processDue): a lifecycle event from its row, a tax event by its type.
      ...deliveredEventOf(x),
      cargoNo: x.cargo_no ?? null,
      ref: x.ref ?? null,
      status: x.status,
      attempts: x.attempts,
      // Only a pending delivery has a next attempt (the column keeps the last schedule).
      nextAttemptAt: x.status === 'pending' ? x.next_attempt_at.toISOString() : null,
      lastStatus: x.last_status,
      lastError: x.last_error,
      deliveredAt: x.delivered_at?.toISOString() ?? null,
      log: x.log,
    }));
  }

  async replay(operatorId: number, outboxId: number, at: Date): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE webhook_outbox o SET status = 'pending', next_attempt_at = $3
         FROM webhooks w WHERE o.id = $1 AND w.id = o.webhook_id AND w.operator_id = $2 AND w.active`,
      [outboxId, operatorId, at],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * Claims due deliveries (FOR UPDATE SKIP LOCKED, so several workers never send the same row
   * at once), lets `send` deliver them, records the outcome and commits.
   */
  async processDue(limit: number, at: Date, send: (due: DueDelivery[]) => Promise<DeliveryOutcome[]>): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query(
        `SELECT o.id, o.webhook_id, w.operator_id, o.attempts, w.url, w.secret, o.payload, e.id AS event_id, e.type, e.name_ko, e.occurred_at, e.status_after, e.reason, e.detail,
                d.id AS declaration_id, d.ref, d.cargo_no
           FROM webhook_outbox o
           JOIN webhooks w ON w.id = o.webhook_id
           LEFT JOIN declaration_events e ON e.id = o.event_id
           LEFT JOIN declarations d ON d.id = e.declaration_id
          WHERE o.status = 'pending' AND o.next_attempt_at <= $2 AND w.active
          ORDER BY o.next_attempt_at, o.id
          LIMIT $1
          FOR UPDATE OF o SKIP LOCKED`,
        [limit, at],
      );
      if (r.rows.length === 0) return 0;
      // A secret this process cannot open (wrong key) is not sent and costs no attempt: the row
      // waits a minute (a process with the right key may deliver it) and the log says why.
      const unreadable: number[] = [];
      const rows = r.rows.flatMap((x) => {
        try {
          return [{ ...x, secret: this.box.open(x.secret) }];
        } catch {
          unreadable.push(x.id);
          return [];
        }
      });
      if (unreadable.length > 0) {
        await client.query(`UPDATE webhook_outbox SET next_attempt_at = $2::timestamptz + interval '1 minute', last_error = $3 WHERE id = ANY($1::bigint[])`, [
          unreadable,
          at,
          'webhook secret cannot be decrypted with this process\'s key (SECRET_KEY or secret.key): check the key, or re-register the webhook',
        ]);
      }
      const owners = await ownersOfNamed(client, rows);
      const due: DueDelivery[] = rows.map((x) => ({
        outboxId: x.id,
        webhookId: x.webhook_id,
        attempts: x.attempts,
        url: x.url,
        secret: x.secret,
        // A tax event carries its body as queued; a declaration event's is read from the event.
        payload: x.payload ?? {
          id: `evt_${x.event_id}`,
          type: 'declaration.event',
          eventType: x.type,
          nameKo: x.name_ko,
          nameEn: EVENT_DEFINITIONS[x.type as LifecycleEventType]?.nameEn ?? x.name_ko,
          occurredAt: x.occurred_at.toISOString(),
          status: x.status_after,
          // Another operator's members of a combined group named by no ref (combined-refs-view.ts).
          ...eventAsRead({ reason: x.reason as string | null, detail: x.detail as unknown }, (r) => owners.get(x.operator_id)?.get(Number(x.declaration_id))?.get(r)),
          declaration: { id: x.declaration_id, ref: x.ref, cargoNo: x.cargo_no },
        },
      }));
      const outcomes = due.length > 0 ? await send(due) : [];
      for (const o of outcomes) {
        await client.query(
          `INSERT INTO webhook_deliveries (outbox_id, webhook_id, attempt, requested_at, duration_ms, response_status, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [o.outboxId, o.webhookId, o.attempt, o.requestedAt, o.durationMs, o.responseStatus, o.error],
        );
        await client.query(
          `UPDATE webhook_outbox SET attempts = $2, last_status = $3, last_error = $4,
                  status = CASE WHEN $5 THEN 'delivered' WHEN $6::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                  delivered_at = CASE WHEN $5 THEN $7 ELSE delivered_at END,
                  next_attempt_at = coalesce($6::timestamptz, next_attempt_at)
            WHERE id = $1`,
          [o.outboxId, o.attempt, o.responseStatus, o.error, o.delivered, o.nextAttemptAt, o.requestedAt],
        );
      }
      return r.rows.length;
    });
  }
}
