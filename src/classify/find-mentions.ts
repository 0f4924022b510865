/**
 * Finds the companies a free text names — a case description, a news item — with
 * their offsets in the original text, and resolves each through a supplier index.
 * The caller lists what could not be resolved; nothing here guesses.
 *
 * Three passes over the text, then longest-first without overlaps:
 * 1. known names: every name and alias of the index, found after NFKC and lower-casing
 *    (ＳＩＥＭＥＮＳ, "Jiangxi  Unicom"), leftmost-longest, through a map of first characters;
 * 2. company-like names by pattern: a Chinese run ending in an organisational suffix
 *    (有限公司, 股份有限公司, 集团, 研究院, 大学, 分公司, 公司…, with a branch tail such as
 *    有限公司江西省分公司), and English "X Co., Ltd.", "X Inc.", "X Corporation", "X AG"…;
 * 3. unified social credit codes of indexed enterprises.
 * A pattern name the index cannot place at all yields to the known names inside it
 * ("Yesterday Siemens AG" → Siemens AG); otherwise the longer span wins (三一集团 over 三一).
 *
 * Where a Chinese name starts is a guess from the text around it: at punctuation, after
 * a connective (由, 与, 和, 的, 为… — unless inside a known name: 华为), after a leading verb
 * (采用, 委托…), and at most MAX_NAME_PREFIX characters before its suffix.
 *
 * Limits: Han text is not segmented, so a short alias can hit inside a word (美的 in
 * 完美的); a Latin alias must stand as a whole word, and one written in capitals (HAND,
 * SICK) only meets capitals, one capitalised (Cubic) only a capitalised word. A
 * capitalised word before an English name (a sentence start) is taken into the name.
 * A connective inside an unknown name cuts it (和利时 when not indexed).
 */
import type { MatchContext, SupplierIndex, SupplierMatch } from './match-suppliers.js';

