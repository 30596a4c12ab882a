import { describe, expect, it } from 'vitest';
import { Combiner, type CombineNode } from './combine.ts';

const node = (over: Partial<CombineNode>): CombineNode => ({
  ref: 'r',
  consigneeKey: 'P1',
  sellerKey: null,
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
      node({ hblNo: 'B1', sellerKey: 's', purchasedAt: '2026-01-02', goodsValueCents: 100 }),
      node({ hblNo: 'B1', goodsValueCents: 200 }),
      node({ sellerKey: 's', purchasedAt: '2026-01-02', goodsValueCents: 300 }),
      node({ consigneeKey: 'P2', sellerKey: 's', purchasedAt: '2026-01-02' }),
    ]);
    expect(g[0]).toBe(g[1]);
    expect(g[0]).toBe(g[2]);
    expect(g[0]!.members).toEqual([0, 1, 2]);
    expect(g[0]!.totalCents).toBe(600);
    expect([...g[0]!.grounds]).toEqual(['bl', 'supplier-date']);
    expect(g[3]).toBeNull();
  });

  it('still find a consignee’s supplier and date after many other pairs', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node({ sellerKey: `s${i}`, purchasedAt: '2026-01-02' }));
    nodes.push(node({ sellerKey: 's3', purchasedAt: '2026-01-02' }), node({ sellerKey: 's30', purchasedAt: '2026-01-02' }));
    const g = groupsOf(nodes);
    expect(g[3]!.members).toEqual([3, 40]);
    expect(g[30]!.members).toEqual([30, 41]);
    expect(g.filter((x) => x).length).toBe(4);
  });

  it('join by arrival date only where the rule in force says so', () => {
    const g = groupsOf([node({ arrivalDate: '2022-11-01', combineByArrivalDate: true }), node({ arrivalDate: '2022-11-01', combineByArrivalDate: true }), node({ arrivalDate: '2022-11-01' })]);
    expect(g[0]!.members).toEqual([0, 1]);
    expect([...g[0]!.grounds]).toEqual(['arrival-date']);
    expect(g[2]).toBeNull();
  });
});
