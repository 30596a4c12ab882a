// Korean by default, English on request. Every user-facing string lives in messages.ts in both
// languages (the type makes a missing translation a compile error). The choice is kept in
// localStorage and mirrored on <html lang>.
import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';
import { formatDate, formatDateTime, formatKrw, type Lang } from './format.ts';
import type { Bilingual } from '../../src/domain/bilingual.ts';

export type { Lang };

const STORAGE_KEY = 'tonggwan.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ko' || saved === 'en') return saved;
  } catch {
    /* storage blocked: default */
  }
  return 'ko';
}

/** A key built at run time (`signal.${code}`) with no text: shown as the key, and said on the console (the browser tests fail on it). */
function missing(key: string): string {
  console.error(`missing message: ${key}`);
  return key;
}

export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * A message with parts that are elements (a time kept on one line: <span className="time-whole">): the
 * template as t(key) gives it, unfilled, with each {name} replaced by its node.
 */
export function fillNodes(template: string, params: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && name in params ? <Fragment key={i}>{params[name]}</Fragment> : part;
  });
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Picks the language of a server text {ko, en}. */
  pick(text: Bilingual | null | undefined): string;
  krw(amount: number): string;
  usd(amount: number): string;
  num(amount: number, digits?: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    // The title is the page's (PageHeader): set here too, this parent's effect would run after the page's and replace it.
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
    const n2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return {
      lang,
      setLang,
      t: (key, params) => fill((messages[lang] as Record<string, string>)[key] ?? missing(key), params),
      pick: (text) => (text ? (lang === 'ko' ? text.ko : text.en) : ''),
      krw: (amount) => formatKrw(lang, amount),
      usd: (amount) => `USD ${n2.format(amount)}`,
      num: (amount, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(amount),
      date: (iso) => formatDate(lang, iso),
      dateTime: (iso) => formatDateTime(lang, iso),
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
