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
import { EVIDENCE_ROOM, LineMemory, MIDDLE_BYTES } from './wasm-lines.js';

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

/** Confidences whose middle cells are kept for each link and status (see LineWriter). */
const MIDDLE_WAYS = 8;

/**
 * `formatLine` for the workers' loop: the same lines, written as UTF-8 straight
 * from a classification's buffers (Analysis) into a growing memory of its own
 * (wasm-lines.ts), a plain line by WebAssembly. Cells that can only hold the
 * framework's link ids or keyword terms are encoded and checked for quoting and
 * formulas once, not once a line; a firm's id and name cells once for all its
 * lines; a link's cells up to its alternatives once per confidence.
 */
export class LineWriter {
  private readonly memory: LineMemory;
  private length = 0;
  /** Buffers given back (`recycle`), the lines taken are copied into before new ones are made. */
  private readonly spares: ArrayBuffer[] = [];
  private readonly excel: boolean;
  private readonly linkCells: readonly Buffer[];
  /** Status cells by STATUS_OF code. */
  private readonly statusCells: readonly Buffer[];
  /**
   * The line's middle cells kept in the memory, for MIDDLE_WAYS confidences of
   * each link and status: way `(link * STATUS_OF.length + status) * MIDDLE_WAYS + k`
   * holds a confidence and the cells' place (-1: none), the oldest replaced.
   * A look through a few doubles costs less than a Map keyed by them (a boxed
   * number and a hash each time).
   */
  private readonly middleConfidences: Float64Array;
  private readonly middlePlaces: Float64Array;
  private readonly middleNext: Uint8Array;
  /** No link id needs quotes or starts like a formula: alternatives, link ids joined by `|`, are then plain too. */
  private readonly plainLinks: boolean;
  /** No keyword needs quotes (excel) or holds one (staging): evidence is then written term by term. */
  private readonly plainTerms: boolean;
  private readonly longestLinkId: number;
  private readonly longestTerm: number;
  private prefixStart = 0;
  private prefixLength = 0;

  constructor(
    readonly format: LineFormat,
    private readonly linkIdTexts: readonly string[],
    /** Every term the lines' evidence can name, by term index (Lexicon.terms' `term`). */
    private readonly terms: readonly string[],
    /** Bytes of middle cells kept (tests make it small, to see them made again). */
    middleBytes = MIDDLE_BYTES,
  ) {
    this.excel = format === 'excel';
    this.linkCells = linkIdTexts.map((id) => utf8(this.excel ? excelCell(id) : quoted(id)));
    this.plainLinks = linkIdTexts.every((id) => id.length > 0 && !needsQuotes(id) && !looksLikeFormula(id) && !id.includes('"'));
    this.plainTerms = terms.every((t) => (this.excel ? !needsQuotes(t) : !t.includes('"')));
    this.memory = new LineMemory(linkIdTexts, terms, Uint8Array.from(terms, (t) => (looksLikeFormula(t) ? 1 : 0)), middleBytes);
    this.statusCells = STATUS_OF.map((status) => utf8(this.excel ? status : `"${status}"`));
    const ways = linkIdTexts.length * STATUS_OF.length;
    this.middleConfidences = new Float64Array(ways * MIDDLE_WAYS);
    this.middlePlaces = new Float64Array(ways * MIDDLE_WAYS).fill(-1);
    this.middleNext = new Uint8Array(ways);
    const longest = (texts: readonly string[]) => Math.max(0, ...texts.map((t) => Buffer.byteLength(t, 'utf8')));
    this.longestLinkId = longest(linkIdTexts);
    this.longestTerm = longest(terms);
  }

  /** The output written into (read afresh after `reserve`: the memory may have moved). */
  private get buffer(): Buffer {
    return this.memory.output;
  }

