// The e-mail channel's failures as the outboxes read them (isPermanentFailure): a reply of 5xx to the
// message (its recipient, its sender, its content: RFC 5321 §4.2.1, "permanent negative completion") is
// refused again if sent again, so it is given up at once, as an SMS the gateway refused; a 4xx (421 service
// closing, 450/451/452 mailbox busy, local error, storage) and a connection lost or timed out are tried again,
// and so is a refused sign-in (535: our credentials, mended on our side, the same message then goes through).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permanentSmtpRefusal, smtpMailer } from './smtp-mailer.ts';
import { maskEmail } from '../../domain/contact-masks.ts';
import { isPermanentFailure } from '../../app/outbox-pass.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../../test/support/smtp-server.ts';
import type { Notifier } from '../../app/ports.ts';

describe('permanentSmtpRefusal', () => {
  it('5xx to the envelope or the message: permanent', () => {
    // RCPT TO answered 550 5.1.1 (no such mailbox): nodemailer's EENVELOPE with responseCode 550.
    expect(permanentSmtpRefusal({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    // 553 (mailbox name not allowed), 554 (transaction failed, e.g. DATA refused as spam): EENVELOPE, EMESSAGE.
    expect(permanentSmtpRefusal({ code: 'EENVELOPE', responseCode: 553 })).toBe(true);
    expect(permanentSmtpRefusal({ code: 'EMESSAGE', responseCode: 554 })).toBe(true);
    expect(permanentSmtpRefusal({ code: 'EMESSAGE', responseCode: 552 })).toBe(true);
  });

  it('4xx, a connection lost or timed out, a refused sign-in, no reply at all: transient', () => {
    // 421 (service not available, closing), 450 (mailbox busy), 451 (local error), 452 (insufficient storage).
    for (const responseCode of [421, 450, 451, 452]) expect(permanentSmtpRefusal({ code: 'EENVELOPE', responseCode })).toBe(false);
    expect(permanentSmtpRefusal({ code: 'ECONNECTION' })).toBe(false);
    expect(permanentSmtpRefusal({ code: 'ETIMEDOUT' })).toBe(false);
    expect(permanentSmtpRefusal({ code: 'ESOCKET' })).toBe(false);
    // 535 5.7.8 (authentication credentials invalid): the account's, not the message's.
    expect(permanentSmtpRefusal({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(permanentSmtpRefusal({})).toBe(false);
  });
});

describe('maskEmail', () => {
  it('keeps the first character of the local part and the domain', () => {
    expect(maskEmail('hana@example.com')).toBe('h***@example.com');
    expect(maskEmail('no-at-sign')).toBe('***');
  });
});

describe('smtpMailer against an SMTP server', () => {
  let smtp: SmtpTestServer;
  let mailer: Notifier;
  const fallback: Notifier = { send: async () => void 0 };
  const mail = (to: string) => mailer.send({ channel: 'email', recipient: to, subject: '[통관] 알림', body: '본문 / body' });
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    mailer = smtpMailer({ smtpUrl: smtp.url, from: 'no-reply@tonggwan.test', fallback });
  });
  afterAll(() => smtp.close());

  it('taken: the message reaches the server', async () => {
    smtp.rcpt = () => null;
    await mail('hana@example.com');
    expect(smtp.messages.at(-1)!.to).toEqual(['hana@example.com']);
  });

  it('550 at RCPT: thrown as permanent, with the reply, the address masked', async () => {
    smtp.rcpt = (a) => `550 5.1.1 <${a}>: mailbox unavailable`;
    const e = await mail('gone@example.com').catch((x: unknown) => x);
    expect(isPermanentFailure(e)).toBe(true);
    expect(e).toMatchObject({ name: 'EmailRejectedError', responseCode: 550 });
    expect((e as Error).message).toContain('550 5.1.1');
    expect((e as Error).message).toContain('g***@example.com');
    expect((e as Error).message).not.toContain('gone@example.com');
  });

  it('451 at RCPT and a connection dropped: thrown, not permanent (tried again)', async () => {
    smtp.rcpt = () => '451 4.3.0 local error in processing';
    const busy = await mail('busy@example.com').catch((x: unknown) => x);
    expect(busy).toMatchObject({ responseCode: 451 });
    expect(isPermanentFailure(busy)).toBe(false);
    smtp.rcpt = () => 'drop';
    const dropped = await mail('busy@example.com').catch((x: unknown) => x);
    expect(dropped).toBeInstanceOf(Error);
    expect(isPermanentFailure(dropped)).toBe(false);
  });
});
