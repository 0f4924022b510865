/**
 * What people type → a region. Accepts codes (36, 360000, 3601, 360100, CN),
 * Chinese and English names in full or short form (江西省, 江西, Jiangxi Province,
 * jiangxi), aliases (内蒙, Xizang, Xian), one-character abbreviations (赣), a
 * province followed by its city (江西省南昌市), full-width characters and stray
 * spaces, in any letter case.
 *
 *   normalize → look up (code, name, abbreviation, name without 省/市/City…,
 *   province + city) → keep the level asked for → keep cities `within` → decide
 *
 * Rules when several regions share a spelling:
 * - level 'any' (the default): an exact province name wins over a city of the
 *   same name (吉林, Jilin, 海南, Hainan → the province); two cities sharing a
 *   name (Taizhou: 台州 and 泰州; Yichun: 宜春 and 伊春; Fuzhou, Suzhou, Yulin)
 *   are `region.ambiguous` unless `within` leaves one;
 * - level 'city': the city is returned (吉林 → 吉林市, Hainan → 海南藏族自治州).
 *   A municipality or SAR (北京, 上海, 香港…) has no prefecture-level city and
 *   stands for one: it is returned as itself (level 'province'); so are the
 *   municipalities' pseudo-city codes (110100 北京市市辖区);
 * - level 'province': only province-level divisions;
 * - `within` (a province, any accepted form) constrains cities only: a province
 *   answer to a level-'any' question is not checked against it.
 *
 * Pure and fast: lookups use maps built once, and results are cached per
 * (input, level, within), so a million rows with a few hundred distinct values
 * cost a few hundred resolutions. An invalid `within` is a programmer error and throws.
 */
import { issue, type Issue, type MessageCode, type MessageParams, type Region, type Validated } from '../model/index.js';
import { normalizeRegionKey, regionKeys, stripGenericSuffix } from './region-keys.js';
import { isCityLikeProvince, regionLabel } from './region-table.js';
import { suggestRegions } from './suggest-regions.js';

export type RegionLevelOption = 'province' | 'city' | 'any';

export interface ResolveRegionOptions {
  /** Which level the answer must have; 'any' by default. */
  readonly level?: RegionLevelOption;
  /** A province (code or name) the city must be in. */
  readonly within?: string;
}

const CACHE_LIMIT = 100_000;
const cache = new Map<string, Validated<Region>>();
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

function found(region: Region): Validated<Region> {
  return Object.freeze({ value: region, issues: NO_ISSUES });
}

function failed<C extends MessageCode>(code: C, params: MessageParams<C>, text: string): Validated<Region> {
  // Issue<C> is an Issue; the generic parameter only ties the params to the code.
  const problem = issue(code, params, { value: text }) as Issue;
  return Object.freeze({ issues: Object.freeze([Object.freeze(problem)]) });
}

/** Every region the key spells exactly, by code, name or abbreviation. */
function exactMatches(key: string): readonly Region[] {
  const keys = regionKeys();
  const byCode = keys.byCode.get(key);
  if (byCode) return [byCode];
  const byName = keys.byName.get(key);
  if (byName) return byName;
  const byAbbreviation = keys.byAbbreviation.get(key);
  return byAbbreviation ? [byAbbreviation] : [];
}

function nameMatches(key: string): readonly Region[] {
  const byName = regionKeys().byName;
  const exact = byName.get(key);
  if (exact) return exact;
  const stripped = stripGenericSuffix(key);
  return (stripped && byName.get(stripped)) || [];
}

/** 江西省南昌市, 江西南昌, "Jiangxi Nanchang": a province name followed by one of its cities. */
function provinceThenCity(key: string): readonly Region[] {
  for (const prefix of regionKeys().provincePrefixes) {
    if (!key.startsWith(prefix.key) || key.length === prefix.key.length) continue;
    const cities = nameMatches(key.slice(prefix.key.length)).filter(
      (region) => region.level === 'city' && region.parent === prefix.region.code,
    );
    if (cities.length) return cities;
  }
  return [];
}

function candidatesFor(key: string): readonly Region[] {
  const exact = exactMatches(key);
  if (exact.length) return exact;
  const stripped = stripGenericSuffix(key);
  const loose = stripped ? regionKeys().byName.get(stripped) : undefined;
  if (loose) return loose;
  return provinceThenCity(key);
}

function fitsLevel(region: Region, level: RegionLevelOption): boolean {
  if (level === 'any') return true;
  if (level === 'province') return region.level === 'province';
  return region.level === 'city' || (region.level === 'province' && isCityLikeProvince(region));
}

/** The province a city-like answer lies in, or undefined when `within` does not apply to it. */
function provinceOfCityAnswer(region: Region, level: RegionLevelOption): string | undefined {
  if (region.level === 'city') return region.parent;
  if (level === 'city' && region.level === 'province') return region.code;
  return undefined;
}

const byCode = (a: Region, b: Region): number => a.code.localeCompare(b.code);

function decide(text: string, candidates: readonly Region[], level: RegionLevelOption, within: Region | undefined): Validated<Region> {
  const fitting = candidates.filter((region) => fitsLevel(region, level));
  if (fitting.length === 0) {
    return level === 'city' ? failed('region.not_a_city', { input: text }, text) : failed('region.not_a_province', { input: text }, text);
  }

  let inside = fitting;
  if (within) {
    inside = fitting.filter((region) => {
      const province = provinceOfCityAnswer(region, level);
      return province === undefined || province === within.code;
    });
    if (inside.length === 0) {
      const [only] = fitting;
      const city = fitting.length === 1 && only ? regionLabel(only) : text;
      return failed('region.city_outside_province', { city, province: regionLabel(within) }, text);
    }
  }

  // An exact province name wins over a city of the same name when any level will do.
  if (level === 'any' && inside.some((region) => region.level === 'province')) {
    inside = inside.filter((region) => region.level !== 'city');
  }

  const [first] = inside;
  if (inside.length === 1 && first) return found(first);
  return failed('region.ambiguous', { input: text, candidates: [...inside].sort(byCode).map(regionLabel) }, text);
}

function resolveWithin(within: string | undefined): Region | undefined {
  if (within === undefined) return undefined;
  const province = resolveRegion(within, { level: 'province' }).value;
  if (!province) throw new Error(`resolveRegion: option within "${within}" is not a province-level division`);
  return province;
}

function resolveUncached(text: string, level: RegionLevelOption, within: Region | undefined): Validated<Region> {
  const key = normalizeRegionKey(text);
  const candidates = key ? candidatesFor(key) : [];
  if (candidates.length === 0) {
    return failed('region.unknown', { input: text, suggestions: suggestRegions(key).map(regionLabel) }, text);
  }
  return decide(text, candidates, level, within);
}

/** Resolves what a person typed to one region, or says why it cannot (see the module's rules). */
export function resolveRegion(text: string, options: ResolveRegionOptions = {}): Validated<Region> {
  const level = options.level ?? 'any';
  const cacheKey = `${level}\u0000${options.within ?? ''}\u0000${text}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const result = resolveUncached(text, level, resolveWithin(options.within));
  // A crude bound: real columns hold few distinct values; a flood of distinct junk just restarts the cache.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, result);
  return result;
}
