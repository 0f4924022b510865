/**
 * The stored tables of each entity: column names, DuckDB types, upsert keys and
 * how a domain record maps to a row and back. One place, so that schema, staging
 * and reads cannot drift apart.
 */
import type { Case, Component, Enterprise, EntityKind, EntityRecords, Observation, Offering, Outcome } from '../model/index.js';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
type Cell = string | number | boolean | null;

export interface TableSpec<K extends EntityKind> {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: ColumnType])[];
  /** The columns that identify a record (upsert key); an empty value counts as one value. */
  readonly key: readonly string[];
  /** The record's cells in column order, followed by `after` (staging adds where the row came from). */
  toRow(record: EntityRecords[K][number], after?: readonly Cell[]): Cell[];
  fromRow(row: Record<string, unknown>): EntityRecords[K][number];
}

const NO_CELLS: readonly Cell[] = [];
const json = (value: unknown): string | null =>
  value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
    ? null
    : JSON.stringify(value);
const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const parsed = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : fallback);

/** Drops undefined fields so that records read back compare equal to records written. */
function clean<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

const sourced = [
  ['source_kind', 'VARCHAR'],
  ['source', 'VARCHAR'],
] as const;
const tail = [
  ['extra', 'VARCHAR'],
  ['import_id', 'INTEGER'],
] as const;

export const enterpriseTable: TableSpec<'enterprises'> = {
  table: 'enterprises',
  columns: [
    ['id', 'VARCHAR'], ['name_zh', 'VARCHAR'], ['name_en', 'VARCHAR'], ['aliases', 'VARCHAR'], ['credit_code', 'VARCHAR'],
    ['province', 'VARCHAR'], ['city', 'VARCHAR'], ['origin_country', 'VARCHAR'], ['ownership', 'VARCHAR'], ['kind', 'VARCHAR'],
    ['leader', 'BOOLEAN'], ['listing_code', 'VARCHAR'], ['industry_code', 'VARCHAR'], ['description', 'VARCHAR'],
    ['founded', 'VARCHAR'], ['registered_capital_yuan', 'DOUBLE'], ...sourced, ...tail,
  ],
  key: ['id'],
  toRow: (e: Enterprise, after: readonly Cell[] = NO_CELLS) => [
    e.id, opt(e.nameZh), opt(e.nameEn), json(e.aliases), opt(e.creditCode), opt(e.province), opt(e.city), opt(e.originCountry),
    opt(e.ownership), opt(e.kind), e.leader, opt(e.listingCode), opt(e.industryCode), opt(e.description), opt(e.founded),
    opt(e.registeredCapitalYuan), opt(e.sourceKind), opt(e.source), json(e.extra), null, ...after,
  ],
  fromRow: (r) =>
    clean({
      id: String(r.id), nameZh: str(r.name_zh), nameEn: str(r.name_en), aliases: parsed<string[]>(r.aliases, []),
      creditCode: str(r.credit_code), province: str(r.province), city: str(r.city), originCountry: str(r.origin_country),
      ownership: str(r.ownership) as Enterprise['ownership'], kind: str(r.kind) as Enterprise['kind'], leader: r.leader === true,
      listingCode: str(r.listing_code), industryCode: str(r.industry_code), description: str(r.description), founded: str(r.founded),
      registeredCapitalYuan: num(r.registered_capital_yuan), sourceKind: str(r.source_kind) as Enterprise['sourceKind'],
      source: str(r.source), extra: parsed<Record<string, string>>(r.extra, {}),
    }),
};

export const offeringTable: TableSpec<'offerings'> = {
  table: 'offerings',
  columns: [
    ['enterprise_id', 'VARCHAR'], ['link', 'VARCHAR'], ['product', 'VARCHAR'], ['position', 'VARCHAR'], ['method', 'VARCHAR'],
    ['confidence', 'DOUBLE'], ['evidence', 'VARCHAR'], ...sourced, ...tail,
  ],
  key: ['enterprise_id', 'link', 'product'],
  toRow: (o: Offering, after: readonly Cell[] = NO_CELLS) => [
    o.enterpriseId, o.link, opt(o.product), opt(o.position), o.method, opt(o.confidence), opt(o.evidence), opt(o.sourceKind),
    opt(o.source), json(o.extra), null, ...after,
  ],
  fromRow: (r) =>
    clean({
      enterpriseId: String(r.enterprise_id), link: String(r.link), product: str(r.product),
      position: str(r.position) as Offering['position'], method: String(r.method) as Offering['method'],
      confidence: num(r.confidence), evidence: str(r.evidence), sourceKind: str(r.source_kind) as Offering['sourceKind'],
      source: str(r.source), extra: parsed<Record<string, string>>(r.extra, {}),
    }),
};

