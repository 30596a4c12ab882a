// The lookup bench's load generator, run as its own process: CLIENTS keep-alive HTTP/1.1
// connections, each asking for cargo numbers in turn for SECONDS. Deliberately minimal (raw
// sockets, one prebuilt request line per lookup, Content-Length framing), like wrk or pgbench,
// so that on a small machine the load generator takes as little CPU from the server as it can.
// Prints one JSON line: { requests, seconds, latencies (ms, sorted), cpuSeconds }.
// Usage: node bench/lookup/http-client.ts <base-url> <file with one cargo number per line> <clients> <seconds>
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

const latencies: number[] = [];
let next = 0;
const cpu0 = process.cpuUsage();
const started = performance.now();
const until = started + seconds * 1000;

function connection(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    let buffer: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= until) {
        socket.end();
        return resolve();
      }
      const no = cargoNos[(next++ * 7919) % cargoNos.length]!;
      sentAt = performance.now();
      socket.write(`GET ${PATH_PREFIX}${no} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    };
    socket.on('connect', send);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const head = buffer.toString('latin1', 0, headerEnd);
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!m) return reject(new Error(`no content-length in response:\n${head}`));
        const total = headerEnd + 4 + Number(m[1]);
        if (buffer.length < total) return;
        if (!head.startsWith('HTTP/1.1 200')) return reject(new Error(`unexpected response: ${head.split('\r\n')[0]}`));
        latencies.push(performance.now() - sentAt);
        buffer = buffer.subarray(total);
        send();
      }
    });
  });
}

await Promise.all(Array.from({ length: clients }, connection));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ requests: latencies.length, seconds: elapsed, latencies, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
