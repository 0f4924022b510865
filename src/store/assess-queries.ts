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
 * The one pass over the offerings: each enterprise's confirmed framework links as
 * a bitmask (HUGEINT, 120 links per mask column), joined once to its
 * headquarters. Grouping those rows by (region, leader, masks) leaves a few
 * thousand rows from which the supplier counts per link and per segment
 * (distinct enterprises) and the offering co-occurrences all follow exactly.
 *
 * Temporary tables on this connection, dropped at the end:
 *   assess_links   framework link → segment, bit index
 *   assess_focus   the focus region codes
 *   assess_ent     one row per enterprise with a framework offering: region at the level, leader, link masks
 *   assess_k       one row per (case, link, supplier) of confirmed components, with customer and supplier regions
 *   assess_ids     the enterprises whose profiles are loaded
 * Only confirmed offerings and components count (NULL status = imported = confirmed; see review.ts).
 */
import type { Observation, Text } from '../model/index.js';
import type { Database, Row } from './database.js';
import { listObservations } from './queries.js';

/** Links per mask column (HUGEINT holds 127 bits). */
const MASK_BITS = 120;

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
  /** When given, filled with the milliseconds each step took (for the benchmark). */
  readonly timings?: Record<string, number>;
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

/** Appends rows to a temporary table (one column per cell; numbers go to INTEGER columns). */
async function fill(db: Database, table: string, rows: readonly (readonly (string | number)[])[]): Promise<void> {
  const appender = await db.connection.createAppender(table, 'main', 'temp');
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell === 'number') appender.appendInteger(cell);
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** The region code of a firm or customer at the level, as SQL over a province and a city column. */
function regionSql(level: 'province' | 'city', province: string, city: string): string {
  if (level === 'province') return province;
  return `coalesce(${city}, CASE WHEN ${province} IN (SELECT code FROM assess_city_like) THEN ${province} END)`;
}

/**
 * Counts from the components (demand, delivered, where suppliers are, origins), per link and per segment in one
 * pass each (GROUPING SETS: `g` is 0 for a link row, 1 for a segment row).
 */
async function componentCounts(db: Database): Promise<{ link: Omit<Counts, 'supply'>; segment: Omit<Counts, 'supply'> }> {
  const sets = (by: string) => `GROUP BY GROUPING SETS ((${by}, k.link), (${by}, l.segment))`;
  const unit = `CASE WHEN grouping(k.link) = 0 THEN k.link ELSE l.segment END AS unit, grouping(k.link) AS g`;
  const from = 'FROM assess_k k JOIN assess_links l ON l.link = k.link';
  const demand = await db.all(`SELECT k.customer AS region, ${unit}, count(DISTINCT k.case_id) AS n ${from} ${sets('k.customer')}`);
  const delivered = await db.all(`SELECT k.supplier_region AS region, ${unit}, count(DISTINCT k.case_id) AS n ${from}
    WHERE k.supplier_region IS NOT NULL ${sets('k.supplier_region')}`);
  const parts = await db.all(`SELECT k.customer AS region, ${unit},
      count(*) FILTER (WHERE k.customer IS NOT NULL AND k.supplier_region = k.customer) AS local,
      count(*) FILTER (WHERE k.customer IS NOT NULL AND k.supplier_region IS NOT NULL AND k.supplier_region <> k.customer) AS outside,
      count(*) FILTER (WHERE k.customer IS NULL OR k.supplier_region IS NULL) AS unknown,
      count(*) FILTER (WHERE k.origin = 'CN') AS domestic, count(*) FILTER (WHERE k.origin IS NOT NULL AND k.origin <> 'CN') AS foreign_,
      count(*) FILTER (WHERE k.origin IS NULL) AS unknown_origin
    ${from} ${sets('k.customer')}`);
  const split = (g: number): Omit<Counts, 'supply'> => {
    const mine = (rows: Row[]) => rows.filter((r) => num(r.g) === g);
    const origins = new Map<string, Origins>();
    for (const r of mine(parts)) {
      const u = String(r.unit);
      const o = origins.get(u) ?? { unit: u, domestic: 0, foreign: 0, unknown: 0 };
      origins.set(u, { unit: u, domestic: o.domestic + num(r.domestic), foreign: o.foreign + num(r.foreign_), unknown: o.unknown + num(r.unknown_origin) });
    }
    return {
      demand: mine(demand).map((r) => ({ ...withRegion(r.region), unit: String(r.unit), count: num(r.n) })),
      delivered: mine(delivered).map((r) => ({ ...withRegion(r.region), unit: String(r.unit), count: num(r.n) })),
      components: mine(parts).map((r) => ({ ...withRegion(r.region), unit: String(r.unit), local: num(r.local), outside: num(r.outside), unknown: num(r.unknown) })),
      origins: [...origins.values()],
    };
  };
  return { link: split(0), segment: split(1) };
}

