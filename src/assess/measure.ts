/**
 * Phase "measure": the metrics of every (region, unit) cell, for all regions of
 * the universe at once (normalisation and ranks need them all). A unit is a
 * link, or a segment for the rolled-up view. Matrices are flat Float64Arrays,
 * row-major by region (`r * units + u`); "no value" is NaN here and `undefined`
 * in what the pipeline returns.
 *
 * Formulas (docs/metrics.md, DESIGN.md "Supply capability of a link"):
 *   suppliers(R,L), leaders(R,L)                         distinct enterprises headquartered in R
 *   share(R,L) = suppliers(R,L) / suppliers(B,L)          B = benchmark ∪ {R}
 *   rca(R,L)   = (suppliers(R,L)/suppliers(R,*)) / (suppliers(B,L)/suppliers(B,*))
 *                suppliers(R,*) = Σ_L suppliers(R,L) (supplier-link pairs); 0 when a denominator is 0
 *   rcaNation  = the same with B = the nation; it defines M(r,l) for relatedness
 *   demand(R,L) distinct cases of R's customers needing L; nationalDemand(L) all cases (customer region known or not)
 *   localSupply(R,L) = local / (local + outside) over R's components on L; unknown suppliers apart; NaN when no known supplier
 *   delivered(R,L) distinct cases anywhere with a component on L supplied from R
 */
import type { Benchmark, RegionUniverse } from './region-universe.js';
import type { UnitCounts } from './assessment-input.js';

export interface UnitMeasures {
  readonly units: readonly string[];
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly regionCount: number;
  readonly suppliers: Float64Array;
  readonly leaders: Float64Array;
  /** suppliers(B ∪ {R}, L) per cell: the denominator of share. */
  readonly benchmarkSuppliers: Float64Array;
  readonly share: Float64Array;
  readonly rca: Float64Array;
  readonly rcaNation: Float64Array;
  readonly demand: Float64Array;
  readonly delivered: Float64Array;
  readonly local: Float64Array;
  readonly outside: Float64Array;
  readonly unknownSupplier: Float64Array;
  readonly localSupply: Float64Array;
  /** Per region: supplier-link pairs over all units. */
  readonly regionTotal: Float64Array;
  /** Per unit, over all regions of the universe. */
  readonly nationSuppliers: Float64Array;
  readonly nationLeaders: Float64Array;
  /** Per unit: enterprises not located at the level (not in any cell). */
  readonly unlocatedSuppliers: Float64Array;
  /** Per unit: all cases needing it, whatever the customer region. */
  readonly nationalDemand: Float64Array;
  /** Per unit: cases with the customer region unknown at the level. */
  readonly unlocatedDemand: Float64Array;
  /** Per unit: components by supplier origin, nationwide. */
  readonly domestic: Float64Array;
  readonly foreign: Float64Array;
  readonly unknownOrigin: Float64Array;
  /** Region codes found in the counts that are not in the universe (left out). */
  readonly outsideUniverse: readonly string[];
}

