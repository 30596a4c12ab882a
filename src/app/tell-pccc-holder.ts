// Telling the holder of a change to their code (the holder's own from /me/security, or an officer's ex
// officio): on their channels (SMS, e-mail, Web Push), in Korean and English (pcccChangeText). The notice is
// queued in the change's transaction (PcccRegistry's `tell`, migrations/112) and sent by its worker
// (send-pccc-change-notices.ts), with retries: before, it was sent after the commit, best effort, and a
// crash or a channel down between the two lost it.
import type { HolderMessage } from './ports/identity-ports.ts';

/** The message of a notice to the holder, from its text as rendered when it was queued (pcccChangeText for a change; HolderNotice's for the others). */
export function pcccChangeMessage(n: { subject: string; text: { ko: string; en: string }; url?: string | null }): HolderMessage {
  return { subject: n.subject, body: `[Tonggwan 통관] ${n.text.ko} / ${n.text.en}`, ...(n.url ? { url: n.url } : {}) };
}