/** The link indices set in a row's mask columns (Number arithmetic while a mask fits in 53 bits: BigInt loops are slow). */
function bitsOf(row: Row, chunks: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const raw = row[`m${c}`] as bigint | number | null | undefined;
    if (raw === null || raw === undefined) continue;
    const base = c * MASK_BITS;
    if (typeof raw === 'number' || raw <= MAX_SAFE) {
      let x = Number(raw);
      for (let bit = 0; x > 0; bit++) {
        if (x % 2 === 1) { out.push(base + bit); x -= 1; }
        x /= 2;
      }
      continue;
    }
    let mask = raw;
    for (let bit = 0; mask > 0n; mask >>= 1n, bit++) if (mask & 1n) out.push(base + bit);
  }
  return out;
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Supplier counts per link and per segment, and offering co-occurrence, from (region, leader, masks) groups. */
function supplyFromMasks(groups: readonly Row[], links: readonly { id: string; segment: string }[], chunks: number): { link: Supply[]; segment: Supply[]; pairs: Pair[] } {
  const cells = new Map<string, Supply>();
  const add = (region: string | undefined, unit: string, n: number, leader: boolean) => {
    const key = `${region ?? ''}\u0000${unit}`;
    const cell = cells.get(key) ?? { ...(region !== undefined ? { region } : {}), unit, count: 0, leaders: 0 };
    cells.set(key, { ...cell, count: cell.count + n, leaders: cell.leaders + (leader ? n : 0) });
  };
  const segmentCells = new Map<string, Supply>();
  const addSegment = (region: string | undefined, unit: string, n: number, leader: boolean) => {
    const key = `${region ?? ''}\u0000${unit}`;
    const cell = segmentCells.get(key) ?? { ...(region !== undefined ? { region } : {}), unit, count: 0, leaders: 0 };
    segmentCells.set(key, { ...cell, count: cell.count + n, leaders: cell.leaders + (leader ? n : 0) });
  };
  const pairs = new Map<string, number>();
  for (const row of groups) {
    const region = str(row.region);
    const n = num(row.n);
    const leader = row.leader === true;
    const bits = bitsOf(row, chunks).filter((b) => b < links.length);
    const segments = new Set<string>();
    for (const b of bits) {
      const link = links[b] as { id: string; segment: string };
      add(region, link.id, n, leader);
      segments.add(link.segment);
    }
    for (const segment of segments) addSegment(region, segment, n, leader);
    for (let i = 0; i < bits.length; i++) {
      for (let j = i + 1; j < bits.length; j++) {
        const a = (links[bits[i] as number] as { id: string }).id;
        const b = (links[bits[j] as number] as { id: string }).id;
        const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
        pairs.set(key, (pairs.get(key) ?? 0) + n);
      }
    }
  }
  return {
    link: [...cells.values()],
    segment: [...segmentCells.values()],
    pairs: [...pairs].map(([key, count]) => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { a, b, count };
    }),
  };
}

