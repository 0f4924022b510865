/**
 * Staged rows as CSV text that DuckDB's CSV reader reads back to exactly the
 * values the appender would have stored. The dialect (see STAGE_CSV_OPTIONS):
 * text always quoted, `"` and `\` escaped with a backslash, NULL written `null`
 * unquoted (a quoted "null" stays text), numbers in JavaScript's shortest exact
 * form, booleans `true`/`false`, one row per line.
 *
 * The fast way to that text is JSON.stringify of the whole batch, which the
 * dialect was chosen to match: a JSON array of arrays is the CSV once its row
 * brackets become line ends. JSON writes some values differently (other
 * backslash escapes such as `\n` or `\u0000`, -0, non-finite numbers) and a text
 * may contain `],[`: those batches are written cell by cell instead.
 *
 * Limits: a line longer than `maxLineChars` is not written (the caller stores
 * that row another way); lone surrogates become U+FFFD, as with the appender.
 */

export type StageCell = string | number | boolean | null;

/** read_csv options of the dialect (without the file and the columns). */
export const STAGE_CSV_OPTIONS =
  `header = false, auto_detect = false, delim = ',', quote = '"', escape = '\\', new_line = '\\n', ` +
  `nullstr = 'null', allow_quoted_nulls = false`;

/** Whether JSON text holds a backslash escape other than \" and \\ (which the CSV reader reads the same way). */
function hasOtherEscape(json: string): boolean {
  // indexOf beats a regular expression here by far on long two-byte strings.
  for (let at = json.indexOf('\\'); at >= 0; at = json.indexOf('\\', at + 2)) {
    const next = json.charCodeAt(at + 1);
    if (next !== 0x22 && next !== 0x5c) return true;
  }
  return false;
}

/** A number JSON would not write as the CSV reader must read it back. */
const unusualNumber = (value: StageCell | undefined) => typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0));

/**
 * Whether JSON would write every row as the CSV reader must read it back (no -0,
 * no non-finite number) and within the line limit. The length is bounded without
 * writing: in the JSON of a row without other escapes a text takes at most twice
 * its length plus its quotes, any other cell at most 24 characters, plus a comma.
 */
function fitsJson(rows: readonly (readonly StageCell[])[], maxLineChars: number, numberColumns: readonly number[]): boolean {
  for (const row of rows) {
    let texts = 0;
    for (const cell of row) if (typeof cell === 'string') texts += cell.length;
    if (2 * texts + 27 * row.length > maxLineChars) return false;
    for (const c of numberColumns) if (unusualNumber(row[c])) return false;
  }
  return true;
}

const NEEDS_ESCAPE = /["\\]/;
const TO_ESCAPE = /["\\]/g;

function cellText(value: StageCell): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? `"${value.replace(TO_ESCAPE, '\\$&')}"` : `"${value}"`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return Object.is(value, -0) ? '-0' : String(value);
}

/** The batch as CSV text whose last line lacks its line end (the usual case), or line by line with `undefined` for a line longer than the limit. */
export type StageCsv = { readonly text: string } | { readonly lines: readonly (string | undefined)[] };

/**
 * The rows as CSV: `numberColumns` are the indexes of the DOUBLE columns (the
 * only ones that may hold -0 or a non-finite number).
 */
export function stageCsv(rows: readonly (readonly StageCell[])[], maxLineChars: number, numberColumns: readonly number[]): StageCsv {
  if (fitsJson(rows, maxLineChars, numberColumns)) {
    const json = JSON.stringify(rows);
    // Rows are separated by "],[" ; each replaced by a line end shortens the text by 2. (The text is not
    // extended by a final line end here: concatenating would make V8 copy megabytes once more.)
    const text = json.slice(2, -2).replaceAll('],[', '\n');
    const separators = (json.length - 4 - text.length) / 2;
    if (separators === rows.length - 1 && !hasOtherEscape(json)) return { text };
  }
  return {
    lines: rows.map((row) => {
      const line = row.map(cellText).join(',');
      return line.length <= maxLineChars ? line : undefined;
    }),
  };
}
