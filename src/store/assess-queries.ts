/**
 * The rows the assessment reads, aggregated in SQL where that is the obvious
 * thing: at a million enterprises the counts per (region, link) and the link
 * co-occurrences are GROUP BYs; JavaScript gets a few thousand rows, plus the
 * profiles of the enterprises the assessment names (the focus regions'
 * suppliers, the outside candidates for each link, scenario subjects).
 *
 * The result has the shape of src/assess's `AssessmentInput` (structurally; the
 * store may not import assess). `aggregateRows` in src/assess computes the same
 * from plain rows; a test holds the two to each other.
 *
 * Work in temporary tables on this connection (`assess_*`), dropped at the end:
 *   assess_links   framework link → segment
 *   assess_focus   the focus region codes
 *   assess_sl      distinct (enterprise, link) of confirmed offerings, with the region at the level
 *   assess_k       distinct (case, link, supplier) of confirmed components, with customer and supplier regions
 * Only confirmed offerings and components count (NULL status = imported = confirmed; see review.ts).
 */
import type { Observation, Text } from '../model/index.js';
import type { Database, Row } from './database.js';
import { listObservations } from './queries.js';

export interface AssessQueryOptions {
  readonly level: 'province' | 'city';
  /** Framework links with their segments; offerings and components on other links are left out (and counted). */
  readonly links: readonly { readonly id: string; readonly segment: string }[];
  /** Province codes that stand for their own city at city level (municipalities, SARs). */
  readonly cityLikeProvinces: readonly string[];
  /** Region codes (at the level) whose suppliers, cases and outside candidates are loaded. */
  readonly focus: readonly string[];
  /** Outside candidates per link and focus region, preselected by leader flag and national cases. */
  readonly pool: number;
  /** Only these links get candidates (default: all). */
  readonly poolLinks?: readonly string[];
  /** Enterprises to load whatever else (scenario subjects), by id. */
  readonly enterprises?: readonly string[];
}

interface Cell { region?: string; unit: string; count: number }
interface Supply extends Cell { leaders: number }
interface Parts { region?: string; unit: string; local: number; outside: number; unknown: number }
interface Origins { unit: string; domestic: number; foreign: number; unknown: number }
interface Pair { a: string; b: string; count: number }
interface Counts { supply: Supply[]; demand: Cell[]; delivered: Cell[]; components: Parts[]; origins: Origins[] }

export interface StoredEnterpriseProfile {
  readonly id: string;
  readonly name: Text;
  readonly region?: string;
  readonly province?: string;
  readonly city?: string;
  readonly leader: boolean;
  readonly originCountry?: string;
  readonly kind?: string;
  readonly links: readonly string[];
  readonly casesByLink: Readonly<Record<string, number>>;
  readonly casesLed: number;
  readonly partners: readonly { readonly id: string; readonly region?: string; readonly cases: number }[];
}

export interface AssessmentData {
  readonly level: 'province' | 'city';
  readonly links: Counts;
  readonly segments: Counts;
  readonly cooccurrence: { readonly cases: Pair[]; readonly offerings: Pair[] };
  readonly observations: Observation[];
  readonly enterprises: StoredEnterpriseProfile[];
  readonly cases: { id: string; title: Text; region?: string; links: string[] }[];
  readonly droppedRows: number;
}

const confirmed = (alias: string) => `coalesce(${alias}.status, 'confirmed') = 'confirmed'`;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => Number(v ?? 0);
const withRegion = (v: unknown) => (typeof v === 'string' ? { region: v } : {});

/** Appends rows of strings to a temporary table (one column per cell). */
async function fill(db: Database, table: string, rows: readonly (readonly string[])[]): Promise<void> {
  const appender = await db.connection.createAppender(table, 'main', 'temp');
  for (const row of rows) {
    for (const cell of row) appender.appendVarchar(cell);
    appender.endRow();
  }
  appender.closeSync();
}

/** The region code of a firm or customer at the level, as SQL over a province and a city column. */
function regionSql(level: 'province' | 'city', province: string, city: string): string {
  if (level === 'province') return province;
  return `coalesce(${city}, CASE WHEN ${province} IN (SELECT code FROM assess_city_like) THEN ${province} END)`;
}

