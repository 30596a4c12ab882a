// A read by a named prepared statement whose columns are all text, for the lookup hot path.
// It goes through pg's documented extension point (a "submittable", as pg-cursor does) and
// sends Bind, Execute and Sync only: no Describe, so no row description to parse, no Result
// and no type parsers per query; the rows are the text fields as the protocol parser gives them.
import type pg from 'pg';

/** The parts of pg's connection a submittable uses (pg/lib/connection.js). */
interface Connection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(q: { text: string; name: string; types: never[] }): void;
  bind(c: { statement: string; values: (string | null)[] }): void;
  execute(c: object): void;
  sync(): void;
}

type Done = (err: Error | null, rows?: (string | null)[][]) => void;

class LeanRead {
  readonly name: string;
  readonly text: string;
  private readonly values: (string | null)[];
  private readonly rows: (string | null)[][] = [];
  /** Set by pg's client.query (the pool passes its callback, which releases the client). */
  callback?: Done;
  private failed = false;

  constructor(statement: { name: string; text: string }, values: (string | null)[]) {
    this.name = statement.name;
    this.text = statement.text;
    this.values = values;
  }

  submit(connection: Connection): null {
    connection.stream.cork?.();
    try {
      // Parsed once per connection; the client records it when ParseComplete arrives.
      if (connection.parsedStatements[this.name] === undefined && connection.submittedNamedStatements[this.name] === undefined) {
        connection.parse({ text: this.text, name: this.name, types: [] });
        connection.submittedNamedStatements[this.name] = this.text;
      }
      connection.bind({ statement: this.name, values: this.values });
      connection.execute({});
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.rows.push(msg.fields);
  }

  handleError(err: Error): void {
    this.failed = true;
    this.callback?.(err);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.callback?.(null, this.rows);
  }

  // Not expected for these statements; present because pg's client calls them on the active query.
  handleRowDescription(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
}

/** The rows (text fields) of a named statement, read through the pool. */
export function leanRead(pool: pg.Pool, statement: { name: string; text: string }, values: (string | null)[]): Promise<(string | null)[][]> {
  return new Promise((resolve, reject) => {
    pool.query(new LeanRead(statement, values) as never, ((err: Error | null, rows?: (string | null)[][]) => (err ? reject(err) : resolve(rows!))) as never);
  });
}
