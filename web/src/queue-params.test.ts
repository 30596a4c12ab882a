// The work queue's filter and page live in the address (/officer?status=held&offset=50): an
// officer who opened the 3rd parcel of page 2 of 통관보류 and went back to the queue (← 대기열로 or
// the browser's back) was put on page 1 of all open parcels, the filter and page lost.
import { describe, expect, it } from 'vitest';
import { queueParamsOf, queueSearchOf } from './queue-params.ts';

const FILTERS = ['', 'held', 'declared'] as const;

describe('queueParamsOf', () => {
  it('reads the status and offset of the address', () => {
    expect(queueParamsOf(new URLSearchParams('status=held&offset=50'), FILTERS, 50)).toEqual({ status: 'held', offset: 50 });
  });

  it('an unknown status, or an offset that is not a whole page from 0, is the first page of all', () => {
    expect(queueParamsOf(new URLSearchParams('status=gone&offset=-50'), FILTERS, 50)).toEqual({ status: '', offset: 0 });
    // 75 is not on a page boundary (pages start at 0, 50, 100): the page it falls in, 50.
    expect(queueParamsOf(new URLSearchParams('offset=75'), FILTERS, 50)).toEqual({ status: '', offset: 50 });
    expect(queueParamsOf(new URLSearchParams('offset=abc'), FILTERS, 50)).toEqual({ status: '', offset: 0 });
    expect(queueParamsOf(new URLSearchParams(''), FILTERS, 50)).toEqual({ status: '', offset: 0 });
  });
});

describe('queueSearchOf', () => {
  it('writes only what differs from the first page of all', () => {
    expect(queueSearchOf({ status: 'held', offset: 50 })).toBe('?status=held&offset=50');
    expect(queueSearchOf({ status: '', offset: 100 })).toBe('?offset=100');
    expect(queueSearchOf({ status: 'held', offset: 0 })).toBe('?status=held');
    expect(queueSearchOf({ status: '', offset: 0 })).toBe('');
  });
});