export interface SupplierMention {
  /** UTF-16 offsets into the original text: `text.slice(start, end)` is the mention. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly match: SupplierMatch;
}

/** How many characters a Chinese name may have before its suffix. */
export const MAX_NAME_PREFIX = 24;
/** How many characters may stand between a legal suffix and a branch suffix (…有限公司江西省分公司). */
const MAX_BRANCH_GAP = 8;

const ORGANISATION_SUFFIXES: readonly { readonly text: string; readonly branch: boolean }[] = [
  ...['股份有限公司', '有限责任公司', '有限公司', '研究院', '研究所', '大学', '集团', '公司'].map((text) => ({ text, branch: false })),
  ...['分公司', '子公司', '分院'].map((text) => ({ text, branch: true })),
].sort((a, b) => b.text.length - a.text.length);

const CONNECTIVES = new Set([...'与和及由向被把将从给跟同为是在对让的了并或']);
const LEADING_WORDS: readonly string[] = ['本项目', '该项目', '项目', '采用', '选用', '使用', '引入', '引进', '携手', '委托', '依托', '通过', '包括', '其中'];
/** A name of at most two characters starting with one of these is a reference, not a name: 该公司, 这家公司. */
const DETERMINERS = new Set([...'该本其此各这那我贵每某']);

const NAME_CHARACTER = /[\p{Script=Han}A-Za-z0-9()·&\-—]/u;
const LETTER = /[\p{Script=Han}A-Za-z]/u;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
const LOWER_LATIN = /\p{Ll}/u;
const UPPER_LATIN = /\p{Lu}/u;

// A word of a name is capitalised and is not itself a legal form, so that one name does not run into the next
// ("Siemens AG & Acme Inc."); "and" is left out for the same reason ("Johnson and Johnson" is not found).
const ENGLISH_WORD = String.raw`(?!(?:Co|Corp|Corporation|Inc|Incorporated|Ltd|Limited|LLC|GmbH|AG|SE|PLC)(?![\p{L}\p{N}]))[A-Z0-9][\p{L}\p{N}&'+\-]*\.?`;
const ENGLISH_LINK = '(?:of|for|de|&)';
const ENGLISH_SUFFIX = String.raw`(?:Co\.,? ?Ltd\.?|Co\., ?Limited|Company Limited|Corporation Limited|Co\.|Co\b|Corp\.|Corp\b|Corporation|Incorporated|Inc\.|Inc\b|Ltd\.|Ltd\b|Limited|LLC|GmbH(?: & Co\. KG)?|AG|SE|PLC|plc|Group)`;
const ENGLISH_COMPANY = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${ENGLISH_WORD}(?: (?:${ENGLISH_WORD}|${ENGLISH_LINK})){0,7},? ${ENGLISH_SUFFIX}(?![\p{L}\p{N}])`,
  'gu',
);
const CREDIT_CODE_IN_TEXT = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{18}(?![0-9A-Z])/gu;

/** The text after NFKC per character (and lower-casing), whitespace runs as one space, with each unit's origin. */
interface TextStream {
  readonly text: string;
  readonly startAt: readonly number[];
  readonly endAt: readonly number[];
}

function streamOf(text: string, lowerCase: boolean): TextStream {
  let out = '';
  const startAt: number[] = [];
  const endAt: number[] = [];
  let offset = 0;
  for (const character of text) {
    const start = offset;
    offset += character.length;
    let normalized = character.normalize('NFKC');
    if (lowerCase) normalized = normalized.toLowerCase();
    if (/^\s+$/u.test(normalized)) {
      if (!out || out.endsWith(' ')) continue;
      normalized = ' ';
    }
    for (let i = 0; i < normalized.length; i++) {
      startAt.push(start);
      endAt.push(offset);
    }
    out += normalized;
  }
  return { text: out, startAt, endAt };
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Original offsets of stream units [from, to). */
function originalSpan(stream: TextStream, from: number, to: number): Span {
  return { start: stream.startAt[from] as number, end: stream.endAt[to - 1] as number };
}

type CaseRule = 'any' | 'capitals' | 'capitalised';

interface KnownName {
  readonly key: string;
  readonly latinStart: boolean;
  readonly latinEnd: boolean;
  readonly caseRule: CaseRule;
}

/** Known names by their first stream character, longest first; built once per index. */
const lexicons = new WeakMap<SupplierIndex, ReadonlyMap<string, readonly KnownName[]>>();

function caseRuleOf(name: string): CaseRule {
  const letters = [...name.normalize('NFKC')].filter((character) => /\p{Script=Latin}/u.test(character));
  if (!letters.length) return 'any';
  if (letters.length >= 2 && letters.every((letter) => !LOWER_LATIN.test(letter))) return 'capitals';
  return UPPER_LATIN.test(letters[0] as string) ? 'capitalised' : 'any';
}

function lexiconOf(index: SupplierIndex): ReadonlyMap<string, readonly KnownName[]> {
  const cached = lexicons.get(index);
  if (cached) return cached;
  const byFirst = new Map<string, KnownName[]>();
  const seen = new Set<string>();
  for (const name of index.names) {
    const key = streamOf(name, true).text.trim();
    const caseRule = caseRuleOf(name);
    if ([...key].length < 2 || seen.has(`${caseRule}:${key}`)) continue;
    seen.add(`${caseRule}:${key}`);
    const entry: KnownName = {
      key,
      latinStart: LATIN_OR_DIGIT.test(key[0] as string),
      latinEnd: LATIN_OR_DIGIT.test(key[key.length - 1] as string),
      caseRule,
    };
    const list = byFirst.get(key[0] as string) ?? [];
    list.push(entry);
    byFirst.set(key[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  lexicons.set(index, byFirst);
  return byFirst;
}

function caseFits(rule: CaseRule, original: string): boolean {
  const letters = [...original.normalize('NFKC')].filter((character) => /\p{Script=Latin}/u.test(character));
  if (rule === 'capitals') return letters.every((letter) => !LOWER_LATIN.test(letter));
  if (rule === 'capitalised') return letters.length > 0 && UPPER_LATIN.test(letters[0] as string);
  return true;
}

/** Pass 1: known names, leftmost-longest, whole words for Latin. */
function findKnownNames(text: string, index: SupplierIndex): Span[] {
  const lexicon = lexiconOf(index);
  const stream = streamOf(text, true);
  const s = stream.text;
  const spans: Span[] = [];
  for (let i = 0; i < s.length; ) {
    let found: KnownName | undefined;
    for (const entry of lexicon.get(s[i] as string) ?? []) {
      const end = i + entry.key.length;
      if (!s.startsWith(entry.key, i)) continue;
      if (entry.latinStart && i > 0 && LATIN_OR_DIGIT.test(s[i - 1] as string)) continue;
      if (entry.latinEnd && end < s.length && LATIN_OR_DIGIT.test(s[end] as string)) continue;
      const span = originalSpan(stream, i, end);
      if (!caseFits(entry.caseRule, text.slice(span.start, span.end))) continue;
      found = entry;
      spans.push(span);
      break;
    }
    i += found ? found.key.length : 1;
  }
  return spans;
}

const covers = (spans: readonly Span[], offset: number): boolean => spans.some((span) => span.start <= offset && offset < span.end);

interface SuffixHit {
  readonly start: number;
  readonly end: number;
  readonly branch: boolean;
}

function suffixHits(s: string): SuffixHit[] {
  const hits: SuffixHit[] = [];
  for (let i = 0; i < s.length; ) {
    const suffix = ORGANISATION_SUFFIXES.find((candidate) => s.startsWith(candidate.text, i));
    if (suffix) {
      hits.push({ start: i, end: i + suffix.text.length, branch: suffix.branch });
      i += suffix.text.length;
    } else i++;
  }
  return hits;
}

/** Where the name ending at `suffixStart` begins, or undefined when what precedes is no name. */
function chineseNameStart(s: string, suffixStart: number, isKnown: (unit: number) => boolean): number | undefined {
  let start = suffixStart;
  while (start > 0 && suffixStart - start < MAX_NAME_PREFIX && NAME_CHARACTER.test(s[start - 1] as string)) start--;
  for (let k = suffixStart - 1; k >= start; k--) {
    if (CONNECTIVES.has(s[k] as string) && !isKnown(k)) {
      start = k + 1;
      break;
    }
  }
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const word of LEADING_WORDS) {
      if (s.startsWith(word, start) && suffixStart - start - word.length >= 2) {
        start += word.length;
        stripped = true;
      }
    }
  }
  // A bracket or joiner does not open a name, unless it is a bracket closed before the suffix.
  while (start < suffixStart && !LETTER.test(s[start] as string) && !/[0-9]/u.test(s[start] as string)) {
    if (s[start] === '(' && s.indexOf(')', start) !== -1 && s.indexOf(')', start) < suffixStart) break;
    start++;
  }
  const prefix = [...s.slice(start, suffixStart)];
  if (prefix.length < 2 || !prefix.some((character) => LETTER.test(character))) return undefined;
  if (prefix.length <= 2 && DETERMINERS.has(prefix[0] as string)) return undefined;
  return start;
}

/** True when s[from, to) can stand between a legal suffix and a branch suffix: a few name characters, no connective. */
function isBranchGap(s: string, from: number, to: number, isKnown: (unit: number) => boolean): boolean {
  if (to - from > MAX_BRANCH_GAP) return false;
  for (let unit = from; unit < to; unit++) {
    const character = s[unit] as string;
    if (!NAME_CHARACTER.test(character) || (CONNECTIVES.has(character) && !isKnown(unit))) return false;
  }
  return true;
}

/** Pass 2a: Chinese runs ending in an organisational suffix. */
function findChineseCompanyNames(stream: TextStream, known: readonly Span[]): Span[] {
  const s = stream.text;
  const isKnown = (unit: number) => covers(known, stream.startAt[unit] as number);
  const hits = suffixHits(s);
  const spans: Span[] = [];
  for (let h = 0; h < hits.length; h++) {
    const first = hits[h] as SuffixHit;
    let end = first.end;
    // Chain: 集团+有限公司 (adjacent), 有限公司+江西省+分公司 (a short gap before a branch suffix).
    while (h + 1 < hits.length) {
      const next = hits[h + 1] as SuffixHit;
      if (next.start !== end && !(next.branch && isBranchGap(s, end, next.start, isKnown))) break;
      end = next.end;
      h++;
    }
    const start = chineseNameStart(s, first.start, isKnown);
    if (start !== undefined) spans.push(originalSpan(stream, start, end));
  }
  return spans;
}

/** Pass 2b: English names with a legal form. */
function findEnglishCompanyNames(stream: TextStream): Span[] {
  return [...stream.text.matchAll(ENGLISH_COMPANY)].map((found) => originalSpan(stream, found.index, found.index + found[0].length));
}

/** Pass 3: credit codes the index knows. */
function findCreditCodes(stream: TextStream): Span[] {
  return [...stream.text.matchAll(CREDIT_CODE_IN_TEXT)].map((found) => originalSpan(stream, found.index, found.index + found[0].length));
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * Every company the text names, in text order, without overlaps, each resolved
 * through `index` (with `context`, e.g. the case's customer province).
 */
export function findSupplierMentions(text: string, index: SupplierIndex, context?: MatchContext): SupplierMention[] {
  const resolve = (span: Span): SupplierMention => {
    const mention = text.slice(span.start, span.end);
    return { start: span.start, end: span.end, text: mention, match: index.match(mention, context) };
  };
  const caseStream = streamOf(text, false);
  const known = findKnownNames(text, index).map(resolve);
  const knownSpans = known.map(({ start, end }) => ({ start, end }));
  const patterned = [...findChineseCompanyNames(caseStream, knownSpans), ...findEnglishCompanyNames(caseStream)]
    .map(resolve)
    .filter((mention) => mention.match.status !== 'unmatched' || !known.some((hit) => overlaps(hit, mention)));
  const codes = findCreditCodes(caseStream)
    .map(resolve)
    .filter((mention) => mention.match.status === 'matched');

  const chosen: SupplierMention[] = [];
  for (const mention of [...known, ...patterned, ...codes].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!chosen.some((taken) => overlaps(taken, mention))) chosen.push(mention);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