async function profiles(db: Database, level: 'province' | 'city', links: readonly { id: string }[], chunks: number, lap: (step: string) => void): Promise<StoredEnterpriseProfile[]> {
  const masks = Array.from({ length: chunks }, (_, c) => `m.m${c}`).join(', ');
  const people = await db.all(`SELECT e.id, e.name_zh, e.name_en, e.province, e.city, e.leader, e.origin_country, e.kind,
      ${regionSql(level, 'e.province', 'e.city')} AS region, ${masks}
    FROM assess_ids i JOIN enterprises e ON e.id = i.id LEFT JOIN assess_ent m ON m.id = i.id`);
  lap('profiles: names');
  const cases = await db.all(`SELECT supplier_id AS id, link, count(DISTINCT case_id) AS n FROM assess_k
    WHERE supplier_id IN (SELECT id FROM assess_ids) GROUP BY ALL`);
  const led = await db.all(`SELECT supplier_id AS id, count(DISTINCT case_id) AS n FROM assess_k
    WHERE role = 'lead_integrator' AND supplier_id IN (SELECT id FROM assess_ids) GROUP BY ALL`);
  // Partners that matter are the focus regions' enterprises (ties of a candidate to the region).
  const partners = await db.all(`SELECT a.supplier_id AS id, b.supplier_id AS partner, any_value(b.supplier_region) AS region, count(DISTINCT a.case_id) AS n
    FROM assess_k a JOIN assess_k b ON a.case_id = b.case_id AND b.supplier_id <> a.supplier_id
    WHERE a.supplier_id IN (SELECT id FROM assess_ids) AND b.supplier_region IN (SELECT code FROM assess_focus)
    GROUP BY ALL ORDER BY a.supplier_id, b.supplier_id`);
  lap('profiles: cases');
  const casesOf = new Map<string, Record<string, number>>();
  for (const r of cases) {
    const id = String(r.id);
    let mine = casesOf.get(id);
    if (!mine) casesOf.set(id, (mine = {}));
    mine[String(r.link)] = num(r.n);
  }
  const ledOf = new Map(led.map((r) => [String(r.id), num(r.n)]));
  const partnersOf = new Map<string, { id: string; region?: string; cases: number }[]>();
  for (const r of partners) {
    const id = String(r.id);
    let mine = partnersOf.get(id);
    if (!mine) partnersOf.set(id, (mine = []));
    mine.push({ id: String(r.partner), ...withRegion(r.region), cases: num(r.n) });
  }
  const linkIds = links.map((l) => l.id);
  const out: StoredEnterpriseProfile[] = new Array<StoredEnterpriseProfile>(people.length);
  people.forEach((r, i) => {
    const id = String(r.id);
    const nameZh = str(r.name_zh);
    const nameEn = str(r.name_en);
    // Built field by field: this runs for every enterprise of the focus region (tens of thousands at national scale).
    const profile: { -readonly [K in keyof StoredEnterpriseProfile]: StoredEnterpriseProfile[K] } = {
      id, name: { zh: nameZh ?? nameEn ?? id, en: nameEn ?? nameZh ?? id }, leader: r.leader === true, links: [], casesByLink: {}, casesLed: 0, partners: [],
    };
    const region = str(r.region);
    if (region !== undefined) profile.region = region;
    const province = str(r.province);
    if (province !== undefined) profile.province = province;
    const city = str(r.city);
    if (city !== undefined) profile.city = city;
    const origin = str(r.origin_country);
    if (origin !== undefined) profile.originCountry = origin;
    const kind = str(r.kind);
    if (kind !== undefined) profile.kind = kind;
    const bits = bitsOf(r, chunks);
    const mine: string[] = [];
    for (const b of bits) if (b < linkIds.length) mine.push(linkIds[b] as string);
    profile.links = mine.sort();
    profile.casesByLink = casesOf.get(id) ?? {};
    profile.casesLed = ledOf.get(id) ?? 0;
    profile.partners = partnersOf.get(id) ?? [];
    out[i] = profile;
  });
  return out;
}

/** SQL testing whether enterprise alias `e` offers link alias `l` (by the masks). */
function offers(chunks: number, e: string, l: string): string {
  if (chunks === 1) return `((${e}.m0 >> (${l}.idx % ${MASK_BITS})) & 1) = 1`;
  const pick = Array.from({ length: chunks }, (_, c) => `WHEN ${c} THEN ${e}.m${c}`).join(' ');
  return `(((CASE ${l}.idx // ${MASK_BITS} ${pick} END) >> (${l}.idx % ${MASK_BITS})) & 1) = 1`;
}

/**
 * The outside candidates for the focus regions' links: per (focus region, link),
 * the first `pool` by leader flag, then cases on the link, then id — leaders and
 * case-proven suppliers are ranked in SQL; a link with fewer such candidates is
 * topped up by id. Plus every outside supplier that has delivered a case
 * together with a focus enterprise on a pool link (ties).
 */
