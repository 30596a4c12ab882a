// A body refused before it was read whole (413 PAYLOAD_TOO_LARGE: its Content-Length, or the bytes
// read so far, over the route's limit) ends its connection, as Fastify does (`connection: close`):
// the client may still be sending. Closed at once, the socket still holds the unread bytes and more
// keep arriving, so the kernel answers with a reset, and a client that writes its whole body before
// reading the answer (curl, fetch, Python's urllib: every common one) fails with EPIPE or
// ECONNRESET and never sees the 413 and its code. As nginx's lingering close: the answer is sent,
// the connection half-closed, and what the client still sends is read and dropped until it stops
// (or closes), for at most `lingerMs`; then the socket is closed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long a refused body may keep arriving after its answer (nginx's lingering_time is 30 s). */
export const LINGER_MS = 10_000;

const lingering = new WeakSet<Socket>();

/** Closes `socket` once the client has stopped sending, or after `lingerMs`; reads and drops what arrives meanwhile. */
function lingerThenClose(socket: Socket, lingerMs: number): void {
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy()); // the client has sent all it will
  socket.once('error', () => socket.destroy());
  socket.end(); // our side is done: the answer, then FIN
  socket.resume();
}

export function registerLingeringClose(app: FastifyInstance, lingerMs = LINGER_MS): void {
  // A callback hook, not an async one: every answer passes here, nearly all with their request read whole.
  app.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    const socket = raw.socket as Socket | null;
    if (raw.complete || !socket || lingering.has(socket) || String(reply.getHeader('connection') ?? '').toLowerCase() !== 'close') return done(null, payload);
    lingering.add(socket);
    // Node's server ends a `connection: close` answer with socket.destroySoon(): FIN, then destroy as
    // soon as it is flushed, with the body still arriving. This socket lingers instead.
    socket.destroySoon = () => lingerThenClose(socket, lingerMs);
    done(null, payload);
  });
}

/**
 * A client that asks before sending (`Expect: 100-continue`: curl does for any body over 1 MB) a body
 * larger than any route takes is refused at once, 413 without a 100 Continue, so it never uploads
 * it: over a slow link the lingering above would end before a 70 MB upload did. The limit is the
 * largest body limit of the routes (64 MB, the intake); a body under it but over its own route's
 * limit is sent, refused and lingered on as above. `refuse` writes the answer on the raw response
 * (its form by the request's path: the UNI-PASS prefix answers XML).
 */
export function refuseOversizedBeforeContinue(app: FastifyInstance, o: { defaultLimit: number; parserLimits: number[]; refuse: (req: IncomingMessage, res: ServerResponse, largest: number) => void }): void {
  let largest = Math.max(o.defaultLimit, ...o.parserLimits);
  app.addHook('onRoute', (route) => {
    if (typeof route.bodyLimit === 'number') largest = Math.max(largest, route.bodyLimit);
  });
  app.server.on('checkContinue', (req, res) => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > largest) return o.refuse(req, res, largest);
    res.writeContinue();
    app.server.emit('request', req, res);
  });
}
