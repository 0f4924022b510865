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

/**
 * `formatLine` for the workers' loop, with the same output: the cells that can
 * only hold the framework's link ids or keyword terms are checked once for
 * quoting and formulas, not once a line, and a firm's id and name cells are
 * made once for all its lines (`rowPrefix`).
 */
export class LineFormatter {
  private readonly linkCells = new Map<string, string>();
  /** No link id needs quotes or starts like a formula: alternatives, link ids joined by `|`, are then plain too. */
  private readonly plainLinks: boolean;
  /** No keyword needs quotes: evidence (terms with `@`, digits, `-` and `;`) then needs none either. */
  private readonly plainTerms: boolean;

  constructor(
    readonly format: LineFormat,
    linkIds: readonly string[],
    terms: readonly string[],
  ) {
    for (const id of linkIds) this.linkCells.set(id, format === 'excel' ? excelCell(id) : quoted(id));
    this.plainLinks = linkIds.every((id) => id.length > 0 && !needsQuotes(id) && !looksLikeFormula(id) && !id.includes('"'));
    this.plainTerms = terms.every((t) => !needsQuotes(t));
  }

  /** The start of each line of a firm: its id and name cells. */
  rowPrefix(id: string, name: string): string {
    return this.format === 'excel' ? `${excelCell(id)},${excelCell(name)},` : `${quoted(id)},${quoted(name)},`;
  }

  line(prefix: string, link: string, confidence: number, status: string, alternatives: string, evidence: string): string {
    const linkCell = this.linkCells.get(link) ?? (this.format === 'excel' ? excelCell(link) : quoted(link));
    if (this.format === 'excel') {
      const alternativesCell = alternatives === '' || this.plainLinks ? alternatives : excelCell(alternatives);
      const evidenceCell = this.plainTerms ? neutralizeFormula(evidence) : excelCell(evidence);
      return `${prefix}${linkCell},${String(Math.round(confidence * 10_000) / 10_000)},${status},${alternativesCell},${evidenceCell}\r\n`;
    }
    const alternativesCell = this.plainLinks ? `"${alternatives}"` : quoted(alternatives);
    const evidenceCell = evidence.includes('"') ? quoted(evidence) : `"${evidence}"`;
    return `${prefix}${linkCell},${confidence},"${status}",${alternativesCell},${evidenceCell}\n`;
  }
}
