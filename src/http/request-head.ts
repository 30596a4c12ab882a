// Which request Node's HTTP parser refused, or a request timeout (408) caught, on a connection. Node
// hands the clientError handler only the chunk it was parsing (error.rawPacket; nothing for a timeout
// or a connection ended mid-request), and the parser keeps the URL it read in C++ (no JS getter): a
// request line sent in pieces ("GET /ext/re", later "st/…"), a request behind another or behind a body
// in the same chunk (pipelined on a kept-alive connection), or a request that stopped arriving, were
// read from the wrong bytes, or not at all.
//
// Per connection, from the parser's own callbacks:
// - kOnMessageBegin (once per request, at its first byte) notes that a head is open; it is complete
//   once the parser has made its request (a new parser.incoming).
// - kOnExecute (once per chunk) reads that state. A request whose head arrives in one chunk, the
//   normal case, costs a few comparisons and nothing is copied. A head still open at the end of a chunk
//   is kept (the chunk copied, from where that head begins) until it completes; a body still arriving
//   at the end of the chunk its head completed in has where it stands worked out once (that chunk
//   copied), then followed chunk by chunk: a Content-Length body counted down; a chunked body's framing
//   walked (its size lines and trailer read, its data skipped by count), the chunk copied only when it
//   holds framing, not when it lies inside one chunk's data. Where a head begins in a chunk is found by
//   walking the chunk from where the last chunk left the parser: heads to their blank line, bodies by
//   Content-Length or their chunked framing.
// - The refused request is the head open at the error (its bytes, from its request line), else the
//   one whose head completed but not its body (its method and URL are known: parser.incoming).
//
// Where the parser's position is not known (a head kept past the header limit), the request after it
// is taken to begin after the last blank line before where the parser stopped.

import { maxHeaderSize, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Node's parser callback indexes (HTTPParser.kOnExecute, kOnMessageBegin); undefined if Node no longer exposes them (then nothing is tracked). */
const HTTPParser = (process.getBuiltinModule('node:_http_common') as { HTTPParser?: { kOnExecute?: unknown; kOnMessageBegin?: unknown } } | undefined)?.HTTPParser;
const kOnExecute = HTTPParser?.kOnExecute;
const kOnMessageBegin = HTTPParser?.kOnMessageBegin;

interface Parser {
  incoming: IncomingMessage | null;
  getCurrentBuffer(): Buffer;
  [callback: number]: unknown;
}

/** On a parser error: the refused request's head, from its request line, as worked out when the error was raised. */
const REFUSED_HEAD = Symbol('refusedHead');
/** On a tracked connection's socket: its tracker. */
const TRACKER = Symbol('requestHeadTracker');

export interface ParserError {
  rawPacket?: Buffer | undefined;
  bytesParsed?: number | undefined;
  [REFUSED_HEAD]?: Buffer;
}

const CR = 0x0d;
const LF = 0x0a;
const BLANK_LINE = Buffer.from('\r\n\r\n');

/** The first index at or after `from` that is not CR or LF (the parser skips empty lines before a request line). */
function skipEmptyLines(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF)) i++;
  return i;
}

/** The request line of a request whose head the parser completed. */
const requestLineOf = (request: IncomingMessage): Buffer => Buffer.from(`${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`, 'latin1');

/** Where a chunked body's framing stands (RFC 9112 §7.1), between the chunks it arrives in. */
interface Framing {
  /** size: in a chunk-size line (its extensions included); data: in a chunk's data; crlf: after a chunk's data, to its line end; trailer: after the last chunk, in the trailer section. */
  phase: 'size' | 'data' | 'crlf' | 'trailer';
  /** size: the chunk size read so far; data: the chunk's bytes still to come. */
  n: number;
  /** trailer: nothing but CR on the line so far (an empty line ends the body). */
  emptyLine: boolean;
  /** size: a byte other than a hex digit seen (an extension, or whitespace): the size is read. */
  sized: boolean;
}

const framingAtStart = (): Framing => ({ phase: 'size', n: 0, emptyLine: true, sized: false });

