/**
 * Mapping a sheet's header row onto an entity's fields, and telling which entity
 * a sheet holds when the user has not said.
 */
import type { EntityKind, Issue } from '../model/index.js';
import { ENTITY_ORDER, issue } from '../model/index.js';
import { FIELDS, fieldForHeader, normalizeHeader, type FieldSpec } from './fields.js';

export interface MappedColumn {
  readonly index: number;
  readonly header: string;
  /** A unit written in the header's brackets, e.g. 万元 in 注册资本(万元). */
  readonly unit?: string;
}

export interface ColumnMap {
  readonly entity: EntityKind;
  readonly fields: ReadonlyMap<string, readonly MappedColumn[]>;
  readonly specs: ReadonlyMap<string, FieldSpec>;
  /** Columns no field claims: kept on each record as extra attributes. */
  readonly extras: readonly MappedColumn[];
}

/** One of these must be present for a record to be identifiable. */
const IDENTIFYING: Partial<Record<EntityKind, readonly string[]>> = {
  enterprises: ['id', 'name', 'name_zh', 'name_en', 'credit_code'],
};

export function mapColumns(entity: EntityKind, headers: readonly string[], where: { file: string; sheet?: string }): { map?: ColumnMap; issues: Issue[] } {
  const fields = new Map<string, MappedColumn[]>();
  const specs = new Map<string, FieldSpec>();
  const extras: MappedColumn[] = [];
  headers.forEach((header, index) => {
    // Blank headers hold nothing; `_`-prefixed ones are ChainAtlas's own notes (the `_problems` of a rejects file).
    if (!header.trim() || header.startsWith('_')) return;
    const spec = fieldForHeader(entity, header);
    const { unit } = normalizeHeader(header);
    const column: MappedColumn = { index, header, ...(unit ? { unit } : {}) };
    if (!spec) return extras.push(column);
    specs.set(spec.key, spec);
    fields.set(spec.key, [...(fields.get(spec.key) ?? []), column]);
  });
  const issues: Issue[] = [];
  for (const [key, columns] of fields) {
    if (columns.length > 1 && !specs.get(key)?.multi) {
      issues.push(issue('ingest.duplicate_header', { field: key, columns: columns.map((c) => c.header) }, { ...where, row: 1 }));
    }
  }
  const missing = FIELDS[entity].filter((f) => f.required && !fields.has(f.key)).map((f) => f.key);
  const identifying = IDENTIFYING[entity];
  if (identifying && !identifying.some((key) => fields.has(key))) missing.push(identifying.join('/'));
  if (missing.length > 0) issues.push(issue('ingest.missing_header', { columns: missing }, { ...where, row: 1 }));
  return issues.length > 0 ? { issues } : { map: { entity, fields, specs, extras }, issues };
}

const ENTITY_NAMES: readonly [EntityKind, RegExp][] = [
  ['enterprises', /enterprise|compan|firm|supplier-list|企业|公司|名录/i],
  ['offerings', /offering|product|供给|产品|供应/i],
  ['components', /component|decompos|构成|分解|组件/i],
  ['cases', /case|solution|案例|方案/i],
  ['observations', /observation|indicator|statistic|指标|观测|统计/i],
];

/** The entity a file or sheet name speaks of ("enterprises.csv", "企业名录", "cases sheet"). */
export function entityFromName(name: string): EntityKind | undefined {
  const exact = ENTITY_ORDER.find((e) => name.toLowerCase().replace(/\.[a-z]+$/, '') === e);
  return exact ?? ENTITY_NAMES.find(([, pattern]) => pattern.test(name))?.[0];
}

/**
 * The entity a file's name states outright: one of its dot-separated parts is an
 * entity name (`offerings.csv`, `enterprises.paper.json`, the rejects file
 * `rejects.offerings.csv`). Such a name is trusted over a guess from headers, which
 * would take an offerings file that lacks its link column for an enterprise list.
 */
export function entityNamedByFile(file: string): EntityKind | undefined {
  const parts = file.toLowerCase().split('.');
  return ENTITY_ORDER.find((e) => parts.includes(e));
}

/** The entity whose required columns the headers satisfy, preferring the one that claims most columns. */
export function entityFromHeaders(headers: readonly string[]): EntityKind | undefined {
  let best: { entity: EntityKind; claimed: number } | undefined;
  for (const entity of ENTITY_ORDER) {
    const claimed = new Set(headers.map((h) => fieldForHeader(entity, h)?.key).filter((k): k is string => k !== undefined));
    const required = FIELDS[entity].filter((f) => f.required).map((f) => f.key);
    const identifying = IDENTIFYING[entity];
    if (!required.every((k) => claimed.has(k))) continue;
    if (identifying && !identifying.some((k) => claimed.has(k))) continue;
    if (!best || claimed.size > best.claimed) best = { entity, claimed: claimed.size };
  }
  return best?.entity;
}
