import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lawRefInEnglish } from './law-refs.ts';
import { TAX_DUE_REF } from './tax-notice.ts';

const DATA = new URL('../../data/', import.meta.url);
const DOMAIN = new URL('./', import.meta.url);

/** Every legal reference in data/*.json: each `ref` and `law` string, and each entry of a `refs` map. */
function dataRefs(): Map<string, string> {
  const found = new Map<string, string>(); // ref → where
  const walk = (v: unknown, key: string, where: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key, where));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, key === 'refs' ? 'refs' : k, where);
    else if (typeof v === 'string' && (key === 'ref' || key === 'law' || key === 'refs')) found.set(v, `${where} (${key})`);
  };
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(new URL(file, DATA), 'utf8')), '', `data/${file}`);
  return found;
}

/** The refs written in the engine's code: string literals that start with a law's name and cite an article. */
const CODE_REF = /(['"`])((?:FTA )?[가-힣][가-힣 ·]*(?:법|령|규칙|고시)(?: 시행령| 시행규칙)? 제\d+조[^'"`\n]*)\1/g;
function codeRefs(dir = DOMAIN, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) codeRefs(new URL(`${entry.name}/`, dir), found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'law-refs.ts') {
      const file = new URL(entry.name, dir);
      for (const m of readFileSync(file, 'utf8').matchAll(CODE_REF)) found.set(m[2]!, file.pathname.replace(/^.*\/src\//, 'src/'));
    }
  }
  return found;
}

const HANGUL = /[\p{Script=Hangul}①-⑳][\p{Script=Hangul}①-⑳ ·]*/gu;

describe('lawRefInEnglish: coverage of every ref the engine can show', () => {
  const data = dataRefs();
  const code = codeRefs();
  const all = new Map([...data, ...code]);

  it('finds the refs (the walk and the grep still see them)', () => {
    expect([...data.values()].some((w) => w.startsWith('data/reasons.json'))).toBe(true);
    for (const f of ['exclusions', 'prohibited', 'quantity-limits', 'excise', 'liquor', 'fta', 'thresholds', 'vat', 'holidays']) {
      expect([...data.values()].some((w) => w.startsWith(`data/${f}.json`)), f).toBe(true);
    }
    // assess.ts (DUTY_LINE, TAX_TOTAL) and tax-notice.ts
    expect([...code.keys()]).toEqual(expect.arrayContaining(['FTA 관세특례법 제5조', '관세법 제50조', '국고금 관리법 제47조', TAX_DUE_REF]));
    expect(all.size).toBeGreaterThanOrEqual(100);
  });

  it('leaves no Korean in any of them (a failure names the ref and the fragment to add to law-refs.ts)', () => {
    const untranslated = [...all].flatMap(([ref, where]) => {
      const left = lawRefInEnglish(ref).match(HANGUL);
      return left ? [{ where, ref, left: left.map((s) => s.trim()) }] : [];
    });
    expect(untranslated).toEqual([]);
  });

  it('keeps the Latin text, numbers and the parts of each ref', () => {
    for (const ref of all.keys()) {
      const en = lawRefInEnglish(ref);
      expect(en.split(';').length, ref).toBe(ref.split(';').length);
      for (const latin of ref.match(/[A-Za-z][A-Za-z0-9.=/:'-]*[A-Za-z0-9]/g) ?? []) expect(en, ref).toContain(latin);
    }
  });
});

describe('lawRefInEnglish: worked examples', () => {
  it.each([
    ['관세법 제241조; 관세법 시행규칙 제45조②', 'Customs Act Art. 241; Enforcement Rule of the Customs Act Art. 45(2)'],
    ['관세법 제50조', 'Customs Act Art. 50'],
    ['FTA 관세특례법 제5조', 'FTA Customs Act Art. 5'],
    ['국고금 관리법 제47조', 'National Treasury Management Act Art. 47'],
    [TAX_DUE_REF, 'Customs Act Art. 9 (due dates for paying customs duties, etc.)'],
    ['특송물품 수입통관 사무처리에 관한 고시 (목록통관); 관세법 제241조②', 'KCS Notice on Import Clearance of Express Consignments (list clearance); Customs Act Art. 241(2)'],
    ['FTA 관세특례법 시행령 제36조 (원산지증빙서류 제출 생략); 협정 원산지 의정서', "Enforcement Decree of the FTA Customs Act Art. 36 (proof of origin need not be submitted); the agreement's origin protocol"],
    ['관세법 제18조(과세환율); 관세평가 운영에 관한 고시 제3조; 수입통관 사무처리에 관한 고시 제67조', 'Customs Act Art. 18 (customs exchange rate); KCS Notice on Customs Valuation Art. 3; KCS Notice on Import Clearance Art. 67'],
    ['수입통관 사무처리에 관한 고시 제68조; 관세법 시행규칙 제45조② 단서', 'KCS Notice on Import Clearance Art. 68; Enforcement Rule of the Customs Act Art. 45(2) proviso'],
    ['개별소비세법 제1조② 제2호; 교육세법 제5조', 'Individual Consumption Tax Act Art. 1(2) item 2; Education Tax Act Art. 5'],
    ['부가가치세법 제29조②, 제30조', 'Value-Added Tax Act Art. 29(2), Art. 30'],
    ['관세법 제50조; 관세율표 (품목분류)', 'Customs Act Art. 50; Tariff Schedule (tariff classification)'],
    ['관세법 제9조(납부기한); 수입통관 사무처리에 관한 고시 [별표11] 자가사용 인정기준', 'Customs Act Art. 9 (payment deadline); KCS Notice on Import Clearance [Annex 11] self-use allowances'],
    [
      '특송물품 수입통관 사무처리에 관한 고시 [별표 1] 목록통관 배제대상물품 (근거 조문 제8조②로 추정 — 조문 번호 미확인); 전파법 제58조의2 (방송통신기자재등의 적합성평가); 전파법 시행령 제77조의2 (seed 002 table)',
      'KCS Notice on Import Clearance of Express Consignments [Annex 1] goods excluded from list clearance (article presumed to be 8(2) — article number unconfirmed); Radio Waves Act Art. 58-2 (conformity assessment of broadcasting and communications equipment); Enforcement Decree of the Radio Waves Act Art. 77-2 (seed 002 table)',
    ],
    ['주세법 제8조 (세율) [별표] 발효주류(과실주·청주·약주) 30%; 교육세법 제5조 (주세액의 10%)', 'Liquor Tax Act Art. 8 (tax rates) [Annex] fermented liquors (fruit wine·cheongju·yakju) 30%; Education Tax Act Art. 5 (10% of the liquor tax)'],
    ['관세법 제40조 (징수금액의 최저한); 관세법 시행령 제37조 (1만원 미만)', 'Customs Act Art. 40 (minimum amount collected); Enforcement Decree of the Customs Act Art. 37 (under KRW 10,000)'],
  ])('%s', (ko, en) => {
    expect(lawRefInEnglish(ko)).toBe(en);
  });

  it('returns a ref without Korean as it is, and keeps a fragment it does not know', () => {
    expect(lawRefInEnglish('{law}')).toBe('{law}');
    expect(lawRefInEnglish('risk-rules:policy.fastLane')).toBe('risk-rules:policy.fastLane');
    expect(lawRefInEnglish('관세법 제1조 (미지의 주석)')).toBe('Customs Act Art. 1 (미지의 주석)');
  });
});