async function counts(db: Database, unit: 'link' | 'segment'): Promise<Counts> {
  const join = unit === 'segment' ? 'JOIN assess_links USING (link)' : '';
  const col = unit === 'segment' ? 'segment' : 'link';
  const supply = unit === 'link'
    ? await db.all(`SELECT region, link AS unit, count(*) AS n, count(*) FILTER (WHERE leader) AS leaders FROM assess_sl GROUP BY ALL`)
    : await db.all(`SELECT region, segment AS unit, count(*) AS n, count(*) FILTER (WHERE leader) AS leaders
        FROM (SELECT DISTINCT s.id, s.region, s.leader, l.segment FROM assess_sl s JOIN assess_links l USING (link)) GROUP BY ALL`);
  const demand = await db.all(`SELECT customer AS region, ${col} AS unit, count(DISTINCT case_id) AS n FROM assess_k ${join} GROUP BY ALL`);
  const delivered = await db.all(`SELECT supplier_region AS region, ${col} AS unit, count(DISTINCT case_id) AS n FROM assess_k ${join}
    WHERE supplier_region IS NOT NULL GROUP BY ALL`);
  const parts = await db.all(`SELECT customer AS region, ${col} AS unit,
      count(*) FILTER (WHERE customer IS NOT NULL AND supplier_region = customer) AS local,
      count(*) FILTER (WHERE customer IS NOT NULL AND supplier_region IS NOT NULL AND supplier_region <> customer) AS outside,
      count(*) FILTER (WHERE customer IS NULL OR supplier_region IS NULL) AS unknown,
      count(*) FILTER (WHERE origin = 'CN') AS domestic, count(*) FILTER (WHERE origin IS NOT NULL AND origin <> 'CN') AS foreign_,
      count(*) FILTER (WHERE origin IS NULL) AS unknown_origin
    FROM assess_k ${join} GROUP BY ALL`);
  const origins = new Map<string, Origins>();
  for (const r of parts) {
    const u = String(r.unit);
    const o = origins.get(u) ?? { unit: u, domestic: 0, foreign: 0, unknown: 0 };
    origins.set(u, { unit: u, domestic: o.domestic + num(r.domestic), foreign: o.foreign + num(r.foreign_), unknown: o.unknown + num(r.unknown_origin) });
  }
  return {
    supply: supply.map((r) => ({ ...withRegion(r.region), unit: String(r.unit), count: num(r.n), leaders: num(r.leaders) })),
    demand: demand.map((r) => ({ ...withRegion(r.region), unit: String(r.unit), count: num(r.n) })),
    delivered: delivered.map((r) => ({ ...withRegion(r.region), unit: String(r.unit), count: num(r.n) })),
    components: parts.map((r) => ({ ...withRegion(r.region), unit: String(r.unit), local: num(r.local), outside: num(r.outside), unknown: num(r.unknown) })),
    origins: [...origins.values()],
  };
}

async function profiles(db: Database, level: 'province' | 'city'): Promise<StoredEnterpriseProfile[]> {
  const people = await db.all(`SELECT e.id, e.name_zh, e.name_en, e.province, e.city, e.leader, e.origin_country, e.kind,
      ${regionSql(level, 'e.province', 'e.city')} AS region
    FROM assess_ids i JOIN enterprises e ON e.id = i.id ORDER BY e.id`);
  const links = await db.all(`SELECT id, link FROM assess_sl WHERE id IN (SELECT id FROM assess_ids) ORDER BY id, link`);
  const cases = await db.all(`SELECT supplier_id AS id, link, count(DISTINCT case_id) AS n FROM assess_k
    WHERE supplier_id IN (SELECT id FROM assess_ids) GROUP BY ALL`);
  const led = await db.all(`SELECT supplier_id AS id, count(DISTINCT case_id) AS n FROM assess_k
    WHERE role = 'lead_integrator' AND supplier_id IN (SELECT id FROM assess_ids) GROUP BY ALL`);
  // Partners that matter are the focus regions' enterprises (ties of a candidate to the region).
  const partners = await db.all(`SELECT a.supplier_id AS id, b.supplier_id AS partner, any_value(b.supplier_region) AS region, count(DISTINCT a.case_id) AS n
    FROM assess_k a JOIN assess_k b ON a.case_id = b.case_id AND b.supplier_id <> a.supplier_id
    WHERE a.supplier_id IN (SELECT id FROM assess_ids) AND b.supplier_region IN (SELECT code FROM assess_focus)
    GROUP BY ALL ORDER BY a.supplier_id, b.supplier_id`);
  const linksOf = new Map<string, string[]>();
  for (const r of links) linksOf.set(String(r.id), [...(linksOf.get(String(r.id)) ?? []), String(r.link)]);
  const casesOf = new Map<string, Record<string, number>>();
  for (const r of cases) casesOf.set(String(r.id), { ...(casesOf.get(String(r.id)) ?? {}), [String(r.link)]: num(r.n) });
  const ledOf = new Map(led.map((r) => [String(r.id), num(r.n)]));
  const partnersOf = new Map<string, { id: string; region?: string; cases: number }[]>();
  for (const r of partners) {
    partnersOf.set(String(r.id), [...(partnersOf.get(String(r.id)) ?? []), { id: String(r.partner), ...withRegion(r.region), cases: num(r.n) }]);
  }
  return people.map((r) => {
    const id = String(r.id);
    const nameZh = str(r.name_zh);
    const nameEn = str(r.name_en);
    const province = str(r.province);
    const city = str(r.city);
    const origin = str(r.origin_country);
    const kind = str(r.kind);
    const where = str(r.region);
    return {
      id, name: { zh: nameZh ?? nameEn ?? id, en: nameEn ?? nameZh ?? id }, ...(where !== undefined ? { region: where } : {}),
      ...(province !== undefined ? { province } : {}), ...(city !== undefined ? { city } : {}), leader: r.leader === true,
      ...(origin !== undefined ? { originCountry: origin } : {}), ...(kind !== undefined ? { kind } : {}),
      links: linksOf.get(id) ?? [], casesByLink: casesOf.get(id) ?? {}, casesLed: ledOf.get(id) ?? 0, partners: partnersOf.get(id) ?? [],
    };
  });
}

