/**
 * Phase "relate": how close the links of the chain are to each other, and how
 * close each link is to what a region already has — after the Atlas of Economic
 * Complexity (Hidalgo et al. 2007) as implemented by the Harvard Growth Lab's
 * py-ecomplexity (`calc_discrete_proximity`, `calc_density`):
 *
 *   M(r,l) = 1 when rcaNation(r,l) >= threshold (1), else 0
 *   u(l)   = Σ_r M(r,l)                                  ubiquity
 *   φ(l,k) = Σ_r M(r,l) M(r,k) / max(u(l), u(k))         l ≠ k; φ(l,l) = 0; 0 when the max is 0
 *   d(R,L) = Σ_k M(R,k) φ(L,k) / Σ_k φ(L,k)              0 when the denominator is 0
 *
 * py-ecomplexity sets the diagonal of φ to 0, so the link's own presence never
 * counts toward its density (DESIGN.md said k = L is included; see
 * docs/metrics.md for why we follow the package). Two more proximities use the
 * same "minimum of the two conditional probabilities" form on other evidence:
 *
 *   cases:      φc(l,k) = cases needing both / max(cases needing l, cases needing k)
 *   offerings:  φo(l,k) = enterprises offering both / max(enterprises offering l, … k)
 *
 * Density can be taken with any of the three; every figure says which.
 */
import type { PairCount } from './assessment-input.js';
import type { ProximityKind } from './assess-vocab.js';
import type { UnitMeasures } from './measure.js';

export interface Relatedness {
  readonly links: readonly string[];
  /** Per cell (region × link): 1 when specialised. */
  readonly presence: Uint8Array;
  readonly ubiquity: Float64Array;
  /** links × links, per kind. */
  readonly proximity: Readonly<Record<ProximityKind, Float64Array>>;
  /** region × link, per kind. */
  readonly density: Readonly<Record<ProximityKind, Float64Array>>;
}

/** φ from pair counts and per-link totals: count(l,k) / max(total(l), total(k)), diagonal 0. */
export function pairProximity(links: readonly string[], pairs: readonly PairCount[], totals: ArrayLike<number>): Float64Array {
  const L = links.length;
  const index = new Map(links.map((l, i) => [l, i]));
  const counts = new Float64Array(L * L);
  for (const p of pairs) {
    const a = index.get(p.a);
    const b = index.get(p.b);
    if (a === undefined || b === undefined || a === b) continue;
    counts[a * L + b] = (counts[a * L + b] ?? 0) + p.count;
    counts[b * L + a] = (counts[b * L + a] ?? 0) + p.count;
  }
  const phi = new Float64Array(L * L);
  for (let a = 0; a < L; a++) {
    for (let b = 0; b < L; b++) {
      if (a === b) continue;
      const top = Math.max(totals[a] ?? 0, totals[b] ?? 0);
      phi[a * L + b] = top > 0 ? Math.min(1, (counts[a * L + b] ?? 0) / top) : 0;
    }
  }
  return phi;
}

/** φ from co-location of specialisations across regions. */
export function colocationProximity(presence: Uint8Array, regions: number, links: number): { phi: Float64Array; ubiquity: Float64Array } {
  const ubiquity = new Float64Array(links);
  for (let r = 0; r < regions; r++) for (let l = 0; l < links; l++) ubiquity[l] = (ubiquity[l] ?? 0) + (presence[r * links + l] ?? 0);
  const both = new Float64Array(links * links);
  const present: number[] = [];
  for (let r = 0; r < regions; r++) {
    present.length = 0;
    for (let l = 0; l < links; l++) if (presence[r * links + l]) present.push(l);
    for (const a of present) for (const b of present) if (a !== b) both[a * links + b] = (both[a * links + b] ?? 0) + 1;
  }
  const phi = new Float64Array(links * links);
  for (let a = 0; a < links; a++) {
    for (let b = 0; b < links; b++) {
      if (a === b) continue;
      const top = Math.max(ubiquity[a] ?? 0, ubiquity[b] ?? 0);
      phi[a * links + b] = top > 0 ? (both[a * links + b] ?? 0) / top : 0;
    }
  }
  return { phi, ubiquity };
}

export function densityOf(presence: Uint8Array, phi: Float64Array, regions: number, links: number): Float64Array {
  const rowSum = new Float64Array(links);
  for (let l = 0; l < links; l++) for (let k = 0; k < links; k++) rowSum[l] = (rowSum[l] ?? 0) + (phi[l * links + k] ?? 0);
  const density = new Float64Array(regions * links);
  for (let r = 0; r < regions; r++) {
    for (let l = 0; l < links; l++) {
      const den = rowSum[l] ?? 0;
      if (den === 0) continue;
      let num = 0;
      for (let k = 0; k < links; k++) if (presence[r * links + k]) num += phi[l * links + k] ?? 0;
      density[r * links + l] = num / den;
    }
  }
  return density;
}

export function relateLinks(
  m: UnitMeasures, threshold: number, cooccurrence: { cases: readonly PairCount[]; offerings: readonly PairCount[] },
): Relatedness {
  const R = m.regionCount;
  const L = m.units.length;
  const presence = new Uint8Array(R * L);
  for (let cell = 0; cell < R * L; cell++) presence[cell] = (m.rcaNation[cell] ?? 0) >= threshold && (m.suppliers[cell] ?? 0) > 0 ? 1 : 0;
  const { phi, ubiquity } = colocationProximity(presence, R, L);
  // Totals for the co-occurrence proximities: cases needing the link (all cases), enterprises offering it (located or not).
  const offeringTotals = new Float64Array(L);
  for (let l = 0; l < L; l++) offeringTotals[l] = (m.nationSuppliers[l] ?? 0) + (m.unlocatedSuppliers[l] ?? 0);
  const proximity = {
    colocation: phi,
    cases: pairProximity(m.units, cooccurrence.cases, m.nationalDemand),
    offerings: pairProximity(m.units, cooccurrence.offerings, offeringTotals),
  };
  return {
    links: m.units,
    presence,
    ubiquity,
    proximity,
    density: {
      colocation: densityOf(presence, proximity.colocation, R, L),
      cases: densityOf(presence, proximity.cases, R, L),
      offerings: densityOf(presence, proximity.offerings, R, L),
    },
  };
}

/** The median of a region's densities over all links (the default "related" cut). */
export function medianOf(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
