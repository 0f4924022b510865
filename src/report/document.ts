/**
 * The report document model: what a report says, independent of the format it
 * is written in. Sections hold blocks — paragraphs built from numbers, lists,
 * typed tables and charts (as data, not pictures) — and paragraphs point to
 * numbered footnotes that carry the sources. The workbook's sheets are tables
 * of the same kind. Renderers (HTML, PDF, XLSX, DOCX) only lay this out; they
 * never compute a figure. Pure data: strings and numbers, one language.
 */
import type { Lang } from '../model/index.js';
import type { ChartSpec } from './chart-spec.js';

/** A piece of text; `note` is the number of the footnote it cites. */
export interface Run {
  readonly text: string;
  readonly strong?: boolean;
  readonly note?: number;
}

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly runs: readonly Run[];
}

export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly (readonly Run[])[];
}

export type ColumnType = 'text' | 'integer' | 'number' | 'percent';

export interface TableColumn {
  readonly label: string;
  readonly type: ColumnType;
  /** Decimals shown for number and percent columns. */
  readonly digits?: number;
}

export type TableCell = string | number | null;

export interface TableBlock {
  readonly kind: 'table';
  readonly id: string;
  readonly title: string;
  /** The worksheet name when the table is also a sheet of the workbook. */
  readonly sheet?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
  /** Row indexes to emphasise (the assessed region in a ranking). */
  readonly highlight?: readonly number[];
  readonly note?: string;
}

export interface ChartBlock {
  readonly kind: 'chart';
  readonly id: string;
  readonly title: string;
  readonly chart: ChartSpec;
  readonly caption?: string;
}

export type Block = ParagraphBlock | ListBlock | TableBlock | ChartBlock;

export interface Section {
  readonly id: string;
  /** "3", "3.2", "A" — as printed before the title. */
  readonly number: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly sections: readonly Section[];
}

export interface Footnote {
  readonly number: number;
  readonly text: string;
}

export const Outline = {
  default: { zh: '默认大纲（供给能力分析报告）', en: 'default outline (supply-capability analysis)' },
  'chain-leader': { zh: '链长制“四图五清单”', en: 'chain-leader format (four maps, five lists)' },
} as const;
export type Outline = keyof typeof Outline;
export const isOutline = (value: unknown): value is Outline => typeof value === 'string' && Object.hasOwn(Outline, value);

export interface ReportDocument {
  readonly lang: Lang;
  readonly outline: Outline;
  readonly title: string;
  readonly subtitle: string;
  /** Lines under the title: region, benchmark, data, date. */
  readonly meta: readonly string[];
  readonly region: { readonly code: string; readonly name: string };
  readonly sections: readonly Section[];
  readonly footnotes: readonly Footnote[];
  /** The workbook: one sheet per table. */
  readonly sheets: readonly TableBlock[];
  /** Labels the renderers print (table of contents, notes, page). */
  readonly labels: { readonly contents: string; readonly notes: string; readonly page: string; readonly chart: string; readonly table: string };
}

/** Every section, depth first. */
export function allSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...allSections(s.sections)]);
}

/** Every block of a kind, depth first. */
export function blocksOf<K extends Block['kind']>(doc: ReportDocument, kind: K): Extract<Block, { kind: K }>[] {
  return allSections(doc.sections).flatMap((s) => s.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind));
}
