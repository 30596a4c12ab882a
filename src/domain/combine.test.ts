import { describe, expect, it } from 'vitest';
import { Combiner, type CombineNode } from './combine.ts';

const node = (over: Partial<CombineNode>): CombineNode => ({
  ref: 'r',
  consigneeKey: 'P1',
  sellerCodeKey: null,
  sellerNameKey: null,
  purchasedAt: null,
  hblNo: null,
  arrivalDate: null,
  blYear: '2026',
  goodsValueCents: 100,
  combineByArrivalDate: false,
  ...over,
});

const groupsOf = (nodes: CombineNode[]) => {
  const c = new Combiner();
  for (const n of nodes) c.add(n);
  return c.groups();
};

describe('combined taxation groups (고시 제68조)', () => {
  it('join by B/L and by supplier and purchase date, transitively, naming the grounds in the order met', () => {
    const g = groupsOf([
      node({ hblNo: 'B1', sellerNameKey: 's', purchasedAt: '2026-01-02', goodsValueCents: 100 }),
      node({ hblNo: 'B1', goodsValueCents: 200 }),
      node({ sellerNameKey: 's', purchasedAt: '2026-01-02', goodsValueCents: 300 }),
      node({ consigneeKey: 'P2', sellerNameKey: 's', purchasedAt: '2026-01-02' }),
    ]);
    expect(g[0]).toBe(g[1]);
    expect(g[0]).toBe(g[2]);
    expect(g[0]!.members).toEqual([0, 1, 2]);
    expect(g[0]!.totalCents).toBe(600);
    expect([...g[0]!.grounds]).toEqual(['bl', 'supplier-date']);
    expect(g[3]).toBeNull();
  });

  it('still find a consignee’s supplier and date after many other pairs', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node({ sellerNameKey: `s${i}`, purchasedAt: '2026-01-02' }));
    nodes.push(node({ sellerNameKey: 's3', purchasedAt: '2026-01-02' }), node({ sellerNameKey: 's30', purchasedAt: '2026-01-02' }));
    const g = groupsOf(nodes);
    expect(g[3]!.members).toEqual([3, 40]);
    expect(g[30]!.members).toEqual([30, 41]);
    expect(g.filter((x) => x).length).toBe(4);
  });

  it('one supplier: the same seller code (both give one) or the same seller name (both give one), chained', () => {
    const on = (o: Partial<CombineNode>) => node({ purchasedAt: '2026-01-02', ...o });
    const g = groupsOf([
      on({ sellerCodeKey: 'c123', sellerNameKey: 'nikestore' }), // a marketplace: code and name
      on({ sellerNameKey: 'nikestore' }), // a forwarder: the name alone → with 0
      on({ sellerCodeKey: 'c123', sellerNameKey: 'nikeofficial' }), // the code under another name → with 0
      on({ sellerNameKey: 'nikeofficial' }), // the name of 2 → with 2, so with 0 and 1
      on({ sellerCodeKey: 'c999', sellerNameKey: 'adidas' }), // another code, another name: alone
      on({ sellerNameKey: 'c123' }), // a name that reads like 0's code: a name is not a code, alone
      on({ consigneeKey: 'P2', sellerCodeKey: 'c123', sellerNameKey: 'nikestore' }), // another consignee: alone
      on({ sellerNameKey: 'nikestore', purchasedAt: '2026-01-03' }), // another purchase date: alone
    ]);
    expect(g[0]!.members).toEqual([0, 1, 2, 3]);
    expect([...g[0]!.grounds]).toEqual(['supplier-date']);
    expect(g.slice(4)).toEqual([null, null, null, null]);
  });

  it('keep codes and names apart past a consignee’s first pairs too', () => {
    const nodes = Array.from({ length: 20 }, (_, i) => node({ sellerCodeKey: `c${i}`, sellerNameKey: `n${i}`, purchasedAt: '2026-01-02' }));
    nodes.push(node({ sellerNameKey: 'c15', purchasedAt: '2026-01-02' }), node({ sellerNameKey: 'n15', purchasedAt: '2026-01-02' }), node({ sellerCodeKey: 'c18', sellerNameKey: 'x', purchasedAt: '2026-01-02' }));
    const g = groupsOf(nodes);
    expect(g[20]).toBeNull();
    expect(g[15]!.members).toEqual([15, 21]);
    expect(g[18]!.members).toEqual([18, 22]);
  });

  it('join by arrival date only where the rule in force says so', () => {
    const g = groupsOf([node({ arrivalDate: '2022-11-01', combineByArrivalDate: true }), node({ arrivalDate: '2022-11-01', combineByArrivalDate: true }), node({ arrivalDate: '2022-11-01' })]);
    expect(g[0]!.members).toEqual([0, 1]);
    expect([...g[0]!.grounds]).toEqual(['arrival-date']);
    expect(g[2]).toBeNull();
  });
});
