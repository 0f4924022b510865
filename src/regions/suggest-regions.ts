/**
 * "Did you mean": the regions closest to an input no spelling matched. A name is
 * close when it starts with the input (南昌 for 南), contains it or is contained in
 * it (南昌 in 南昌县), or is a few edits away (Nanchagn → Nanchang; the English
 * names and aliases carry the pinyin, so pinyin typos are caught there too).
 * Digits are matched as codes: a county code 360102 suggests its city and province.
 *
 * Limits: a full scan of ~2,000 keys per unknown input; resolveRegion caches the
 * result, so each distinct unknown value costs this once.
 */
import type { Region } from '../model/index.js';
import { regionKeys } from './region-keys.js';

const MAX_SUGGESTIONS = 5;
const LEVEL_ORDER: Record<Region['level'], number> = { country: 0, province: 1, city: 2 };

// Three rows of the distance matrix, reused across calls: names are short.
const ROW_SIZE = 128;
const rows = [new Int32Array(ROW_SIZE), new Int32Array(ROW_SIZE), new Int32Array(ROW_SIZE)] as const;

/**
 * Edit distance counting a swap of neighbours as one edit (Nanchagn → Nanchang),
 * or `limit + 1` as soon as it must exceed `limit`.
 */
function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length >= ROW_SIZE) return limit + 1;
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] ?? limit + 1;
}

/** How many edits still count as a typo: one in a short name, up to three in a long one. */
const editLimit = (length: number): number => (length <= 3 ? 1 : length <= 8 ? 2 : 3);

const HAN = /\p{Script=Han}/u;

interface SuggestionEntry {
  readonly key: string;
  readonly region: Region;
  readonly han: boolean;
}

let entries: readonly SuggestionEntry[] | undefined;
function suggestionEntries(): readonly SuggestionEntry[] {
  entries ??= regionKeys().fuzzy.map(({ key, region }) => ({ key, region, han: HAN.test(key) }));
  return entries;
}

function matchScore(input: string, inputIsHan: boolean, entry: SuggestionEntry): number | undefined {
  const { key } = entry;
  // Chinese input is never a few edits from a Latin name, nor the other way round.
  if (entry.han !== inputIsHan) return undefined;
  // One Chinese character says as much as a few letters.
  const minimumPart = inputIsHan ? 2 : 3;
  if (input.length >= minimumPart && key.startsWith(input)) return 0.5;
  if (input.length >= minimumPart && key.includes(input)) return 1;
  // A name inside a longer input (南昌 in 南昌县); for letters it must be most of the input, or "jian" would match "jiangxii".
  if (key.length >= 2 && (entry.han || key.length * 2 > input.length) && input.includes(key)) return 1;
  const limit = editLimit(input.length);
  const distance = boundedEditDistance(input, key, limit);
  // A distance as long as the input itself says nothing ("ab" is two edits from any two letters).
  return distance <= limit && distance < input.length ? distance : undefined;
}

function suggestByCode(digits: string): Region[] {
  const { byCode } = regionKeys();
  const found: Region[] = [];
  for (const length of [4, 2]) {
    const region = digits.length > length ? byCode.get(digits.slice(0, length)) : undefined;
    if (region && !found.includes(region)) found.push(region);
  }
  return found;
}

/** Up to five regions close to a normalized key, closest first. */
export function suggestRegions(key: string): Region[] {
  if (key.length === 0) return [];
  if (/^\d+$/.test(key)) return suggestByCode(key);
  const inputIsHan = HAN.test(key);
  const best = new Map<Region, number>();
  for (const entry of suggestionEntries()) {
    const score = matchScore(key, inputIsHan, entry);
    if (score === undefined) continue;
    const previous = best.get(entry.region);
    if (previous === undefined || score < previous) best.set(entry.region, score);
  }
  return [...best]
    .sort(([a, scoreA], [b, scoreB]) => scoreA - scoreB || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code))
    .slice(0, MAX_SUGGESTIONS)
    .map(([region]) => region);
}
