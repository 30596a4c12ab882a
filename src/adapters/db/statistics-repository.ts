// Monthly statistics from the rollup that statement-level triggers keep beside the declarations
// (migrations/020_portal.sql): a sum over a few thousand delta rows instead of an aggregate
// over every declaration. monthlyFromDeclarationsSql is the same figure computed from the
// declarations themselves: the tests check that both agree, the bench times both.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { StatisticsAggregateRow, StatisticsDimension, StatisticsStore } from '../../app/ports/portal-stores.ts';

/** Delta rows beyond which a read first folds them (compact_declaration_stats). */
export const COMPACT_THRESHOLD = 20_000;

// Column per dimension: a fixed whitelist, never user text in SQL.
const ROLLUP_KEY: Record<StatisticsDimension, string> = { origin: 'origin', category: 'chapter', route: 'route' };
const RAW_KEY: Record<StatisticsDimension, string> = {
  origin: 'stat_origin(declaration)',
  category: 'stat_chapter(assessment)',
  route: 'route',
};

export function monthlyStatisticsSql(dimension: StatisticsDimension): string {
  const key = ROLLUP_KEY[dimension];
  return `SELECT to_char(month, 'YYYY-MM-DD') AS month, ${key} AS key,
                 sum(declarations)::bigint AS count, sum(value_usd)::float8 AS value_usd,
                 sum(value_krw)::bigint AS value_krw, sum(taxes_krw)::bigint AS taxes_krw
            FROM declaration_stats
           WHERE month >= $1::date AND month < $2::date
           GROUP BY month, ${key}
          HAVING sum(declarations) <> 0 OR sum(taxes_krw) <> 0
           ORDER BY month, sum(declarations) DESC, ${key}`;
}

/** The same numbers straight from the declarations (full aggregate): the reference the rollup must equal. */
export function monthlyFromDeclarationsSql(dimension: StatisticsDimension): string {
  const key = RAW_KEY[dimension];
  return `SELECT to_char(stat_month(declared_at), 'YYYY-MM-DD') AS month, ${key} AS key,
                 count(*) FILTER (WHERE status <> 'withdrawn')::bigint AS count,
                 coalesce(sum(goods_value_usd::numeric) FILTER (WHERE status <> 'withdrawn'), 0)::float8 AS value_usd,
                 coalesce(sum(stat_value_krw(assessment)) FILTER (WHERE status <> 'withdrawn'), 0)::bigint AS value_krw,
                 coalesce(sum(taxes_total_krw) FILTER (WHERE status NOT IN ('withdrawn', 'rejected')), 0)::bigint AS taxes_krw
            FROM declarations
           WHERE declared_at >= $1::date AND declared_at < $2::date
           GROUP BY 1, 2
          HAVING count(*) FILTER (WHERE status <> 'withdrawn') <> 0
           ORDER BY 1, 3 DESC, 2`;
}

export function rowsOf(result: pg.QueryResult): StatisticsAggregateRow[] {
  return result.rows.map((x) => ({
    month: String(x.month),
    key: String(x.key),
    count: Number(x.count),
    valueUsd: Math.round(Number(x.value_usd) * 100) / 100,
    valueKrw: Number(x.value_krw),
    taxesKrw: Number(x.taxes_krw),
  }));
}

export class PgStatisticsStore implements StatisticsStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async compact(threshold = COMPACT_THRESHOLD): Promise<number> {
    const r = await this.pool.query('SELECT compact_declaration_stats($1) AS n', [threshold]);
    return Number(r.rows[0].n);
  }

  async monthly(q: { dimension: StatisticsDimension; from: string; to: string }): Promise<{ rows: StatisticsAggregateRow[]; elapsedMs: number }> {
    await this.compact();
    const started = performance.now();
    const r = await this.pool.query(monthlyStatisticsSql(q.dimension), [q.from, q.to]);
    const elapsedMs = performance.now() - started;
    return { elapsedMs, rows: rowsOf(r) };
  }
}
