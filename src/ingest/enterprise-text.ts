/**
 * What classifying an enterprise row reads from it: the text (its text columns
 * joined by a line break, as build-record.ts joins the `description` field, so
 * evidence offsets point into the description the import stores), the id the
 * import gives the same row (the id column, else the credit code, else `name:`
 * and the name, as build-record.ts derives it) and a name to show.
 */
import { isBlank, nfkc } from './fast-text.js';
import { FIELDS, fieldForHeader } from './fields.js';

/** The headers that hold text to classify (the enterprise `description` field's), for the error that finds none. */
export const TEXT_HEADERS: readonly string[] = FIELDS.enterprises.find((f) => f.key === 'description')?.aliases ?? [];

/** Where a sheet's text, id and names are (column indexes). */
export interface ColumnPlan {
  readonly text: readonly number[];
  readonly id?: number;
  readonly name?: number;
  readonly nameZh?: number;
  readonly nameEn?: number;
  readonly creditCode?: number;
}

/** The plan of a header row; undefined when no column holds text. */
export function planColumns(headers: readonly string[]): ColumnPlan | undefined {
  const text: number[] = [];
  const first: Record<string, number> = {};
  headers.forEach((header, index) => {
    // As mapColumns does: blank headers hold nothing, `_`-prefixed ones are ChainAtlas's notes.
    if (!header.trim() || header.startsWith('_')) return;
    const key = fieldForHeader('enterprises', header)?.key;
    if (key === 'description') text.push(index);
    else if (key !== undefined) first[key] ??= index;
  });
  if (text.length === 0) return undefined;
  return { text, id: first.id, name: first.name, nameZh: first.name_zh, nameEn: first.name_en, creditCode: first.credit_code };
}

/** Whether rows can be told apart by a column of theirs (else ids fall back to row numbers). */
export function hasIdentity(plan: ColumnPlan): boolean {
  return [plan.id, plan.name, plan.nameZh, plan.nameEn, plan.creditCode].some((c) => c !== undefined);
}

function cellAt(cells: readonly string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const cell = cells[index];
  return cell === undefined || isBlank(cell) ? undefined : cell.trim();
}

/** The row's text: its non-blank text cells, trimmed, joined by a line break. */
export function rowText(cells: readonly string[], plan: ColumnPlan): string {
  let text = '';
  for (const index of plan.text) {
    const cell = cellAt(cells, index);
    if (cell !== undefined) text = text ? `${text}\n${cell}` : cell;
  }
  return text;
}

const HAS_CJK = /[\u3400-\u9fff]/;
const PLAIN_CODE = /^[0-9A-Z]{18}$/;

/** Whether the UTF-8 `bytes[start, end)` is a credit code rowIdentity takes as it is (PLAIN_CODE). */
export function isPlainCreditCode(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 18) return false;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

/** The id of a row known only by its name. */
export const NAME_ID_PREFIX = 'name:';

/** The enterprise id the import gives the row, and the name to show; `row:<row>` when the row names no firm. */
export function rowIdentity(cells: readonly string[], row: number, plan: ColumnPlan): { id: string; name: string } {
  const name = cellAt(cells, plan.name);
  const zh = cellAt(cells, plan.nameZh);
  const en = cellAt(cells, plan.nameEn);
  const shown = name ?? zh ?? en ?? '';
  const given = cellAt(cells, plan.id);
  if (given !== undefined) return { id: given, name: shown };
  const code = cellAt(cells, plan.creditCode);
  // As readCreditCode (parse-cell.ts) reads it: a plain 18-character code as it is, else width, case and spaces evened out.
  const creditCode = code === undefined ? undefined : PLAIN_CODE.test(code) ? code : nfkc(code).trim().toUpperCase().replace(/\s+/g, '') || undefined;
  if (creditCode !== undefined) return { id: creditCode, name: shown };
  const nameZh = zh ?? (name && HAS_CJK.test(name) ? name : undefined);
  const nameEn = en ?? (name && !HAS_CJK.test(name) ? name : undefined);
  const named = nameZh ?? nameEn;
  return { id: named ? `${NAME_ID_PREFIX}${named.normalize('NFKC')}` : `row:${row}`, name: shown };
}
