// Local notification adapter: messages are stored in `notifications` (the demo shows them)
// instead of going to an SMS gateway: SMS_PROVIDER=database, the default. The gateway adapter
// implementing the same port is solapi-sms.ts.
import type pg from 'pg';
import type { Notifier, OutgoingMessage } from '../../app/ports.ts';

export function databaseNotifier(pool: pg.Pool): Notifier {
  return {
    async send(m: OutgoingMessage) {
      await pool.query(`INSERT INTO notifications (channel, recipient, subject, body) VALUES ($1, $2, $3, $4)`, [m.channel, m.recipient, m.subject, m.body]);
    },
  };
}