/** The value of a hex digit, or -1. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * Walks a chunked body's framing `f` over `bytes` from `from`: the index just past the body's end, or
 * -1 when it goes on past `bytes` (`f` then holds where it stands). Data is skipped by count; only the
 * size lines and the trailer are read byte by byte. Malformed framing is not judged here: the parser
 * refuses it, and the refused request is then the one whose body it is.
 */
function walkChunked(f: Framing, bytes: Buffer, from: number): number {
  let i = from;
  const end = bytes.length;
  while (i < end) {
    switch (f.phase) {
      case 'data': {
        const take = Math.min(f.n, end - i);
        f.n -= take;
        i += take;
        if (f.n === 0) f.phase = 'crlf';
        break;
      }
      case 'crlf':
        if (bytes[i++] === LF) {
          f.phase = 'size';
          f.n = 0;
          f.sized = false;
        }
        break;
      case 'size': {
        const b = bytes[i++]!;
        if (b === LF) {
          if (f.n === 0) {
            f.phase = 'trailer';
            f.emptyLine = true;
          } else f.phase = 'data';
        } else if (!f.sized) {
          const v = hexValue(b);
          if (v < 0) f.sized = true;
          else f.n = f.n * 16 + v;
        }
        break;
      }
      case 'trailer': {
        const b = bytes[i++]!;
        if (b === LF) {
          if (f.emptyLine) return i;
          f.emptyLine = true;
        } else if (b !== CR) f.emptyLine = false;
        break;
      }
    }
  }
  return -1;
}

/** Where the body that begins at `from` ends (chunked framing), or -1 when it does not end in `bytes`. */
const chunkedEnd = (bytes: Buffer, from: number): number => walkChunked(framingAtStart(), bytes, from);

/** Follows a chunked body in progress over a chunk of `length` bytes that lies wholly inside it; the chunk is read (a copy, from `parser`) only when it holds framing. */
function advanceChunked(f: Framing, length: number, parser: Parser): void {
  if (f.phase === 'data' && f.n >= length) {
    f.n -= length;
    if (f.n === 0) f.phase = 'crlf';
    return;
  }
  walkChunked(f, parser.getCurrentBuffer(), 0);
}

const CHUNKED = /\r\ntransfer-encoding:[^\r\n]*chunked/i;
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

/**
 * The start of the request in progress at `stop` in `bytes`, walking from `from` (a point between
 * requests): each request's head to its blank line, then its body. A head that ends exactly at `stop`
 * is a completed request: the one in progress begins after it.
 */
function requestAt(bytes: Buffer, from: number, stop: number): number {
  let start = skipEmptyLines(bytes, from);
  for (;;) {
    if (start >= stop) return start;
    const blank = bytes.indexOf(BLANK_LINE, start);
    if (blank < 0 || blank + 4 > stop) return start; // its head is open at `stop`
    const head = bytes.toString('latin1', start, blank + 2);
    let end = blank + 4;
    if (CHUNKED.test(head)) end = chunkedEnd(bytes, end);
    else end += Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
    if (end < 0 || end > stop) return start; // its body is in progress at `stop`
    start = skipEmptyLines(bytes, end);
  }
}

/** The start of the request after the last blank line ending before `stop`, unless nothing follows it (then the one before): where the parser's position is not known. */
function afterLastBlankLine(bytes: Buffer, stop: number): number {
  let blank = stop >= BLANK_LINE.length ? bytes.lastIndexOf(BLANK_LINE, stop - BLANK_LINE.length) : -1;
  while (blank >= 0 && skipEmptyLines(bytes, blank + BLANK_LINE.length) >= bytes.length) blank = blank > 0 ? bytes.lastIndexOf(BLANK_LINE, blank - 1) : -1;
  return skipEmptyLines(bytes, blank < 0 ? 0 : blank + BLANK_LINE.length);
}

