/**
 * Reading the stored entities: lists with filters and paging, single records
 * with what hangs off them, and the supply rows the assessment works from.
 * Filters are bound parameters, never spliced into SQL.
 */
import type { Case, Component, Enterprise, Observation, Offering } from '../model/index.js';
import type { Database, Row } from './database.js';
import { caseTable, componentTable, enterpriseTable, observationTable, offeringTable } from './tables.js';

export interface Page {
  readonly limit?: number;
  readonly offset?: number;
}

export interface EnterpriseFilter extends Page {
  /** Region code: a province matches its firms, a city its city's firms. */
  readonly region?: string;
  readonly link?: string;
  readonly segment?: string;
  readonly kind?: string;
  /** Substring of a name, alias, id or credit code. */
  readonly search?: string;
  readonly leader?: boolean;
}

export interface CaseFilter extends Page {
  readonly region?: string;
  readonly link?: string;
  readonly search?: string;
  readonly year?: number;
}

export interface ObservationFilter extends Page {
  readonly indicator?: string;
  readonly region?: string;
  readonly link?: string;
}

function where(conditions: (string | false | undefined)[]): string {
  const used = conditions.filter((c): c is string => typeof c === 'string');
  return used.length > 0 ? `WHERE ${used.join(' AND ')}` : '';
}

function paging(page: Page): string {
  const limit = Math.max(0, Math.floor(page.limit ?? 1_000_000));
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  return `LIMIT ${limit} OFFSET ${offset}`;
}

/** Offerings and components that count: confirmed by the classifier or a person, or imported (NULL status); see review.ts. */
const confirmed = (alias: string) => `coalesce(${alias}.status, 'confirmed') = 'confirmed'`;
const regionMatch = (province: string, city: string) => `(${province} = $region OR ${city} = $region)`;

export async function listEnterprises(db: Database, filter: EnterpriseFilter = {}): Promise<{ total: number; items: Enterprise[] }> {
  const params: Record<string, string | boolean> = {};
  if (filter.region) params.region = filter.region;
  if (filter.link) params.link = filter.link;
  if (filter.segment) params.segment = `${filter.segment}.%`;
  if (filter.kind) params.kind = filter.kind;
  if (filter.search) params.search = `%${filter.search.toLowerCase()}%`;
  if (filter.leader !== undefined) params.leader = filter.leader;
  const conditions = where([
    filter.region && regionMatch('province', 'city'),
    filter.link && `id IN (SELECT enterprise_id FROM offerings o WHERE link = $link AND ${confirmed('o')})`,
    filter.segment && `id IN (SELECT enterprise_id FROM offerings o WHERE link LIKE $segment AND ${confirmed('o')})`,
    filter.kind && 'kind = $kind',
    filter.search &&
      `(lower(coalesce(name_zh, '')) LIKE $search OR lower(coalesce(name_en, '')) LIKE $search OR lower(id) LIKE $search
        OR lower(coalesce(aliases, '')) LIKE $search OR lower(coalesce(credit_code, '')) LIKE $search)`,
    filter.leader !== undefined && 'leader = $leader',
  ]);
  const total = await db.one(`SELECT count(*)::INTEGER AS n FROM enterprises ${conditions}`, params);
  const rows = await db.all(`SELECT * FROM enterprises ${conditions} ORDER BY id ${paging(filter)}`, params);
  return { total: Number(total?.n ?? 0), items: rows.map(enterpriseTable.fromRow) };
}

export interface OfferingFilter extends Page {
  readonly link?: string;
  /** Segment id: offerings on any of its links. */
  readonly segment?: string;
  readonly enterprise?: string;
  /** Region code of the supplier's headquarters (a province matches its cities). */
  readonly region?: string;
  /** confirmed (default: what the figures count), uncertain, rejected, or all. */
  readonly status?: 'confirmed' | 'uncertain' | 'rejected' | 'all';
}

/** Offerings (an enterprise supplies a link), filtered and paged, in link then enterprise order. */
export async function listOfferings(db: Database, filter: OfferingFilter = {}): Promise<{ total: number; items: Offering[] }> {
  const params: Record<string, string> = {};
  if (filter.link) params.link = filter.link;
  if (filter.segment) params.segment = `${filter.segment}.%`;
  if (filter.enterprise) params.enterprise = filter.enterprise;
  if (filter.region) params.region = filter.region;
  const status = filter.status ?? 'confirmed';
  if (status !== 'all') params.status = status;
  const conditions = where([
    filter.link && 'o.link = $link',
    filter.segment && 'o.link LIKE $segment',
    filter.enterprise && 'o.enterprise_id = $enterprise',
    filter.region && `o.enterprise_id IN (SELECT id FROM enterprises WHERE ${regionMatch('province', 'city')})`,
    status !== 'all' && `coalesce(o.status, 'confirmed') = $status`,
  ]);
  const total = await db.one(`SELECT count(*)::INTEGER AS n FROM offerings o ${conditions}`, params);
  const rows = await db.all(`SELECT o.* FROM offerings o ${conditions} ORDER BY o.link, o.enterprise_id, o.product ${paging(filter)}`, params);
  return { total: Number(total?.n ?? 0), items: rows.map(offeringTable.fromRow) };
}

