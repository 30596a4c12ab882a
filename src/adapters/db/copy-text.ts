// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '\\N';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopy(value);
}

const SPECIAL = /[\\\t\n\r]/;

export function escapeCopy(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** JSON.stringify output never holds raw tabs or newlines; only backslashes need doubling. */
export function copyJson(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

/**
 * The lines as UTF-8 buffers of `size` lines each. Each line is encoded straight into the
 * buffer: concatenating the lines into one string first costs about four times as much (V8
 * flattens the concatenation, then encodes it; measured on intake rows of ~6 KB, 2026-12-01).
 */
export function* copyBuffers<T>(items: readonly T[], line: (x: T) => string, size = 128): Generator<Buffer> {
  for (let i = 0; i < items.length; i += size) {
    const end = Math.min(items.length, i + size);
    const texts: string[] = [];
    let capacity = 0;
    for (let k = i; k < end; k++) {
      const text = line(items[k]!);
      texts.push(text);
      capacity += text.length * 3 + 1; // a UTF-16 unit takes at most 3 bytes in UTF-8
    }
    const buffer = Buffer.allocUnsafe(capacity);
    let at = 0;
    for (const text of texts) {
      at += buffer.write(text, at, 'utf8');
      buffer[at++] = 0x0a;
    }
    yield buffer.subarray(0, at);
  }
}

/**
 * COPY … FROM STDIN of the items, one line each (the caller escapes the fields). The buffers are
 * written to the COPY stream as they are made, waiting for 'drain' when it is full, not through
 * Readable.from + pipeline, whose machinery cost 0.6-1 ms of CPU per COPY of 1,000 rows (the risk
 * worker's risk_scores + risk_parcels lines of a batch: 10.6-11.1 against 12.4-12.7 ms, alternated,
 * 2026-12-05). A line that throws ends the COPY with CopyFail (the server rolls it back) and
 * rejects with that error.
 */
export async function copyRows<T>(client: pg.PoolClient, sql: string, items: readonly T[], line: (x: T) => string): Promise<void> {
  if (items.length === 0) return;
  const stream = client.query(copyStreams.from(sql));
  const buffers = copyBuffers(items, line);
  let failure: unknown = null;
  await new Promise<void>((resolve, reject) => {
    // Rejected once the server has answered the CopyFail: the connection is usable again.
    stream.on('error', (e) => reject(failure ?? e));
    stream.once('finish', resolve); // after the server's ReadyForQuery
    const pump = () => {
      try {
        for (;;) {
          if (stream.destroyed) return;
          const next = buffers.next();
          if (next.done) return void stream.end();
          if (!stream.write(next.value)) return void stream.once('drain', pump);
        }
      } catch (e) {
        failure = e;
        stream.destroy(e as Error);
      }
    };
    pump();
  });
}

const ARRAY_SPECIAL = /[\\"]/;

/**
 * An array parameter as node-postgres would send it (pg/lib/utils.js arrayString: every element
 * quoted, `\` and `"` escaped, NULL bare), the same text made with one join instead of two
 * regular-expression replaces and a growing concatenation per element: the risk worker's merge
 * of a batch sends ~9,000 elements, and arrayString was its largest allocation (≈ 4 KB of
 * bench:risk's 31 KB per declaration, 2026-12-07). Flat arrays of strings, numbers, booleans and
 * nulls only (what the repositories pass).
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  const n = values.length;
  if (n === 0) return '{}';
  const parts: string[] = new Array(n);
  let bare = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      parts[i] = 'NULL';
      bare = true;
      continue;
    }
    const s = typeof v === 'string' ? v : String(v);
    parts[i] = ARRAY_SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : s;
  }
  if (!bare) return `{"${parts.join('","')}"}`;
  for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== undefined) parts[i] = `"${parts[i]}"`;
  return `{${parts.join(',')}}`;
}
