// One HTTP request written byte for byte over node:net, for what fetch and curl will not send (raw
// UTF-8 or a space in the URL, a control character, a request line over Node's 16 KB, a bad version).
import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * `head` (the request line, and any headers after it), then Host and Connection: close, then `body`,
 * to `base`; the answer read to the connection's end.
 */
export function rawRequest(base: string, head: Buffer, body = ''): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  const request = Buffer.concat([head, Buffer.from(`\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n${body}`)]);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: all.subarray(split + 4).toString('utf8') });
    });
  });
}

/** `method target HTTP/1.1` as bytes (`target` as given: a Buffer stays raw, a string is UTF-8). */
export const requestLine = (method: string, target: Buffer | string, version = 'HTTP/1.1'): Buffer =>
  Buffer.concat([Buffer.from(`${method} `), Buffer.isBuffer(target) ? target : Buffer.from(target, 'utf8'), Buffer.from(` ${version}`)]);

/** The answers in `all`, one after another (each read by its Content-Length; a HEAD's by none: `heads`). */
export function parseAnswers(all: Buffer, heads = 0): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let at = 0;
  while (at < all.length) {
    const split = all.indexOf('\r\n\r\n', at);
    if (split < 0) break;
    const [statusLine, ...lines] = all.subarray(at, split).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const status = Number(statusLine!.split(' ')[1]);
    const length = answers.length < heads || status === 100 ? 0 : Number(headers['content-length'] ?? all.length - split - 4);
    answers.push({ status, headers, body: all.subarray(split + 4, split + 4 + length).toString('utf8') });
    at = split + 4 + length;
  }
  return answers;
}

/** In rawPieces: write nothing until one more answer than before has arrived whole. */
export const AWAIT_ANSWER = Symbol('await an answer');

/**
 * `pieces` written on one connection one after another, each once the server has had time to read the
 * one before on its own (no Nagle: a TCP segment each), so the server's parser meets a request cut
 * where the pieces are; AWAIT_ANSWER among them waits for the next answer first (a request answered
 * before the next is sent, however slow the server). Then every answer, read to the connection's end
 * (the server closes it).
 */
export function rawPieces(base: string, pieces: (Buffer | typeof AWAIT_ANSWER)[], pauseMs = 100): Promise<RawAnswer[]> {
  const { hostname, port } = new URL(base);
  const chunks: Buffer[] = [];
  let onData = () => {};
  const answered = () => parseAnswers(Buffer.concat(chunks)).filter((a) => Buffer.byteLength(a.body) === Number(a.headers['content-length'] ?? 0)).length;
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, async () => {
      socket.setNoDelay(true);
      let waited = 0;
      for (const [i, piece] of pieces.entries()) {
        if (piece === AWAIT_ANSWER) {
          waited++;
          await new Promise<void>((r) => {
            onData = () => answered() >= waited && r();
            onData();
          });
          continue;
        }
        if (i > 0) await new Promise((r) => setTimeout(r, pauseMs));
        if (socket.destroyed) return;
        socket.write(piece);
      }
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      onData();
    });
    // a reset after the server's answer (it closed while a piece was on its way) ends the reading as its close does
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parseAnswers(Buffer.concat(chunks))));
  });
}
