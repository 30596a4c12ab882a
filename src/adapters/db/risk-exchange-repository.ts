// Storage of the risk exchange with partner customs administrations (migrations/054, 055, 059, 062): partners
// and their keys (a key is only ever added or revoked),
// messages sent and received (append-only), and the audit trail. A received message's state is
// derived: `in_draft` once a rule draft was made from it, `applied` once such a draft is published;
// a notice's withdrawal (ours or a partner's) is a message of its own pointing at it (withdraws_id).
import type pg from 'pg';
import type { ExchangeMessage, InboxKind, MessageKind } from '../../domain/risk-exchange/message.ts';
import type { WatchlistProposal } from '../../domain/risk-exchange/propose-watchlist.ts';
import type {
  AddKeyOutcome,
  ExchangePartner,
  FindingRow,
  IncomingState,
  OutgoingMessage,
  OutgoingWithdrawal,
  PartnerKey,
  ReceivedRef,
  ReceiveWithdrawalOutcome,
  RevokeKeyOutcome,
  RiskExchangeStore,
  RuleSource,
  StateCompromiseOutcome,
  StoredIncomingMessage,
  WithdrawNoticeOutcome,
} from '../../app/ports/risk-exchange-ports.ts';
import type { RuleDraft } from '../../app/ports/risk-store.ts';
import type { KeyRevocation } from '../../domain/risk-exchange/revoked-key-source.ts';
import { inTransaction } from './in-transaction.ts';
import { insertRuleDraft } from './risk-repository.ts';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

const keyOf = (r: any): PartnerKey => ({
  keyId: r.key_id,
  publicKey: r.public_key,
  addedBy: r.added_by,
  addedAt: iso(r.added_at),
  state: r.revoked_at === null ? 'active' : 'revoked',
  revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
  revokedBy: r.revoked_by,
  revokedReason: r.revoked_reason,
  compromisedSince: r.compromised_since ? iso(r.compromised_since) : null,
});

const partnerOf = (r: any, keys: any[]): ExchangePartner => ({
  code: r.code,
  name: r.name,
  country: r.country,
  registeredBy: r.registered_by,
  registeredAt: iso(r.registered_at),
  keys: keys.filter((k) => k.partner_code === r.code).map(keyOf),
});

// A key's compromise: the one stated with its revocation (the column), else the one stated since
// (stateKeyCompromise). That later one is an exchange_events row, not a change of the key: migration
// 055's trigger lets a key change only as it is revoked, once, and no migration relaxes it. One per
// key (stateKeyCompromise checks under the partner's lock); only revoked keys without one look.
const compromisedSinceOf = (k: string) => `CASE WHEN ${k}.revoked_at IS NULL OR ${k}.compromised_since IS NOT NULL THEN ${k}.compromised_since
  ELSE (SELECT (e.detail ->> 'compromisedSince')::timestamptz FROM exchange_events e
         WHERE e.action = 'key_compromise_stated' AND e.partner_code = ${k}.partner_code AND e.detail ->> 'keyId' = ${k}.key_id
         ORDER BY e.id LIMIT 1) END`;

const KEYS = `SELECT k.partner_code, k.key_id, k.public_key, k.added_by, k.added_at, k.revoked_at, k.revoked_by, k.revoked_reason, ${compromisedSinceOf('k')} AS compromised_since
  FROM exchange_partner_keys k WHERE ($1::text IS NULL OR k.partner_code = $1) ORDER BY k.partner_code, k.added_at, k.key_id`;

