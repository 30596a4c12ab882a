// The string formats of request schemas: ajv-formats' full set, with `date-time` and `date` narrowed
// to what the platform can hold. RFC 3339 as ajv-formats reads it also admits a leap second
// (23:59:60), the year 0000, an hour-only offset (+09) and offsets up to ±23:59, which JavaScript's
// Date reads as NaN or PostgreSQL refuses (year 0, a zone more than 15:59 from UTC): a cargo event
// at 23:59:60Z, `updatedSince=0000-01-01T00:00:00Z` or an order of 0000-01-01 answered 500.
import type { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined };
const rfc3339DateTime = fullFormats['date-time'] as FormatDefinition;
const rfc3339Date = fullFormats.date as FormatDefinition;

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
/** No time zone is further than 14 hours from UTC (UTC+14, Kiribati). */
const MAX_OFFSET_MINUTES = 14 * 60;

/** An RFC 3339 date and time that is one instant Date and PostgreSQL both read alike, in the years 0001–9999. */
export function isStorableDateTime(s: string): boolean {
  if (!rfc3339DateTime.validate(s)) return false;
  const ms = Date.parse(s);
  if (!(ms >= EARLIEST && ms <= LATEST)) return false; // NaN (23:59:60, +09) too
  const offset = /([+-])(\d\d):?(\d\d)$/.exec(s);
  return !offset || Number(offset[2]) * 60 + Number(offset[3]) <= MAX_OFFSET_MINUTES;
}

/** An RFC 3339 full-date in the years 0001–9999 (PostgreSQL has no year 0). */
export function isStorableDate(s: string): boolean {
  return rfc3339Date.validate(s) && !s.startsWith('0000');
}

/** ajv-formats on `ajv`, with the storable `date-time` and `date`. */
export function addRequestFormats(ajv: Ajv): Ajv {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime, compare: rfc3339DateTime.compare });
  ajv.addFormat('date', { type: 'string', validate: isStorableDate, compare: rfc3339Date.compare });
  return ajv;
}
