/**
 * Phase "rank": standard competition ranking ("1224"): a region's rank is 1 +
 * the number of regions with a strictly better value, so tied regions share the
 * best rank of their block and the next rank skips. Every rank carries how many
 * regions it is among (`of`) and how many share it (`tied`). Regions without a
 * value (NaN: e.g. no local-supply figure, no observation) are not ranked and
 * do not count in `of`. `position` breaks ties by region code and so is a
 * permutation of 1..of.
 */
import type { Text } from '../model/index.js';
import type { RankGroup, RegionUniverse } from './region-universe.js';

export interface RankTable {
  /** Per region (index into the universe): rank, 0 when not ranked. */
  readonly rank: Int32Array;
  readonly position: Int32Array;
  readonly tied: Int32Array;
  readonly of: number;
}

/** Ranks `values[i]` for i in `members` (all when omitted); higher is better unless `lowerIsBetter`. */
export function rankValues(values: ArrayLike<number>, codes: readonly string[], members?: readonly number[], lowerIsBetter = false): RankTable {
  const n = values.length;
  const rank = new Int32Array(n);
  const position = new Int32Array(n);
  const tied = new Int32Array(n);
  const who = (members ?? Array.from({ length: n }, (_, i) => i)).filter((i) => !Number.isNaN(values[i] ?? Number.NaN));
  const better = (a: number, b: number) => (lowerIsBetter ? a - b : b - a);
  who.sort((a, b) => better(values[a] as number, values[b] as number) || (codes[a] ?? '').localeCompare(codes[b] ?? ''));
  let start = 0;
  while (start < who.length) {
    let end = start + 1;
    const value = values[who[start] as number] as number;
    while (end < who.length && values[who[end] as number] === value) end++;
    for (let k = start; k < end; k++) {
      const i = who[k] as number;
      rank[i] = start + 1;
      position[i] = k + 1;
      tied[i] = end - start;
    }
    start = end;
  }
  return { rank, position, tied, of: who.length };
}

export interface RankInfo {
  readonly rank: number;
  readonly of: number;
  /** Regions sharing this rank (1 when no tie). */
  readonly tied: number;
}

export interface CellRank {
  readonly nation?: RankInfo;
  readonly group?: RankInfo & { readonly group: string; readonly name: Text };
}

/** Group member lists of a universe, by group key. */
export function groupMembers(universe: RegionUniverse): Map<string, number[]> {
  const out = new Map<string, number[]>();
  universe.groups.forEach((g, i) => {
    if (!g) return;
    out.set(g.key, [...(out.get(g.key) ?? []), i]);
  });
  return out;
}

/**
 * Ranks of one metric (one value per region) nationally and within each
 * region's group. `nation` ranks among `nationMembers` (all regions by default).
 */
export class MetricRanks {
  private readonly nation: RankTable;
  private readonly groups = new Map<string, RankTable>();

  constructor(
    private readonly universe: RegionUniverse,
    values: ArrayLike<number>,
    groups: ReadonlyMap<string, readonly number[]>,
    lowerIsBetter = false,
  ) {
    const codes = universe.regions.map((r) => r.code);
    this.nation = rankValues(values, codes, undefined, lowerIsBetter);
    for (const [key, members] of groups) this.groups.set(key, rankValues(values, codes, members, lowerIsBetter));
  }

  at(r: number): CellRank {
    const info = (t: RankTable | undefined): RankInfo | undefined =>
      t && (t.rank[r] ?? 0) > 0 ? { rank: t.rank[r] as number, of: t.of, tied: t.tied[r] as number } : undefined;
    const nation = info(this.nation);
    const g: RankGroup | undefined = this.universe.groups[r];
    const group = g ? info(this.groups.get(g.key)) : undefined;
    return { ...(nation ? { nation } : {}), ...(group && g ? { group: { ...group, group: g.key, name: g.name } } : {}) };
  }

  /** The nation table (for the rank command and tests). */
  table(): RankTable {
    return this.nation;
  }
}

/** One column of a region × unit matrix. */
export function column(values: Float64Array, regions: number, units: number, u: number): Float64Array {
  const out = new Float64Array(regions);
  for (let r = 0; r < regions; r++) out[r] = values[r * units + u] ?? Number.NaN;
  return out;
}
