/**
 * What the assessment reads: counts per (region, unit) — a unit is a link or a
 * segment — co-occurrence counts of links, observations and the profiles of the
 * enterprises it names (the focus region's suppliers and the outside candidates
 * for its gaps). The store computes these with GROUP BY over the whole national
 * universe (src/store/assess-queries.ts); `aggregateRows` computes the very same
 * from plain rows, for small data and as the reference the store is tested against.
 *
 * Conventions: `region` is the code at the assessed level (a province, or a city —
 * municipalities stand for their own city), `undefined` when the headquarters (or
 * the customer) is not known at that level. Rows may repeat a cell: counts add up
 * (that is how scenarios add hypothetical suppliers).
 */
import type { StoredEnterpriseProfile } from '../store/index.js';
import type { Framework, Observation, Text } from '../model/index.js';
import type { AssessLevel } from './region-universe.js';
import { regionKey } from './region-universe.js';

export interface CellCount {
  readonly region?: string;
  /** A link id, or a segment id in the segment counts. */
  readonly unit: string;
  readonly count: number;
}

export interface SupplyCount extends CellCount {
  /** Of `count`, the enterprises with the leader flag. */
  readonly leaders: number;
}

/** Components of the region's cases on the unit, by where their supplier is. `region` is the customer's. */
export interface ComponentCount {
  readonly region?: string;
  readonly unit: string;
  /** Supplier headquartered in the customer's region. */
  readonly local: number;
  /** Supplier headquartered in another region. */
  readonly outside: number;
  /** Supplier not named, not matched to an enterprise, or of unknown headquarters; never counted as local. */
  readonly unknown: number;
}

/** Components on the unit nationwide by their supplier's origin country. */
export interface OriginCount {
  readonly unit: string;
  /** Supplier of origin CN. */
  readonly domestic: number;
  readonly foreign: number;
  /** No supplier, or no origin country. */
  readonly unknown: number;
}

/** Co-occurrence of two links (a < b) in the same case or the same enterprise's offerings. */
export interface PairCount {
  readonly a: string;
  readonly b: string;
  readonly count: number;
}

export interface UnitCounts {
  /** Distinct enterprises on the unit, by headquarters region. */
  readonly supply: readonly SupplyCount[];
  /** Distinct cases needing the unit, by customer region (undefined: customer region unknown). */
  readonly demand: readonly CellCount[];
  /** Distinct cases anywhere with a component on the unit supplied by an enterprise of the region. */
  readonly delivered: readonly CellCount[];
  readonly components: readonly ComponentCount[];
  readonly origins: readonly OriginCount[];
}

/** An enterprise as the assessment sees it (loaded by the store), or one a scenario adds. */
export interface EnterpriseProfile extends StoredEnterpriseProfile {
  /** Added by a scenario, not stored. */
  readonly hypothetical?: boolean;
}

/** A case as evidence: its title, customer region and the links it needs. */
export interface CaseProfile {
  readonly id: string;
  readonly title: Text;
  /** Customer region at the assessed level. */
  readonly region?: string;
  readonly links: readonly string[];
}

export interface AssessmentInput {
  readonly level: AssessLevel;
  readonly links: UnitCounts;
  readonly segments: UnitCounts;
  readonly cooccurrence: {
    /** Cases needing both links. */
    readonly cases: readonly PairCount[];
    /** Enterprises offering both links. */
    readonly offerings: readonly PairCount[];
  };
  readonly observations: readonly Observation[];
  /** The enterprises the assessment names: the focus regions' suppliers, outside candidates, scenario subjects. */
  readonly enterprises: readonly EnterpriseProfile[];
  /** Cases cited as evidence: at least those of the focus regions' customers. */
  readonly cases: readonly CaseProfile[];
  /** Records on links not in the framework, left out. */
  readonly droppedRows: number;
}

// ── plain rows, and the reference aggregation ─────────────────────────────

export interface SupplierRow {
  readonly enterpriseId: string;
  readonly link: string;
  readonly province?: string;
  readonly city?: string;
  readonly leader: boolean;
}

export interface ComponentRow {
  readonly caseId: string;
  readonly link: string;
  readonly customerProvince?: string;
  readonly customerCity?: string;
  /** The matched enterprise; absent when the supplier is unnamed or unmatched. */
  readonly supplierId?: string;
  readonly role?: 'lead_integrator' | 'component_supplier';
}

export interface EnterpriseRow {
  readonly id: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly province?: string;
  readonly city?: string;
  readonly leader: boolean;
  readonly originCountry?: string;
  readonly kind?: string;
}

export interface CaseRow {
  readonly id: string;
  readonly titleZh?: string;
  readonly titleEn?: string;
}

