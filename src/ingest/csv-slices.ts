/**
 * A CSV file cut into slices of whole records, for the classification workers
 * to decode and parse in parallel (classify-worker.ts), while this side only
 * reads bytes. The cuts fall on record delimiters outside quoted fields: in a
 * file that the fast scanner parses without an anomaly, a `"` occurs only in
 * quoted fields (opening, closing or doubled), so a delimiter is outside quotes
 * exactly when the count of `"` before it is even. (An anomaly is found by the
 * worker that holds it, and the file is then read the ordinary way from there.)
 * Neither `"` nor CR/LF ever occurs inside a UTF-8 or GB18030 multibyte sequence.
 *
 * The head of the file is read here: its first non-blank record is the header,
 * its first line end sets the record delimiter for every slice (as csv-scanner.ts
 * discovers it), and the file's encoding is that of its first non-ASCII line (as
 * decode-text.ts decides it), known before any slice holding non-ASCII bytes is
 * handed out.
 *
 * `open` answers undefined for what it leaves to the ordinary reader (read-csv.ts):
 * a blank or malformed head, a header beyond HEAD_LIMIT bytes, CR-only line ends.
 * `next` answers 'unsupported' for a slice it cannot hand out unchanged (a later
 * record beginning with the bytes of a UTF-8 byte-order mark, which a slice's
 * decoder would drop).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { CsvAnomaly, CsvScanner } from './csv-scanner.js';
import { decodeBuffer, type DecodeState, type TextEncoding } from './decode-text.js';

/** About 2,000 rows of a registry export (~500 bytes a row). */
export const SLICE_BYTES = 1 << 20;
/** Most bytes read to find the header. */
const HEAD_LIMIT = 8 << 20;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface CsvHead {
  readonly headers: readonly string[];
  readonly delimiter: '\n' | '\r\n';
  /** Records up to and including the header (blank lines before it count). */
  readonly skipRecords: number;
}

export interface CsvSlice {
  readonly bytes: Uint8Array;
  /** Records the slice holds (countRecords), blank lines and the head's records included: the next slice's row numbers follow on. */
  readonly records: number;
  readonly encoding?: TextEncoding;
  readonly first: boolean;
}

/** Positions of every `"` in `bytes`, ascending. */
function quotePositions(bytes: Buffer): number[] {
  const quotes: number[] = [];
  for (let at = bytes.indexOf(QUOTE); at >= 0; at = bytes.indexOf(QUOTE, at + 1)) quotes.push(at);
  return quotes;
}

/** Whether the line feed at `lf` ends a record: outside quotes (an even count of them before it) and, for CRLF files, after a CR. */
function endsRecord(bytes: Buffer, lf: number, quotesBefore: number, delimiter: '\n' | '\r\n'): boolean {
  return quotesBefore % 2 === 0 && (delimiter === '\n' || (lf > 0 && bytes[lf - 1] === CR));
}

/** The end (exclusive) of the last whole record in `bytes`, which starts at a record boundary; -1 when there is none. */
export function lastRecordEnd(bytes: Buffer, delimiter: '\n' | '\r\n', quotes: readonly number[] = quotePositions(bytes)): number {
  for (let lf = bytes.lastIndexOf(LF); lf >= 0; lf = lf > 0 ? bytes.lastIndexOf(LF, lf - 1) : -1) {
    // Quotes before the line feed: binary search in the ascending positions.
    let lo = 0;
    let hi = quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((quotes[mid] as number) < lf) lo = mid + 1;
      else hi = mid;
    }
    if (endsRecord(bytes, lf, lo, delimiter)) return lf + 1;
  }
  return -1;
}

/**
 * Records in `bytes[0, end)`, which starts at a record boundary and ends at one
 * or at the end of the file: the record delimiters, plus a last record without one.
 * Blank lines are records (read-csv.ts numbers them).
 */
export function countRecords(bytes: Buffer, end: number, delimiter: '\n' | '\r\n', quotes: readonly number[] = quotePositions(bytes)): number {
  let records = 0;
  let q = 0;
  let lf = bytes.indexOf(LF);
  let lastEnd = 0;
  while (lf >= 0 && lf < end) {
    while (q < quotes.length && (quotes[q] as number) < lf) q++;
    if (endsRecord(bytes, lf, q, delimiter)) {
      records++;
      lastEnd = lf + 1;
    }
    lf = bytes.indexOf(LF, lf + 1);
  }
  return lastEnd < end ? records + 1 : records;
}

/** Line feeds in `bytes` (the line numbers of a later slice follow on from them). */
export function countLineFeeds(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) n++;
  return n;
}

/** The encoding of the first non-ASCII line of `bytes` (decode-text.ts's rule); undefined when all is ASCII. */
function encodingOfFirstLine(bytes: Buffer): TextEncoding | undefined {
  if (isAscii(bytes)) return undefined;
  let at = 0;
  while ((bytes[at] as number) < 0x80) at++;
  const start = bytes.lastIndexOf(LF, at) + 1;
  const lf = bytes.indexOf(LF, at);
  return isUtf8(bytes.subarray(start, lf < 0 ? bytes.length : lf + 1)) ? 'utf-8' : 'gb18030';
}

export class CsvSlicer {
  private carry: Buffer;
  private position: number;
  private ended = false;
  private sliced = 0;
  /** Buffers of slices already read, to read later slices into (see `recycle`). */
  private readonly spares: ArrayBuffer[] = [];

