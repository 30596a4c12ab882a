// E-mail through SMTP with nodemailer when SMTP_URL is configured (smtp://user:pass@host:587,
// smtps://…); otherwise the local default keeps the message in the notifications table, as SMS
// without a gateway (SMS_PROVIDER=database), so the demo and the tests can read it.
// A send that failed throws EmailRejectedError with the server's reply code: a 5xx to the message (its
// recipient, sender or content) says `permanent`, so an outbox gives it up at once (isPermanentFailure), as
// the SMS gateway's refusal of a number; a 4xx, a connection lost or timed out, or a refused sign-in is
// tried again. The address is masked in the error, which is logged and kept as the notice's last error.
import nodemailer from 'nodemailer';
import type { Notifier, OutgoingMessage } from '../../app/ports.ts';
import { maskEmail } from '../../domain/contact-masks.ts';

/** nodemailer's codes of a failure of the envelope (MAIL FROM, RCPT TO) and of the message (DATA). */
const MESSAGE_FAILURES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Whether the SMTP server refused the message for good: a 5xx reply (RFC 5321 §4.2.1: permanent negative
 * completion, e.g. 550 mailbox unavailable, 553 mailbox name not allowed, 554 transaction failed) to its
 * envelope or its content; sent again, it is refused again. Not a 4xx (421, 450, 451, 452: try again later),
 * not a connection lost or timed out (no reply), and not a 5xx to our sign-in (EAUTH 535: the account's
 * credentials, mended on our side; the same message then goes through).
 */
export function permanentSmtpRefusal(e: { code?: string | undefined; responseCode?: number | undefined }): boolean {
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && MESSAGE_FAILURES.has(e.code ?? '');
}

/** The e-mail was not sent: the server's reply code (none when no reply came), and whether sending it again is refused again. */
export class EmailRejectedError extends Error {
  readonly code: string | null;
  readonly responseCode: number | null;
  readonly permanent: boolean;
  constructor(message: string, code: string | null, responseCode: number | null, permanent: boolean) {
    super(message);
    this.name = 'EmailRejectedError';
    this.code = code;
    this.responseCode = responseCode;
    this.permanent = permanent;
  }
}

function failureOf(e: unknown, recipient: string): EmailRejectedError {
  const x = (typeof e === 'object' && e !== null ? e : {}) as { code?: string; responseCode?: number; response?: string; message?: string };
  const to = maskEmail(recipient);
  // The server's reply may echo the address back: masked as in the rest of the line.
  const reply = (x.response ?? x.message ?? String(e)).split(recipient).join(to).replace(/\s+/g, ' ').trim().slice(0, 300);
  const permanent = permanentSmtpRefusal(x);
  const line = permanent
    ? `e-mail to ${to}: refused by the SMTP server (${reply}); not retried (permanent)`
    : `e-mail to ${to}: not sent (${x.code ?? 'error'}${typeof x.responseCode === 'number' && !reply.startsWith(String(x.responseCode)) ? ` ${x.responseCode}` : ''}: ${reply})`;
  return new EmailRejectedError(line, x.code ?? null, typeof x.responseCode === 'number' ? x.responseCode : null, permanent);
}

export function smtpMailer(o: { smtpUrl: string | null; from: string; fallback: Notifier }): Notifier {
  if (!o.smtpUrl) return o.fallback;
  const transport = nodemailer.createTransport(o.smtpUrl);
  return {
    async send(m: OutgoingMessage) {
      if (m.channel !== 'email') return o.fallback.send(m);
      try {
        await transport.sendMail({ from: o.from, to: m.recipient, subject: m.subject, text: m.body });
      } catch (e) {
        throw failureOf(e, m.recipient);
      }
    },
  };
}
