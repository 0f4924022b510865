/**
 * Turning figures into the words an analyst reads, in Chinese and English: the
 * sentences are message functions in the catalog (src/model/messages.ts,
 * `assess.say.*`); this module formats the numbers they are given. Nothing is
 * canned: every sentence is built from the figures of the cell it describes.
 */
import { messages, type Text } from '../model/index.js';
import type { CellRank, RankInfo } from './rank.js';

export function ordinalEn(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

export const percent = (x: number | undefined, digits = 0): string => (x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`);
export const fixed = (x: number | undefined, digits = 2): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** A number as an analyst writes it: no trailing zeros, grouping for large values. */
export function plain(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : 4 });
}

export function rankPhrase(info: RankInfo, scope: Text): Text {
  return messages['assess.say.rank']({ rank: info.rank, of: info.of, tied: info.tied, scopeZh: scope.zh, scopeEn: scope.en, ordinalEn: ordinalEn(info.rank) });
}

const NATION_SCOPE: Text = { zh: '全国', en: 'nationwide' };

/** "1st of 6 in central, 9th of 31 nationwide" — the group first, as the paper writes it. */
export function describeRank(rank: CellRank | undefined): Text {
  if (!rank) return { zh: '', en: '' };
  const parts: Text[] = [];
  if (rank.group) parts.push(rankPhrase(rank.group, { zh: rank.group.name.zh, en: `in ${rank.group.name.en}` }));
  if (rank.nation) parts.push(rankPhrase(rank.nation, NATION_SCOPE));
  return { zh: parts.map((p) => p.zh).join('，'), en: parts.map((p) => p.en).join(', ') };
}

export function joinNames(names: readonly Text[], limit = 5): Text {
  const shown = names.slice(0, limit);
  const more = names.length - shown.length;
  return {
    zh: shown.map((n) => n.zh).join('、') + (more > 0 ? `等${names.length}家` : ''),
    en: shown.map((n) => n.en).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}