export const caseTable: TableSpec<'cases'> = {
  table: 'cases',
  columns: [
    ['id', 'VARCHAR'], ['title_zh', 'VARCHAR'], ['title_en', 'VARCHAR'], ['year', 'INTEGER'], ['customer', 'VARCHAR'],
    ['customer_province', 'VARCHAR'], ['customer_city', 'VARCHAR'], ['industry_code', 'VARCHAR'], ['description_zh', 'VARCHAR'],
    ['description_en', 'VARCHAR'], ['outcomes', 'VARCHAR'], ...sourced, ...tail,
  ],
  key: ['id'],
  toRow: (c: Case, after: readonly Cell[] = NO_CELLS) => [
    c.id, opt(c.titleZh), opt(c.titleEn), opt(c.year), opt(c.customer), opt(c.customerProvince), opt(c.customerCity),
    opt(c.industryCode), opt(c.descriptionZh), opt(c.descriptionEn), json(c.outcomes), opt(c.sourceKind), opt(c.source),
    json(c.extra), null, ...after,
  ],
  fromRow: (r) =>
    clean({
      id: String(r.id), titleZh: str(r.title_zh), titleEn: str(r.title_en), year: num(r.year), customer: str(r.customer),
      customerProvince: str(r.customer_province), customerCity: str(r.customer_city), industryCode: str(r.industry_code),
      descriptionZh: str(r.description_zh), descriptionEn: str(r.description_en), outcomes: parsed<Outcome[]>(r.outcomes, []),
      sourceKind: str(r.source_kind) as Case['sourceKind'], source: str(r.source), extra: parsed<Record<string, string>>(r.extra, {}),
    }),
};

export const componentTable: TableSpec<'components'> = {
  table: 'components',
  columns: [
    ['case_id', 'VARCHAR'], ['link', 'VARCHAR'], ['supplier_id', 'VARCHAR'], ['supplier_name', 'VARCHAR'], ['role', 'VARCHAR'],
    ['method', 'VARCHAR'], ['confidence', 'DOUBLE'], ['evidence', 'VARCHAR'], ['reviewed', 'BOOLEAN'], ['note', 'VARCHAR'], ...tail,
  ],
  key: ['case_id', 'link', 'supplier_id', 'supplier_name'],
  toRow: (c: Component, after: readonly Cell[] = NO_CELLS) => [
    c.caseId, c.link, opt(c.supplierId), opt(c.supplierName), c.role, c.method, opt(c.confidence), opt(c.evidence), c.reviewed,
    opt(c.note), json(c.extra), null, ...after,
  ],
  fromRow: (r) =>
    clean({
      caseId: String(r.case_id), link: String(r.link), supplierId: str(r.supplier_id), supplierName: str(r.supplier_name),
      role: String(r.role) as Component['role'], method: String(r.method) as Component['method'], confidence: num(r.confidence),
      evidence: str(r.evidence), reviewed: r.reviewed === true, note: str(r.note), extra: parsed<Record<string, string>>(r.extra, {}),
    }),
};

export const observationTable: TableSpec<'observations'> = {
  table: 'observations',
  columns: [
    ['indicator', 'VARCHAR'], ['label_zh', 'VARCHAR'], ['label_en', 'VARCHAR'], ['region', 'VARCHAR'], ['link', 'VARCHAR'],
    ['enterprise_id', 'VARCHAR'], ['period', 'VARCHAR'], ['value', 'DOUBLE'], ['unit', 'VARCHAR'], ['rank_within', 'VARCHAR'], ['note', 'VARCHAR'], ...sourced, ...tail,
  ],
  key: ['indicator', 'region', 'link', 'enterprise_id', 'period', 'rank_within'],
  toRow: (o: Observation, after: readonly Cell[] = NO_CELLS) => [
    o.indicator, opt(o.labelZh), opt(o.labelEn), o.region, opt(o.link), opt(o.enterpriseId), o.period, o.value, o.unit, opt(o.rankWithin), opt(o.note),
    opt(o.sourceKind), opt(o.source), json(o.extra), null, ...after,
  ],
  fromRow: (r) =>
    clean({
      indicator: String(r.indicator), labelZh: str(r.label_zh), labelEn: str(r.label_en), region: String(r.region), link: str(r.link),
      enterpriseId: str(r.enterprise_id), period: String(r.period), value: Number(r.value), unit: String(r.unit), rankWithin: str(r.rank_within), note: str(r.note),
      sourceKind: str(r.source_kind) as Observation['sourceKind'], source: str(r.source), extra: parsed<Record<string, string>>(r.extra, {}),
    }),
};

export const TABLES: { readonly [K in EntityKind]: TableSpec<K> } = {
  enterprises: enterpriseTable,
  offerings: offeringTable,
  cases: caseTable,
  components: componentTable,
  observations: observationTable,
};

/** SQL of a record's key as one tuple, over a table alias (empty values compare equal). */
export function keyTuple(spec: TableSpec<EntityKind>, alias: string): string {
  return `(${spec.key.map((column) => `coalesce(${alias}.${column}, '')`).join(', ')})`;
}