/** Where the parser was when the chunk it is reading began. */
type ChunkStart =
  | { readonly at: 'between' } // between requests
  | { readonly at: 'head'; readonly pieces: Buffer[]; length: number } // in a head: its bytes so far (copies)
  | { readonly at: 'body'; remaining: number } // in a Content-Length body: its bytes still to come
  | { readonly at: 'chunked'; readonly framing: Framing } // in a chunked body: where its framing stands
  | { readonly at: 'unknown' }; // not known (a head kept past the limit)

const BETWEEN: ChunkStart = { at: 'between' };
const UNKNOWN: ChunkStart = { at: 'unknown' };

class Tracker {
  /** Heads the parser completed on this connection; the last one's request. */
  private heads = 0;
  private last: IncomingMessage | null = null;
  /** Heads completed when the last request began (-1: none yet): its head is open while no other completed since. */
  private openedAt = -1;
  /** Heads completed before the chunk being read. */
  private headsBefore = 0;
  private start: ChunkStart = BETWEEN;
  private readonly parser: Parser;
  private readonly limit: number;

  constructor(parser: Parser, limit: number) {
    this.parser = parser;
    this.limit = limit;
  }

  /** A head completed since last looked: the parser made its request (parser.incoming; Node sets it back to null once the request is answered and read). */
  private note(): void {
    const incoming = this.parser.incoming;
    if (incoming !== null && incoming !== this.last) {
      this.last = incoming;
      this.heads++;
    }
  }

  /** kOnMessageBegin: a request's first byte. */
  begun(): void {
    this.note();
    this.openedAt = this.heads;
  }

  private headOpen(): boolean {
    return this.openedAt === this.heads;
  }

  /** The chunk, after the head kept from earlier chunks if the chunk began in one, and where to walk it from; null when not known. */
  private bytesWith(chunk: Buffer): { bytes: Buffer; from: number } | null {
    const s = this.start;
    if (s.at === 'head') return s.length > this.limit ? null : { bytes: Buffer.concat([...s.pieces, chunk]), from: 0 };
    if (s.at === 'body') return { bytes: chunk, from: s.remaining };
    if (s.at === 'between') return { bytes: chunk, from: 0 };
    if (s.at === 'chunked') {
      // where the body ends in this chunk, on a copy of its framing (this is asked again at an error)
      const end = walkChunked({ ...s.framing }, chunk, 0);
      return end < 0 ? null : { bytes: chunk, from: end };
    }
    return null;
  }

