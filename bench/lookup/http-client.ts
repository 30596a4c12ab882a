// The lookup bench's load generator, run as its own process: CLIENTS keep-alive HTTP/1.1
// connections, each asking for cargo numbers in turn for SECONDS (one request in flight per
// connection). Deliberately minimal, like wrk or pgbench, so that on a small machine the load
// generator takes as little CPU from the server as it can: one prebuilt request per cargo number
// (bytes, not a string to encode), answers read into one reused buffer (`onread`: no stream, no
// buffer allocated per read), Content-Length framing, latencies in a preallocated array.
// Prints one JSON line: { requests, seconds, latencies (ms, sorted), cpuSeconds }.
// Usage: node bench/lookup/http-client.ts <base-url> <file with one cargo number per line> <clients> <seconds> [path prefix]
import fs from 'node:fs';
import net from 'node:net';

const [base, file, clientsArg, secondsArg] = process.argv.slice(2);
const cargoNos = fs.readFileSync(file!, 'utf8').split('\n').filter(Boolean);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const url = new URL(base!);
const host = `${url.hostname}:${url.port}`;
/** What to ask for: the path before the cargo number (another path only to measure the HTTP stack alone). */
const PATH_PREFIX = process.argv[6] ?? '/api/v1/lookup/cargo/';
// The order of the requests: a stride through the numbers (7919 is prime), as before.
const requests = Array.from({ length: cargoNos.length }, (_, i) => Buffer.from(`GET ${PATH_PREFIX}${cargoNos[(i * 7919) % cargoNos.length]} HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 'latin1'));

let latencies = new Float64Array(1 << 20);
let count = 0;
let next = 0;
const cpu0 = process.cpuUsage();
const started = performance.now();
const until = started + seconds * 1000;

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

function connection(): Promise<void> {
  return new Promise((resolve, reject) => {
    // Bytes of an answer not complete at the end of a read (rare: answers are small).
    let carry: Buffer | null = null;
    /** Body bytes still to come of the current answer, once its head has been read; -1 while reading the head. */
    let remaining = -1;
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= until) {
        socket.end();
        return resolve();
      }
      sentAt = performance.now();
      socket.write(requests[next++ % requests.length]!);
    };
    const answered = () => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = performance.now() - sentAt;
      send();
    };
    /** Consumes an answer's bytes; returns false on a protocol error (rejected). */
    const consume = (chunk: Buffer): boolean => {
      let data = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = null;
      while (data.length > 0) {
        if (remaining < 0) {
          const headerEnd = data.indexOf(HEADER_END);
          if (headerEnd < 0) {
            carry = Buffer.from(data); // the read buffer is reused: keep a copy
            return true;
          }
          const head = data.toString('latin1', 0, headerEnd);
          const m = CONTENT_LENGTH.exec(head);
          if (!m) return (reject(new Error(`no content-length in response:\n${head}`)), false);
          if (!head.startsWith('HTTP/1.1 200')) return (reject(new Error(`unexpected response: ${head.split('\r\n')[0]}`)), false);
          remaining = Number(m[1]);
          data = data.subarray(headerEnd + 4);
        }
        const take = Math.min(remaining, data.length);
        remaining -= take;
        data = data.subarray(take);
        if (remaining > 0) return true;
        remaining = -1;
        answered();
      }
      return true;
    };
    const socket = net.connect({
      host: url.hostname,
      port: Number(url.port),
      noDelay: true,
      onread: { buffer: Buffer.allocUnsafe(64 * 1024), callback: (n: number, buffer: Buffer) => consume(buffer.subarray(0, n)) },
    });
    socket.on('connect', send);
    socket.on('error', reject);
  });
}

await Promise.all(Array.from({ length: clients }, connection));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
const sorted = Array.from(latencies.subarray(0, count).sort());
process.stdout.write(JSON.stringify({ requests: count, seconds: elapsed, latencies: sorted, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
