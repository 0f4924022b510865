/**
 * Classified offerings as CSV lines, in the two forms the file sinks write
 * (classification-sinks.ts); the workers format them too, so that the main
 * thread only passes text on.
 *
 * - `excel`: for people — cells a spreadsheet would take for a formula (`=`,
 *   `+`, `-`, `@`, tab or CR first) neutralised with a leading `'` (as OWASP
 *   advises for CSV exports), quotes only where needed, confidence to four
 *   decimals, CRLF line ends. The file starts with a UTF-8 BOM and the header (`preamble`).
 * - `staging`: for DuckDB (the Parquet sink) — values as they are, every text
 *   quoted (so that an empty text stays empty, not NULL), confidence in full,
 *   LF line ends.
 */

import { STATUS_OF, type Analysis } from '../classify/classifier.js';
import { formatAnalysisEvidence } from '../classify/classify-enterprise.js';

export type LineFormat = 'excel' | 'staging';

export const OUTPUT_HEADERS = ['id', 'name', 'link', 'confidence', 'status', 'alternatives', 'evidence'] as const;

/** What an output file starts with, before its first row. */
export function preamble(format: LineFormat): string {
  return format === 'excel' ? `\ufeff${OUTPUT_HEADERS.join(',')}\r\n` : `${OUTPUT_HEADERS.join(',')}\n`;
}

/** Whether a spreadsheet would read the cell as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a CR. */
function looksLikeFormula(cell: string): boolean {
  const c = cell.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/** A cell a spreadsheet would read as a formula, made inert with a leading `'`. */
export function neutralizeFormula(cell: string): string {
  return looksLikeFormula(cell) ? `'${cell}` : cell;
}

/** Whether a CSV cell must be quoted: it holds `"`, `,`, CR or LF. */
function needsQuotes(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return true;
  }
  return false;
}

const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

function excelCell(cell: string): string {
  const safe = neutralizeFormula(cell);
  return needsQuotes(safe) ? quoted(safe) : safe;
}

/** One output row's values. */
export interface OfferingLine {
  readonly id: string;
  readonly name: string;
  readonly link: string;
  readonly confidence: number;
  readonly status: string;
  /** Alternative link ids joined by `|`. */
  readonly alternatives: string;
  readonly evidence: string;
}