export interface AssessmentRows {
  readonly suppliers: readonly SupplierRow[];
  /** Case titles (optional: a case without a row is cited by its id). */
  readonly cases?: readonly CaseRow[];
  readonly components: readonly ComponentRow[];
  readonly enterprises: readonly EnterpriseRow[];
  readonly observations: readonly Observation[];
}

class Counter {
  readonly cells = new Map<string, { region?: string; unit: string; values: number[] }>();
  constructor(private readonly width: number) {}
  add(region: string | undefined, unit: string, index: number, by = 1): void {
    const key = `${region ?? ''}\u0000${unit}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { ...(region !== undefined ? { region } : {}), unit, values: new Array<number>(this.width).fill(0) };
      this.cells.set(key, cell);
    }
    cell.values[index] = (cell.values[index] ?? 0) + by;
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function pairs(groups: Iterable<ReadonlySet<string>>): PairCount[] {
  const counts = new Map<string, number>();
  for (const links of groups) {
    const sorted = [...links].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const key = pairKey(sorted[i] as string, sorted[j] as string);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([key, count]) => {
    const [a, b] = key.split('\u0000') as [string, string];
    return { a, b, count };
  });
}

function groupSets<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of items) {
    const k = key(item);
    let set = out.get(k);
    if (!set) out.set(k, (set = new Set()));
    set.add(value(item));
  }
  return out;
}

/**
 * The reference aggregation: the same counts the store makes in SQL, from plain
 * rows. Rows on links outside the framework are dropped and counted.
 */
export function aggregateRows(framework: Framework, level: AssessLevel, rows: AssessmentRows): AssessmentInput {
  const segmentOf = new Map(framework.links.map((l) => [l.id, l.segment]));
  const byId = new Map(rows.enterprises.map((e) => [e.id, e]));
  const where = (e: EnterpriseRow | undefined) => (e ? regionKey(level, e.province, e.city) : undefined);
  let dropped = 0;

  // Distinct (enterprise, link) pairs on framework links.
  const supplierPairs = new Map<string, SupplierRow>();
  for (const s of rows.suppliers) {
    if (!segmentOf.has(s.link)) { dropped++; continue; }
    supplierPairs.set(`${s.enterpriseId}\u0000${s.link}`, s);
  }
  const components = rows.components.filter((c) => {
    if (segmentOf.has(c.link)) return true;
    dropped++;
    return false;
  });

  const build = (unitOf: (link: string) => string): UnitCounts => {
    const supply = new Counter(2);
    const seenSupply = new Set<string>();
    for (const s of supplierPairs.values()) {
      const unit = unitOf(s.link);
      const key = `${s.enterpriseId}\u0000${unit}`;
      if (seenSupply.has(key)) continue;
      seenSupply.add(key);
      const region = regionKey(level, s.province, s.city);
      supply.add(region, unit, 0);
      if (s.leader) supply.add(region, unit, 1);
    }
    const demand = new Counter(1);
    const seenDemand = new Set<string>();
    const delivered = new Counter(1);
    const seenDelivered = new Set<string>();
    const parts = new Counter(3);
    const origins = new Map<string, [number, number, number]>();
    const seenComponent = new Set<string>();
    for (const c of components) {
      const unit = unitOf(c.link);
      const customer = regionKey(level, c.customerProvince, c.customerCity);
      const demandKey = `${c.caseId}\u0000${unit}`;
      if (!seenDemand.has(demandKey)) {
        seenDemand.add(demandKey);
        demand.add(customer, unit, 0);
      }
      // A component is one (case, link, supplier); a segment sums its links' components.
      const componentKey = `${c.caseId}\u0000${c.link}\u0000${c.supplierId ?? ''}`;
      if (seenComponent.has(componentKey)) continue;
      seenComponent.add(componentKey);
      const supplier = c.supplierId !== undefined ? byId.get(c.supplierId) : undefined;
      const supplierRegion = where(supplier);
      if (supplierRegion !== undefined) {
        const deliveredKey = `${c.caseId}\u0000${unit}\u0000${supplierRegion}`;
        if (!seenDelivered.has(deliveredKey)) {
          seenDelivered.add(deliveredKey);
          delivered.add(supplierRegion, unit, 0);
        }
      }
      if (customer === undefined || supplierRegion === undefined) parts.add(customer, unit, 2);
      else parts.add(customer, unit, supplierRegion === customer ? 0 : 1);
      const origin = origins.get(unit) ?? [0, 0, 0];
      origin[supplier?.originCountry === undefined ? 2 : supplier.originCountry === 'CN' ? 0 : 1]++;
      origins.set(unit, origin);
    }
    return {
      supply: [...supply.cells.values()].map((c) => ({ ...(c.region !== undefined ? { region: c.region } : {}), unit: c.unit, count: c.values[0] ?? 0, leaders: c.values[1] ?? 0 })),
      demand: [...demand.cells.values()].map((c) => ({ ...(c.region !== undefined ? { region: c.region } : {}), unit: c.unit, count: c.values[0] ?? 0 })),
      delivered: [...delivered.cells.values()].map((c) => ({ ...(c.region !== undefined ? { region: c.region } : {}), unit: c.unit, count: c.values[0] ?? 0 })),
      components: [...parts.cells.values()].map((c) => ({
        ...(c.region !== undefined ? { region: c.region } : {}), unit: c.unit, local: c.values[0] ?? 0, outside: c.values[1] ?? 0, unknown: c.values[2] ?? 0,
      })),
      origins: [...origins].map(([unit, [domestic, foreign, unknown]]) => ({ unit, domestic, foreign, unknown })),
    };
  };

  const caseLinks = groupSets(components, (c) => c.caseId, (c) => c.link);
  const enterpriseLinks = groupSets([...supplierPairs.values()], (s) => s.enterpriseId, (s) => s.link);

  // Profiles of every enterprise with an offering or a component.
  const casesOf = new Map<string, Map<string, Set<string>>>();
  const led = new Map<string, Set<string>>();
  const suppliersOfCase = groupSets(components.filter((c) => c.supplierId !== undefined), (c) => c.caseId, (c) => c.supplierId as string);
  for (const c of components) {
    if (c.supplierId === undefined) continue;
    let byLink = casesOf.get(c.supplierId);
    if (!byLink) casesOf.set(c.supplierId, (byLink = new Map()));
    let cases = byLink.get(c.link);
    if (!cases) byLink.set(c.link, (cases = new Set()));
    cases.add(c.caseId);
    if (c.role === 'lead_integrator') {
      let mine = led.get(c.supplierId);
      if (!mine) led.set(c.supplierId, (mine = new Set()));
      mine.add(c.caseId);
    }
  }
  const partnersOf = new Map<string, Map<string, number>>();
  for (const suppliers of suppliersOfCase.values()) {
    for (const a of suppliers) {
      for (const b of suppliers) {
        if (a === b) continue;
        let mine = partnersOf.get(a);
        if (!mine) partnersOf.set(a, (mine = new Map()));
        mine.set(b, (mine.get(b) ?? 0) + 1);
      }
    }
  }
  const named = new Set([...enterpriseLinks.keys(), ...casesOf.keys()]);
  const enterprises: EnterpriseProfile[] = rows.enterprises.filter((e) => named.has(e.id)).map((e) => {
    const region = where(e);
    return {
      id: e.id,
      name: { zh: e.nameZh ?? e.nameEn ?? e.id, en: e.nameEn ?? e.nameZh ?? e.id },
      ...(region !== undefined ? { region } : {}),
      ...(e.province !== undefined ? { province: e.province } : {}),
      ...(e.city !== undefined ? { city: e.city } : {}),
      leader: e.leader,
      ...(e.originCountry !== undefined ? { originCountry: e.originCountry } : {}),
      ...(e.kind !== undefined ? { kind: e.kind } : {}),
      links: [...(enterpriseLinks.get(e.id) ?? [])].sort(),
      casesByLink: Object.fromEntries([...(casesOf.get(e.id) ?? new Map<string, Set<string>>())].map(([link, cases]) => [link, cases.size])),
      casesLed: led.get(e.id)?.size ?? 0,
      partners: [...(partnersOf.get(e.id) ?? new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b)).map(([id, cases]) => {
        const partnerRegion = where(byId.get(id));
        return { id, ...(partnerRegion !== undefined ? { region: partnerRegion } : {}), cases };
      }),
    };
  });

  const titles = new Map((rows.cases ?? []).map((c) => [c.id, c]));
  const customerOf = new Map(components.map((c) => [c.caseId, regionKey(level, c.customerProvince, c.customerCity)]));
  const cases: CaseProfile[] = [...caseLinks].sort(([a], [b]) => a.localeCompare(b)).map(([id, links]) => {
    const t = titles.get(id);
    const region = customerOf.get(id);
    return {
      id, title: { zh: t?.titleZh ?? t?.titleEn ?? id, en: t?.titleEn ?? t?.titleZh ?? id },
      ...(region !== undefined ? { region } : {}), links: [...links].sort(),
    };
  });

  return {
    level,
    cases,
    links: build((link) => link),
    segments: build((link) => segmentOf.get(link) as string),
    cooccurrence: { cases: pairs(caseLinks.values()), offerings: pairs(enterpriseLinks.values()) },
    observations: rows.observations,
    enterprises,
    droppedRows: dropped,
  };
}