export async function getEnterprise(db: Database, id: string): Promise<{ enterprise: Enterprise; offerings: Offering[]; components: Component[] } | undefined> {
  // An id merged into another record (review.ts) still finds the firm.
  const row = await db.one(`SELECT * FROM enterprises WHERE id = $id
    OR id = (SELECT into_id FROM enterprise_merges WHERE merged_id = $id) ORDER BY id = $id DESC LIMIT 1`, { id });
  if (!row) return undefined;
  id = String(row.id);
  const offerings = await db.all('SELECT * FROM offerings WHERE enterprise_id = $id ORDER BY link, product', { id });
  const components = await db.all('SELECT * FROM components WHERE supplier_id = $id ORDER BY case_id, link', { id });
  return { enterprise: enterpriseTable.fromRow(row), offerings: offerings.map(offeringTable.fromRow), components: components.map(componentTable.fromRow) };
}

export async function listCases(db: Database, filter: CaseFilter = {}): Promise<{ total: number; items: Case[] }> {
  const params: Record<string, string | number> = {};
  if (filter.region) params.region = filter.region;
  if (filter.link) params.link = filter.link;
  if (filter.search) params.search = `%${filter.search.toLowerCase()}%`;
  if (filter.year !== undefined) params.year = filter.year;
  const conditions = where([
    filter.region && regionMatch('customer_province', 'customer_city'),
    filter.link && 'id IN (SELECT case_id FROM components WHERE link = $link)',
    filter.search &&
      `(lower(id) LIKE $search OR lower(coalesce(title_zh, '')) LIKE $search OR lower(coalesce(title_en, '')) LIKE $search
        OR lower(coalesce(customer, '')) LIKE $search OR lower(coalesce(description_zh, '')) LIKE $search)`,
    filter.year !== undefined && 'year = $year',
  ]);
  const total = await db.one(`SELECT count(*)::INTEGER AS n FROM cases ${conditions}`, params);
  const rows = await db.all(`SELECT * FROM cases ${conditions} ORDER BY id ${paging(filter)}`, params);
  return { total: Number(total?.n ?? 0), items: rows.map(caseTable.fromRow) };
}

export async function getCase(db: Database, id: string): Promise<{ case: Case; components: Component[] } | undefined> {
  const row = await db.one('SELECT * FROM cases WHERE id = $id', { id });
  if (!row) return undefined;
  const components = await db.all('SELECT * FROM components WHERE case_id = $id ORDER BY link, supplier_id, supplier_name', { id });
  return { case: caseTable.fromRow(row), components: components.map(componentTable.fromRow) };
}

export async function listObservations(db: Database, filter: ObservationFilter = {}): Promise<{ total: number; items: Observation[] }> {
  const params: Record<string, string> = {};
  if (filter.indicator) params.indicator = `${filter.indicator}%`;
  if (filter.region) params.region = filter.region;
  if (filter.link) params.link = filter.link;
  const conditions = where([
    filter.indicator && 'indicator LIKE $indicator',
    filter.region && 'region = $region',
    filter.link && 'link = $link',
  ]);
  const total = await db.one(`SELECT count(*)::INTEGER AS n FROM observations ${conditions}`, params);
  const rows = await db.all(`SELECT * FROM observations ${conditions} ORDER BY indicator, region, period ${paging(filter)}`, params);
  return { total: Number(total?.n ?? 0), items: rows.map(observationTable.fromRow) };
}

/** One enterprise on one link: the unit the supply metrics count. */
export interface SupplierLink {
  readonly enterpriseId: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly province?: string;
  readonly city?: string;
  readonly leader: boolean;
  readonly link: string;
}

/** One case needing one link, with where its customer is. */
export interface CaseLink {
  readonly caseId: string;
  readonly customerProvince?: string;
  readonly customerCity?: string;
  readonly link: string;
}

const optional = (value: unknown) => (typeof value === 'string' ? value : undefined);

export async function readSupplierLinks(db: Database): Promise<SupplierLink[]> {
  const rows = await db.all(`
    SELECT DISTINCT e.id, e.name_zh, e.name_en, e.province, e.city, e.leader, o.link
    FROM offerings o JOIN enterprises e ON e.id = o.enterprise_id WHERE ${confirmed('o')} ORDER BY o.link, e.id`);
  return rows.map((r: Row) => ({
    enterpriseId: String(r.id), nameZh: optional(r.name_zh), nameEn: optional(r.name_en), province: optional(r.province),
    city: optional(r.city), leader: r.leader === true, link: String(r.link),
  }));
}

export async function readCaseLinks(db: Database): Promise<CaseLink[]> {
  const rows = await db.all(`
    SELECT DISTINCT c.id, c.customer_province, c.customer_city, k.link
    FROM components k JOIN cases c ON c.id = k.case_id WHERE ${confirmed('k')} ORDER BY k.link, c.id`);
  return rows.map((r: Row) => ({
    caseId: String(r.id), customerProvince: optional(r.customer_province), customerCity: optional(r.customer_city), link: String(r.link),
  }));
}

export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['enterprises', 'offerings', 'cases', 'components', 'observations', 'imports']) {
    const row = await db.one(`SELECT count(*)::INTEGER AS n FROM ${table}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

export interface ImportEntry {
  readonly id: number;
  readonly finishedAt: string;
  readonly mode: string;
  readonly files: readonly { file: string; sha256: string; counts: Record<string, number> }[];
  readonly accepted: number;
  readonly rejected: number;
}

export async function listImports(db: Database): Promise<ImportEntry[]> {
  const rows = await db.all('SELECT id, finished_at::VARCHAR AS finished_at, mode, files, accepted, rejected FROM imports ORDER BY id');
  return rows.map((r) => ({
    id: Number(r.id), finishedAt: String(r.finished_at), mode: String(r.mode), files: JSON.parse(String(r.files)) as ImportEntry['files'],
    accepted: Number(r.accepted), rejected: Number(r.rejected),
  }));
}
