/**
 * REFERENCE, not used by ChainAtlas: the text normalisation of src/classify/normalize.ts
 * as first written (commit 3ed3287), kept verbatim so that the faster normaliser
 * can be checked against it (test/classify-equivalence.test.ts). Do not optimise.
 *
 * Text normalisation for matching, with a map back to the original text.
 *
 * Keywords and texts are compared in one canonical form: full-width forms as
 * half-width (NFKC), lower case, runs of spaces, control characters and
 * punctuation as one space. The few ASCII marks that keywords themselves use
 * (`+ - / . : # & _`, as in "5G+工业互联网", "IT/OT", "IEC 61131-3") are kept.
 * Every normalised character remembers the original span it came from, so that
 * evidence found in the normalised text is reported at original offsets
 * (UTF-16 code units, as JavaScript's `slice` takes them).
 *
 * Limits: NFKC is applied per code point, so combining sequences are not
 * composed (they do not occur in the keyword vocabularies); a lone surrogate
 * becomes a separator.
 */

export interface NormalizedText {
  /** The canonical form. */
  readonly text: string;
  /** For each character of `text`, the offset in the original where its source starts. */
  readonly starts: Uint32Array;
  /** For each character of `text`, the offset in the original where its source ends. */
  readonly ends: Uint32Array;
}

const SPACE = 0x20;
const KEPT_MARKS = new Set(['+', '-', '/', '.', ':', '#', '&', '_'].map((c) => c.charCodeAt(0)));

/** ASCII code → its canonical code (SPACE for a separator). */
const ASCII = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const isAlnum = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x41 && c <= 0x5a) ASCII[c] = c + 0x20;
  else if (isAlnum || KEPT_MARKS.has(c)) ASCII[c] = c;
  else ASCII[c] = SPACE;
}

const isSeparatorCategory = /^[\p{P}\p{S}\p{Z}\p{C}]$/u;

/** The canonical form of one code point beyond ASCII: a string, or SPACE's text for a separator. */
function canonicalOf(codePoint: number): string {
  // CJK ideographs, the bulk of Chinese text, are their own canonical form.
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return String.fromCharCode(codePoint);
  // Full-width ASCII (Ｐ Ｌ Ｃ ０-９ ＋ ／ …) shifted to ASCII.
  if (codePoint >= 0xff01 && codePoint <= 0xff5e) return String.fromCharCode(ASCII[codePoint - 0xfee0] as number);
  const text = String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 128) out += String.fromCharCode(ASCII[c] as number);
    else out += isSeparatorCategory.test(ch) ? ' ' : ch;
  }
  return out;
}

/** Canonical forms of non-ASCII code points seen so far (texts reuse few of them). */
const cache = new Map<number, string>();

function canonical(codePoint: number): string {
  let value = cache.get(codePoint);
  if (value === undefined) {
    value = canonicalOf(codePoint);
    if (cache.size < 65536) cache.set(codePoint, value);
  }
  return value;
}

/** Normalises `original` for matching (see the module note). Leading and trailing separators are dropped. */
export function normalizeText(original: string): NormalizedText {
  const length = original.length;
  const codes = new Uint16Array(length * 2 + 1);
  const starts = new Uint32Array(length * 2 + 1);
  const ends = new Uint32Array(length * 2 + 1);
  let n = 0;
  // Whether the last written character is a separator (so runs collapse, and none leads).
  let lastSpace = true;
  const emit = (code: number, from: number, to: number) => {
    if (code === SPACE) {
      if (lastSpace) return;
      lastSpace = true;
    } else lastSpace = false;
    codes[n] = code;
    starts[n] = from;
    ends[n] = to;
    n++;
  };
  for (let i = 0; i < length; ) {
    const unit = original.charCodeAt(i);
    if (unit < 128) {
      emit(ASCII[unit] as number, i, i + 1);
      i++;
      continue;
    }
    let codePoint = unit;
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (width === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      emit(SPACE, i, i + 1);
      i++;
      continue;
    }
    const form = canonical(codePoint);
    // Wider forms are rare ("㎏" → "kg"): a grown buffer keeps the one-pass loop simple.
    for (let k = 0; k < form.length; k++) {
      if (n + 1 >= codes.length) return normalizeSlow(original);
      emit(form.charCodeAt(k), i, i + width);
    }
    i += width;
  }
  if (n > 0 && lastSpace) n--;
  return { text: decode(codes, n), starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/** UTF-16 codes to a string, in slices small enough for `fromCharCode`'s argument limit. */
function decode(codes: Uint16Array, n: number): string {
  let text = '';
  for (let at = 0; at < n; at += 8192) text += String.fromCharCode(...codes.subarray(at, Math.min(n, at + 8192)));
  return text;
}

/** The same normalisation with growable arrays, for the rare text whose canonical form outgrows twice its length. */
function normalizeSlow(original: string): NormalizedText {
  const chars: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastSpace = true;
  let i = 0;
  for (const ch of original) {
    const codePoint = ch.codePointAt(0) as number;
    const width = ch.length;
    const form = codePoint < 128 ? String.fromCharCode(ASCII[codePoint] as number) : codePoint >= 0xd800 && codePoint <= 0xdfff ? ' ' : canonical(codePoint);
    for (let k = 0; k < form.length; k++) {
      const code = form.charCodeAt(k);
      if (code === SPACE) {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      chars.push(code);
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  if (chars.length > 0 && lastSpace) {
    chars.pop();
    starts.pop();
    ends.pop();
  }
  return { text: decode(Uint16Array.from(chars), chars.length), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** The canonical form alone, for keywords. */
export function normalizeTerm(term: string): string {
  return normalizeText(term).text;
}

/** The original span of normalised characters `[start, end)`. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: normalized.starts[start] as number, end: normalized.ends[end - 1] as number };
}
