/**
 * Reading one cell as the type its field expects. Each reader returns the value,
 * or the message code and parameters of the problem: the caller adds the place.
 */
import type { MessageCode, MessageParams, Outcome } from '../model/index.js';
import { checkCreditCode } from './credit-code.js';
import { nfkc } from './fast-text.js';

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: MessageCode; params: MessageParams<MessageCode> };

export const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
export function fail<C extends MessageCode>(code: C, params: MessageParams<C>): CellResult<never> {
  return { ok: false, code, params: params as MessageParams<MessageCode> };
}

export const MAX_TEXT = 100_000;
// C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Plain text: formulas and control characters are refused rather than stored. */
export function readText(raw: string): CellResult<string> {
  const text = raw.trim();
  if (text.startsWith('=')) return fail('ingest.formula', {});
  if (CONTROL.test(text)) return fail('ingest.control_chars', {});
  if (text.length > MAX_TEXT) return fail('ingest.text_too_long', { max: MAX_TEXT });
  return ok(text);
}

export function readList(raw: string): CellResult<string[]> {
  const text = readText(raw);
  if (!text.ok) return text;
  return ok(text.value.split(/[|;；]/).map((s) => s.trim()).filter(Boolean));
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

export function readNumber(raw: string): CellResult<number> {
  const text = nfkc(raw).trim().replace(/\s+/g, '');
  if (!NUMBER.test(text)) return fail('ingest.not_number', {});
  return ok(Number(text.replace(/,/g, '')));
}

/** How many ASCII digits the text starts with. */
function leadingDigits(text: string): number {
  let i = 0;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

const MONEY_UNITS: Record<string, number> = {
  '元': 1, '人民币': 1, '元人民币': 1, 'yuan': 1, 'cny': 1, 'rmb': 1,
  '万': 1e4, '万元': 1e4, '万人民币': 1e4, '万元人民币': 1e4,
  '亿': 1e8, '亿元': 1e8, '亿元人民币': 1e8,
};

/**
 * Money in yuan: "5000万元", "1.2亿", "3,000,000 元", "5000 万元人民币". A bare number
 * takes the unit of its column header ("注册资本(万元)"), else yuan.
 */
export function readMoney(raw: string, headerUnit?: string): CellResult<number> {
  // Fast path for the usual cell, ASCII digits then a unit of the table ("5000万元"): nothing to normalise, same result.
  const digits = leadingDigits(raw);
  if (digits > 0 && digits < raw.length) {
    const unit = raw.slice(digits);
    if (Object.hasOwn(MONEY_UNITS, unit)) return ok(Number(raw.slice(0, digits)) * (MONEY_UNITS[unit] as number));
  }
  const text = nfkc(raw).trim().replace(/\s+/g, '');
  const match = /^([+-]?[\d,]+(?:\.\d+)?)(.*)$/.exec(text);
  if (!match) return fail('ingest.not_number', {});
  const amount = readNumber(match[1] as string);
  if (!amount.ok) return amount;
  const unit = (match[2] || headerUnit || '元').toLowerCase();
  const factor = MONEY_UNITS[unit];
  if (factor === undefined) return fail('ingest.bad_unit', { unit });
  return ok(amount.value * factor);
}

export function readYear(raw: string): CellResult<number> {
  const text = nfkc(raw).trim().replace(/年$/, '');
  if (!/^\d{4}$/.test(text)) return fail('ingest.not_year', {});
  const year = Number(text);
  return year >= 1900 && year <= 2100 ? ok(year) : fail('ingest.not_year', {});
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day of the (proleptic Gregorian) calendar between 1800 and 2100. */
function validDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number));
}

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** Exactly "dddd-dd-dd" in ASCII digits. */
function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  for (const i of DATE_DIGITS) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** ISO date from "2021-05-01", "2021/5/1", "2021.05.01", "2021年5月1日", or a year alone. */
export function readDate(raw: string): CellResult<string> {
  if (isIsoDate(raw)) {
    // Already "2021-05-01": the general path would give it back unchanged when it is a real day.
    const y = Number(raw.slice(0, 4));
    const m = Number(raw.slice(5, 7));
    const d = Number(raw.slice(8, 10));
    return validDate(y, m, d) ? ok(raw) : fail('ingest.not_date', {});
  }
  const text = nfkc(raw).trim();
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    if (!validDate(y, m, d)) return fail('ingest.not_date', {});
    return ok(`${ymd[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  const year = readYear(text);
  return year.ok ? ok(String(year.value)) : fail('ingest.not_date', {});
}

/** A period: a year, a month or a day ("2022", "2022-11", "2022-11-20", "2022年11月"). */
export function readPeriod(raw: string): CellResult<string> {
  const text = nfkc(raw).trim();
  const year = readYear(text);
  if (year.ok) return ok(String(year.value));
  const ym = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (ym) {
    const m = Number(ym[2]);
    return m >= 1 && m <= 12 ? ok(`${ym[1]}-${String(m).padStart(2, '0')}`) : fail('ingest.not_period', {});
  }
  const date = readDate(text);
  return date.ok && date.value.length === 10 ? date : fail('ingest.not_period', {});
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', 't', '√', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不是', 'f', '×', '✗']);

export function readBool(raw: string): CellResult<boolean> {
  const text = nfkc(raw).trim().toLowerCase();
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail('ingest.not_boolean', {});
}

export function readConfidence(raw: string): CellResult<number> {
  const value = readNumber(raw.trim().replace(/%$/, ''));
  if (!value.ok) return value;
  const scaled = raw.trim().endsWith('%') ? value.value / 100 : value.value;
  return scaled >= 0 && scaled <= 1 ? ok(scaled) : fail('ingest.out_of_range', { min: 0, max: 1 });
}

/** A closed vocabulary: the stored key, or its Chinese or English label, in any case. */
type Vocab = Readonly<Record<string, { zh: string; en: string }>>;
const VOCAB_ENTRIES = new WeakMap<Vocab, [string, { zh: string; en: string }][]>();

export function readVocab(raw: string, vocab: Vocab): CellResult<string> {
  const text = nfkc(raw).trim().toLowerCase();
  let entries = VOCAB_ENTRIES.get(vocab);
  if (!entries) VOCAB_ENTRIES.set(vocab, (entries = Object.entries(vocab)));
  for (const [key, label] of entries) {
    if (key === text || label.zh === text || label.en.toLowerCase() === text || key.replace(/_/g, ' ') === text) return ok(key);
  }
  return fail('ingest.not_in_vocab', { allowed: Object.keys(vocab) });
}

const CREDIT_REASONS: Record<NonNullable<ReturnType<typeof checkCreditCode>>, { zh: string; en: string }> = {
  length: { zh: '应为 18 位', en: 'it must have 18 characters' },
  characters: { zh: '含有不允许的字符（不可使用 I、O、S、V、Z）', en: 'it has characters outside the code alphabet (no I, O, S, V, Z)' },
  region: { zh: '第 3–8 位应为行政区划代码', en: 'characters 3–8 must be an administrative division code' },
  check_digit: { zh: '校验码不符', en: 'the check digit does not match' },
};

/** 18 characters, each an ASCII digit or capital: normalising would change nothing. */
function isPlainCode(text: string): boolean {
  if (text.length !== 18) return false;
  for (let i = 0; i < 18; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && (c < 0x41 || c > 0x5a)) return false;
  }
  return true;
}

export function readCreditCode(raw: string, lang: 'zh' | 'en' = 'en'): CellResult<string> {
  const code = isPlainCode(raw) ? raw : nfkc(raw).trim().toUpperCase().replace(/\s+/g, '');
  const problem = checkCreditCode(code);
  if (!problem) return ok(code);
  return fail('ingest.bad_credit_code', { reason: CREDIT_REASONS[problem][lang] });
}

const COUNTRY_NAMES: Record<string, string> = {
  '中国': 'CN', 'china': 'CN', '德国': 'DE', 'germany': 'DE', '美国': 'US', 'usa': 'US', 'united states': 'US',
  '法国': 'FR', 'france': 'FR', '日本': 'JP', 'japan': 'JP', '瑞士': 'CH', 'switzerland': 'CH', '英国': 'GB',
  'united kingdom': 'GB', 'uk': 'GB', '瑞典': 'SE', 'sweden': 'SE', '韩国': 'KR', 'korea': 'KR', 'south korea': 'KR',
  '荷兰': 'NL', 'netherlands': 'NL', '以色列': 'IL', 'israel': 'IL', '意大利': 'IT', 'italy': 'IT',
};

export function readCountry(raw: string): CellResult<string> {
  const text = nfkc(raw).trim();
  if (/^[A-Za-z]{2}$/.test(text)) return ok(text.toUpperCase());
  const named = COUNTRY_NAMES[text.toLowerCase()];
  return named ? ok(named) : fail('ingest.bad_country', {});
}

/** "物流效率 +30%; 生产管理 +20%; 成本 -20%" (full-width signs and separators accepted). */
export function readOutcomes(raw: string): CellResult<Outcome[]> {
  const text = nfkc(raw).trim();
  const outcomes: Outcome[] = [];
  for (const part of text.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean)) {
    const match = /^(.*?)[\s:：]*([+\-−])\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s]*)$/.exec(part);
    if (!match || !match[1]) return fail('ingest.bad_outcomes', {});
    const kpi = match[1].trim();
    const change = Number(match[3]) * (match[2] === '+' ? 1 : -1);
    const isZh = /[\u4e00-\u9fff]/.test(kpi);
    outcomes.push({ ...(isZh ? { kpiZh: kpi } : { kpiEn: kpi }), change, unit: match[4] || '' });
  }
  return ok(outcomes);
}
