/**
 * The lookup index behind resolveRegion: every spelling of every region reduced
 * to one comparable key, built once from the region table.
 *
 * A key is the text after NFKC (full-width → half-width), lower-casing, removing
 * diacritics (Lüliang → luliang, Garzê → garze) and removing spaces, apostrophes,
 * hyphens, dots and commas (Xi'an → xian, "Inner Mongolia" → innermongolia).
 * Limits: no traditional → simplified conversion beyond the aliases in the data;
 * no pinyin of arbitrary Chinese text (English names and aliases carry the pinyin).
 */
import type { Region } from '../model/index.js';
import { regionTable } from './region-table.js';

const IGNORED_CHARACTERS = /[\s'‘’`´.\-_·・•,，、]/gu;
const COMBINING_MARKS = /\p{M}/gu;

export function normalizeRegionKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(IGNORED_CHARACTERS, '');
}

// Generic words people add to or drop from a name: 广西自治区, "Beijing City". Longest first.
const GENERIC_SUFFIXES: readonly string[] = [
  '特别行政区', '自治区', '自治州', '地区', '省', '市', '盟',
  'specialadministrativeregion', 'autonomousprefecture', 'autonomousregion', 'municipality', 'prefecture', 'province',
  'league', 'region', 'city', 'sar',
];

/** The key without one generic suffix, or undefined when it has none (or nothing would be left). */
export function stripGenericSuffix(key: string): string | undefined {
  for (const suffix of GENERIC_SUFFIXES) {
    if (key.endsWith(suffix) && key.length - suffix.length >= 2) return key.slice(0, -suffix.length);
  }
  return undefined;
}

export interface FuzzyEntry {
  readonly key: string;
  readonly region: Region;
}

export interface RegionKeys {
  /** Codes in any accepted form (`cn`, `36`, `360000`, `3601`, `360100`, `110100`) → region. */
  readonly byCode: ReadonlyMap<string, Region>;
  /** Names, short names, aliases → every region spelled so (吉林 → the province and the city). */
  readonly byName: ReadonlyMap<string, readonly Region[]>;
  /** One-character province abbreviations, matched exactly only. */
  readonly byAbbreviation: ReadonlyMap<string, Region>;
  /** Name keys of provinces, longest first, for inputs like 江西省南昌市. */
  readonly provincePrefixes: readonly FuzzyEntry[];
  /** Every name key once per region, for suggestions. */
  readonly fuzzy: readonly FuzzyEntry[];
}

function spellingsOf(region: Region): string[] {
  const aliases = regionTable().aliases.get(region.code) ?? [];
  return [region.name.zh, region.name.en, region.short.zh, region.short.en, ...aliases];
}

function buildRegionKeys(): RegionKeys {
  const table = regionTable();
  const byCode = new Map<string, Region>();
  const byName = new Map<string, Region[]>();
  const byAbbreviation = new Map<string, Region>();
  const fuzzy: FuzzyEntry[] = [];
  const provincePrefixes: FuzzyEntry[] = [];

  for (const region of table.all) {
    byCode.set(normalizeRegionKey(region.code), region);
    const keys = new Set(spellingsOf(region).map(normalizeRegionKey).filter((key) => key.length > 0));
    for (const key of keys) {
      const regions = byName.get(key) ?? [];
      regions.push(region);
      byName.set(key, regions);
      fuzzy.push({ key, region });
      if (region.level === 'province') provincePrefixes.push({ key, region });
    }
    for (const abbreviation of table.abbreviations.get(region.code) ?? []) {
      byAbbreviation.set(normalizeRegionKey(abbreviation), region);
    }
  }
  for (const [alias, code] of table.codeAliases) {
    const region = table.byCode.get(code);
    if (region) byCode.set(alias, region);
  }
  provincePrefixes.sort((a, b) => b.key.length - a.key.length);
  return { byCode, byName, byAbbreviation, provincePrefixes, fuzzy };
}

let memo: RegionKeys | undefined;

export function regionKeys(): RegionKeys {
  memo ??= buildRegionKeys();
  return memo;
}
