// A user-facing text in both languages the platform speaks: Korean (the default) and English.

/** One text, in Korean and in English. */
export interface Bilingual {
  ko: string;
  en: string;
}
