// Consultation (민원상담): the topics, the states and the one rule table between them, and the
// message text rule. Pure: the store applies these inside its transaction.
//   consumer message: open|answered → open      (closed → refused: CONSULTATION_CLOSED)
//   officer reply:    open|answered → answered  (closed → refused)
//   close (officer):  open|answered → closed    (closed → refused)
import type { Bilingual } from './bilingual.ts';

export const CONSULTATION_TOPICS = ['clearance_status', 'hold', 'taxes', 'pccc', 'other'] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number];

export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export type ConsultationAuthor = 'consumer' | 'officer';
export type ConsultationAction = 'consumer_message' | 'officer_message' | 'close';

export const TOPIC_TEXT: Record<ConsultationTopic, Bilingual> = {
  clearance_status: { ko: '통관 진행', en: 'Clearance status' },
  hold: { ko: '통관보류', en: 'Customs hold' },
  taxes: { ko: '세금·납부', en: 'Taxes and payment' },
  pccc: { ko: '개인통관고유부호·도용', en: 'Personal customs code, misuse' },
  other: { ko: '기타', en: 'Other' },
};

export const MESSAGE_MAX_LENGTH = 2000;

export type Transition = { ok: true; status: ConsultationStatus } | { ok: false; code: 'CONSULTATION_CLOSED' };

/** The state after `action` on a consultation in `status`. */
export function nextConsultationStatus(status: ConsultationStatus, action: ConsultationAction): Transition {
  if (status === 'closed') return { ok: false, code: 'CONSULTATION_CLOSED' };
  switch (action) {
    case 'consumer_message':
      return { ok: true, status: 'open' };
    case 'officer_message':
      return { ok: true, status: 'answered' };
    case 'close':
      return { ok: true, status: 'closed' };
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

export type MessageText = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too_long' };

/** A message body: trimmed, 1–2000 characters (code points). */
export function normalizeMessage(raw: string): MessageText {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if ([...text].length > MESSAGE_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  return { ok: true, text };
}

/** The first line of a message, at most `max` characters, for inbox rows. */
export function excerptOf(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}
