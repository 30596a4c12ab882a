import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n.tsx';
import { DataTable, QueryTable, RowAction } from './DataTable.tsx';
import { PageTurns, usePagesBefore } from './PageTurns.tsx';

// The provider reads the reader's language from localStorage (node has none: a stub).
function render(lang: Lang, element: ReactElement): string {
  (globalThis as { localStorage?: Pick<Storage, 'getItem' | 'setItem'> }).localStorage = { getItem: () => lang, setItem: () => {} };
  return renderToStaticMarkup(createElement(I18nProvider, null, element));
}
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('DataTable draws a list table as the pages wrote it by hand', () => {
  it('in its scroll box: the headings (a number right-aligned, a column of row buttons named for screen readers only), then the rows', () => {
    const row = createElement('tr', null, createElement('td', null, 'a'), createElement('td', { className: 'num' }, '1'), createElement('td', null, 'b'));
    const html = render(
      'en',
      createElement(DataTable, { label: 'Accounts', className: 'closure-table', testId: 'admin-closure-table', columns: ['Account', { text: 'Amount', num: true }, { text: 'Try again', hidden: true }] }, row),
    );
    expect(html).toBe(
      '<div class="table-scroll"><table class="data-table closure-table" data-testid="admin-closure-table"><thead><tr>' +
        '<th scope="col">Account</th><th scope="col" class="num">Amount</th><th scope="col"><span class="visually-hidden">Try again</span></th>' +
        '</tr></thead><tbody><tr><td>a</td><td class="num">1</td><td>b</td></tr></tbody></table></div>',
    );
  });
  it('a caption where asked, read only by screen readers; no test id, no extra class: none written', () => {
    const html = render('ko', createElement(DataTable, { label: '오류', caption: '파일의 오류', columns: ['줄'] }));
    expect(html).toBe('<div class="table-scroll"><table class="data-table"><caption class="visually-hidden">파일의 오류</caption><thead><tr><th scope="col">줄</th></tr></thead><tbody></tbody></table></div>');
  });
});

describe('QueryTable: a list query’s states as on every page, then its table when rows came back', () => {
  type Page = { rows: { id: number; name: string }[]; total: number };
  const query = (over: Partial<{ isPending: boolean; error: unknown; data: Page | undefined }>) => ({ isPending: false, error: null, data: undefined, refetch: () => {}, ...over });
  const table = (q: ReturnType<typeof query>) =>
    createElement(QueryTable<Page, Page['rows'][number]>, {
      query: q,
      rows: (d) => d.rows,
      empty: '없습니다',
      above: (d) => createElement('p', { className: 'small' }, `모두 ${d.total}건`),
      label: '목록',
      testId: 'list',
      columns: ['이름'],
      row: (r) => createElement('tr', { key: r.id }, createElement('td', null, r.name)),
    });
  it('rows: what goes above them (a count), then the table, a row each', () => {
    expect(render('ko', table(query({ data: { rows: [{ id: 1, name: '김' }, { id: 2, name: '이' }], total: 2 } })))).toBe(
      '<p class="small">모두 2건</p><div class="table-scroll"><table class="data-table" data-testid="list"><thead><tr><th scope="col">이름</th></tr></thead>' +
        '<tbody><tr><td>김</td></tr><tr><td>이</td></tr></tbody></table></div>',
    );
  });
  it('none: the empty text alone, no count and no table', () => {
    expect(render('ko', table(query({ data: { rows: [], total: 0 } })))).toBe('<p class="empty">없습니다</p>');
  });
  it('loading, and a failure with its text (in English)', () => {
    expect(render('en', table(query({ isPending: true })))).toContain('class="loading"');
    const failed = render('en', table(query({ error: new Error('socket hang up') })));
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('socket hang up');
    expect(failed).not.toContain('<table');
  });
});

describe('RowAction: a row’s button, named in full for screen readers, off while an action runs', () => {
  it('a secondary button unless said', () => {
    expect(render('ko', createElement(RowAction, { label: '우리은행 123 계좌 다시 닫기', busy: false, onAct: () => {}, children: '다시 시도' }))).toBe(
      '<button type="button" class="button secondary" aria-label="우리은행 123 계좌 다시 닫기">다시 시도</button>',
    );
    expect(render('ko', createElement(RowAction, { label: 'kim 사용 중지', busy: true, className: 'button small danger', onAct: () => {}, children: '사용 중지' }))).toBe(
      '<button type="button" class="button small danger" disabled="" aria-label="kim 사용 중지">사용 중지</button>',
    );
  });
});

describe('PageTurns: newer and older pages of a list read by `before`', () => {
  function Pager({ nextBefore }: { nextBefore: number | null | undefined }) {
    const pages = usePagesBefore();
    return createElement(PageTurns, { pages, nextBefore });
  }
  it('the first page: only older, when there is one (Korean and English)', () => {
    expect(render('ko', createElement(Pager, { nextBefore: 41 }))).toBe('<div class="button-row"><button type="button" class="button">이전 기록</button></div>');
    expect(render('en', createElement(Pager, { nextBefore: 41 }))).toBe('<div class="button-row"><button type="button" class="button">Older</button></div>');
    expect(render('en', createElement(Pager, { nextBefore: null }))).toBe('<div class="button-row"></div>');
  });
});
