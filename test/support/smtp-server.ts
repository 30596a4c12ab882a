// A small SMTP server (RFC 5321) on 127.0.0.1 for the tests of the e-mail channel: it speaks the commands
// nodemailer sends to a server without STARTTLS or AUTH (EHLO, MAIL FROM, RCPT TO, DATA, QUIT) and answers
// each recipient as the test says (`rcpt`: a reply line such as "550 5.1.1 mailbox unavailable", or null to
// take it), or drops the connection at RCPT (`drop`), so a refusal for good (5xx), one for now (4xx) and a
// connection lost can each be tried against the real nodemailer. Messages taken are kept in `messages`.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpTestServer {
  url: string;
  /** Messages taken: their recipients and raw DATA (headers and body), oldest first. */
  messages: { to: string[]; data: string }[];
  /** How each recipient is answered at RCPT TO: a reply line ("550 …", "451 …"), 'drop' (the connection closed), or null (250, taken). */
  rcpt: (address: string) => string | 'drop' | null;
  close(): Promise<void>;
}

export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const sockets = new Set<net.Socket>();
  const state: SmtpTestServer = {
    url: '',
    messages: [],
    rcpt: () => null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    let to: string[] = [];
    const say = (line: string) => socket.write(line + '\r\n');
    say('220 smtp.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            state.messages.push({ to, data });
            to = [];
            data = '';
            say('250 2.0.0 queued');
          } else data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 smtp.test');
        else if (verb === 'MAIL') say('250 2.1.0 ok');
        else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          const answer = state.rcpt(address);
          if (answer === 'drop') {
            socket.destroy();
            return;
          }
          if (answer === null) to.push(address);
          say(answer ?? '250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET' || verb === 'NOOP') say('250 2.0.0 ok');
        else if (verb === 'QUIT') {
          say('221 2.0.0 bye');
          socket.end();
        } else say('502 5.5.2 command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
