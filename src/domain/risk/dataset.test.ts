// Reading a labelled table: a label cell that is empty is refused, not read as 0 (clean).
import { describe, expect, it } from 'vitest';
import { idOverlap, labelledData, parseLabel } from './dataset.ts';

const spec = { id: 'ref', label: 'illicit', numeric: ['value'], categorical: [] };

describe('labelledData', () => {
  it('reads 1/0, true/false, yes/no labels', () => {
    const r = labelledData({ header: ['ref', 'value', 'illicit'], rows: [['A', '10', 'yes'], ['B', '11', '0'], ['C', '12', 'TRUE']] }, spec);
    expect(r.ok && [...r.data.labels]).toEqual([1, 0, 1]);
  });

  it('refuses an empty label with its line and how many rows have none (was read as 0, a clean parcel)', () => {
    // rows 0..3 are lines 2..5: the first empty label is row 1 (line 3); rows 1 and 3 (spaces only) are empty: 2 of 4
    const r = labelledData({ header: ['ref', 'value', 'illicit'], rows: [['A', '10', 'no'], ['B', '11', ''], ['C', '12', 'yes'], ['D', '13', '  ']] }, spec);
    expect(r).toMatchObject({ ok: false, code: 'LABEL_MISSING' });
    expect(!r.ok && r.en).toMatch(/^line 3: label "illicit" is empty \(2 of 4 rows in this column\): /);
    expect(!r.ok && r.ko).toMatch(/^3행: 레이블 "illicit"이\(가\) 비어 있습니다 \(이 열의 4행 중 2행\)/);
  });

  it('names the line of the file, as a CSV reader counted it', () => {
    const r = labelledData({ header: ['ref', 'value', 'illicit'], rows: [['A', '10', '1'], ['B', '11', '']], lines: [2, 9] }, spec);
    expect(!r.ok && r.en).toMatch(/^line 9: /);
  });

  it('refuses a label that is a number other than 1 or 0 (2 was read as illicit, -1 as clean)', () => {
    // a count of findings (2) or a -1/1 coding is not the 1/0 the message asks for: the first such cell is row 1, line 3
    const r = labelledData({ header: ['ref', 'value', 'illicit'], rows: [['A', '10', '1'], ['B', '11', '2'], ['C', '12', '-1']] }, spec);
    expect(r).toMatchObject({ ok: false, code: 'LABEL_INVALID' });
    expect(!r.ok && r.en).toMatch(/^line 3: label "illicit" is "2", expected 1\/0/);
    expect([parseLabel('2'), parseLabel('-1'), parseLabel('0.5'), parseLabel('1.0'), parseLabel('0.0')]).toEqual([null, null, null, 1, 0]);
  });

  it('refuses the label or the id column given as a feature (the label as a feature learns the answer: a perfect, meaningless score)', () => {
    const table = { header: ['ref', 'value', 'illicit'], rows: [['A', '10', '1'], ['B', '11', '0']] };
    const asNumeric = labelledData(table, { ...spec, numeric: ['value', 'illicit'] });
    expect(asNumeric).toMatchObject({ ok: false, code: 'LABEL_AS_FEATURE' });
    expect(!asNumeric.ok && asNumeric.en).toBe('the label column "illicit" cannot also be a feature (--numeric): the model would learn the answer it is measured on');
    expect(labelledData(table, { ...spec, categorical: ['ref'] })).toMatchObject({ ok: false, code: 'LABEL_AS_FEATURE', en: 'the id column "ref" cannot also be a feature (--categorical): it names each row, and a row of the test file is never one of training' });
  });

  it('parseLabel: an empty cell is no label', () => {
    expect([parseLabel(''), parseLabel(' '), parseLabel('no'), parseLabel('1')]).toEqual([null, null, 0, 1]);
  });
});

describe('idOverlap', () => {
  it('counts the test rows the model learned from and the ids repeated in the test file, each once, with the first of each', () => {
    // Test ids a, b, b, c, d, d, d against training ids c, d, x: shared c and d (2, d counted once);
    // repeated: b once and d twice (3 rows beyond the first of each id).
    expect(idOverlap(['a', 'b', 'b', 'c', 'd', 'd', 'd'], ['c', 'd', 'x'])).toEqual({ shared: 2, firstShared: 'c', repeated: 3, firstRepeated: 'b' });
  });
  it('finds nothing in disjoint files, reads ids trimmed and leaves empty ids aside', () => {
    expect(idOverlap(['a', 'b', '', ''], ['c', ''])).toEqual({ shared: 0, firstShared: null, repeated: 0, firstRepeated: null });
    expect(idOverlap([' a'], ['a '])).toEqual({ shared: 1, firstShared: 'a', repeated: 0, firstRepeated: null });
  });
});
