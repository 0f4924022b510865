/**
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

import { NO_PATTERNS, OccurrenceList, type DenseTables } from './automaton.js';

export const SPACE = 0x20;
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

/**
 * Canonical form of each BMP code unit, learnt on first sight (texts reuse few
 * characters): 0 = not seen yet, WIDE = no one-unit form (a surrogate, or a form
 * of several units, held in `wideForms`), else the canonical unit (SPACE for a
 * separator). ASCII is filled from the start. One table lookup per character
 * is what keeps normalisation off the profile of a million-row run.
 */
const WIDE = 0xffff;
const units = new Uint16Array(0x10000);
units.set(ASCII);
/** Canonical forms of several units (by BMP unit) and of astral code points (by code point). */
const wideForms = new Map<number, string>();

function learnUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return (units[unit] = WIDE);
  const form = canonicalOf(unit);
  if (form.length === 1) return (units[unit] = form.charCodeAt(0));
  wideForms.set(unit, form);
  return (units[unit] = WIDE);
}

/** The canonical unit of a BMP unit as `units` holds it (WIDE: no one-unit form), learnt now if it was not. */
export function canonicalUnit(unit: number): number {
  const code = units[unit] as number;
  return code === 0 ? learnUnit(unit) : code;
}

/** The units learnt so far (0: not yet), for a copy of the table elsewhere (wasm-scan.ts). */
export function learntUnits(): Readonly<Uint16Array> {
  return units;
}

function canonical(codePoint: number): string {
  let value = wideForms.get(codePoint);
  if (value === undefined) {
    value = canonicalOf(codePoint);
    if (wideForms.size < 65536) wideForms.set(codePoint, value);
  }
  return value;
}

/** Buffers one normalisation writes into, grown as texts require. */
interface Scratch {
  codes: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

const newScratch = (capacity: number): Scratch => ({
  codes: new Uint16Array(capacity), starts: new Uint32Array(capacity), ends: new Uint32Array(capacity),
});

function grow(scratch: Scratch, needed: number): void {
  const capacity = Math.max(needed, scratch.codes.length * 2);
  const next = newScratch(capacity);
  next.codes.set(scratch.codes);
  next.starts.set(scratch.starts);
  next.ends.set(scratch.ends);
  Object.assign(scratch, next);
}

/**
 * Normalises into `scratch` (see the module note); returns the length of the
 * canonical form. Leading and trailing separators are dropped, runs collapse.
 */
function normalizeInto(original: string, scratch: Scratch): number {
  const length = original.length;
  if (scratch.codes.length < length + 1) grow(scratch, length + 1);
  let { codes, starts, ends } = scratch;
  let n = 0;
  // Whether the last written character is a separator (so runs collapse, and none leads).
  let lastSpace = true;
  for (let i = 0; i < length; i++) {
    const unit = original.charCodeAt(i);
    let code = units[unit] as number;
    if (code === 0) code = learnUnit(unit);
    if (code !== WIDE) {
      if (code === SPACE) {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      codes[n] = code;
      starts[n] = i;
      ends[n] = i + 1;
      n++;
      continue;
    }
    // A surrogate, or a form of several units ("㎏" → "kg").
    let form: string;
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const low = unit <= 0xdbff && i + 1 < length ? original.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        form = canonical((unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
        width = 2;
      } else form = ' '; // a lone surrogate
    } else form = wideForms.get(unit) as string;
    // Room for this form and one unit for each unit after it (a later wide form checks again).
    const needed = n + form.length + (length - i - width) + 1;
    if (needed > codes.length) {
      grow(scratch, needed);
      ({ codes, starts, ends } = scratch);
    }
    for (let k = 0; k < form.length; k++) {
      const c = form.charCodeAt(k);
      if (c === SPACE) {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      codes[n] = c;
      starts[n] = i;
      ends[n] = i + width;
      n++;
    }
    i += width - 1;
  }
  if (n > 0 && lastSpace) n--;
  return n;
}

type NodeBufferView = { toString(encoding: 'utf16le', start: number, end: number): string };
// Node's Buffer turns UTF-16 units into a string several times faster than String.fromCharCode (the pure path, kept for other hosts).
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset?: number, length?: number): NodeBufferView } }).Buffer;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The first `n` UTF-16 codes as a string. */
function decode(codes: Uint16Array, n: number): string {
  if (NodeBuffer && LITTLE_ENDIAN) return NodeBuffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('utf16le', 0, n * 2);
  let text = '';
  // In slices small enough for the argument limit of `fromCharCode`.
  for (let at = 0; at < n; at += 8192) text += String.fromCharCode.apply(null, Array.from(codes.subarray(at, Math.min(n, at + 8192))));
  return text;
}

