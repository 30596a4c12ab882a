import { describe, expect, it } from 'vitest';
import { withdrawnSourceWarning } from './withdrawn-source.ts';

const w = (text: { ko?: string; en?: string }) => ({ id: 7, messageId: 'CN-W-1', issuedAt: '2026-12-03T00:00:00Z', receivedAt: '2026-12-03T15:30:00.000Z', reason: { grounds: 'party_cleared' as const, text } });

describe('the warning on a hit whose source notice was withdrawn', () => {
  it('names the entry, the notice, when (Korean time) and why, in both languages', () => {
    const t = withdrawnSourceWarning('RX_CN_GACC_CN_N_1', { partner: 'CN-GACC', messageId: 'CN-N-1' }, w({ ko: '이의신청 인용', en: 'the seller won its appeal' }));
    expect(t.ko).toBe('감시 대상 RX_CN_GACC_CN_N_1의 근거인 CN-GACC 통보 CN-N-1은(는) 2026-12-04 00:30(한국시간)에 철회되었습니다 · 혐의 해소(이의신청 인용 등): “이의신청 인용”. 이 적중을 더 이상 근거로 삼지 마세요(규칙은 자동으로 바뀌지 않습니다).');
    expect(t.en).toBe('Watch-list entry RX_CN_GACC_CN_N_1 rests on notice CN-N-1 of CN-GACC, withdrawn 2026-12-04 00:30 (KST) · party cleared (e.g. an appeal won): “the seller won its appeal”. Stop relying on this hit (the rules do not change by themselves).');
  });
  it("quotes the partner's words in the language it wrote when the other is missing", () => {
    const t = withdrawnSourceWarning('RX_X', { partner: 'JP-CUSTOMS', messageId: 'JP-N-1' }, w({ en: 'wrong seller' }));
    expect(t.ko).toContain('“wrong seller”');
    expect(t.en).toContain('“wrong seller”');
  });
});