  /** Per chunk, after the parser read it (`parsed` bytes). */
  chunkParsed(parsed: number): void {
    this.note();
    const completed = this.heads !== this.headsBefore; // a head completed in this chunk
    this.headsBefore = this.heads;
    const last = this.last;
    if (this.headOpen()) {
      const s = this.start;
      if (!completed && s.at === 'head') {
        // the same head goes on (past the limit Node refuses it anyway)
        if (s.length <= this.limit) {
          const chunk = this.parser.getCurrentBuffer(); // a copy: the chunk's memory is reused
          s.pieces.push(chunk);
          s.length += chunk.length;
        }
        return;
      }
      // a head begun in this chunk
      const chunk = this.parser.getCurrentBuffer();
      const known = this.bytesWith(chunk);
      const begin = known ? requestAt(known.bytes, known.from, known.bytes.length) : afterLastBlankLine(chunk, chunk.length);
      const head = Buffer.from((known?.bytes ?? chunk).subarray(begin));
      this.start = { at: 'head', pieces: [head], length: head.length };
    } else if (last !== null && !last.complete) {
      const s = this.start;
      if (!completed) {
        // the chunk lies wholly inside that body
        if (s.at === 'body') s.remaining -= parsed;
        else if (s.at === 'chunked') advanceChunked(s.framing, parsed, this.parser);
        return;
      }
      // its head completed in this chunk: where its body stands at the chunk's end
      const known = this.bytesWith(this.parser.getCurrentBuffer());
      this.start = UNKNOWN;
      if (known === null) return;
      const { bytes } = known;
      const begin = requestAt(bytes, known.from, bytes.length);
      const blank = bytes.indexOf(BLANK_LINE, begin);
      if (blank < 0) return;
      const head = bytes.toString('latin1', begin, blank + 2);
      if (CHUNKED.test(head)) {
        const framing = framingAtStart();
        if (walkChunked(framing, bytes, blank + 4) < 0) this.start = { at: 'chunked', framing };
        return;
      }
      this.start = { at: 'body', remaining: blank + 4 + Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0) - bytes.length };
    } else if (this.start !== BETWEEN) {
      this.start = BETWEEN;
    }
  }

  /** The head of the request refused by a parser error raised in the chunk being read. */
  refusedBy(error: ParserError): Buffer | null {
    this.note();
    const last = this.last;
    if (!this.headOpen()) return last !== null && !last.complete ? requestLineOf(last) : null; // in its body, or at the end of its head
    const chunk = this.parser.getCurrentBuffer();
    const parsed = typeof error.bytesParsed === 'number' && error.bytesParsed >= 0 ? Math.min(error.bytesParsed, chunk.length) : chunk.length;
    const known = this.bytesWith(chunk);
    if (known === null) {
      // the head kept (past the limit) is the one refused if no head completed since; else where this chunk began is not known
      const s = this.start;
      if (s.at === 'head' && this.heads === this.headsBefore) return Buffer.concat(s.pieces);
      return chunk.subarray(afterLastBlankLine(chunk, parsed));
    }
    const stop = known.bytes.length - chunk.length + parsed;
    return known.bytes.subarray(requestAt(known.bytes, known.from, stop));
  }

  /** The head of the request in progress between chunks (a timeout, the connection ended): null when none. */
  inProgress(): Buffer | null {
    this.note();
    const s = this.start;
    if (this.headOpen()) return s.at === 'head' ? Buffer.concat(s.pieces) : null;
    const last = this.last;
    return last !== null && !last.complete ? requestLineOf(last) : null;
  }
}

/**
 * Follows, per connection of `server`, where each request begins, for requestHeadOf. Installed on the
 * connection before its first byte is read; a connection whose parser Node does not drive itself (no
 * per-chunk callback) is left as is.
 */
export function trackSplitRequestHeads(server: Server): void {
  if (typeof kOnExecute !== 'number' || typeof kOnMessageBegin !== 'number') return;
  const limit = ((server as { maxHeaderSize?: number }).maxHeaderSize || maxHeaderSize) + 1024;
  server.on('connection', (socket: Socket & { parser?: Parser | null; [TRACKER]?: Tracker }) => {
    const parser = socket.parser;
    const onExecute = parser?.[kOnExecute];
    if (!parser || typeof onExecute !== 'function' || parser[kOnMessageBegin] != null) return;
    const tracker = new Tracker(parser, limit);
    socket[TRACKER] = tracker;
    // Node leaves this callback unset, and clears it when the parser goes back to its pool
    parser[kOnMessageBegin] = () => tracker.begun();
    parser[kOnExecute] = (ret: number | Error) => {
      if (typeof ret === 'number') tracker.chunkParsed(ret);
      else if (ret instanceof Error) {
        const head = tracker.refusedBy(ret as ParserError);
        if (head !== null) (ret as ParserError)[REFUSED_HEAD] = head;
      }
      return onExecute(ret);
    };
  });
}

/**
 * The bytes of the request Node refused on `socket`, from its request line on: as worked out when the
 * parser raised `error`; for an error without bytes (a timeout, the connection ended mid-request), the
 * request then in progress on the connection; else read from the chunk of the error (after the last
 * blank line before where the parser stopped). Null when none is known.
 */
export function requestHeadOf(error: ParserError, socket?: Duplex): Buffer | null {
  const refused = error[REFUSED_HEAD];
  if (refused) return refused;
  const packet = error.rawPacket;
  if (!packet) return (socket as { [TRACKER]?: Tracker } | undefined)?.[TRACKER]?.inProgress() ?? null;
  const parsed = typeof error.bytesParsed === 'number' && error.bytesParsed >= 0 ? Math.min(error.bytesParsed, packet.length) : packet.length;
  return packet.subarray(afterLastBlankLine(packet, parsed));
}
