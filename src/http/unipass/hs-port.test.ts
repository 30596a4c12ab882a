// API018 served by the default searchHs port over the real shared nomenclature file.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHsIndex } from '../../domain/hs-search.ts';
import { formatRatePercent, searchHsFromIndex } from './hs-port.ts';
import { unipassRoutes } from './index.ts';
import type { UnipassPorts } from './ports.ts';

const parser = new XMLParser({ isArray: (name) => name === 'hsSgnSrchRsltVo', parseTagValue: false });

let app: FastifyInstance;

beforeAll(async () => {
  const rows = (parse(readFileSync('/work/shared/data/hsk-10digit-names.csv'), { bom: true, from_line: 2, relax_column_count: true }) as string[][]).map(
    ([code = '', ko = '', en = '']) => ({ code, ko, en }),
  );
  // a rate table as the platform would pass it: fractions from reference data, shown in percent
  const basic: Record<string, number> = { '6109': 0.13, '8471': 0 };
  const index = buildHsIndex(rows, (hs) => {
    const r = basic[hs.slice(0, 4)];
    return r === undefined ? null : { rate: r * 100, type: 'A' };
  });
  const unused = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  const ports: UnipassPorts = {
    isValidKey: async (api, key) => api === 'API018' && key === 'hs-key',
    searchHs: searchHsFromIndex(index),
    findCargoProgress: unused,
    exchangeRates: unused,
    pcccCheck: unused,
    tariffRates: unused,
  };
  app = Fastify({ logger: false });
  await app.register(unipassRoutes, { prefix: '/ext/rest', ports });
});
afterAll(async () => {
  await app.close();
});

async function search(query: Record<string, string>) {
  const qs = new URLSearchParams({ crkyCn: 'hs-key', ...query }).toString();
  const res = await app.inject({ method: 'GET', url: `/ext/rest/hsSgnQry/searchHsSgn?${qs}` });
  expect(res.statusCode).toBe(200);
  const root = (parser.parse(res.body) as { hsSgnSrchRtnVo: { tCnt: string; hsSgnSrchRsltVo?: Record<string, string>[] } }).hsSgnSrchRtnVo;
  return { tCnt: Number(root.tCnt), rows: root.hsSgnSrchRsltVo ?? [] };
}

describe('API018 over the HSK nomenclature', () => {
  it('hsSgn=6109 lists the T-shirt codes with their rate', async () => {
    const { tCnt, rows } = await search({ hsSgn: '6109', koenTp: '1' });
    expect(tCnt).toBe(rows.length);
    expect(rows.every((r) => r['hsSgn']!.startsWith('6109'))).toBe(true);
    const tshirt = rows.find((r) => r['hsSgn'] === '6109101000')!;
    expect(tshirt).toMatchObject({ korePrnm: '티셔츠', englPrnm: 'T-shirts', txrt: '13', txtpSgn: 'A', wghtUt: 'KG', qtyUt: '' });
  });

  it('prnm=티셔츠 finds 6109 codes first; prnm=laptop finds 8471.30', async () => {
    const ko = await search({ prnm: '티셔츠', koenTp: '1' });
    expect(ko.rows[0]!['hsSgn']!.startsWith('6109')).toBe(true);
    const en = await search({ prnm: 'laptop', koenTp: '2' });
    expect(en.rows[0]).toMatchObject({ hsSgn: '8471300000', txrt: '0', txtpSgn: 'A' });
  });

  it('hsSgn and prnm together: a name search within the code', async () => {
    const { rows } = await search({ hsSgn: '61', prnm: '티셔츠', koenTp: '1' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['hsSgn']!.startsWith('61'))).toBe(true);
  });
});

describe('formatRatePercent', () => {
  it('prints rates as UNI-PASS does, without float noise', () => {
    expect(formatRatePercent(0.13 * 100)).toBe('13');
    expect(formatRatePercent(6.5)).toBe('6.5');
    expect(formatRatePercent(0)).toBe('0');
    expect(formatRatePercent(Number.NaN)).toBe('');
  });
});

describe('rows per rate type (otherRates)', () => {
  it('repeats a code once per other rate type after its first row, names and units repeated; codes without a rate stay one row', async () => {
    // UNI-PASS repeats a code once per rate type (clients dedupe by hsSgn: find_string ids 69171766739, 69130108547)
    const index = buildHsIndex(
      [
        { code: '6109101000', ko: '티셔츠', en: 'T-shirts' },
        { code: '9999999999', ko: '시험', en: 'Test' },
      ],
      (hs) => (hs.startsWith('6109') ? { rate: 13, type: 'A' } : null),
    );
    const search = searchHsFromIndex(index, { otherRates: (hs) => (hs.startsWith('6109') ? [{ rate: 0, type: 'FUS1' }] : [{ rate: 5, type: 'X' }]) });
    expect((await search({ hsSgn: '6109101000', koenTp: '1' })).map((r) => [r.hsSgn, r.korePrnm, r.wghtUt, r.txrt, r.txtpSgn])).toEqual([
      ['6109101000', '티셔츠', 'KG', '13', 'A'],
      ['6109101000', '티셔츠', 'KG', '0', 'FUS1'],
    ]);
    expect((await search({ hsSgn: '9999999999', koenTp: '1' })).map((r) => [r.txrt, r.txtpSgn])).toEqual([['', '']]);
  });
});
