// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** COPY … FROM STDIN of the items, one line each (the caller escapes the fields). */
export async function copyRows<T>(client: pg.PoolClient, sql: string, items: readonly T[], line: (x: T) => string): Promise<void> {
  if (items.length === 0) return;
  await pipeline(Readable.from(copyBuffers(items, line)), client.query(copyStreams.from(sql)));
}
