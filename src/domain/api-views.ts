// The read models the API returns, as types: the server builds them (src/app) and the portal
// reads them (web/). One definition here keeps the two from drifting apart.
import type { Bilingual } from './bilingual.ts';
import type { DeclarationStatus } from './lifecycle.ts';

export interface TimelineEntry {
  type: string;
  nameKo: string;
  nameEn: string;
  occurredAt: string;
  reason: string | null;
  detail: Record<string, unknown> | null;
  statusAfter: string;
}

/** Public lookup (cargo number, B/L): status, timeline, hold reason, next action, taxes due; no personal data. */
export interface LookupView {
  cargoNo: string;
  status: DeclarationStatus;
  statusText: Bilingual;
  route: string;
  hblNo: string | null;
  mblNo: string | null;
  blYear: string | null;
  declaredAt: string;
  goods: { description: string; itemCount: number };
  hold: Bilingual & { codes: string[]; since: string | null } | null;
  nextAction: Bilingual;
  taxes: { dueKrw: number; collected: boolean; dutyKrw: number; vatKrw: number; exciseKrw: number; educationKrw: number; liquorKrw: number } | null;
  timeline: TimelineEntry[];
}

/** One parcel of the officer work queue. */
export interface QueueRow {
  id: number;
  cargoNo: string;
  ref: string;
  status: string;
  route: string;
  holdReason: unknown;
  /** Why it is held, as the officer reads it on the row (queue-why.ts holdTextOf); null when not held. */
  hold: Bilingual | null;
  goodsValueUsd: number;
  taxesTotalKrw: number | null;
  signals: string[];
  riskScore: number;
  operatorName: string;
  description: string;
  shipFrom: string;
  updatedAt: string;
  /** The active risk model's score (absent until the scoring worker has scored the parcel). */
  risk?: {
    modelVersion: string;
    score: number;
    expectedRevenueKrw: number | null;
    ruleScore: number;
    priority: number;
    /** The strongest reasons of the score, rules first (queue-why.ts scoreReasons). */
    reasons: Bilingual[];
  };
}

export interface WebhookRecord {
  id: number;
  operatorId: number;
  url: string;
  eventTypes: string[] | null;
  active: boolean;
  createdAt: string;
}

export interface DeliveryRecord {
  outboxId: number;
  /** The declaration event delivered; null for a tax event (tax.paid, tax.payment_reversed), named by `payloadId`. */
  eventId: number | null;
  /** The delivered body's id (Tonggwan-Event-Id): `evt_<eventId>`, or a tax event's. */
  payloadId: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  /** When the next attempt is due; null once delivered or given up (dead). */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  log: { attempt: number; requestedAt: string; durationMs: number; responseStatus: number | null; error: string | null }[];
}
