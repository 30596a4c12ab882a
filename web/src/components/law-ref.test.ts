import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n.tsx';
import { LawRef, ReasonList } from './ui.tsx';

// The provider reads the reader's language from localStorage (node has none: a stub).
function render(lang: Lang, element: ReactElement): string {
  (globalThis as { localStorage?: Pick<Storage, 'getItem' | 'setItem'> }).localStorage = { getItem: () => lang, setItem: () => {} };
  return renderToStaticMarkup(createElement(I18nProvider, null, element));
}
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

const ref = '관세법 제9조(납부기한); 관세법 시행규칙 제45조②';

describe('LawRef and ReasonList show the legal basis in the reader’s language', () => {
  it('in English, with the Korean kept in the title', () => {
    expect(render('en', createElement(LawRef, { text: ref }))).toBe(
      `<span class="law-ref" title="${ref}">Customs Act Art. 9 (payment deadline); Enforcement Rule of the Customs Act Art. 45(2)</span>`,
    );
  });
  it('in Korean exactly as before: the text alone', () => {
    expect(render('ko', createElement(LawRef, { text: ref }))).toBe(ref);
    const reasons = [{ code: 'ROUTE_GENERAL', ko: '결과: 일반통관', en: 'Outcome: general clearance', ref: '관세법 제241조' }];
    expect(render('ko', createElement(ReasonList, { reasons }))).toContain('<p class="ref"><span class="visually-hidden">근거: </span>관세법 제241조 · <code>ROUTE_GENERAL</code></p>');
    expect(render('en', createElement(ReasonList, { reasons }))).toContain('<span class="law-ref" title="관세법 제241조">Customs Act Art. 241</span> · <code>ROUTE_GENERAL</code>');
  });
  it('in English, the API’s refEn where the reason carries it (the portal says what the API says)', () => {
    // A reading the portal's own table would not give: only the API's value can produce it.
    const refEn = 'Customs Act Art. 9 (as the API reads it)';
    expect(render('en', createElement(LawRef, { text: ref, en: refEn }))).toBe(`<span class="law-ref" title="${ref}">${refEn}</span>`);
    expect(render('ko', createElement(LawRef, { text: ref, en: refEn }))).toBe(ref);
    const reasons = [{ code: 'ROUTE_GENERAL', ko: '결과: 일반통관', en: 'Outcome: general clearance', ref: '관세법 제241조', refEn: 'Customs Act, Article 241' }];
    expect(render('en', createElement(ReasonList, { reasons }))).toContain('<span class="law-ref" title="관세법 제241조">Customs Act, Article 241</span> · <code>ROUTE_GENERAL</code>');
    // Without refEn (a tax notice, an older answer) the portal reads the Korean itself, as before.
    expect(render('en', createElement(LawRef, { text: '관세법 제241조' }))).toBe('<span class="law-ref" title="관세법 제241조">Customs Act Art. 241</span>');
  });
});