  private constructor(
    private readonly handle: FileHandle,
    readonly head: CsvHead,
    private encoding: TextEncoding | undefined,
    start: Buffer,
    private readonly sliceBytes: number,
  ) {
    this.carry = start;
    this.position = start.length;
  }

  /** Bytes read from the file so far. */
  get bytesRead(): number {
    return this.position;
  }

  /** Reads the head; undefined when the file is left to the ordinary reader (see the module note). */
  static async open(path: string, sliceBytes: number = SLICE_BYTES): Promise<CsvSlicer | undefined> {
    const handle = await open(path, 'r');
    try {
      let start = Buffer.alloc(0);
      const step = Math.max(1, sliceBytes);
      while (start.length < HEAD_LIMIT) {
        const more = Buffer.allocUnsafe(step);
        const { bytesRead } = await handle.read(more, 0, more.length, start.length);
        if (bytesRead === 0) break;
        start = Buffer.concat([start, more.subarray(0, bytesRead)]);
        const head = await CsvSlicer.readHead(start);
        if (head === 'unsupported') break;
        if (head) return new CsvSlicer(handle, head.head, head.encoding, start, step);
      }
      await handle.close();
      return undefined;
    } catch (error) {
      await handle.close();
      if (error instanceof CsvAnomaly) return undefined;
      throw error;
    }
  }

  /** The head from the complete lines of the file's first bytes; undefined when they do not hold the header yet. */
  private static async readHead(start: Buffer): Promise<{ head: CsvHead; encoding?: TextEncoding } | 'unsupported' | undefined> {
    const lf = start.lastIndexOf(LF);
    if (lf < 0) return undefined;
    const state: DecodeState = { issues: [] };
    const scanner = new CsvScanner();
    let text = '';
    for await (const part of decodeBuffer(start.subarray(0, lf + 1), '', state)) text += part;
    const records = scanner.push(text);
    const header = records.findIndex((r) => r.some((c) => c.trim() !== ''));
    if (header < 0) return undefined;
    const delimiter = scanner.recordDelimiter;
    if (delimiter !== '\n' && delimiter !== '\r\n') return 'unsupported';
    const head: CsvHead = { headers: (records[header] as string[]).map((h) => h.trim()), delimiter, skipRecords: header + 1 };
    return state.encoding ? { head, encoding: state.encoding } : { head };
  }

  /** The next slice; undefined at the end of the file. */
  async next(): Promise<CsvSlice | 'unsupported' | undefined> {
    for (;;) {
      if (this.ended && this.carry.length === 0) return undefined;
      let bytes = this.carry;
      // Whether `bytes` starts a buffer of its own (not a view into Node's pool), which may be moved to a worker.
      let own = false;
      if (!this.ended) {
        // A buffer of its own (not from Node's pool), so that the slice can be moved to a worker.
        const buffer = this.buffer(this.carry.length + this.sliceBytes);
        this.carry.copy(buffer, 0);
        const { bytesRead } = await this.handle.read(buffer, this.carry.length, this.sliceBytes, this.position);
        this.position += bytesRead;
        if (bytesRead === 0) this.ended = true;
        bytes = buffer.subarray(0, this.carry.length + bytesRead);
        own = true;
      }
      const quotes = quotePositions(bytes);
      const end = this.ended ? bytes.length : lastRecordEnd(bytes, this.head.delimiter, quotes);
      if (end < 0) {
        // One record longer than the slice: read on.
        this.carry = bytes;
        continue;
      }
      if (end === 0) return undefined;
      this.carry = Buffer.from(bytes.subarray(end));
      const slice = bytes.subarray(0, end);
      const first = this.sliced++ === 0;
      if (!first && slice[0] === 0xef && slice[1] === 0xbb && slice[2] === 0xbf) return 'unsupported';
      this.encoding ??= encodingOfFirstLine(first ? stripBom(slice) : slice);
      if (first && hasBom(slice)) this.encoding = 'utf-8';
      const records = countRecords(slice, end, this.head.delimiter, quotes);
      const movable = own ? new Uint8Array(bytes.buffer, bytes.byteOffset, end) : new Uint8Array(slice);
      return this.encoding ? { bytes: movable, records, encoding: this.encoding, first } : { bytes: movable, records, first };
    }
  }

  /** A slice's buffer its reader is done with: later slices are read into it rather than into fresh memory. */
  recycle(buffer: ArrayBuffer): void {
    if (this.spares.length < MAX_SPARES) this.spares.push(buffer);
  }

  private buffer(bytes: number): Buffer {
    const spare = this.spares.findIndex((b) => b.byteLength >= bytes);
    // Room for a longer carry (a record cut at the slice's end) than this one, so that the buffer fits the slices
    // it is recycled for.
    if (spare < 0) return Buffer.allocUnsafeSlow(Math.max(bytes, this.sliceBytes + CARRY_ROOM)).subarray(0, bytes);
    return Buffer.from(this.spares.splice(spare, 1)[0] as ArrayBuffer, 0, bytes);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Bytes a new slice buffer holds beyond the slice, for the carry of a later slice read into it. */
const CARRY_ROOM = 64 << 10;

/** Spare slice buffers kept: as many as slices out at once, give or take. */
const MAX_SPARES = 16;

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const stripBom = (bytes: Buffer) => (hasBom(bytes) ? bytes.subarray(3) : bytes);
