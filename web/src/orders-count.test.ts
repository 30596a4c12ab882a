// The count under the orders without a declaration: a full page (the newest 100) may not be all of them.
import { describe, expect, it } from 'vitest';
import { ordersShownText } from './orders-count.ts';

const num = (n: number) => n.toLocaleString('en-US');

describe('ordersShownText', () => {
  it('says a full page may not be all (100 shown of a list the API cut at 100)', () => {
    expect(ordersShownText(100, 100, num)).toEqual({ ko: '최근 100건만 보입니다(더 있을 수 있습니다)', en: 'The newest 100 are shown; there may be more' });
  });

  it('counts a shorter list as it is, one order in the singular', () => {
    expect(ordersShownText(1, 100, num)).toEqual({ ko: '1건', en: '1 order' });
    expect(ordersShownText(37, 100, num)).toEqual({ ko: '37건', en: '37 orders' });
  });
});
