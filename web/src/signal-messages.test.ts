// Every signal an assessment can carry has a label in both languages: the officer queue and the
// declaration page show `signal.<CODE>`, and a missing one showed the raw key to officers.
import { describe, expect, it } from 'vitest';
import { ENGINE_SIGNALS } from '../../src/domain/assess.ts';
import { CONSENT_SIGNALS } from '../../src/domain/consent.ts';
import { messages } from './messages.ts';

describe('signal labels', () => {
  it('name every signal of the engine and of the consent check, in Korean and English', () => {
    const signals = [...ENGINE_SIGNALS, ...Object.values(CONSENT_SIGNALS)];
    const missing = signals.flatMap((s) => (['ko', 'en'] as const).filter((lang) => !(messages[lang] as Record<string, string>)[`signal.${s}`]).map((lang) => `${lang} signal.${s}`));
    expect(missing).toEqual([]);
  });
});
