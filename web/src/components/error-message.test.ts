import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n.tsx';
import { ApiError } from '../api.ts';
import { ErrorMessage } from './ui.tsx';

// The provider reads the reader's language from localStorage (node has none: a stub).
function render(lang: Lang, element: ReactElement): string {
  (globalThis as { localStorage?: Pick<Storage, 'getItem' | 'setItem'> }).localStorage = { getItem: () => lang, setItem: () => {} };
  return renderToStaticMarkup(createElement(I18nProvider, null, element));
}
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

const refused = new ApiError(401, 'PASSKEY_INVALID', '패스키 확인에 실패했습니다.', 'The passkey could not be verified.');

describe('ErrorMessage says a failure in words; the code is a labelled reference for support, never the message', () => {
  it('in Korean and in English: the server’s words, then the code after its label', () => {
    const ko = render('ko', createElement(ErrorMessage, { error: refused }));
    expect(ko).toContain('<strong>오류:</strong> 패스키 확인에 실패했습니다.');
    expect(ko).toContain('문의하실 때 알려 주실 오류 코드: <code>PASSKEY_INVALID</code>');
    const en = render('en', createElement(ErrorMessage, { error: refused }));
    expect(en).toContain('<strong>Error:</strong> The passkey could not be verified.');
    expect(en).toContain('Error code to give if you contact us: <code>PASSKEY_INVALID</code>');
  });

  it('never shows the code bare, as a line of its own (it read as part of the message)', () => {
    for (const lang of ['ko', 'en'] as const) expect(render(lang, createElement(ErrorMessage, { error: refused }))).not.toMatch(/<p[^>]*>PASSKEY_INVALID<\/p>/);
  });

  it('no connection: the words alone (no server answered, so no code to quote; it showed NETWORK)', () => {
    const offline = new ApiError(0, 'NETWORK', '서버에 연결할 수 없습니다. 인터넷 연결을 확인하세요.', 'Cannot reach the server. Check your connection.');
    const ko = render('ko', createElement(ErrorMessage, { error: offline }));
    expect(ko).toContain('서버에 연결할 수 없습니다.');
    expect(ko).not.toContain('NETWORK');
    expect(ko).not.toContain('오류 코드');
  });
});
