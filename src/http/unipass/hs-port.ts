// The default `searchHs` port: API018 answered from the HSK nomenclature index
// (src/domain/hs-search.ts). Wire it in main.ts:
//   searchHs: searchHsFromIndex(buildHsIndex(nomenclatureRows, rateLookup))

import type { HsIndex } from '../../domain/hs-search.ts';
import { searchHs } from '../../domain/hs-search.ts';
import type { HsRow, UnipassPorts } from './ports.ts';

export interface HsPortOptions {
  /** Rows for a code query ("61" is a whole chapter). Default 1,000. */
  maxCodeRows?: number;
  /** Rows for a name query, best first. Default 100. */
  maxNameRows?: number;
  /**
   * 중량단위. The nomenclature file has no units; every captured API018 row shows "KG"
   * (find_string ids 65740530309, 69130108547, 52026040305). 수량단위 (qtyUt) stays empty.
   */
  weightUnit?: string;
  /**
   * Rates of a code's other rate types (FTA …), each answered as a row of its own after the
   * code's first row: UNI-PASS repeats a code once per rate type, names and units repeated
   * (clients dedupe rows by hsSgn, find_string ids 69171766739 and 69130108547, or collect
   * every txtpSgn of a code, id 47735165483). Default: none.
   */
  otherRates?: (hsSgn: string) => readonly { rate: number; type: string }[];
}

/** 13 -> "13", 6.5 -> "6.5", 0.13 * 100 -> "13" (no float noise). */
export function formatRatePercent(rate: number): string {
  return Number.isFinite(rate) ? String(Number(rate.toFixed(4))) : '';
}

export function searchHsFromIndex(index: HsIndex, options: HsPortOptions = {}): UnipassPorts['searchHs'] {
  const maxCodeRows = options.maxCodeRows ?? 1000;
  const maxNameRows = options.maxNameRows ?? 100;
  const wghtUt = options.weightUnit ?? 'KG';
  return async ({ hsSgn, keyword }) => {
    // koenTp only chooses the language UNI-PASS searches in; both names are searched here.
    // UNI-PASS matches hsSgn exactly (10 digits); a prefix returns every code under it.
    let hits;
    if (keyword === undefined) {
      hits = hsSgn !== undefined ? searchHs(index, hsSgn, { limit: maxCodeRows }) : [];
    } else if (hsSgn === undefined) {
      hits = searchHs(index, keyword, { limit: maxNameRows });
    } else if (hsSgn.length >= 2) {
      // digits in the query restrict the name search to codes starting with them
      hits = searchHs(index, `${hsSgn} ${keyword}`, { limit: maxNameRows });
    } else {
      hits = searchHs(index, keyword, { limit: 5000 })
        .filter((h) => h.code.startsWith(hsSgn))
        .slice(0, maxNameRows);
    }
    return hits.flatMap((h): HsRow[] => {
      const row: HsRow = {
        hsSgn: h.code,
        korePrnm: h.ko,
        englPrnm: h.en,
        txrt: h.rate ? formatRatePercent(h.rate.rate) : '',
        txtpSgn: h.rate?.type ?? '',
        wghtUt,
        qtyUt: '',
      };
      const others = h.rate && options.otherRates ? options.otherRates(h.code) : [];
      return [row, ...others.map((r) => ({ ...row, txrt: formatRatePercent(r.rate), txtpSgn: r.type }))];
    });
  };
}