/** One row's line. */
export function formatLine(format: LineFormat, row: OfferingLine): string {
  if (format === 'excel') {
    const confidence = String(Math.round(row.confidence * 10_000) / 10_000);
    return `${excelCell(row.id)},${excelCell(row.name)},${excelCell(row.link)},${confidence},${row.status},` +
      `${excelCell(row.alternatives)},${excelCell(row.evidence)}\r\n`;
  }
  return `${quoted(row.id)},${quoted(row.name)},${quoted(row.link)},${row.confidence},${quoted(row.status)},` +
    `${quoted(row.alternatives)},${quoted(row.evidence)}\n`;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Copies `from` into `to` at `at`; returns the end. (A loop for a few bytes: cheaper than the call into `set`.) */
function copy(from: Uint8Array, to: Uint8Array, at: number): number {
  const length = from.length;
  if (length > 24) {
    to.set(from, at);
    return at + length;
  }
  for (let k = 0; k < length; k++) to[at++] = from[k] as number;
  return at;
}

/**
 * Short texts as UTF-8 in one buffer, text `i` at `bytes[starts[i] … starts[i + 1])`:
 * copying one reads no object of its own (the line writer copies a few a line).
 */
class BytePool {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly longest: number;

  constructor(texts: readonly string[]) {
    const encoded = texts.map(utf8);
    this.bytes = Buffer.concat(encoded);
    this.starts = new Int32Array(texts.length + 1);
    encoded.forEach((b, i) => (this.starts[i + 1] = (this.starts[i] as number) + b.length));
    this.longest = Math.max(0, ...encoded.map((b) => b.length));
  }

  /** Copies text `i` into `to` at `at`; returns the end. */
  copy(i: number, to: Uint8Array, at: number): number {
    const { bytes } = this;
    const end = this.starts[i + 1] as number;
    for (let k = this.starts[i] as number; k < end; k++) to[at++] = bytes[k] as number;
    return at;
  }
}

/** Writes the decimal digits of a non-negative integer into `to` at `at`; returns the end. */
function writeInt(value: number, to: Uint8Array, at: number): number {
  // Offsets into a text are mostly under 1,000: those are written without a division.
  if (value < 10) {
    to[at] = 0x30 + value;
    return at + 1;
  }
  if (value < 100) {
    const tens = (value * 205) >>> 11;
    to[at] = 0x30 + tens;
    to[at + 1] = 0x30 + value - tens * 10;
    return at + 2;
  }
  if (value < 1000) {
    const hundreds = (value * 41) >>> 12;
    const rest = value - hundreds * 100;
    const tens = (rest * 205) >>> 11;
    to[at] = 0x30 + hundreds;
    to[at + 1] = 0x30 + tens;
    to[at + 2] = 0x30 + rest - tens * 10;
    return at + 3;
  }
  let digits = 0;
  for (let v = value; v > 0; v = Math.floor(v / 10)) digits++;
  let k = at + digits;
  for (let v = value; v > 0; v = Math.floor(v / 10)) to[--k] = 0x30 + (v % 10);
  return at + digits;
}

/**
 * `formatLine` for the workers' loop: the same lines, written as UTF-8 straight
 * from a classification's buffers (Analysis) into one growing buffer of its own
 * (not Node's pool, so that it can be moved to the main thread without a copy).
 * Cells that can only hold the framework's link ids or keyword terms are encoded
 * and checked for quoting and formulas once, not once a line; a firm's id and
 * name cells once for all its lines; a link's cells up to its alternatives once
 * per confidence.
 */
export class LineWriter {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  private length = 0;
  /** Buffers given back (`recycle`), written into before new ones are made. */
  private readonly spares: ArrayBuffer[] = [];
  private readonly excel: boolean;
  private readonly linkCells: readonly Buffer[];
  private readonly linkIds: BytePool;
  /** Status cells by STATUS_OF code. */
  private readonly statusCells: readonly Buffer[];
  /** By link and status (`link * STATUS_OF.length + status`): the line's middle cells by confidence. */
  private readonly middles: Map<number, Buffer>[];
  /** No link id needs quotes or starts like a formula: alternatives, link ids joined by `|`, are then plain too. */
  private readonly plainLinks: boolean;
  /** No keyword needs quotes (excel) or holds one (staging): evidence is then written term by term. */
  private readonly plainTerms: boolean;
  private readonly termBytes: BytePool;
  private readonly termFormula: Uint8Array;
  private prefixStart = 0;
  private prefixLength = 0;

  constructor(
    readonly format: LineFormat,
    private readonly linkIdTexts: readonly string[],
    /** Every term the lines' evidence can name, by term index (Lexicon.terms' `term`). */
    private readonly terms: readonly string[],
  ) {
    this.excel = format === 'excel';
    this.linkCells = linkIdTexts.map((id) => utf8(this.excel ? excelCell(id) : quoted(id)));
    this.linkIds = new BytePool(linkIdTexts);
    this.plainLinks = linkIdTexts.every((id) => id.length > 0 && !needsQuotes(id) && !looksLikeFormula(id) && !id.includes('"'));
    this.plainTerms = terms.every((t) => (this.excel ? !needsQuotes(t) : !t.includes('"')));
    this.termBytes = new BytePool(terms);
    this.termFormula = Uint8Array.from(terms, (t) => (looksLikeFormula(t) ? 1 : 0));
    this.statusCells = STATUS_OF.map((status) => utf8(this.excel ? status : `"${status}"`));
    this.middles = Array.from({ length: linkIdTexts.length * STATUS_OF.length }, () => new Map<number, Buffer>());
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private text(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Starts a firm's lines: its id and name cells, written once and copied for each of its lines. */
  beginRow(id: string, name: string): void {
    this.prefixStart = this.length;
    this.text(this.excel ? `${excelCell(id)},${excelCell(name)},` : `${quoted(id)},${quoted(name)},`);
    this.prefixLength = this.length - this.prefixStart;
    this.length = this.prefixStart;
  }

  /**
   * `beginRow` from the UTF-8 of the id and name cells, when those need no
   * quotes and no neutralising (false, writing nothing, when they do).
   */
  beginRowBytes(bytes: Uint8Array, idStart: number, idEnd: number, nameStart: number, nameEnd: number): boolean {
    if (!this.plainCell(bytes, idStart, idEnd) || !this.plainCell(bytes, nameStart, nameEnd)) return false;
    this.reserve(idEnd - idStart + nameEnd - nameStart + 6);
    const buffer = this.buffer;
    let at = this.length;
    this.prefixStart = at;
    const quote = !this.excel;
    if (quote) buffer[at++] = 0x22;
    for (let i = idStart; i < idEnd; i++) buffer[at++] = bytes[i] as number;
    if (quote) buffer[at++] = 0x22;
    buffer[at++] = 0x2c;
    if (quote) buffer[at++] = 0x22;
    for (let i = nameStart; i < nameEnd; i++) buffer[at++] = bytes[i] as number;
    if (quote) buffer[at++] = 0x22;
    buffer[at++] = 0x2c;
    this.prefixLength = at - this.prefixStart;
    return true;
  }

  /** Whether a cell's bytes are written as they are: excel, no formula start and nothing to quote; staging, no quote. */
  private plainCell(bytes: Uint8Array, start: number, end: number): boolean {
    if (this.excel && start < end) {
      const c = bytes[start] as number;
      if (c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d) return false;
    }
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number;
      if (c === 0x22 || (this.excel && (c === 0x2c || c === 0x0d || c === 0x0a))) return false;
    }
    return true;
  }

  /**
   * One line of the firm begun last: entry `entry` of the analysis, its status
   * given by its code in STATUS_OF. Room for the whole line is made first; the
   * bytes are then written with plain stores (cells are a few bytes: a loop
   * beats a call into `set`).
   */
  line(analysis: Analysis, entry: number, status: number): void {
    if (!this.plainLinks || !this.plainTerms) {
      this.quotedLine(analysis, entry, status);
      return;
    }
    const evidenceFrom = analysis.evidenceFrom[entry] as number;
    const evidenceTo = analysis.evidenceFrom[entry + 1] as number;
    const alternativesFrom = analysis.alternativesFrom[entry] as number;
    const alternativesTo = analysis.alternativesFrom[entry + 1] as number;
    const middle = this.middle(analysis.link[entry] as number, analysis.confidence[entry] as number, status);
    // Offsets take at most 10 digits each.
    this.reserve(this.prefixLength + middle.length + 4 + (alternativesTo - alternativesFrom) * (this.linkIds.longest + 1) +
      (evidenceTo - evidenceFrom) * (this.termBytes.longest + 23));
    const buffer = this.buffer;
    let at = this.length;
    const prefixEnd = this.prefixStart + this.prefixLength;
    if (this.prefixStart !== at) {
      buffer.copyWithin(at, this.prefixStart, prefixEnd);
      at += this.prefixLength;
    } else at = prefixEnd;
    at = copy(middle, buffer, at);
    if (!this.excel) buffer[at++] = 0x22;
    for (let k = alternativesFrom; k < alternativesTo; k++) {
      if (k > alternativesFrom) buffer[at++] = 0x7c;
      at = this.linkIds.copy(analysis.alternatives[k] as number, buffer, at);
    }
    if (!this.excel) buffer[at++] = 0x22;
    buffer[at++] = 0x2c;
    if (!this.excel) buffer[at++] = 0x22;
    // Evidence starts with its first term: a term a spreadsheet would take for a formula makes the cell one.
    else if (evidenceFrom < evidenceTo && this.termFormula[analysis.evidenceTerm[evidenceFrom] as number]) buffer[at++] = 0x27;
    for (let k = evidenceFrom; k < evidenceTo; k++) {
      if (k > evidenceFrom) buffer[at++] = 0x3b;
      at = this.termBytes.copy(analysis.evidenceTerm[k] as number, buffer, at);
      buffer[at++] = 0x40;
      at = writeInt(analysis.evidenceStart[k] as number, buffer, at);
      buffer[at++] = 0x2d;
      at = writeInt(analysis.evidenceEnd[k] as number, buffer, at);
    }
    if (!this.excel) buffer[at++] = 0x22;
    else buffer[at++] = 0x0d;
    buffer[at++] = 0x0a;
    this.length = at;
  }

  /**
   * The cells between a line's name and its alternatives (link, confidence and
   * status, each with its comma), made once per link, status and confidence:
   * without a model confidences take few values; with one, the cache is bounded.
   */
  private middle(link: number, confidence: number, status: number): Buffer {
    const cache = this.middles[link * STATUS_OF.length + status] as Map<number, Buffer>;
    let bytes = cache.get(confidence);
    if (!bytes) {
      const value = this.excel ? String(Math.round(confidence * 10_000) / 10_000) : String(confidence);
      bytes = Buffer.concat([this.linkCells[link] as Buffer, utf8(`,${value},`), this.statusCells[status] as Buffer, utf8(',')]);
      if (cache.size >= 4096) cache.clear();
      cache.set(confidence, bytes);
    }
    return bytes;
  }

  /** A line whose alternatives or evidence may need quotes: made as text, with the cells' own rules. */
  private quotedLine(analysis: Analysis, entry: number, status: number): void {
    const ids = Array.from(analysis.alternatives.subarray(analysis.alternativesFrom[entry], analysis.alternativesFrom[entry + 1]), (l) => this.linkIdTexts[l] as string);
    const alternatives = ids.join('|');
    const evidence = formatAnalysisEvidence(analysis, entry, this.terms);
    const alternativesCell = this.excel ? (alternatives === '' || this.plainLinks ? alternatives : excelCell(alternatives)) : quoted(alternatives);
    const evidenceCell = this.excel ? excelCell(evidence) : quoted(evidence);
    const prefix = this.buffer.toString('utf8', this.prefixStart, this.prefixStart + this.prefixLength);
    const middle = this.middle(analysis.link[entry] as number, analysis.confidence[entry] as number, status).toString('utf8');
    this.text(`${prefix}${middle}${alternativesCell},${evidenceCell}${this.excel ? '\r\n' : '\n'}`);
  }

  /** A buffer whose lines have been written out, for the writer to write into again (see `take`). */
  recycle(buffer: ArrayBuffer): void {
    this.spares.push(buffer);
  }

  /**
   * The lines written so far, as UTF-8 in a buffer of their own (to be moved
   * elsewhere); the writer goes on in a recycled buffer when it has one as large,
   * else in a new one.
   */
  take(): Uint8Array {
    const lines = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
    // The next job's lines likely take about as much room.
    const wanted = Math.max(1 << 16, this.length + (this.length >> 3));
    const spare = this.spares.findIndex((b) => b.byteLength >= wanted);
    this.buffer = spare >= 0 ? Buffer.from(this.spares.splice(spare, 1)[0] as ArrayBuffer) : Buffer.allocUnsafeSlow(wanted);
    this.length = 0;
    this.prefixStart = 0;
    this.prefixLength = 0;
    return lines;
  }
}