/**
 * Everything the assessment needs, in one pass over the tables. See the module
 * docblock for the temporary tables; the profile queries run on the few ids named.
 */
export async function loadAssessmentData(db: Database, options: AssessQueryOptions): Promise<AssessmentData> {
  const { level } = options;
  await db.run('CREATE OR REPLACE TEMP TABLE assess_links (link VARCHAR, segment VARCHAR)');
  await fill(db, 'assess_links', options.links.map((l) => [l.id, l.segment]));
  await db.run('CREATE OR REPLACE TEMP TABLE assess_city_like (code VARCHAR)');
  await fill(db, 'assess_city_like', options.cityLikeProvinces.map((c) => [c]));
  await db.run('CREATE OR REPLACE TEMP TABLE assess_focus (code VARCHAR)');
  await fill(db, 'assess_focus', options.focus.map((c) => [c]));
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE assess_sl AS
      SELECT o.enterprise_id AS id, o.link, ${regionSql(level, 'e.province', 'e.city')} AS region, coalesce(any_value(e.leader), false) AS leader
      FROM offerings o JOIN enterprises e ON e.id = o.enterprise_id
      WHERE ${confirmed('o')} AND o.link IN (SELECT link FROM assess_links)
      GROUP BY o.enterprise_id, o.link, e.province, e.city`);
    // One row per (case, link, supplier): a supplier named twice on a link counts once, as lead if either says so.
    await db.run(`CREATE OR REPLACE TEMP TABLE assess_k AS
      SELECT k.case_id, k.link, k.supplier_id,
        CASE WHEN bool_or(k.role = 'lead_integrator') THEN 'lead_integrator' ELSE 'component_supplier' END AS role,
        ${regionSql(level, 'c.customer_province', 'c.customer_city')} AS customer,
        ${regionSql(level, 'e.province', 'e.city')} AS supplier_region, e.origin_country AS origin
      FROM components k JOIN cases c ON c.id = k.case_id LEFT JOIN enterprises e ON e.id = k.supplier_id
      WHERE ${confirmed('k')} AND k.link IN (SELECT link FROM assess_links)
      GROUP BY k.case_id, k.link, k.supplier_id, c.customer_province, c.customer_city, e.province, e.city, e.origin_country`);
    const dropped = await db.one(`SELECT
        (SELECT count(*) FROM offerings o WHERE ${confirmed('o')} AND o.link NOT IN (SELECT link FROM assess_links))
      + (SELECT count(*) FROM components k WHERE ${confirmed('k')} AND k.link NOT IN (SELECT link FROM assess_links)) AS n`);

    const links = await counts(db, 'link');
    const segments = await counts(db, 'segment');
    const offeringPairs = await db.all(`SELECT a.link AS a, b.link AS b, count(*) AS n FROM assess_sl a JOIN assess_sl b ON a.id = b.id AND a.link < b.link GROUP BY ALL`);
    const casePairs = await db.all(`WITH cl AS (SELECT DISTINCT case_id, link FROM assess_k)
      SELECT a.link AS a, b.link AS b, count(*) AS n FROM cl a JOIN cl b ON a.case_id = b.case_id AND a.link < b.link GROUP BY ALL`);

    // The enterprises named: the focus regions' suppliers, outside candidates per (focus region, link), scenario subjects.
    await db.run('CREATE OR REPLACE TEMP TABLE assess_ids (id VARCHAR)');
    await db.run('CREATE OR REPLACE TEMP TABLE assess_pool_links (link VARCHAR)');
    await fill(db, 'assess_pool_links', (options.poolLinks ?? options.links.map((l) => l.id)).map((l) => [l]));
    if (options.focus.length > 0) {
      await db.run(`INSERT INTO assess_ids
        SELECT id FROM assess_sl WHERE region IN (SELECT code FROM assess_focus)
        UNION SELECT supplier_id FROM assess_k WHERE supplier_region IN (SELECT code FROM assess_focus) AND supplier_id IS NOT NULL`);
      await db.run(`INSERT INTO assess_ids
        WITH on_link AS (SELECT supplier_id AS id, link, count(DISTINCT case_id) AS n FROM assess_k WHERE supplier_id IS NOT NULL GROUP BY ALL),
        candidates AS (
          SELECT f.code, s.id, s.link, s.leader, coalesce(c.n, 0) AS n
          FROM assess_sl s JOIN assess_pool_links p ON p.link = s.link CROSS JOIN assess_focus f
          LEFT JOIN on_link c ON c.id = s.id AND c.link = s.link
          WHERE s.region IS DISTINCT FROM f.code)
        SELECT id FROM candidates QUALIFY row_number() OVER (PARTITION BY code, link ORDER BY leader DESC, n DESC, id) <= ${Math.max(1, Math.floor(options.pool))}
        UNION SELECT a.supplier_id FROM assess_k a JOIN assess_k b ON a.case_id = b.case_id
          WHERE b.supplier_region IN (SELECT code FROM assess_focus) AND a.supplier_id IS NOT NULL
            AND a.supplier_region IS DISTINCT FROM b.supplier_region AND a.link IN (SELECT link FROM assess_pool_links)`);
    }
    if (options.enterprises && options.enterprises.length > 0) await fill(db, 'assess_ids', options.enterprises.map((id) => [id]));
    await db.run('CREATE OR REPLACE TEMP TABLE assess_ids AS SELECT DISTINCT id FROM assess_ids');
    const enterprises = await profiles(db, level);

    const caseRows = await db.all(`SELECT c.id, c.title_zh, c.title_en, k.customer, list(DISTINCT k.link ORDER BY k.link) AS links
      FROM assess_k k JOIN cases c ON c.id = k.case_id WHERE k.customer IN (SELECT code FROM assess_focus) GROUP BY ALL ORDER BY c.id`);
    const observations = (await listObservations(db, { limit: 10_000_000 })).items;

    const pairs = (rows: Row[]) => rows.map((r) => ({ a: String(r.a), b: String(r.b), count: num(r.n) }));
    return {
      level, links, segments,
      cooccurrence: { cases: pairs(casePairs), offerings: pairs(offeringPairs) },
      observations,
      enterprises,
      cases: caseRows.map((r) => {
        const id = String(r.id);
        const zh = str(r.title_zh);
        const en = str(r.title_en);
        return { id, title: { zh: zh ?? en ?? id, en: en ?? zh ?? id }, ...withRegion(r.customer), links: (r.links as unknown[]).map(String) };
      }),
      droppedRows: num(dropped?.n),
    };
  } finally {
    for (const table of ['assess_sl', 'assess_k', 'assess_ids', 'assess_pool_links', 'assess_links', 'assess_city_like', 'assess_focus']) {
      await db.run(`DROP TABLE IF EXISTS temp.${table}`);
    }
  }
}

/** Enterprise ids for what a person typed: an id (or a merged id), or an exact name or alias. Unknown texts are left out. */
export async function findEnterpriseIds(db: Database, texts: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const text of texts) {
    const row = await db.one(`SELECT id FROM enterprises
      WHERE id = $t OR id = (SELECT into_id FROM enterprise_merges WHERE merged_id = $t)
         OR name_zh = $t OR name_en = $t OR list_contains(from_json(coalesce(aliases, '[]'), '["VARCHAR"]'), $t)
      ORDER BY id = $t DESC, id LIMIT 1`, { t: text });
    if (row) found.set(text, String(row.id));
  }
  return found;
}
