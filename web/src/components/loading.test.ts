import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, type Lang } from '../i18n.tsx';
import { Loading } from './ui.tsx';

// The provider reads the reader's language from localStorage (node has none: a stub).
function render(lang: Lang, online: boolean): string {
  vi.stubGlobal('localStorage', { getItem: () => lang, setItem: () => {} });
  vi.stubGlobal('navigator', { onLine: online });
  return renderToStaticMarkup(createElement(I18nProvider, null, createElement(Loading)));
}
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Loading on a phone with no connection', () => {
  it('online: the spinner and "loading"', () => {
    expect(render('ko', true)).toContain('불러오는 중…');
    expect(render('en', true)).toContain('Loading…');
  });

  it('offline: says nothing can load now and that it loads once connected, in the reader’s language, without a spinner', () => {
    // Before, /me, /me/security and the statistics opened offline spun "불러오는 중…" for ever (react-query
    // holds the request until the connection is back) under a banner saying saved screens still work.
    const ko = render('ko', false);
    expect(ko).not.toContain('불러오는 중');
    expect(ko).not.toContain('spinner');
    expect(ko).toContain('인터넷에 연결되어 있지 않아 불러오지 못했습니다. 연결되면 자동으로 불러옵니다.');
    const en = render('en', false);
    expect(en).not.toContain('Loading');
    expect(en).toContain('Not loaded: you are offline. It loads by itself once you are connected.');
  });
});
