// E-mail through SMTP with nodemailer when SMTP_URL is configured (smtp://user:pass@host:587,
// smtps://…); otherwise the local default keeps the message in the notifications table, as SMS
// without a gateway (SMS_PROVIDER=database), so the demo and the tests can read it.
import nodemailer from 'nodemailer';
import type { Notifier, OutgoingMessage } from '../../app/ports.ts';

export function smtpMailer(o: { smtpUrl: string | null; from: string; fallback: Notifier }): Notifier {
  if (!o.smtpUrl) return o.fallback;
  const transport = nodemailer.createTransport(o.smtpUrl);
  return {
    async send(m: OutgoingMessage) {
      if (m.channel !== 'email') return o.fallback.send(m);
      await transport.sendMail({ from: o.from, to: m.recipient, subject: m.subject, text: m.body });
    },
  };
}