// Withdrawals are not inbox entries of their own: each shows on the notice it withdraws (w).
const INCOMING = `
  SELECT m.id, m.partner_code, m.message_id, m.kind, m.message, m.received_at, m.key_id,
         k.revoked_at AS key_revoked_at, k.revoked_reason AS key_revoked_reason, ${compromisedSinceOf('k')} AS key_compromised_since,
         coalesce(d.drafts, '[]'::jsonb) AS drafts,
         CASE WHEN d.published THEN 'applied' WHEN d.drafts IS NOT NULL THEN 'in_draft' ELSE 'verified' END AS state,
         w.id AS w_id, w.message_id AS w_message_id, w.received_at AS w_received_at, w.message AS w_message
    FROM exchange_messages_in m
    LEFT JOIN exchange_partner_keys k ON k.partner_code = m.partner_code AND k.key_id = m.key_id
    LEFT JOIN exchange_messages_in w ON w.withdraws_id = m.id
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('draftId', r.id, 'publishedAs', r.published_as, 'ruleCode', e.detail -> 'rule' ->> 'code') ORDER BY r.id) AS drafts,
             bool_or(r.published_as IS NOT NULL) AS published
        FROM exchange_events e JOIN risk_rule_drafts r ON r.id = e.draft_id
       WHERE e.message_in_id = m.id AND e.action = 'draft_created'
    ) d ON true
   WHERE m.kind <> 'party_notice_withdrawal'`;

const incomingWithdrawalOf = (r: any) =>
  r.w_id === null ? null : { id: Number(r.w_id), messageId: r.w_message_id, issuedAt: r.w_message.issuedAt, receivedAt: iso(r.w_received_at), reason: r.w_message.body.reason };

const revocationOf = (r: any): KeyRevocation | null =>
  r.key_revoked_at ? { revokedAt: iso(r.key_revoked_at), reason: r.key_revoked_reason, compromisedSince: r.key_compromised_since ? iso(r.key_compromised_since) : null } : null;

const incomingOf = (r: any): StoredIncomingMessage => ({
  id: Number(r.id),
  partner: r.partner_code,
  messageId: r.message_id,
  kind: r.kind,
  message: r.message,
  receivedAt: iso(r.received_at),
  signedWith: { keyId: r.key_id, revocation: revocationOf(r) },
  state: r.state,
  drafts: (r.drafts as { draftId: number | string; publishedAs: string | null; ruleCode?: string | null }[]).map((x) => ({ draftId: Number(x.draftId), publishedAs: x.publishedAs, ruleCode: x.ruleCode ?? null })),
  withdrawal: incomingWithdrawalOf(r),
});

const receivedOf = (r: any): ReceivedRef => ({ id: Number(r.id), messageId: r.message_id, kind: r.kind, receivedAt: iso(r.received_at) });

const outgoingWithdrawalOf = (r: any): OutgoingWithdrawal | null =>
  r.w_message_id === null ? null : { messageId: r.w_message_id, createdBy: r.w_created_by, createdAt: iso(r.w_created_at), message: r.w_message };

