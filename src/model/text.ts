/** Bilingual text: every name and label the product shows exists in Chinese and English. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const Lang = { zh: 'zh', en: 'en' } as const;
export type Lang = keyof typeof Lang;
export const isLang = (value: unknown): value is Lang => value === 'zh' || value === 'en';

/** Picks one language, falling back to the other when a name exists in one only. */
export function pick(text: Partial<Text> | undefined, lang: Lang): string {
  if (!text) return '';
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return text[lang] || text[other] || '';
}