/**
 * A canonical form in buffers reused from text to text (the classifier's loop):
 * `codes[0 … length)` are its UTF-16 units, `starts`/`ends` their original spans.
 * Filled from a string, or straight from UTF-8 bytes (a CSV cell), so that a
 * million-row file is never turned into strings to be classified.
 */
export class NormalizedBuffer implements Scratch {
  codes: Uint16Array = new Uint16Array(1024);
  starts: Uint32Array = new Uint32Array(1024);
  ends: Uint32Array = new Uint32Array(1024);
  length = 0;

  /** Normalises a string, as `normalizeText`. */
  fill(original: string): void {
    this.length = normalizeInto(original, this);
  }

  /**
   * Normalises the valid UTF-8 of `bytes[start, end)`, as `fill` would its
   * decoded text, and returns true; `unescape`: each `""` is one quote (a quoted
   * CSV field). Returns false, leaving the work to `fill`, when a character
   * has no one-unit canonical form (beyond the BMP, or like ㎏ → kg).
   *
   * The automaton `scan` runs in the same loop, each canonical character
   * stepping it as it is written: `found` then holds every occurrence, as
   * `Automaton.scanInto` would find them in the canonical form.
   *
   * scan.wat is this loop in WebAssembly (wasm-scan.ts), which the classifier
   * uses first: a change here is a change there (test/scan-wasm.test.ts).
   */
  fillUtf8(bytes: Uint8Array, start: number, end: number, unescape: boolean, scan: DenseTables = NO_PATTERNS, found = new OccurrenceList()): boolean {
    // A unit never takes fewer than one byte.
    if (this.codes.length < end - start + 1) grow(this, end - start + 1);
    const { codes, starts, ends } = this;
    const { table, classes, width, outputStart, outputs, lengths } = scan;
    found.count = 0;
    let state = 0;
    let n = 0;
    let offset = 0;
    let lastSpace = true;
    for (let i = start; i < end; i++) {
      let unit = bytes[i] as number;
      if (unit >= 0x80) {
        if (unit < 0xe0) unit = ((unit & 0x1f) << 6) | ((bytes[++i] as number) & 0x3f);
        else if (unit < 0xf0) {
          unit = ((unit & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
          i += 2;
        } else return false;
      } else if (unit === 0x22 && unescape) i++;
      let code = units[unit] as number;
      if (code === 0) code = learnUnit(unit);
      if (code === WIDE) return false;
      if (code === SPACE) {
        if (lastSpace) {
          offset++;
          continue;
        }
        lastSpace = true;
      } else lastSpace = false;
      codes[n] = code;
      starts[n] = offset;
      ends[n] = ++offset;
      n++;
      const cell = table[state * width + (classes[code] as number)] as number;
      state = cell >>> 1;
      if ((cell & 1) === 0) continue;
      const last = outputStart[state + 1] as number;
      for (let m = outputStart[state] as number; m < last; m++) {
        const pattern = outputs[m] as number;
        found.push(pattern, n - (lengths[pattern] as number), n);
      }
    }
    this.length = n > 0 && lastSpace ? n - 1 : n;
    return true;
  }

  /** The canonical form (or its characters `[start, end)`) as a string. */
  text(start = 0, end = this.length): string {
    return decode(this.codes.subarray(start, end), end - start);
  }
}

/** Normalises `original` for matching (see the module note). Leading and trailing separators are dropped. */
export function normalizeText(original: string): NormalizedText {
  const scratch = newScratch(original.length + 1);
  const n = normalizeInto(original, scratch);
  return { text: decode(scratch.codes, n), starts: scratch.starts.slice(0, n), ends: scratch.ends.slice(0, n) };
}

/** The canonical form alone, for keywords. */
export function normalizeTerm(term: string): string {
  return normalizeText(term).text;
}
