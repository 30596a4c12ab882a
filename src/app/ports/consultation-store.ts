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

export interface ConsultationStore {
  open(c: { pccc: string; declarationId: number | null; topic: ConsultationTopic; message: NewConsultationMessage }): Promise<{ consultation: ConsultationRecord; message: ConsultationMessageRecord }>;
  find(id: number): Promise<ConsultationRecord | null>;
  listByPccc(pccc: string, limit: number): Promise<ConsultationRecord[]>;
  /** Unanswered first, then newest activity first; `offset` rows of that order skipped (paging). */
  listForOfficers(statuses: ConsultationStatus[], limit: number, offset?: number): Promise<ConsultationRecord[]>;
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
