/**
 * A fast CSV record scanner for the common case, giving the same records as
 * csv-parse with the options read-csv.ts uses (delimiters `,` and tab, `"`
 * quotes doubled to escape, record delimiter discovered from the first line
 * end, a leading BOM dropped, blank lines kept, any number of fields).
 *
 * It works on decoded text a block at a time, a few times faster than
 * csv-parse's byte-by-byte state machine. Anything it does not handle the same
 * way — every malformed quote, an unterminated quoted field, a NUL right after a
 * closing quote — raises `CsvAnomaly`, and the caller hands the file to
 * csv-parse, whose records and error messages are the reference.
 *
 * Limits: records are cut from whole blocks, so a record is only complete once
 * the text after it (or the end of the input) has been seen.
 */

/** The scanner met input whose handling it leaves to csv-parse. */
export class CsvAnomaly extends Error {}

export type RecordDelimiter = '' | '\n' | '\r' | '\r\n';

export interface CsvScannerOptions {
  /** The record delimiter, when known from an earlier part of the same file (else discovered from the first line end). */
  readonly delimiter?: '\n' | '\r\n';
  /** The text continues a file from a record boundary: a leading U+FEFF is data, not a byte-order mark. */
  readonly continues?: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** Result of scanning one record from a position: its fields and where the next record starts, or `incomplete`. */
const INCOMPLETE = -1;

export class CsvScanner {
  private pending = '';
  private started = false;
  private delimiter: RecordDelimiter = '';

  constructor(options: CsvScannerOptions = {}) {
    if (options.delimiter) this.delimiter = options.delimiter;
    if (options.continues) this.started = true;
  }

  /** The record delimiter in use: discovered from the first line end, or given ('' until then). */
  get recordDelimiter(): RecordDelimiter {
    return this.delimiter;
  }

  /** Adds a block of text; returns the records completed by it. */
  push(text: string): string[][] {
    return this.scan(text, false);
  }

  /** Ends the input; returns the last record, if the input did not end with a line end. */
  end(): string[][] {
    return this.scan('', true);
  }

  private scan(text: string, final: boolean): string[][] {
    let input = this.pending.length > 0 ? this.pending + text : text;
    if (!this.started) {
      if (input.length === 0 && !final) return [];
      // csv-parse drops a byte-order mark only at the very start of its input.
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
      this.started = true;
    }
    const records: string[][] = [];
    let position = 0;
    const length = input.length;
    while (position < length) {
      const fields: string[] = [];
      const next = this.scanRecord(input, position, final, fields);
      if (next === INCOMPLETE) break;
      records.push(fields);
      position = next;
    }
    this.pending = position < length ? input.slice(position) : '';
    if (final && this.pending.length > 0) throw new CsvAnomaly('unterminated record at the end of the input');
    return records;
  }

  /**
   * Length of the record delimiter at `index` (0 when there is none), discovering it
   * on the first line end as csv-parse does; INCOMPLETE when the text ends too early to tell.
   */
  private lineEnd(input: string, index: number, final: boolean): number {
    const c = input.charCodeAt(index);
    if (c !== LF && c !== CR) return 0;
    const crlfPossible = c === CR && (this.delimiter === '' || this.delimiter === '\r\n');
    if (crlfPossible && index + 1 >= input.length && !final) return INCOMPLETE;
    const crlf = c === CR && input.charCodeAt(index + 1) === LF;
    if (this.delimiter === '') this.delimiter = crlf ? '\r\n' : c === LF ? '\n' : '\r';
    if (this.delimiter === '\r\n') return crlf ? 2 : 0;
    return (this.delimiter === '\n' ? c === LF : c === CR) ? 1 : 0;
  }

  /** Scans one record starting at `start` into `fields`; returns where the next record starts, or INCOMPLETE. */
  private scanRecord(input: string, start: number, final: boolean, fields: string[]): number {
    const length = input.length;
    let i = start;
    for (;;) {
      // One field from i.
      if (input.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = input.indexOf('"', from);
          if (quote < 0) {
            if (final) throw new CsvAnomaly('quote not closed');
            return INCOMPLETE;
          }
          if (quote + 1 >= length && !final) return INCOMPLETE;
          if (input.charCodeAt(quote + 1) === QUOTE) {
            // A doubled quote is one quote of the value.
            value += input.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += input.slice(from, quote);
          i = quote + 1;
          break;
        }
        fields.push(value);
        if (i >= length) return length; // final: the input ends after the closing quote
        const c = input.charCodeAt(i);
        if (c === COMMA || c === TAB) {
          i++;
          continue;
        }
        const end = this.lineEnd(input, i, final);
        if (end === INCOMPLETE) return INCOMPLETE;
        if (end > 0) return i + end;
        throw new CsvAnomaly('invalid closing quote');
      }
      // An unquoted field runs to a delimiter, a record delimiter or the end.
      const from = i;
      for (;;) {
        if (i >= length) {
          if (!final) return INCOMPLETE;
          fields.push(input.slice(from, i));
          return length;
        }
        const c = input.charCodeAt(i);
        if (c > COMMA) {
          i++;
          continue;
        }
        if (c === COMMA || c === TAB) {
          fields.push(input.slice(from, i));
          i++;
          break;
        }
        if (c === QUOTE) throw new CsvAnomaly('quote inside an unquoted field');
        if (c === LF || c === CR) {
          const end = this.lineEnd(input, i, final);
          if (end === INCOMPLETE) return INCOMPLETE;
          if (end > 0) {
            fields.push(input.slice(from, i));
            return i + end;
          }
        }
        i++;
      }
      // After a delimiter: the next field may start at the end of a final input (a trailing delimiter).
      if (i >= length) {
        if (!final) return INCOMPLETE;
        fields.push('');
        return length;
      }
    }
  }
}
