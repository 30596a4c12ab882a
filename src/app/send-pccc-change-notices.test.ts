// The notice of a change of contact to the OLD number or address (migrations/113) goes there, not to the holder's address at the send.
import { describe, expect, it } from 'vitest';
import { sendPcccChangeNotices } from './send-pccc-change-notices.ts';
import type { HolderChannel, HolderMessage, PcccChangeNoticeJob, RegistryHolder } from './ports/identity-ports.ts';

const holder: RegistryHolder = {
  pccc: 'P202600000017',
  holderId: 'h_P202600000017',
  name: '김연락',
  phone: '01031000002',
  postcodes: ['06236'],
  status: 'active',
  issuedOn: '2026-01-02',
  expiresOn: '2027-01-01',
  email: 'new@example.com',
  nameEn: null,
  replacedBy: null,
  statusReason: null,
};
const job = (id: number, channel: HolderChannel, recipient: string | null): PcccChangeNoticeJob => ({
  id,
  kind: 'pccc_change',
  pccc: holder.pccc,
  channel,
  recipient,
  change: { action: 'phone', by: 'holder', pccc: holder.pccc, to: '010-****-0002' },
  subject: '[통관] 알림 연락처 변경',
  text: { ko: 'ko', en: 'en' },
  url: null,
  attempts: 0,
});

describe('sendPcccChangeNotices: a row with a recipient', () => {
  it('sends an SMS row with recipient 01031000001 to that number, an e-mail row with old@example.com to that address, and rows without one to the holder’s now', async () => {
    const sent: [HolderChannel, string | null][] = [];
    const settled: [number, string][] = [];
    const jobs = [job(1, 'sms', null), job(2, 'sms', '01031000001'), job(3, 'email', 'old@example.com'), job(4, 'email', null)];
    const n = await sendPcccChangeNotices(
      {
        outbox: { claimDue: async () => jobs, settle: async (id, o) => void settled.push([id, o.status]) },
        registry: { find: async () => holder },
        holders: {
          notifyOn: async (channel: HolderChannel, h: RegistryHolder, _m: HolderMessage) => {
            sent.push([channel, channel === 'sms' ? h.phone : h.email]);
            return 'sent';
          },
        },
        clock: { now: () => new Date('2026-12-07T04:00:00Z') },
      },
      10,
    );
    expect(sent).toEqual([
      ['sms', '01031000002'],
      ['sms', '01031000001'],
      ['email', 'old@example.com'],
      ['email', 'new@example.com'],
    ]);
    expect(n).toBe(4);
    expect(settled).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'sent'],
      [4, 'sent'],
    ]);
  });
});
