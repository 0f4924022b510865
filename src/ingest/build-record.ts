/**
 * One source row -> one validated domain record. Every cell is read by its
 * field's type; every problem becomes an issue naming the row and column, and
 * all of a row's problems are reported, not only the first.
 */
import type {
  Case, Component, Enterprise, EntityKind, EntityRecords, Issue, IssueLocation, Observation, Offering, Outcome, Region,
} from '../model/index.js';
import { NATION_CODE } from '../model/index.js';
import type { ColumnMap, MappedColumn } from './columns.js';
import type { FieldSpec } from './fields.js';
import { detach, isBlank, startsWithFormula } from './fast-text.js';
import type { Lookups } from './lookups.js';
import {
  fail, ok, readBool, readConfidence, readCountry, readCreditCode, readDate, readList, readMoney, readNumber, readOutcomes,
  readPeriod, readText, readVocab, readYear, type CellResult,
} from './parse-cell.js';

export interface BuiltRecord<K extends EntityKind> {
  readonly record?: EntityRecords[K][number];
  /** Offerings and observations: the enterprise as the row named it. Enterprises: `derived` when the id was not given. */
  readonly ref?: string;
  readonly issues: readonly Issue[];
}

type Value = string | number | boolean | string[] | Outcome[];
type CellReader = (raw: string, column: MappedColumn, lookups: Lookups) => CellResult<Value>;

/** How a field's cells are read, by field type. */
function readerFor(spec: FieldSpec): CellReader {
  switch (spec.type) {
    case 'text': case 'name': case 'region': return readText;
    case 'list': return readList;
    case 'number': return readNumber;
    case 'money': return (raw, column) => readMoney(raw, column.unit);
    case 'year': return readYear;
    case 'date': return readDate;
    case 'period': return readPeriod;
    case 'bool': return readBool;
    case 'confidence': return readConfidence;
    case 'vocab': { const vocab = spec.vocab ?? {}; return (raw) => readVocab(raw, vocab); }
    case 'link': return (raw, _column, lookups) => lookups.link(raw);
    case 'credit_code': return (raw) => readCreditCode(raw);
    case 'industry': return (raw, _column, lookups) => lookups.industry(raw);
    case 'country': return readCountry;
    case 'outcomes': return readJsonOrText(readOutcomes);
  }
}

/** A field of a column map with its reader: worked out once per sheet, not once per row. */
interface FieldPlan {
  readonly key: string;
  readonly multi: boolean;
  readonly columns: readonly MappedColumn[];
  readonly read: CellReader;
}

const PLANS = new WeakMap<ColumnMap, readonly FieldPlan[]>();

function planOf(map: ColumnMap): readonly FieldPlan[] {
  let plan = PLANS.get(map);
  if (!plan) {
    plan = [...map.fields].map(([key, columns]) => {
      const spec = map.specs.get(key) as FieldSpec;
      return { key, multi: spec.multi === true, columns, read: spec.multi ? readText : readerFor(spec) };
    });
    PLANS.set(map, plan);
  }
  return plan;
}

/** Reads the row's cells into typed values by field key, collecting issues. */
class RowReader {
  readonly issues: Issue[] = [];
  private readonly values = new Map<string, Value>();

  constructor(
    private readonly cells: readonly string[],
    private readonly map: ColumnMap,
    private readonly where: IssueLocation,
    private readonly lookups: Lookups,
  ) {
    for (const field of planOf(map)) {
      if (field.multi) {
        let joined: string | undefined;
        for (const column of field.columns) {
          if (isBlank(cells[column.index] ?? '')) continue;
          const text = this.cell(column, field.read);
          if (text !== undefined) joined = joined === undefined ? (text as string) : `${joined}\n${text as string}`;
        }
        if (joined !== undefined) this.values.set(field.key, joined);
      } else {
        // Only the first non-blank column counts (a single-valued field has one column: mapColumns refuses more).
        let column: MappedColumn | undefined;
        for (const c of field.columns) {
          if (!isBlank(cells[c.index] ?? '')) {
            column = c;
            break;
          }
        }
        if (column === undefined) continue;
        const value = this.cell(column, field.read);
        if (value !== undefined) this.values.set(field.key, value);
      }
    }
  }