export class PgRiskExchangeStore implements RiskExchangeStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private transaction<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, f);
  }

  async registerPartner(p: { code: string; name: string; country: string; publicKey: string; keyId: string; registeredBy: string }): Promise<ExchangePartner | null> {
    return this.transaction(async (c) => {
      const r = await c.query(`INSERT INTO exchange_partners (code, name, country, registered_by) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING *`, [p.code, p.name, p.country, p.registeredBy]);
      if (!r.rows[0]) return null;
      const k = await c.query(`INSERT INTO exchange_partner_keys (partner_code, key_id, public_key, added_by, added_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`, [p.code, p.keyId, p.publicKey, p.registeredBy, r.rows[0].registered_at]);
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'partner_registered', $2, $3)`, [p.registeredBy, p.code, JSON.stringify({ name: p.name, country: p.country, keyId: p.keyId })]);
      return partnerOf(r.rows[0], k.rows);
    });
  }

  async addPartnerKey(k: { partner: string; publicKey: string; keyId: string; actor: string }): Promise<AddKeyOutcome> {
    return this.transaction(async (c) => {
      const p = await c.query(`SELECT code FROM exchange_partners WHERE code = $1 FOR UPDATE`, [k.partner]);
      if (!p.rows[0]) return { kind: 'no_partner' as const };
      const r = await c.query(`INSERT INTO exchange_partner_keys (partner_code, key_id, public_key, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT (partner_code, key_id) DO NOTHING RETURNING *`, [k.partner, k.keyId, k.publicKey, k.actor]);
      if (!r.rows[0]) return { kind: 'exists' as const };
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'key_added', $2, $3)`, [k.actor, k.partner, JSON.stringify({ keyId: k.keyId })]);
      return { kind: 'added' as const, key: keyOf(r.rows[0]) };
    });
  }

  async revokePartnerKey(k: { partner: string; keyId: string; actor: string; reason: string; lastKey: boolean; compromisedSince: string | null }): Promise<RevokeKeyOutcome> {
    return this.transaction(async (c) => {
      // The partner row locked: two revocations at once cannot each leave the other as the last key.
      const p = await c.query(`SELECT code FROM exchange_partners WHERE code = $1 FOR UPDATE`, [k.partner]);
      if (!p.rows[0]) return { kind: 'no_partner' as const };
      const keys = await c.query(`SELECT key_id, revoked_at FROM exchange_partner_keys WHERE partner_code = $1`, [k.partner]);
      const key = keys.rows.find((x) => x.key_id === k.keyId);
      if (!key) return { kind: 'not_found' as const };
      if (key.revoked_at !== null) return { kind: 'already_revoked' as const };
      const othersActive = keys.rows.filter((x) => x.key_id !== k.keyId && x.revoked_at === null).length;
      if (othersActive === 0 && !k.lastKey) return { kind: 'last_key' as const };
      const r = await c.query(
        // least(): the use case checked the time is not in the future by its clock; the database's may be a little behind (migration 064 holds compromised_since <= revoked_at).
        // The CASE: least() skips NULLs, and no compromise stated must stay NULL, not become now().
        `UPDATE exchange_partner_keys SET revoked_at = now(), revoked_by = $3, revoked_reason = $4, compromised_since = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE least($5::timestamptz, now()) END WHERE partner_code = $1 AND key_id = $2 RETURNING *`,
        [k.partner, k.keyId, k.actor, k.reason, k.compromisedSince],
      );
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'key_revoked', $2, $3)`, [
        k.actor,
        k.partner,
        JSON.stringify({ keyId: k.keyId, reason: k.reason, lastKey: othersActive === 0, ...(k.compromisedSince ? { compromisedSince: k.compromisedSince } : {}) }),
      ]);
      return { kind: 'revoked' as const, key: keyOf(r.rows[0]) };
    });
  }

  async stateKeyCompromise(k: { partner: string; keyId: string; actor: string; compromisedSince: string; reason: string }): Promise<StateCompromiseOutcome> {
    return this.transaction(async (c) => {
      // The partner row locked, as for a revocation: two statements at once, the second finds the first.
      const p = await c.query(`SELECT code FROM exchange_partners WHERE code = $1 FOR UPDATE`, [k.partner]);
      if (!p.rows[0]) return { kind: 'no_partner' as const };
      const r = await c.query(`SELECT * FROM (${KEYS}) x WHERE key_id = $2`, [k.partner, k.keyId]);
      const key = r.rows[0];
      if (!key) return { kind: 'not_found' as const };
      if (key.revoked_at === null) return { kind: 'not_revoked' as const };
      if (key.compromised_since !== null) return { kind: 'already_stated' as const, compromisedSince: iso(key.compromised_since) };
      // Checked here too, against the revocation as stored (the use case checked it against the key it read).
      if (Date.parse(k.compromisedSince) > Date.parse(iso(key.revoked_at))) return { kind: 'after_revocation' as const, revokedAt: iso(key.revoked_at) };
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'key_compromise_stated', $2, $3)`, [
        k.actor,
        k.partner,
        JSON.stringify({ keyId: k.keyId, compromisedSince: k.compromisedSince, reason: k.reason }),
      ]);
      return { kind: 'stated' as const, key: keyOf({ ...key, compromised_since: k.compromisedSince }) };
    });
  }

  async getPartner(code: string): Promise<ExchangePartner | null> {
    const r = await this.pool.query(`SELECT * FROM exchange_partners WHERE code = $1`, [code]);
    if (!r.rows[0]) return null;
    const keys = await this.pool.query(KEYS, [code]);
    return partnerOf(r.rows[0], keys.rows);
  }

  async listPartners(): Promise<ExchangePartner[]> {
    const r = await this.pool.query(`SELECT * FROM exchange_partners ORDER BY code`);
    const keys = await this.pool.query(KEYS, [null]);
    return r.rows.map((x) => partnerOf(x, keys.rows));
  }

  async findings(q: { from: string; to: string; limit: number }): Promise<FindingRow[]> {
    // Days are Korean calendar days, as the reports' seizure dates (build-seizure-report.ts), whatever the session's time zone.
    // Only a parcel's latest result is its finding: a re-inspection or corrected result supersedes the
    // earlier ones, as in every other count (inspectionDelta, migration 070) — a find later corrected
    // to clean is no seizure, and a parcel found twice is one report (of its latest result).
    const r = await this.pool.query(
      `SELECT i.id, i.declaration_id, i.outcome, i.inspected_at, i.corrected_value_krw, i.corrected_hs,
              d.declaration, d.assessment -> 'lines' AS lines, d.assessment -> 'valuation' AS valuation
         FROM inspection_results i JOIN declarations d ON d.id = i.declaration_id
        WHERE i.outcome <> 'clean'
          AND i.id = (SELECT max(j.id) FROM inspection_results j WHERE j.declaration_id = i.declaration_id)
          AND i.inspected_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Seoul'
          AND i.inspected_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
        ORDER BY i.id
        LIMIT $3`,
      [q.from, q.to, q.limit],
    );
    return r.rows.map((x) => ({
      inspectionId: Number(x.id),
      declarationId: Number(x.declaration_id),
      outcome: x.outcome,
      inspectedAt: iso(x.inspected_at),
      correctedValueKrw: x.corrected_value_krw === null ? null : Number(x.corrected_value_krw),
      correctedHs: x.corrected_hs,
      declaration: x.declaration,
      assessment: { lines: x.lines ?? [], valuation: x.valuation ?? null },
    }));
  }

  async outgoing(messageIds: string[], recipient: string): Promise<Map<string, ExchangeMessage>> {
    if (messageIds.length === 0) return new Map();
    const r = await this.pool.query(`SELECT message_id, message FROM exchange_messages_out WHERE recipient = $2 AND message_id = ANY($1::text[])`, [messageIds, recipient]);
    return new Map(r.rows.map((x) => [x.message_id as string, x.message as ExchangeMessage]));
  }

  async saveOutgoing(rows: { message: ExchangeMessage; recipient: string; inspectionId: number | null }[], audit: { actor: string; recipient: string | null; detail: unknown }): Promise<void> {
    await this.transaction(async (c) => {
      for (const row of rows)
        await c.query(
          `INSERT INTO exchange_messages_out (message_id, recipient, kind, inspection_id, message, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id, recipient) DO NOTHING`,
          [row.message.id, row.recipient, row.message.kind, row.inspectionId, JSON.stringify(row.message), audit.actor],
        );
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'exported', $2, $3)`, [audit.actor, audit.recipient, JSON.stringify(audit.detail)]);
    });
  }

  async saveNumberedNotice(make: (sequence: number) => { message: ExchangeMessage; recipient: string; audit: { actor: string; recipient: string | null; detail: unknown } }): Promise<ExchangeMessage> {
    return this.transaction(async (c) => {
      // The counter row (migrations/059), not a sequence: its update rolls back with the notice, and
      // holds the row until commit, so a notice issued meanwhile waits and takes the next number.
      const n = await c.query(`UPDATE exchange_counters SET last = last + 1 WHERE name = 'risky_party_notice' RETURNING last`);
      const { message, recipient, audit } = make(Number(n.rows[0].last));
      // No ON CONFLICT: a notice id already taken would be a counter behind the stored notices, an error to see.
      await c.query(`INSERT INTO exchange_messages_out (message_id, recipient, kind, inspection_id, message, created_by) VALUES ($1, $2, $3, NULL, $4, $5)`, [
        message.id,
        recipient,
        message.kind,
        JSON.stringify(message),
        audit.actor,
      ]);
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'notice_issued', $2, $3)`, [audit.actor, audit.recipient, JSON.stringify(audit.detail)]);
      return message;
    });
  }

  async withdrawNotice(w: { messageId: string; make: (sequence: number, notice: ExchangeMessage & { kind: 'risky_party_notice' }) => { message: ExchangeMessage; audit: { actor: string; detail: unknown } } }): Promise<WithdrawNoticeOutcome> {
    return this.transaction(async (c) => {
      // The notice's row locked (a row lock fires no trigger): a second withdrawal waits here, then finds the first.
      const n = await c.query(`SELECT id, kind, recipient, message FROM exchange_messages_out WHERE message_id = $1 ORDER BY id LIMIT 1 FOR UPDATE`, [w.messageId]);
      const notice = n.rows[0];
      if (!notice) return { kind: 'not_found' as const };
      if (notice.kind !== 'risky_party_notice') return { kind: 'not_a_notice' as const, messageKind: notice.kind as string };
      const done = await c.query(`SELECT message_id AS w_message_id, created_by AS w_created_by, created_at AS w_created_at, message AS w_message FROM exchange_messages_out WHERE withdraws_id = $1`, [notice.id]);
      if (done.rows[0]) return { kind: 'already_withdrawn' as const, withdrawal: outgoingWithdrawalOf(done.rows[0])! };
      // The number only now, in this transaction (migrations/062): a refusal or a failure takes none.
      const seq = await c.query(`UPDATE exchange_counters SET last = last + 1 WHERE name = 'party_notice_withdrawal' RETURNING last`);
      const { message, audit } = w.make(Number(seq.rows[0].last), notice.message);
      await c.query(`INSERT INTO exchange_messages_out (message_id, recipient, kind, inspection_id, message, created_by, withdraws_id) VALUES ($1, $2, $3, NULL, $4, $5, $6)`, [
        message.id,
        notice.recipient,
        message.kind,
        JSON.stringify(message),
        audit.actor,
        notice.id,
      ]);
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'notice_withdrawn', $2, $3)`, [audit.actor, notice.recipient || null, JSON.stringify(audit.detail)]);
      return { kind: 'withdrawn' as const, withdrawal: message as ExchangeMessage & { kind: 'party_notice_withdrawal' }, notice: notice.message, recipient: notice.recipient || null };
    });
  }

  async listOutgoing(q: { kind: MessageKind; limit: number; beforeId?: number }): Promise<OutgoingMessage[]> {
    const r = await this.pool.query(
      `SELECT o.id, o.message_id, o.recipient, o.created_by, o.created_at, o.message,
              w.message_id AS w_message_id, w.created_by AS w_created_by, w.created_at AS w_created_at, w.message AS w_message
         FROM exchange_messages_out o LEFT JOIN exchange_messages_out w ON w.withdraws_id = o.id
        WHERE o.kind = $1 AND ($3::bigint IS NULL OR o.id < $3) ORDER BY o.id DESC LIMIT $2`,
      [q.kind, q.limit, q.beforeId ?? null],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      messageId: x.message_id,
      recipient: x.recipient || null,
      createdBy: x.created_by,
      createdAt: iso(x.created_at),
      message: x.message as ExchangeMessage,
      withdrawal: outgoingWithdrawalOf(x),
    }));
  }

  async receive(r: { partner: string; message: ExchangeMessage; contentHash: string; keyId: string }): Promise<{ kind: 'stored' | 'replayed'; received: ReceivedRef } | { kind: 'conflict' }> {
    return this.transaction(async (c) => {
      const ins = await c.query(
        `INSERT INTO exchange_messages_in (partner_code, message_id, kind, content_hash, key_id, message) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (partner_code, message_id) DO NOTHING RETURNING id, message_id, kind, received_at`,
        [r.partner, r.message.id, r.message.kind, r.contentHash, r.keyId, JSON.stringify(r.message)],
      );
      if (ins.rows[0]) {
        await c.query(`INSERT INTO exchange_events (actor, action, partner_code, message_in_id, detail) VALUES ($1, 'received', $1, $2, $3)`, [r.partner, ins.rows[0].id, JSON.stringify({ verified: true, keyId: r.keyId, contentHash: r.contentHash })]);
        return { kind: 'stored' as const, received: receivedOf(ins.rows[0]) };
      }
      return (await this.sameId(c, r))!; // the conflict that refused the insert
    });
  }

  /** The message stored under the partner's id: a replay when its content is the same, else a conflict. */
  private async sameId(c: pg.PoolClient, r: { partner: string; message: ExchangeMessage; contentHash: string }): Promise<{ kind: 'replayed'; received: ReceivedRef } | { kind: 'conflict' } | null> {
    const old = await c.query(`SELECT id, message_id, kind, received_at, content_hash FROM exchange_messages_in WHERE partner_code = $1 AND message_id = $2`, [r.partner, r.message.id]);
    if (!old.rows[0]) return null;
    return old.rows[0].content_hash === r.contentHash ? { kind: 'replayed', received: receivedOf(old.rows[0]) } : { kind: 'conflict' };
  }

  async receiveWithdrawal(r: { partner: string; message: ExchangeMessage & { kind: 'party_notice_withdrawal' }; contentHash: string; keyId: string }): Promise<ReceiveWithdrawalOutcome> {
    return this.transaction(async (c): Promise<ReceiveWithdrawalOutcome> => {
      const withdrawn = r.message.body.withdraws;
      // A replay first: the same withdrawal again answers as the first time, whatever happened since.
      const again = await this.sameId(c, r);
      if (again?.kind === 'conflict') return again;
      if (again) {
        const n = await c.query(`SELECT n.id, n.message_id FROM exchange_messages_in w JOIN exchange_messages_in n ON n.id = w.withdraws_id WHERE w.id = $1`, [again.received.id]);
        return { kind: 'replayed', received: again.received, notice: { id: Number(n.rows[0].id), messageId: n.rows[0].message_id } };
      }
      // The notice's row locked (no trigger fires on a row lock): two withdrawals of it at once take turns.
      const found = await c.query(`SELECT id, message_id, kind, content_hash FROM exchange_messages_in WHERE partner_code = $1 AND message_id = $2 FOR UPDATE`, [r.partner, withdrawn.id]);
      const notice = found.rows[0];
      if (!notice) {
        const other = await c.query(`SELECT 1 FROM exchange_messages_in WHERE message_id = $1 AND partner_code <> $2 LIMIT 1`, [withdrawn.id, r.partner]);
        return { kind: other.rows[0] ? 'other_partner' : 'unknown_original' };
      }
      if (notice.kind !== 'risky_party_notice') return { kind: 'not_a_notice', messageKind: notice.kind };
      if (notice.content_hash !== withdrawn.digest) return { kind: 'digest_mismatch' };
      const before = await c.query(`SELECT message_id FROM exchange_messages_in WHERE withdraws_id = $1`, [notice.id]);
      if (before.rows[0]) return { kind: 'already_withdrawn', by: before.rows[0].message_id };
      const ins = await c.query(
        `INSERT INTO exchange_messages_in (partner_code, message_id, kind, content_hash, key_id, message, withdraws_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (partner_code, message_id) DO NOTHING RETURNING id, message_id, kind, received_at`,
        [r.partner, r.message.id, r.message.kind, r.contentHash, r.keyId, JSON.stringify(r.message), notice.id],
      );
      if (!ins.rows[0]) {
        // The same id stored meanwhile by a concurrent delivery of it.
        const raced = (await this.sameId(c, r))!;
        return raced.kind === 'conflict' ? raced : { kind: 'replayed', received: raced.received, notice: { id: Number(notice.id), messageId: notice.message_id } };
      }
      const detail = { verified: true, keyId: r.keyId, contentHash: r.contentHash, withdraws: withdrawn.id, grounds: r.message.body.reason.grounds };
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, message_in_id, detail) VALUES ($1, 'received', $1, $2, $3)`, [r.partner, ins.rows[0].id, JSON.stringify(detail)]);
      // On the notice's own trail too: what was drafted from it now rests on a withdrawn notice.
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, message_in_id, detail) VALUES ($1, 'notice_withdrawn', $1, $2, $3)`, [r.partner, notice.id, JSON.stringify({ withdrawal: r.message.id, grounds: r.message.body.reason.grounds })]);
      return { kind: 'stored', received: receivedOf(ins.rows[0]), notice: { id: Number(notice.id), messageId: notice.message_id } };
    });
  }

  async recordRefusal(r: { partner: string; messageId: string | null; reason: string; detail?: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, 'refused', $1, $2)`, [r.partner, JSON.stringify({ messageId: r.messageId, reason: r.reason, ...(r.detail === undefined ? {} : { detail: r.detail }) })]);
  }

  async listIncoming(q: { kind?: InboxKind; state?: IncomingState; partner?: string; withdrawn?: boolean; limit: number; beforeId?: number }): Promise<StoredIncomingMessage[]> {
    const r = await this.pool.query(
      `SELECT * FROM (${INCOMING}) x
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR partner_code = $3)
          AND ($5::boolean IS NULL OR (w_id IS NOT NULL) = $5) AND ($6::bigint IS NULL OR id < $6)
        ORDER BY id DESC LIMIT $4`,
      [q.kind ?? null, q.state ?? null, q.partner ?? null, q.limit, q.withdrawn ?? null, q.beforeId ?? null],
    );
    return r.rows.map(incomingOf);
  }

  async getIncoming(id: number): Promise<StoredIncomingMessage | null> {
    const r = await this.pool.query(`${INCOMING} AND m.id = $1`, [id]);
    return r.rows[0] ? incomingOf(r.rows[0]) : null;
  }

  async createDraftFromMessage(d: { incomingId: number; basedOn: string | null; rules: unknown; note: string; actor: string; proposal: WatchlistProposal }): Promise<RuleDraft> {
    return this.transaction(async (c) => {
      const auditDetail = { note: d.note, from: 'risk_exchange', partner: d.proposal.source.partner, messageId: d.proposal.source.messageId, rule: d.proposal.rule.code };
      const draft = await insertRuleDraft(c, { basedOn: d.basedOn, rules: d.rules, note: d.note, createdBy: d.actor, auditDetail });
      await c.query(`INSERT INTO exchange_events (actor, action, partner_code, message_in_id, draft_id, detail) VALUES ($1, 'draft_created', $2, $3, $4, $5)`, [
        d.actor,
        d.proposal.source.partner,
        d.incomingId,
        draft.id,
        JSON.stringify({ rule: d.proposal.rule }),
      ]);
      return draft;
    });
  }

  async ruleSources(codes: string[], ruleSetVersion: string | null): Promise<Map<string, RuleSource>> {
    if (codes.length === 0) return new Map();
    // A draft's entry is in force in a version when its draft was published at or before it (a later
    // draft of the same code replaces the entry, withWatchlistEntry): that draft's message first.
    const r = await this.pool.query(
      `SELECT DISTINCT ON (e.detail -> 'rule' ->> 'code')
              e.detail -> 'rule' ->> 'code' AS code, m.id, m.partner_code, m.message_id, m.kind, m.received_at, m.key_id,
              k.revoked_at AS key_revoked_at, k.revoked_reason AS key_revoked_reason, ${compromisedSinceOf('k')} AS key_compromised_since,
              w.id AS w_id, w.message_id AS w_message_id, w.received_at AS w_received_at, w.message AS w_message
         FROM exchange_events e
         JOIN exchange_messages_in m ON m.id = e.message_in_id
         JOIN risk_rule_drafts d ON d.id = e.draft_id
         LEFT JOIN risk_rule_sets s ON s.version = d.published_as
         LEFT JOIN exchange_messages_in w ON w.withdraws_id = m.id
         LEFT JOIN exchange_partner_keys k ON k.partner_code = m.partner_code AND k.key_id = m.key_id
        WHERE e.action = 'draft_created' AND e.detail -> 'rule' ->> 'code' = ANY($1::text[])
        ORDER BY e.detail -> 'rule' ->> 'code',
                 s.published_at <= coalesce((SELECT published_at FROM risk_rule_sets WHERE version = $2), 'infinity') DESC NULLS LAST,
                 s.published_at DESC NULLS LAST, e.id DESC`,
      [codes, ruleSetVersion],
    );
    return new Map(
      r.rows.map((x) => [
        x.code as string,
        {
          id: Number(x.id),
          partner: x.partner_code,
          messageId: x.message_id,
          kind: x.kind,
          withdrawal: incomingWithdrawalOf(x),
          receivedAt: iso(x.received_at),
          signedWith: {
            keyId: x.key_id,
            revocation: revocationOf(x),
          },
        },
      ]),
    );
  }

  async event(e: { actor: string; action: string; partner: string | null; detail: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO exchange_events (actor, action, partner_code, detail) VALUES ($1, $2, $3, $4)`, [e.actor, e.action, e.partner, JSON.stringify(e.detail ?? null)]);
  }
}
