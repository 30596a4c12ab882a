// Ports of consultation (민원상담): the store (migrations/034_consultations.sql,
// src/adapters/db/consultation-repository.ts) and the feed of committed changes that the SSE
// route subscribes to (PostgreSQL LISTEN/NOTIFY, so every process on the database delivers).
import type { ConsultationAction, ConsultationAuthor, ConsultationStatus, ConsultationTopic, Transition } from '../../domain/consultation.ts';

export interface ConsultationRecord {
  id: number;
  pccc: string;
  declarationId: number | null;
  cargoNo: string | null;
  declarationStatus: string | null;
  topic: ConsultationTopic;
  status: ConsultationStatus;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
  messageCount: number;
  lastMessage: { authorKind: ConsultationAuthor; body: string; createdAt: string } | null;
}

export interface ConsultationMessageRecord {
  id: number;
  consultationId: number;
  authorKind: ConsultationAuthor;
  authorUserId: number | null;
  /** The officer's display name on officer messages; null on consumer messages. */
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface NewConsultationMessage {
  authorKind: ConsultationAuthor;
  authorUserId: number | null;
  body: string;
}

export type StoreOutcome<T> = { ok: true; value: T } | { ok: false; code: 'CONSULTATION_NOT_FOUND' | 'CONSULTATION_CLOSED' };

export interface InboxPageQuery {
  /** Microseconds since the epoch on the database's clock (inboxTime). */
  asOf: number;
  limit: number;
  afterId?: number | undefined;
  offset?: number | undefined;
}

export interface ConsultationStore {
  open(c: { pccc: string; declarationId: number | null; topic: ConsultationTopic; message: NewConsultationMessage }): Promise<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>;
  find(id: number): Promise<ConsultationRecord | null>;
  listByPcccs(pcccs: readonly string[], limit: number): Promise<ConsultationRecord[]>;
  /** The database's clock now, microseconds since the epoch: the `asOf` of an inbox's first page. */
  inboxTime(): Promise<number>;
  /**
   * The officers' inbox in its order as it stood at `asOf`: unanswered first, then latest activity
   * first, then id (newest first). Each consultation keeps the place it had at `asOf` (status and
   * latest activity then; opened since: left out), so pages read against one `asOf` neither skip
   * nor repeat one that moved meanwhile. `afterId`: those after that consultation in that order;
   * `offset`: rows of the order skipped (the deprecated paging).
   */
  listForOfficers(statuses: ConsultationStatus[], page: InboxPageQuery): Promise<ConsultationRecord[]>;
  countByStatus(): Promise<Record<ConsultationStatus, number>>;
  /** Oldest first, those after `afterId`, at most MESSAGES_BATCH (1000) at a time: ask again after the last for more. */
  messages(consultationId: number, afterId?: number): Promise<ConsultationMessageRecord[]>;
  message(id: number): Promise<ConsultationMessageRecord | null>;
  /**
   * Locks the consultation, asks `decide` for the next status (the domain rule), appends the
   * message, updates the status and announces both — one transaction.
   */
  append(
    consultationId: number,
    action: ConsultationAction,
    message: NewConsultationMessage,
    decide: (s: ConsultationStatus) => Transition,
  ): Promise<StoreOutcome<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>>;
  close(consultationId: number, by: { userId: number; note: string }, decide: (s: ConsultationStatus) => Transition): Promise<StoreOutcome<ConsultationRecord>>;
}

/** A committed change: a new message (messageId) or a status change (messageId null). */
export interface ConsultationChange {
  consultationId: number;
  messageId: number | null;
  status: ConsultationStatus;
}

export interface ConsultationFeed {
  /** Resolves once the subscription is live (LISTEN issued); call the returned function to stop. */
  subscribe(consultationId: number, onChange: (c: ConsultationChange) => void): Promise<() => void>;
  stop(): Promise<void>;
}
