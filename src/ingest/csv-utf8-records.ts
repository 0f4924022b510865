/**
 * The records of a CSV slice read straight from its UTF-8 bytes, as field
 * spans: the records CsvScanner (csv-scanner.ts) gives for the decoded text,
 * without decoding it. Every byte the scanner looks for (`"`, `,`, tab, CR, LF)
 * is ASCII, and no byte of a multibyte UTF-8 sequence is ASCII, so the same
 * rules on bytes cut the same fields. Input the scanner leaves to csv-parse
 * raises the same CsvAnomaly.
 *
 * A slice is read whole (the scanner's `end()`): the last record may lack its
 * line end.
 */
import { CsvAnomaly } from './csv-scanner.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

export class Utf8Records {
  /** The current record's fields: bytes `[starts[f], ends[f])`; `escaped[f]`: a quoted field holding doubled quotes. */
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  escaped = new Uint8Array(16);
  count = 0;
  private position: number;
  /** The bytes four at a time (see `skipPlain`): word `w` holds bytes `4w - wordShift … 4w - wordShift + 3`. */
  private readonly words: Int32Array;
  private readonly wordShift: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
    private readonly crlf: boolean,
  ) {
    this.position = start;
    this.wordShift = bytes.byteOffset & 3;
    this.words = new Int32Array(bytes.buffer, bytes.byteOffset - this.wordShift, (this.wordShift + bytes.byteLength) >> 2);
  }

  /** Whether field `f` is missing from the record or empty. */
  isEmpty(f: number): boolean {
    return f >= this.count || this.starts[f] === this.ends[f];
  }

  /** Whether field `f`'s value has no space of String.prototype.trim's at either end (a non-empty field). */
  isTrimmed(f: number): boolean {
    const start = this.starts[f] as number;
    let last = (this.ends[f] as number) - 1;
    if (trimmedAway(codePointAt(this.bytes, start))) return false;
    while (last > start && ((this.bytes[last] as number) & 0xc0) === 0x80) last--;
    return !trimmedAway(codePointAt(this.bytes, last));
  }

  /** Whether field `f`'s bytes are its trimmed value as they are: trimmed, and no doubled quote to undo. */
  isTrimmedText(f: number): boolean {
    return this.escaped[f] === 0 && this.isTrimmed(f);
  }

  /** Field `f`'s value as a string. */
  text(f: number): string {
    const value = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8', this.starts[f], this.ends[f]);
    return this.escaped[f] ? value.replace(/""/g, '"') : value;
  }

  /** Reads the next record into the fields; false at the end of the slice. */
  next(): boolean {
    if (this.position >= this.end) return false;
    this.count = 0;
    this.position = this.scanRecord(this.position);
    return true;
  }

  private push(start: number, end: number, escaped: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
      this.escaped = grow(this.escaped, new Uint8Array(this.count * 2));
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count] = escaped ? 1 : 0;
    this.count++;
  }

  /** Length of the record delimiter at `index`, 0 when there is none. */
  private lineEnd(index: number): number {
    const c = this.bytes[index];
    if (this.crlf) return c === CR && index + 1 < this.end && this.bytes[index + 1] === LF ? 2 : 0;
    return c === LF ? 1 : 0;
  }

  /**
   * The first position from `i` whose byte may end an unquoted field, or `i`
   * itself when not at a word boundary: every byte the field scan stops at is
   * below 0x2d, and every byte of Chinese text (and most of Latin) is above it,
   * so a description's run is passed four bytes a step instead of one.
   */
  private skipPlain(i: number): number {
    const shift = this.wordShift;
    if (((i + shift) & 3) !== 0) return i;
    const { words } = this;
    const last = this.end - 4;
    while (i <= last && !hasByteBelow2d(words[(i + shift) >> 2] as number)) i += 4;
    return i;
  }

  /** One record from `start`; returns where the next one starts. */
  private scanRecord(start: number): number {
    const { bytes, end: length } = this;
    let i = start;
    for (;;) {
      if (bytes[i] === QUOTE) {
        const from = i + 1;
        let escaped = false;
        let at = from;
        for (;;) {
          const quote = bytes.indexOf(QUOTE, at);
          if (quote < 0 || quote >= length) throw new CsvAnomaly('quote not closed');
          if (quote + 1 < length && bytes[quote + 1] === QUOTE) {
            escaped = true;
            at = quote + 2;
            continue;
          }
          this.push(from, quote, escaped);
          i = quote + 1;
          break;
        }
        if (i >= length) return length;
        const c = bytes[i];
        if (c === COMMA || c === TAB) {
          i++;
          if (i >= length) {
            this.push(i, i, false);
            return length;
          }
          continue;
        }
        const lineEnd = this.lineEnd(i);
        if (lineEnd > 0) return i + lineEnd;
        throw new CsvAnomaly('invalid closing quote');
      }
      const from = i;
      for (;;) {
        if (i >= length) {
          this.push(from, i, false);
          return length;
        }
        const c = bytes[i] as number;
        if (c > COMMA) {
          i = this.skipPlain(i + 1);
          continue;
        }
        if (c === COMMA || c === TAB) {
          this.push(from, i, false);
          i++;
          break;
        }
        if (c === QUOTE) throw new CsvAnomaly('quote inside an unquoted field');
        if (c === LF || c === CR) {
          const lineEnd = this.lineEnd(i);
          if (lineEnd > 0) {
            this.push(from, i, false);
            return i + lineEnd;
          }
        }
        i++;
      }
      if (i >= length) {
        this.push(i, i, false);
        return length;
      }
    }
  }
}

/** A word (four bytes) holding some byte below 0x2d: `"`, `,`, tab, CR or LF among them (a bit trick, exact for any word). */
const hasByteBelow2d = (word: number) => ((word - 0x2d2d2d2d) & ~word & 0x80808080) !== 0;

/** The code point whose UTF-8 starts at `i` (any beyond the BMP as 0x10000). */
function codePointAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
  return 0x10000;
}

/** Whether String.prototype.trim removes the character (WhiteSpace and LineTerminator). */
function trimmedAway(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
