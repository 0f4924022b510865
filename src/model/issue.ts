/**
 * Bad user data is a value, not an exception: validation returns issues, each
 * with a stable code from the message catalog, its parameters and where it is.
 */
import { messages, type MessageCode, type MessageParams } from './messages.js';
import type { Lang, Text } from './text.js';

/** Where a problem is. Rows are numbered as a spreadsheet shows them: the header is row 1. */
export interface IssueLocation {
  readonly file?: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
  /** A path inside structured data, e.g. `links[3].position`. */
  readonly path?: string;
}

export interface Issue<C extends MessageCode = MessageCode> extends IssueLocation {
  readonly code: C;
  readonly params: MessageParams<C>;
  /** The offending value as the user wrote it. */
  readonly value?: string;
}

export interface Validated<T> {
  readonly value?: T;
  readonly issues: readonly Issue[];
}

export function issue<C extends MessageCode>(code: C, params: MessageParams<C>, where: IssueLocation & { value?: string } = {}): Issue<C> {
  return { code, params, ...where };
}

export function issueText(item: Issue): Text {
  const render = messages[item.code] as (params: unknown) => Text;
  return render(item.params);
}

/** "file › sheet › row 12 › column 省份" — the place, in the reader's language. */
export function formatLocation(where: IssueLocation, lang: Lang): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.sheet) parts.push(lang === 'zh' ? `工作表 ${where.sheet}` : `sheet ${where.sheet}`);
  if (where.row !== undefined) parts.push(lang === 'zh' ? `第 ${where.row} 行` : `row ${where.row}`);
  if (where.column) parts.push(lang === 'zh' ? `列 ${where.column}` : `column ${where.column}`);
  if (where.path) parts.push(where.path);
  return parts.join(' › ');
}

export function formatIssue(item: Issue, lang: Lang): string {
  const place = formatLocation(item, lang);
  const value = item.value === undefined ? '' : lang === 'zh' ? `（值：${item.value}）` : ` (value: ${item.value})`;
  const text = issueText(item)[lang];
  return place ? `${place}: ${text}${value}` : `${text}${value}`;
}

/**
 * A programmer-facing failure that carries a catalog message: thrown where no
 * recovery is possible (a broken database file, a missing bundled data file).
 */
export class AppError<C extends MessageCode = MessageCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: MessageParams<C>,
    readonly issues: readonly Issue[] = [],
  ) {
    super((messages[code] as (p: unknown) => Text)(params).en);
    this.name = 'AppError';
  }

  text(lang: Lang): string {
    return (messages[this.code] as (p: unknown) => Text)(this.params)[lang];
  }
}
