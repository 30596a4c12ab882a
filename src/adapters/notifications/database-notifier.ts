// Local notification adapter: messages are stored in `notifications` (the demo shows them)
// instead of going to an SMS gateway. A real gateway adapter implements the same port.
import type pg from 'pg';
import type { Notifier, OutgoingMessage } from '../../app/ports.ts';

export function databaseNotifier(pool: pg.Pool): Notifier {
  return {
    async send(m: OutgoingMessage) {
      await pool.query(`INSERT INTO notifications (channel, recipient, subject, body) VALUES ($1, $2, $3, $4)`, [m.channel, m.recipient, m.subject, m.body]);
    },
  };
}
