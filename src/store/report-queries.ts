/**
 * What a report reads besides the assessment counts: the cases that concern a
 * region (its customers' cases, then the cases its enterprises delivered
 * elsewhere) with their confirmed components and the suppliers' names and
 * headquarters, and how many records cite each source. Filters are bound
 * parameters; at a national universe the case list is capped (`caseLimit`)
 * and the total is returned beside it.
 */
import type { Case, Component, Text } from '../model/index.js';
import type { Database } from './database.js';
import { caseTable, componentTable } from './tables.js';

export interface ReportCaseRecord {
  readonly case: Case;
  readonly components: readonly (Component & { supplier?: Text; supplierProvince?: string; supplierCity?: string })[];
}

export interface ReportRecords {
  readonly cases: readonly ReportCaseRecord[];
  /** All cases concerning the region (before the cap). */
  readonly caseTotal: number;
  readonly sources: readonly { source: string; kind?: string; records: Record<string, number> }[];
}

export interface ReportQueryOptions {
  /** A province or city code. */
  readonly region: string;
  readonly level: 'province' | 'city';
  readonly caseLimit: number;
}

const confirmed = (alias: string) => `coalesce(${alias}.status, 'confirmed') = 'confirmed'`;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function loadReportRecords(db: Database, options: ReportQueryOptions): Promise<ReportRecords> {
  const where = options.level === 'city' ? { customer: 'c.customer_city', supplier: 'e.city' } : { customer: 'c.customer_province', supplier: 'e.province' };
  const params = { region: options.region };
  // Cases of the region's customers first (most recent first), then those its enterprises delivered elsewhere.
  const concerning = `
    SELECT c.id, (${where.customer} = $region) AS own FROM cases c WHERE ${where.customer} = $region
    UNION
    SELECT DISTINCT k.case_id AS id, false AS own FROM components k JOIN enterprises e ON e.id = k.supplier_id JOIN cases c ON c.id = k.case_id
    WHERE ${where.supplier} = $region AND ${confirmed('k')} AND coalesce(${where.customer}, '') <> $region`;
  const total = await db.one(`SELECT count(DISTINCT id)::INTEGER AS n FROM (${concerning})`, params);
  const chosen = `
    WITH ids AS (SELECT id, bool_or(own) AS own FROM (${concerning}) GROUP BY id)
    SELECT c.id, ids.own, c.year FROM cases c JOIN ids ON ids.id = c.id
    ORDER BY ids.own DESC, c.year DESC NULLS LAST, c.id LIMIT ${Math.max(0, Math.floor(options.caseLimit))}`;
  const rows = await db.all(`SELECT c.* FROM cases c JOIN (${chosen}) x ON x.id = c.id ORDER BY x.own DESC, x.year DESC NULLS LAST, c.id`, params);
  const cases = rows.map(caseTable.fromRow);
  const components = cases.length === 0 ? [] : await db.all(`
    SELECT k.*, e.name_zh AS s_name_zh, e.name_en AS s_name_en, e.province AS s_province, e.city AS s_city
    FROM components k LEFT JOIN enterprises e ON e.id = k.supplier_id
    WHERE k.case_id IN (SELECT id FROM (${chosen})) AND ${confirmed('k')}
    ORDER BY k.case_id, k.link, k.supplier_id, k.supplier_name`, params);
  const byCase = new Map<string, ReportCaseRecord['components'][number][]>();
  for (const row of components) {
    const k = componentTable.fromRow(row);
    const zh = str(row.s_name_zh);
    const en = str(row.s_name_en);
    const name = zh ?? en ?? k.supplierName;
    const province = str(row.s_province);
    const city = str(row.s_city);
    const item = {
      ...k,
      ...(name !== undefined ? { supplier: { zh: zh ?? en ?? name, en: en ?? zh ?? name } } : {}),
      ...(province !== undefined ? { supplierProvince: province } : {}),
      ...(city !== undefined ? { supplierCity: city } : {}),
    };
    byCase.set(k.caseId, [...(byCase.get(k.caseId) ?? []), item]);
  }
  const sourceRows = await db.all(`
    SELECT source, kind, entity, count(*)::INTEGER AS n FROM (
      SELECT source, source_kind AS kind, 'enterprises' AS entity FROM enterprises
      UNION ALL SELECT source, source_kind, 'offerings' FROM offerings
      UNION ALL SELECT source, source_kind, 'cases' FROM cases
      UNION ALL SELECT source, NULL, 'components' FROM (SELECT c.source FROM components k JOIN cases c ON c.id = k.case_id)
      UNION ALL SELECT source, source_kind, 'observations' FROM observations
    ) WHERE source IS NOT NULL GROUP BY ALL ORDER BY source, entity`);
  const sources = new Map<string, { source: string; kind?: string; records: Record<string, number> }>();
  for (const r of sourceRows) {
    const source = String(r.source);
    const entry = sources.get(source) ?? { source, records: {} };
    const kind = str(r.kind);
    if (kind !== undefined && entry.kind === undefined) entry.kind = kind;
    entry.records[String(r.entity)] = Number(r.n);
    sources.set(source, entry);
  }
  return {
    cases: cases.map((c) => ({ case: c, components: byCase.get(c.id) ?? [] })),
    caseTotal: Number(total?.n ?? 0),
    sources: [...sources.values()].sort((a, b) => sum(b.records) - sum(a.records) || a.source.localeCompare(b.source)),
  };
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((t, x) => t + x, 0);