export function measureUnits(universe: RegionUniverse, benchmark: Benchmark, units: readonly string[], counts: UnitCounts): UnitMeasures {
  const R = universe.regions.length;
  const U = units.length;
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const cells = () => new Float64Array(R * U);
  const perUnit = () => new Float64Array(U);
  const suppliers = cells(), leaders = cells(), demand = cells(), delivered = cells(), local = cells(), outside = cells(), unknownSupplier = cells();
  const unlocatedSuppliers = perUnit(), nationalDemand = perUnit(), unlocatedDemand = perUnit(), domestic = perUnit(), foreign = perUnit(), unknownOrigin = perUnit();
  const strays = new Set<string>();

  /** The cell of a row, or -1 when its region is unknown (or outside the universe, which is noted). */
  const cellOf = (region: string | undefined, u: number): number => {
    if (region === undefined) return -1;
    const r = universe.index.get(region);
    if (r === undefined) {
      strays.add(region);
      return -1;
    }
    return r * U + u;
  };

  for (const row of counts.supply) {
    const u = unitIndex.get(row.unit);
    if (u === undefined) continue;
    const cell = cellOf(row.region, u);
    if (cell < 0) unlocatedSuppliers[u] = (unlocatedSuppliers[u] ?? 0) + row.count;
    else {
      suppliers[cell] = (suppliers[cell] ?? 0) + row.count;
      leaders[cell] = (leaders[cell] ?? 0) + row.leaders;
    }
  }
  for (const row of counts.demand) {
    const u = unitIndex.get(row.unit);
    if (u === undefined) continue;
    nationalDemand[u] = (nationalDemand[u] ?? 0) + row.count;
    const cell = cellOf(row.region, u);
    if (cell < 0) unlocatedDemand[u] = (unlocatedDemand[u] ?? 0) + row.count;
    else demand[cell] = (demand[cell] ?? 0) + row.count;
  }
  for (const row of counts.delivered) {
    const u = unitIndex.get(row.unit);
    if (u === undefined) continue;
    const cell = cellOf(row.region, u);
    if (cell >= 0) delivered[cell] = (delivered[cell] ?? 0) + row.count;
  }
  for (const row of counts.components) {
    const u = unitIndex.get(row.unit);
    if (u === undefined) continue;
    const cell = cellOf(row.region, u);
    if (cell < 0) continue;
    local[cell] = (local[cell] ?? 0) + row.local;
    outside[cell] = (outside[cell] ?? 0) + row.outside;
    unknownSupplier[cell] = (unknownSupplier[cell] ?? 0) + row.unknown;
  }
  for (const row of counts.origins) {
    const u = unitIndex.get(row.unit);
    if (u === undefined) continue;
    domestic[u] = (domestic[u] ?? 0) + row.domestic;
    foreign[u] = (foreign[u] ?? 0) + row.foreign;
    unknownOrigin[u] = (unknownOrigin[u] ?? 0) + row.unknown;
  }

  const regionTotal = new Float64Array(R);
  const nationSuppliers = perUnit(), nationLeaders = perUnit();
  const benchUnit = perUnit();
  let benchTotal = 0;
  let nationTotal = 0;
  for (let r = 0; r < R; r++) {
    const member = benchmark.members.has(r);
    for (let u = 0; u < U; u++) {
      const s = suppliers[r * U + u] ?? 0;
      regionTotal[r] = (regionTotal[r] ?? 0) + s;
      nationSuppliers[u] = (nationSuppliers[u] ?? 0) + s;
      nationLeaders[u] = (nationLeaders[u] ?? 0) + (leaders[r * U + u] ?? 0);
      if (member) benchUnit[u] = (benchUnit[u] ?? 0) + s;
    }
    nationTotal += regionTotal[r] ?? 0;
    if (member) benchTotal += regionTotal[r] ?? 0;
  }

  const benchmarkSuppliers = cells(), share = cells(), rca = cells(), rcaNation = cells(), localSupply = cells();
  const quotient = (s: number, own: number, unit: number, total: number) => (own > 0 && unit > 0 && total > 0 ? s / own / (unit / total) : 0);
  for (let r = 0; r < R; r++) {
    const member = benchmark.members.has(r);
    const own = regionTotal[r] ?? 0;
    const total = benchTotal + (member ? 0 : own);
    for (let u = 0; u < U; u++) {
      const cell = r * U + u;
      const s = suppliers[cell] ?? 0;
      const bench = (benchUnit[u] ?? 0) + (member ? 0 : s);
      benchmarkSuppliers[cell] = bench;
      share[cell] = bench > 0 ? s / bench : 0;
      rca[cell] = quotient(s, own, bench, total);
      rcaNation[cell] = quotient(s, own, nationSuppliers[u] ?? 0, nationTotal);
      const known = (local[cell] ?? 0) + (outside[cell] ?? 0);
      localSupply[cell] = known > 0 ? (local[cell] ?? 0) / known : Number.NaN;
    }
  }

  return {
    units, unitIndex, regionCount: R,
    suppliers, leaders, benchmarkSuppliers, share, rca, rcaNation, demand, delivered, local, outside, unknownSupplier, localSupply,
    regionTotal, nationSuppliers, nationLeaders, unlocatedSuppliers, nationalDemand, unlocatedDemand, domestic, foreign, unknownOrigin,
    outsideUniverse: [...strays].sort(),
  };
}