  private cell(column: MappedColumn, reader: CellReader): Value | undefined {
    const raw = this.cells[column.index] ?? '';
    // A formula is refused whatever the field's type: its text is not the value the user saw.
    const result = startsWithFormula(raw) ? fail('ingest.formula', {}) : reader(raw, column, this.lookups);
    if (result.ok) return result.value;
    this.issues.push({ code: result.code, params: result.params, ...this.where, column: column.header, value: detach(raw) });
    return undefined;
  }

  str(key: string): string | undefined {
    const v = this.values.get(key);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
  num(key: string): number | undefined {
    const v = this.values.get(key);
    return typeof v === 'number' ? v : undefined;
  }
  bool(key: string): boolean | undefined {
    const v = this.values.get(key);
    return typeof v === 'boolean' ? v : undefined;
  }
  list(key: string): string[] {
    const v = this.values.get(key);
    return Array.isArray(v) ? (v as string[]) : [];
  }
  outcomes(key: string): Outcome[] {
    const v = this.values.get(key);
    return Array.isArray(v) ? (v as Outcome[]) : [];
  }
  column(key: string): string | undefined {
    return this.map.fields.get(key)?.[0]?.header;
  }

  /** Adds an issue about a field (or the row when the field has no column). */
  problem(key: string | undefined, item: Omit<Issue, keyof IssueLocation>): void {
    const column = key ? this.column(key) : undefined;
    this.issues.push({ ...item, ...this.where, ...(column ? { column } : {}) } as Issue);
  }

  extra(): Record<string, string> {
    const extra: Record<string, string> = {};
    for (const column of this.map.extras) {
      const raw = (this.cells[column.index] ?? '').trim();
      if (raw) extra[column.header] = raw;
    }
    return extra;
  }

  /** Resolves a region field; issues are reported on that field's column. */
  region(key: string, level: 'province' | 'city' | 'any', within?: string): Region | undefined {
    const text = this.str(key);
    if (text === undefined) return undefined;
    const result = this.lookups.region(text, level, within);
    if (result.ok) return result.value;
    this.problem(key, { code: result.code, params: result.params, value: detach(text) });
    return undefined;
  }
}

/** Outcomes may be written as text ("物流效率 +30%") or, in JSON sources, as an array of objects. */
function readJsonOrText(readTextForm: (raw: string) => CellResult<Outcome[]>) {
  return (raw: string): CellResult<Outcome[]> => {
    if (!raw.trim().startsWith('[')) return readTextForm(raw);
    try {
      const items = JSON.parse(raw) as unknown;
      if (!Array.isArray(items)) return fail('ingest.bad_outcomes', {});
      const outcomes: Outcome[] = [];
      for (const item of items as Record<string, unknown>[]) {
        if (typeof item !== 'object' || item === null || typeof item.change !== 'number') return fail('ingest.bad_outcomes', {});
        const kpiZh = typeof item.kpi_zh === 'string' ? item.kpi_zh : undefined;
        const kpiEn = typeof item.kpi_en === 'string' ? item.kpi_en : undefined;
        if (!kpiZh && !kpiEn) return fail('ingest.bad_outcomes', {});
        outcomes.push({ ...(kpiZh ? { kpiZh } : {}), ...(kpiEn ? { kpiEn } : {}), change: item.change, unit: typeof item.unit === 'string' ? item.unit : '' });
      }
      return ok(outcomes);
    } catch {
      return fail('ingest.bad_outcomes', {});
    }
  };
}

const HAS_CJK = /[\u3400-\u9fff]/;

function sourced(r: RowReader) {
  const sourceKind = r.str('source_kind');
  const source = r.str('source');
  return { ...(sourceKind ? { sourceKind: sourceKind as Enterprise['sourceKind'] } : {}), ...(source ? { source } : {}) };
}

/** Drops undefined fields: stored records carry only what the row said. */
function defined<T extends object>(record: T): T {
  // A plain loop: this runs once per row, and entries/filter/fromEntries cost more than the rest of the row.
  const kept: Record<string, unknown> = {};
  for (const key in record) {
    const value = record[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept as T;
}

/**
 * Province and city of one place. A province column may hold a city ("南昌") or
 * both ("江西省南昌市"); a city alone implies its province.
 */
function place(r: RowReader, provinceKey: string, cityKey: string): { province?: string; city?: string } {
  let province: Region | undefined;
  const provinceText = r.str(provinceKey);
  if (provinceText !== undefined) {
    province = r.region(provinceKey, 'any');
    if (province?.level === 'city') {
      const city = province;
      return { province: city.parent, city: r.str(cityKey) ? r.region(cityKey, 'city', city.parent)?.code : city.code };
    }
  }
  if (r.str(cityKey) === undefined) return { province: province?.code };
  if (provinceText !== undefined && !province) return {};
  const within = province && province.level === 'province' ? province.code : undefined;
  const city = r.region(cityKey, 'city', within);
  return { province: province?.code ?? city?.parent, city: city?.code };
}

function buildEnterprise(r: RowReader): BuiltRecord<'enterprises'> {
  const name = r.str('name');
  const nameZh = r.str('name_zh') ?? (name && HAS_CJK.test(name) ? name : undefined);
  const nameEn = r.str('name_en') ?? (name && !HAS_CJK.test(name) ? name : undefined);
  const creditCode = r.str('credit_code');
  const given = r.str('id');
  if (!given && !nameZh && !nameEn && !creditCode) {
    r.problem(undefined, { code: 'ingest.one_of_required', params: { fields: ['id', 'name_zh', 'name_en', 'credit_code'] } });
  }
  const { province, city } = place(r, 'province', 'city');
  // Without an id, a firm is known by its credit code, else by its name: re-importing the same rows finds the same records.
  const id = given ?? creditCode ?? (nameZh || nameEn ? `name:${(nameZh ?? nameEn ?? '').normalize('NFKC')}` : '');
  const record: Enterprise = defined({
    id, nameZh, nameEn, aliases: r.list('aliases'), creditCode, province, city, originCountry: r.str('origin_country'),
    ownership: r.str('ownership') as Enterprise['ownership'], kind: r.str('kind') as Enterprise['kind'], leader: r.bool('leader') ?? false,
    listingCode: r.str('listing_code'), industryCode: r.str('industry_code'), description: r.str('description'), founded: r.str('founded'),
    registeredCapitalYuan: r.num('registered_capital'), ...sourced(r), extra: r.extra(),
  });
  return { record, ...(given ? {} : { ref: 'derived' }), issues: r.issues };
}

function buildOffering(r: RowReader): BuiltRecord<'offerings'> {
  const ref = r.str('enterprise');
  const link = r.str('link');
  if (!ref) r.problem('enterprise', { code: 'ingest.required', params: { field: 'enterprise' } });
  if (!link && !r.issues.some((i) => i.column === r.column('link'))) r.problem('link', { code: 'ingest.required', params: { field: 'link' } });
  const record: Offering = defined({
    enterpriseId: ref ?? '', link: link ?? '', product: r.str('product'), position: r.str('position') as Offering['position'],
    method: (r.str('method') ?? 'manual') as Offering['method'], confidence: r.num('confidence'), evidence: r.str('evidence'),
    ...sourced(r), extra: r.extra(),
  });
  return { record, ...(ref ? { ref } : {}), issues: r.issues };
}

function buildCase(r: RowReader): BuiltRecord<'cases'> {
  const id = r.str('id');
  if (!id) r.problem('id', { code: 'ingest.required', params: { field: 'id' } });
  const { province, city } = place(r, 'customer_province', 'customer_city');
  const record: Case = defined({
    id: id ?? '', titleZh: r.str('title_zh'), titleEn: r.str('title_en'), year: r.num('year'), customer: r.str('customer'),
    customerProvince: province, customerCity: city, industryCode: r.str('industry_code'), descriptionZh: r.str('description_zh'),
    descriptionEn: r.str('description_en'), outcomes: r.outcomes('outcomes'), ...sourced(r), extra: r.extra(),
  });
  return { record, issues: r.issues };
}

function buildComponent(r: RowReader): BuiltRecord<'components'> {
  const caseId = r.str('case_id');
  const link = r.str('link');
  const supplierId = r.str('supplier_id');
  const supplierName = r.str('supplier_name');
  if (!caseId) r.problem('case_id', { code: 'ingest.required', params: { field: 'case_id' } });
  if (!link && !r.issues.some((i) => i.column === r.column('link'))) r.problem('link', { code: 'ingest.required', params: { field: 'link' } });
  const record: Component = defined({
    caseId: caseId ?? '', link: link ?? '', supplierId, supplierName, role: (r.str('role') ?? 'component_supplier') as Component['role'],
    method: (r.str('method') ?? 'manual') as Component['method'], confidence: r.num('confidence'), evidence: r.str('evidence'),
    reviewed: r.bool('reviewed') ?? false, note: r.str('note'), extra: r.extra(),
  });
  return { record, issues: r.issues };
}

function buildObservation(r: RowReader): BuiltRecord<'observations'> {
  for (const key of ['indicator', 'region', 'period', 'value', 'unit']) {
    if (r.str(key) === undefined && r.num(key) === undefined && !r.issues.some((i) => i.column === r.column(key))) {
      r.problem(key, { code: 'ingest.required', params: { field: key } });
    }
  }
  const region = r.region('region', 'any');
  const enterprise = r.str('enterprise');
  const record: Observation = defined({
    indicator: r.str('indicator') ?? '', labelZh: r.str('label_zh'), labelEn: r.str('label_en'), region: region?.code ?? NATION_CODE,
    link: r.str('link'), enterpriseId: enterprise, period: r.str('period') ?? '', value: r.num('value') ?? 0, unit: r.str('unit') ?? '',
    rankWithin: r.str('rank_within'), note: r.str('note'), ...sourced(r), extra: r.extra(),
  });
  return { record, ...(enterprise ? { ref: enterprise } : {}), issues: r.issues };
}

const BUILDERS: { [K in EntityKind]: (r: RowReader) => BuiltRecord<K> } = {
  enterprises: buildEnterprise,
  offerings: buildOffering,
  cases: buildCase,
  components: buildComponent,
  observations: buildObservation,
};

export function buildRecord<K extends EntityKind>(
  entity: K, cells: readonly string[], map: ColumnMap, where: IssueLocation, lookups: Lookups,
): BuiltRecord<K> {
  const built = BUILDERS[entity](new RowReader(cells, map, where, lookups));
  return built.issues.length > 0 ? { issues: built.issues } : built;
}

/** The key that makes two rows of an entity the same record (for duplicate checks within an import). */
export function recordKey<K extends EntityKind>(entity: K, record: EntityRecords[K][number]): string {
  switch (entity) {
    case 'enterprises': return (record as Enterprise).id;
    case 'offerings': { const o = record as Offering; return `${o.enterpriseId} · ${o.link} · ${o.product ?? ''}`; }
    case 'cases': return (record as Case).id;
    case 'components': { const c = record as Component; return `${c.caseId} · ${c.link} · ${c.supplierId ?? ''} · ${c.supplierName ?? ''}`; }
    default: { const o = record as Observation; return `${o.indicator} · ${o.region} · ${o.link ?? ''} · ${o.enterpriseId ?? ''} · ${o.period} · ${o.rankWithin ?? ''}`; }
  }
}

