// Which request Node's HTTP parser refused, when its request line is not at the start of the chunk
// it was parsing. Node hands the clientError handler only that chunk (error.rawPacket), and the
// parser keeps the URL it read in C++ (no JS getter): a request line sent in pieces ("GET /ext/re",
// later "st/…") or a request behind another in the same chunk (pipelined on a kept-alive
// connection) was read from the wrong bytes, or not at all.
//
// - In pieces: per connection, the bytes of a request head still incomplete at the end of a chunk
//   are kept (copied, up to its request line) until the parser completes that head; an error raised
//   meanwhile carries them. Whether a head completed in a chunk is read from the parser's own state
//   (parser.incoming, the request of the last head it completed, and whether its body is complete),
//   checked once per chunk in Node's per-chunk callback: nothing is copied for a request whose head
//   arrives in one chunk, the normal case.
// - Behind another: the failing request is the last one begun before where the parser stopped
//   (error.bytesParsed), after the last blank line ending a head before it.
//
// Not recognised (the caller answers as before it): a head begun in the same chunk after another
// request's end and continued in a later one (pipelining cut mid-head), and a request that follows
// a body in the same chunk (where that body ends is not known here).

import { maxHeaderSize, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** The index of Node's per-chunk parser callback (HTTPParser.kOnExecute); undefined if Node no longer exposes it (then nothing is tracked). */
const kOnExecute = (process.getBuiltinModule('node:_http_common') as { HTTPParser?: { kOnExecute?: unknown } } | undefined)?.HTTPParser?.kOnExecute;

interface Parser {
  incoming: IncomingMessage | null;
  getCurrentBuffer(): Buffer;
  [callback: number]: unknown;
}

/** On a parser error: the bytes of the failing request's head from chunks before the one Node hands with it. */
const HEAD_BEFORE = Symbol('headBefore');

export interface ParserError {
  rawPacket?: Buffer | undefined;
  bytesParsed?: number | undefined;
  [HEAD_BEFORE]?: Buffer;
}

const CR = 0x0d;
const LF = 0x0a;

/** The first index at or after `from` that is not CR or LF (the parser skips empty lines before a request line). */
function skipEmptyLines(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF)) i++;
  return i;
}

/** Whether `head` holds a whole request line (all the path is there: no need to keep more). */
const hasRequestLine = (head: Buffer, limit: number): boolean => head.length >= limit || head.indexOf(LF, skipEmptyLines(head, 0)) >= 0;

/**
 * Keeps, per connection of `server`, the start of a request head that arrives in more than one chunk,
 * for requestHeadOf. Installed on the connection before its first byte is read; a connection whose
 * parser Node does not drive itself (no per-chunk callback) is left as is.
 */
export function trackSplitRequestHeads(server: Server): void {
  if (typeof kOnExecute !== 'number') return;
  const limit = ((server as { maxHeaderSize?: number }).maxHeaderSize || maxHeaderSize) + 1024;
  server.on('connection', (socket: Socket & { parser?: Parser | null }) => {
    const parser = socket.parser;
    const onExecute = parser?.[kOnExecute];
    if (!parser || typeof onExecute !== 'function') return;
    let seen: IncomingMessage | null = null; // the request of the last head completed
    let inBody = false; // its body was still arriving at the end of the chunk before
    let head: Buffer | null = null; // the current head so far, begun in an earlier chunk
    parser[kOnExecute] = (ret: number | Error) => {
      const incoming = parser.incoming;
      if (incoming !== seen && incoming !== null) {
        // a head completed in this chunk: the normal case, nothing kept
        seen = incoming;
        head = null;
        inBody = !incoming.complete;
      } else if (ret instanceof Error) {
        if (head !== null) (ret as ParserError)[HEAD_BEFORE] = head;
      } else if (incoming !== null && !incoming.complete) {
        // the body goes on
      } else if (inBody) {
        inBody = false; // the body ended in this chunk; a head begun after it here is not kept
      } else if (head === null || !hasRequestLine(head, limit)) {
        const chunk = parser.getCurrentBuffer(); // a copy: the chunk's memory is reused
        head = head === null ? chunk : Buffer.concat([head, chunk]);
      }
      return onExecute(ret);
    };
  });
}

const BLANK_LINE = Buffer.from('\r\n\r\n');

/**
 * The bytes of the request Node's parser refused, from its request line on (the head kept from
 * earlier chunks, then the chunk of the error); null when Node handed no bytes.
 */
export function requestHeadOf(error: ParserError): Buffer | null {
  const packet = error.rawPacket;
  if (!packet) return null;
  const before = error[HEAD_BEFORE];
  const bytes = before ? Buffer.concat([before, packet]) : packet;
  const parsed = typeof error.bytesParsed === 'number' && error.bytesParsed >= 0 ? Math.min(error.bytesParsed, packet.length) : packet.length;
  const stop = (before?.length ?? 0) + parsed;
  // The last blank line ending at or before `stop` ends the head of an earlier request, unless nothing
  // follows it (the parser stopped at the end of the failing request's own head): then the one before.
  let blank = stop >= BLANK_LINE.length ? bytes.lastIndexOf(BLANK_LINE, stop - BLANK_LINE.length) : -1;
  while (blank >= 0 && skipEmptyLines(bytes, blank + BLANK_LINE.length) >= bytes.length) blank = blank > 0 ? bytes.lastIndexOf(BLANK_LINE, blank - 1) : -1;
  return bytes.subarray(skipEmptyLines(bytes, blank < 0 ? 0 : blank + BLANK_LINE.length));
}