  private reserve(bytes: number): void {
    this.memory.reserve(this.length + bytes);
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
   * given by its code in STATUS_OF. Room for the whole line is made first; its
   * alternatives and evidence go to the memory's scratch, and WebAssembly writes
   * the line (lines.wat: a dozen short copies and two numbers).
   */
  line(analysis: Analysis, entry: number, status: number): void {
    const evidenceFrom = analysis.evidenceFrom[entry] as number;
    const evidenceTo = analysis.evidenceFrom[entry + 1] as number;
    if (!this.plainLinks || !this.plainTerms || evidenceTo - evidenceFrom > EVIDENCE_ROOM) {
      this.quotedLine(analysis, entry, status);
      return;
    }
    const alternativesFrom = analysis.alternativesFrom[entry] as number;
    const alternativesTo = analysis.alternativesFrom[entry + 1] as number;
    const middle = this.middle(analysis.link[entry] as number, analysis.confidence[entry] as number, status);
    // Offsets take at most 10 digits each.
    this.reserve(this.prefixLength + LineMemory.middleLength(middle) + 6 + (alternativesTo - alternativesFrom) * (this.longestLinkId + 1) +
      (evidenceTo - evidenceFrom) * (this.longestTerm + 23));
    const { memory } = this;
    const alternatives = memory.alternatives;
    for (let k = alternativesFrom; k < alternativesTo; k++) alternatives[k - alternativesFrom] = analysis.alternatives[k] as number;
    const evidence = memory.evidence;
    for (let k = evidenceFrom, at = 0; k < evidenceTo; k++, at += 3) {
      evidence[at] = analysis.evidenceTerm[k] as number;
      evidence[at + 1] = analysis.evidenceStart[k] as number;
      evidence[at + 2] = analysis.evidenceEnd[k] as number;
    }
    this.length = memory.line(this.length, this.prefixStart, this.prefixLength, middle, alternativesTo - alternativesFrom, evidenceTo - evidenceFrom, this.excel);
  }

  /**
   * The cells between a line's name and its alternatives (link, confidence and
   * status, each with its comma), made once per link, status and confidence:
   * without a model confidences take few values; with one, the room they are
   * kept in fills, and all are made again. Answers their place in the memory
   * (LineMemory.keepMiddle).
   */
  private middle(link: number, confidence: number, status: number): number {
    const { middleConfidences, middlePlaces } = this;
    const way = link * STATUS_OF.length + status;
    const first = way * MIDDLE_WAYS;
    for (let k = first; k < first + MIDDLE_WAYS; k++) {
      if (middleConfidences[k] === confidence && (middlePlaces[k] as number) >= 0) return middlePlaces[k] as number;
    }
    const value = this.excel ? String(Math.round(confidence * 10_000) / 10_000) : String(confidence);
    const cells = Buffer.concat([this.linkCells[link] as Buffer, utf8(`,${value},`), this.statusCells[status] as Buffer, utf8(',')]);
    let place = this.memory.keepMiddle(cells);
    if (place < 0) {
      // The room is full: forget every cell kept, and keep again from the start.
      middlePlaces.fill(-1);
      this.memory.forgetMiddles();
      place = this.memory.keepMiddle(cells);
      if (place < 0) throw new Error(`the cells of link ${this.linkIdTexts[link] ?? link} are too long to write`);
    }
    const k = first + (this.middleNext[way] as number);
    this.middleNext[way] = ((this.middleNext[way] as number) + 1) % MIDDLE_WAYS;
    middleConfidences[k] = confidence;
    middlePlaces[k] = place;
    return place;
  }

  /** A line whose alternatives or evidence may need quotes: made as text, with the cells' own rules. */
  private quotedLine(analysis: Analysis, entry: number, status: number): void {
    const ids = Array.from(analysis.alternatives.subarray(analysis.alternativesFrom[entry], analysis.alternativesFrom[entry + 1]), (l) => this.linkIdTexts[l] as string);
    const alternatives = ids.join('|');
    const evidence = formatAnalysisEvidence(analysis, entry, this.terms);
    const alternativesCell = this.excel ? (alternatives === '' || this.plainLinks ? alternatives : excelCell(alternatives)) : quoted(alternatives);
    const evidenceCell = this.excel ? excelCell(evidence) : quoted(evidence);
    const prefix = this.buffer.toString('utf8', this.prefixStart, this.prefixStart + this.prefixLength);
    const middle = this.memory.middleBytes(this.middle(analysis.link[entry] as number, analysis.confidence[entry] as number, status)).toString('utf8');
    this.text(`${prefix}${middle}${alternativesCell},${evidenceCell}${this.excel ? '\r\n' : '\n'}`);
  }

  /** A buffer whose lines have been written out, for the writer to write into again (see `take`). */
  recycle(buffer: ArrayBuffer): void {
    this.spares.push(buffer);
  }

  /**
   * The lines written so far, as UTF-8 copied into a buffer of their own (to be
   * moved elsewhere): a recycled one when one is large enough, else a new one.
   */
  take(): Uint8Array {
    const spare = this.spares.findIndex((b) => b.byteLength >= this.length);
    // Room to spare, so that the buffer also fits the lines of later jobs when it comes back.
    const to = spare >= 0 ? (this.spares.splice(spare, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.max(1 << 16, this.length + (this.length >> 3)));
    const lines = new Uint8Array(to, 0, this.length);
    lines.set(this.buffer.subarray(0, this.length));
    this.length = 0;
    this.prefixStart = 0;
    this.prefixLength = 0;
    return lines;
  }
}