async function selectCandidates(db: Database, chunks: number, pool: number): Promise<void> {
  const k = Math.max(1, Math.floor(pool));
  await db.run(`CREATE OR REPLACE TEMP TABLE assess_candidates AS
    WITH on_link AS (SELECT supplier_id AS id, link, count(DISTINCT case_id) AS n FROM assess_k WHERE supplier_id IS NOT NULL GROUP BY ALL),
    strong AS (
      SELECT f.code, e.id, l.link, e.leader, coalesce(c.n, 0) AS n
      FROM assess_ent e JOIN assess_pool_links p ON true JOIN assess_links l ON l.link = p.link CROSS JOIN assess_focus f
      LEFT JOIN on_link c ON c.id = e.id AND c.link = l.link
      WHERE e.leader AND e.region IS DISTINCT FROM f.code AND ${offers(chunks, 'e', 'l')}
      UNION
      SELECT f.code, e.id, l.link, e.leader, c.n
      FROM on_link c JOIN assess_ent e ON e.id = c.id JOIN assess_links l ON l.link = c.link JOIN assess_pool_links p ON p.link = c.link
      CROSS JOIN assess_focus f
      WHERE e.region IS DISTINCT FROM f.code AND ${offers(chunks, 'e', 'l')})
    SELECT code, id, link FROM strong QUALIFY row_number() OVER (PARTITION BY code, link ORDER BY leader DESC, n DESC, id) <= ${k}`);
  const short = await db.all(`SELECT f.code, p.link, l.idx, (SELECT count(*) FROM assess_candidates c WHERE c.code = f.code AND c.link = p.link) AS n
    FROM assess_focus f CROSS JOIN assess_pool_links p JOIN assess_links l ON l.link = p.link`);
  for (const row of short) {
    const missing = k - num(row.n);
    if (missing <= 0) continue;
    await db.run(`INSERT INTO assess_candidates
      SELECT $code, e.id, $link FROM assess_ent e, (SELECT $idx::INTEGER AS idx) l
      WHERE ${offers(chunks, 'e', 'l')} AND e.region IS DISTINCT FROM $code
        AND e.id NOT IN (SELECT id FROM assess_candidates WHERE code = $code AND link = $link)
      ORDER BY e.id LIMIT ${missing}`, { code: String(row.code), link: String(row.link), idx: num(row.idx) });
  }
  await db.run(`INSERT INTO assess_ids SELECT id FROM assess_candidates
    UNION SELECT a.supplier_id FROM assess_k a JOIN assess_k b ON a.case_id = b.case_id
      WHERE b.supplier_region IN (SELECT code FROM assess_focus) AND a.supplier_id IS NOT NULL
        AND a.supplier_region IS DISTINCT FROM b.supplier_region AND a.link IN (SELECT link FROM assess_pool_links)`);
}

/**
 * Everything the assessment needs, in one pass over the tables. See the module
 * docblock for the temporary tables; the profile queries run on the few ids named.
 */
const loading = new WeakMap<Database, Promise<unknown>>();

/**
 * The counts an assessment runs on. Loads build temp tables on the database's one
 * connection, so two at once would overwrite each other's: they queue, one at a
 * time per database (a server answering several regions at once).
 */
export function loadAssessmentData(db: Database, options: AssessQueryOptions): Promise<AssessmentData> {
  const previous = loading.get(db) ?? Promise.resolve();
  const next = previous.then(() => loadAssessmentDataNow(db, options));
  loading.set(db, next.catch(() => undefined));
  return next;
}

