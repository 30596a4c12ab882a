// Ports of the portal's read models (issue 4): statistics aggregates, the officer work queue
// and party history, the operators' submissions log. Implemented in src/adapters/db.
import type { PartyRole, PartyStats, QueueRow, StatisticsDimension, SubmissionRecord } from '../../domain/api-views.ts';
export type { PartyRole, PartyStats, QueueRow, StatisticsDimension, SubmissionRecord };

export interface StatisticsAggregateRow {
  month: string; // YYYY-MM-01
  key: string; // country code, HS chapter or route
  count: number;
  valueUsd: number;
  valueKrw: number;
  taxesKrw: number;
}

export interface StatisticsStore {
  /** Monthly aggregates by one dimension over [from, to) (first days of months), computed in the database. */
  monthly(q: { dimension: StatisticsDimension; from: string; to: string }): Promise<{ rows: StatisticsAggregateRow[]; elapsedMs: number }>;
}

/** How a party is matched in the stored declarations. */
export type PartyMatch =
  | { by: 'pccc'; value: string }
  | { by: 'seller_key'; value: string }
  | { by: 'courier_code'; value: string }
  | { by: 'forwarder_code'; value: string }
  | { by: 'platform_name'; value: string }
  | { by: 'party_name'; role: 'courier' | 'forwarder'; value: string };

export interface WorkbenchStore {
  /** Open declarations (or one status), ranked (see listWorkQueue); `offset` rows of the ranking are skipped (paging). */
  queue(q: { statuses: string[]; limit: number; offset?: number; modelVersion?: string | null; halfPointKrw?: number }): Promise<QueueRow[]>;
  partyStats(match: PartyMatch, excludeId: number, recent: number): Promise<PartyStats>;
}

export interface SubmissionStore {
  record(s: Omit<SubmissionRecord, 'id' | 'receivedAt'> & { operatorId: number; receivedAt: Date }): Promise<number>;
  /** Newest first; `before`: only submissions (ids) older than it. */
  list(operatorId: number, q: { limit: number; onlyWithRejections: boolean; before?: number }): Promise<SubmissionRecord[]>;
}
