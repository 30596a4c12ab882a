// A transaction holds its client while its callback runs. If the callback asks the pool for a
// second connection, and the pool is exhausted by requests that wait on this transaction's locks,
// both wait for ever: a deadlock PostgreSQL cannot see, so it never breaks it. (It happened: the
// scoring worker read history on other connections while its claim locked risk_pending rows that
// twenty concurrent corrections were waiting on, pool size 20.) Under the test suite
// (TONGGWAN_CONNECTION_GUARD=1, vitest.config.ts) such a request throws at once, naming the
// transaction, so every test that runs the code checks the rule.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

const holding = new AsyncLocalStorage<string>();

/** Runs `f` as the holder of one connection (named by `what` in the guard's error). */
export function holdingConnection<T>(what: string, f: () => Promise<T>): Promise<T> {
  return holding.run(what, f);
}

/** The pool refuses a connection to code that already holds one (when the guard is on). */
export function guardPool(pool: pg.Pool): void {
  const check = (): void => {
    const held = holding.getStore();
    if (held !== undefined) throw new Error(`connection guard: a second connection asked for while holding one (${held}); use the transaction's client`);
  };
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    check();
    return connect(...args);
  };
  (pool as { query: unknown }).query = (...args: unknown[]) => {
    check();
    return query(...args);
  };
}

export const connectionGuardOn = (): boolean => process.env.TONGGWAN_CONNECTION_GUARD === '1';