async function loadAssessmentDataNow(db: Database, options: AssessQueryOptions): Promise<AssessmentData> {
  const { level } = options;
  let clock = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    if (options.timings) options.timings[step] = (options.timings[step] ?? 0) + (now - clock);
    clock = now;
  };
  const chunks = Math.max(1, Math.ceil(options.links.length / MASK_BITS));
  const tables = ['assess_ent', 'assess_k', 'assess_ids', 'assess_candidates', 'assess_pool_links', 'assess_links', 'assess_city_like', 'assess_focus'];
  await db.run('CREATE OR REPLACE TEMP TABLE assess_links (link VARCHAR, segment VARCHAR, idx INTEGER)');
  await fill(db, 'assess_links', options.links.map((l, i) => [l.id, l.segment, i]));
  await db.run('CREATE OR REPLACE TEMP TABLE assess_city_like (code VARCHAR)');
  await fill(db, 'assess_city_like', options.cityLikeProvinces.map((c) => [c]));
  await db.run('CREATE OR REPLACE TEMP TABLE assess_focus (code VARCHAR)');
  await fill(db, 'assess_focus', options.focus.map((c) => [c]));
  await db.run('CREATE OR REPLACE TEMP TABLE assess_pool_links (link VARCHAR)');
  await fill(db, 'assess_pool_links', (options.poolLinks ?? options.links.map((l) => l.id)).map((l) => [l]));
  try {
    const maskColumns = Array.from({ length: chunks }, (_, c) =>
      `bit_or(CASE WHEN l.idx // ${MASK_BITS} = ${c} THEN 1::HUGEINT << (l.idx % ${MASK_BITS}) ELSE 0::HUGEINT END) AS m${c}`).join(', ');
    const maskNames = Array.from({ length: chunks }, (_, c) => `m.m${c}`).join(', ');
    await db.run(`CREATE OR REPLACE TEMP TABLE assess_ent AS
      SELECT m.id, ${regionSql(level, 'e.province', 'e.city')} AS region, coalesce(e.leader, false) AS leader, ${maskNames}
      FROM (SELECT o.enterprise_id AS id, ${maskColumns} FROM offerings o JOIN assess_links l ON l.link = o.link
            WHERE ${confirmed('o')} GROUP BY o.enterprise_id) m
      JOIN enterprises e ON e.id = m.id`);
    lap('offerings');
    const groups = await db.all(`SELECT region, leader, ${Array.from({ length: chunks }, (_, c) => `m${c}`).join(', ')}, count(*) AS n FROM assess_ent GROUP BY ALL`);
    const supply = supplyFromMasks(groups, options.links, chunks);
    lap('supply');
    // One row per (case, link, supplier): a supplier named twice on a link counts once, as lead if either says so.
    await db.run(`CREATE OR REPLACE TEMP TABLE assess_k AS
      WITH k AS (
        SELECT case_id, link, supplier_id, CASE WHEN bool_or(role = 'lead_integrator') THEN 'lead_integrator' ELSE 'component_supplier' END AS role
        FROM components WHERE ${confirmed('components')} AND link IN (SELECT link FROM assess_links) GROUP BY case_id, link, supplier_id)
      SELECT k.case_id, k.link, k.supplier_id, k.role,
        ${regionSql(level, 'c.customer_province', 'c.customer_city')} AS customer,
        ${regionSql(level, 'e.province', 'e.city')} AS supplier_region, e.origin_country AS origin
      FROM k JOIN cases c ON c.id = k.case_id LEFT JOIN enterprises e ON e.id = k.supplier_id`);
    lap('components');
    const dropped = await db.one(`SELECT
        (SELECT count(*) FROM offerings o WHERE ${confirmed('o')} AND o.link NOT IN (SELECT link FROM assess_links))
      + (SELECT count(*) FROM components k WHERE ${confirmed('k')} AND k.link NOT IN (SELECT link FROM assess_links)) AS n`);
    const parts = await componentCounts(db);
    const casePairs = await db.all(`WITH cl AS (SELECT DISTINCT case_id, link FROM assess_k)
      SELECT a.link AS a, b.link AS b, count(*) AS n FROM cl a JOIN cl b ON a.case_id = b.case_id AND a.link < b.link GROUP BY ALL`);
    lap('case counts');

    // The enterprises named: the focus regions' suppliers, outside candidates per (focus region, link), scenario subjects.
    await db.run('CREATE OR REPLACE TEMP TABLE assess_ids (id VARCHAR)');
    if (options.focus.length > 0) {
      await db.run(`INSERT INTO assess_ids
        SELECT id FROM assess_ent WHERE region IN (SELECT code FROM assess_focus)
        UNION SELECT supplier_id FROM assess_k WHERE supplier_region IN (SELECT code FROM assess_focus) AND supplier_id IS NOT NULL`);
      await selectCandidates(db, chunks, options.pool);
    }
    if (options.enterprises && options.enterprises.length > 0) await fill(db, 'assess_ids', options.enterprises.map((id) => [id]));
    await db.run('CREATE OR REPLACE TEMP TABLE assess_ids AS SELECT DISTINCT id FROM assess_ids');
    lap('named enterprises');
    const enterprises = await profiles(db, level, options.links, chunks, lap);
    lap('profiles: build');

    const caseRows = await db.all(`SELECT c.id, c.title_zh, c.title_en, k.customer, list(DISTINCT k.link ORDER BY k.link) AS links
      FROM assess_k k JOIN cases c ON c.id = k.case_id WHERE k.customer IN (SELECT code FROM assess_focus) GROUP BY ALL ORDER BY c.id`);
    const observations = (await listObservations(db, { limit: 10_000_000 })).items;
    lap('cases and observations');

    const pairs = (rows: Row[]) => rows.map((r) => ({ a: String(r.a), b: String(r.b), count: num(r.n) }));
    return {
      level,
      links: { supply: supply.link, ...parts.link },
      segments: { supply: supply.segment, ...parts.segment },
      cooccurrence: { cases: pairs(casePairs), offerings: supply.pairs },
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
    for (const table of tables) await db.run(`DROP TABLE IF EXISTS temp.${table}`);
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
