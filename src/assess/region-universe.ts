/**
 * The regions an assessment compares, at one level, and the benchmark a
 * region's specialisation is measured against.
 *
 * - Province level: the 31 mainland province-level divisions (those with an NBS
 *   group), plus Hong Kong, Macao or Taiwan when the data places suppliers,
 *   cases or observations there (they rank nationally, in no group).
 * - City level: every prefecture-level city, and the municipalities and SARs,
 *   which stand for their own city. Cities rank within their province; a
 *   municipality within the municipalities of its NBS group.
 * - Benchmark: the nation (all regions of the level), an NBS group, or a list of
 *   regions (a province in a city-level list means its cities). The assessed
 *   region is always part of its own benchmark, so that its share is at most 1.
 */
import { NbsGroup, issue, pick, type Issue, type Region, type Text, type Validated } from '../model/index.js';
import { citiesOf, isCityLikeProvince, provinces, regionByCode, regionTable, resolveRegion } from '../regions/index.js';

export type AssessLevel = 'province' | 'city';
export const isAssessLevel = (value: unknown): value is AssessLevel => value === 'province' || value === 'city';

/** The code a headquarters (or a customer) counts under at the level; undefined when unknown at that level. */
export function regionKey(level: AssessLevel, province: string | undefined, city: string | undefined): string | undefined {
  if (level === 'province') return province;
  if (city !== undefined) return city;
  if (province !== undefined) {
    const region = regionByCode(province);
    if (region && isCityLikeProvince(region)) return province;
  }
  return undefined;
}

/** Province codes that stand for a city at city level (municipalities, SARs): what the store's SQL needs to place firms. */
export function cityLikeProvinceCodes(): string[] {
  return provinces().filter(isCityLikeProvince).map((p) => p.code);
}

export interface RankGroup {
  /** Stable key: an NBS group (`central`) or a province code for cities. */
  readonly key: string;
  readonly name: Text;
}

export interface RegionUniverse {
  readonly level: AssessLevel;
  /** Sorted by code. */
  readonly regions: readonly Region[];
  readonly index: ReadonlyMap<string, number>;
  /** The group each region ranks within, by index; undefined for none. */
  readonly groups: readonly (RankGroup | undefined)[];
}

function groupOf(level: AssessLevel, region: Region): RankGroup | undefined {
  if (level === 'city' && region.level === 'city' && region.parent) {
    const province = regionByCode(region.parent);
    if (province) return { key: province.code, name: province.short };
  }
  return region.group ? { key: region.group, name: NbsGroup[region.group] } : undefined;
}

/** The regions of a level, plus any region of that level the data names (`seen`). */
export function regionUniverse(level: AssessLevel, seen: Iterable<string> = []): RegionUniverse {
  const chosen = new Map<string, Region>();
  const table = regionTable();
  if (level === 'province') {
    for (const p of table.provinces) if (p.group) chosen.set(p.code, p);
  } else {
    for (const c of table.cities) chosen.set(c.code, c);
    for (const p of table.provinces) if (isCityLikeProvince(p)) chosen.set(p.code, p);
  }
  for (const code of seen) {
    const region = regionByCode(code);
    if (!region || chosen.has(code)) continue;
    if (level === 'province' ? region.level === 'province' : region.level === 'city' || isCityLikeProvince(region)) chosen.set(code, region);
  }
  const regions = [...chosen.values()].sort((a, b) => a.code.localeCompare(b.code));
  return {
    level,
    regions,
    index: new Map(regions.map((r, i) => [r.code, i])),
    groups: regions.map((r) => groupOf(level, r)),
  };
}

export type BenchmarkSpec =
  | { readonly kind: 'nation' }
  | { readonly kind: 'group'; readonly group: NbsGroup }
  | { readonly kind: 'regions'; readonly regions: readonly string[] };

export interface Benchmark {
  readonly spec: BenchmarkSpec;
  readonly label: Text;
  /** Universe indices of the benchmark regions (the assessed region is added per region). */
  readonly members: ReadonlySet<number>;
}

const NATION_WORDS = new Set(['nation', 'national', 'nationwide', 'china', 'cn', '全国', '中国']);

/** `nation`, an NBS group (`central`, `中部`), or regions separated by `,` `，` `、`. */
export function parseBenchmark(text: string | undefined, level: AssessLevel): Validated<BenchmarkSpec> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || NATION_WORDS.has(trimmed.toLowerCase())) return { value: { kind: 'nation' }, issues: [] };
  for (const [group, label] of Object.entries(NbsGroup)) {
    if (trimmed.toLowerCase() === group || trimmed === label.zh || trimmed === `${label.zh}地区`) {
      return { value: { kind: 'group', group: group as NbsGroup }, issues: [] };
    }
  }
  const codes: string[] = [];
  const issues: Issue[] = [];
  for (const part of trimmed.split(/[,，、;；]/).map((p) => p.trim()).filter(Boolean)) {
    const found = resolveRegion(part);
    if (!found.value) {
      issues.push(issue('assess.bad_benchmark', { text: part, reason: found.issues[0] ? 'unknown region' : 'not a region' }, { value: part }));
      continue;
    }
    const region = found.value;
    if (level === 'city' && region.level === 'province' && !isCityLikeProvince(region)) codes.push(...citiesOf(region.code).map((c) => c.code));
    else if (level === 'province' && region.level === 'city' && region.parent) codes.push(region.parent);
    else if (region.level === 'country') return { value: { kind: 'nation' }, issues: [] };
    else codes.push(region.code);
  }
  if (issues.length > 0) return { issues };
  if (codes.length === 0) return { issues: [issue('assess.bad_benchmark', { text: trimmed, reason: 'no region named' }, { value: trimmed })] };
  return { value: { kind: 'regions', regions: [...new Set(codes)] }, issues: [] };
}

export function resolveBenchmark(spec: BenchmarkSpec, universe: RegionUniverse): Benchmark {
  if (spec.kind === 'nation') {
    return { spec, label: { zh: '全国', en: 'the nation' }, members: new Set(universe.regions.map((_, i) => i)) };
  }
  if (spec.kind === 'group') {
    const members = new Set<number>();
    universe.regions.forEach((r, i) => { if (r.group === spec.group) members.add(i); });
    return { spec, label: { zh: `${NbsGroup[spec.group].zh}地区`, en: `the ${NbsGroup[spec.group].en} region` }, members };
  }
  const members = new Set<number>();
  for (const code of spec.regions) {
    const i = universe.index.get(code);
    if (i !== undefined) members.add(i);
  }
  const names = spec.regions.map((code) => regionByCode(code)?.short).filter((t): t is Text => t !== undefined);
  const shown = (lang: 'zh' | 'en') => names.slice(0, 6).map((t) => pick(t, lang)).join(lang === 'zh' ? '、' : ', ') + (names.length > 6 ? (lang === 'zh' ? '等' : ' …') : '');
  return { spec, label: { zh: shown('zh'), en: shown('en') }, members };
}
