/**
 * Company names, Chinese and English, reduced to keys that can be compared: the
 * same firm is written 中国联合网络通信有限公司江西省分公司, 中国联通江西分公司 or
 * "Jiangxi Unicom Co", and a supplier list must see one firm, not three.
 *
 * Every name is read natively, without transliteration:
 * - `normalizeCompanyName`: NFKC (full-width → half-width), lower case, diacritics
 *   removed, and only letters and digits kept — ＳＩＥＭＥＮＳ → siemens, "E+H" → eh.
 * - `analyze` splits the name into Han runs and words, then finds
 *   · the form without legal form (股份有限公司, 集团, 公司, Co., Ltd., Inc., AG, GmbH, Group…),
 *   · the brand core: also without region words (江西, 江西省, Nanchang — the caller's
 *     list), branch words (分公司, 省分公司, 子公司, 分院, Branch) and bracketed
 *     qualifiers ((中国), (杭州), (BONC)),
 *   · the regions found, each in a canonical form (江西省 → 江西, "Jiangxi Province" → jiangxi).
 * - `keys`: the full form, the form without legal form, and one short-form key per
 *   region (`江西|联通`), which is what 江西联通 and 中国联通江西分公司 have in common
 *   once the brand abbreviation (中国联合网络通信 ↔ 联通) is known from an alias.
 *
 * The rules are grammar, not data: legal forms, branch words and region designations
 * (省, 市, 自治区, Province…) are listed here; place names come from the caller, so the
 * module stays pure and data-free.
 *
 * Limits: English words are split on spaces and punctuation, Han text is not segmented,
 * so a region is found only at the start or end of a Han run or as whole leading or
 * trailing words ("Nokia Shanghai Bell" keeps its Shanghai). A brand that begins or
 * ends with a place name (东方国信: 东方 is a city in Hainan) loses it from its core.
 * Brand abbreviations cannot be derived by rules; they come from aliases.
 */

/** Characters kept by normalisation: letters and digits of any script. */
const NON_NAME_CHARACTERS = /[^\p{L}\p{N}]/gu;
const COMBINING_MARKS = /\p{M}/gu;
const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPENING_BRACKETS = new Set(['(', '[', '{', '<', '【', '〔', '〖', '《', '〈', '「', '『']);
const CLOSING_BRACKETS = new Set([')', ']', '}', '>', '】', '〕', '〗', '》', '〉', '」', '』']);

/** A region is stripped only when at least this many characters of brand remain. */
const MIN_CORE_CHARS = 2;

type SuffixKind = 'legal' | 'branch';

/** Chinese endings, longest first so that 分公司 is a branch before 公司 is a legal form. */
const HAN_ENDINGS: readonly { readonly text: string; readonly kind: SuffixKind }[] = [
  ...['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '总公司', '集团', '控股', '公司', '股份'].map(
    (text) => ({ text, kind: 'legal' as const }),
  ),
  ...['省分公司', '市分公司', '分公司', '子公司', '办事处', '分院', '分所', '分厂'].map((text) => ({ text, kind: 'branch' as const })),
].sort((a, b) => b.text.length - a.text.length);

const LEGAL_WORDS = new Set([
  'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'plc', 'se', 'ag', 'gmbh', 'kg',
  'group', 'holdings', 'holding', 'sa', 'nv', 'bv', 'ab', 'spa', 'pte', 'pty',
]);
const BRANCH_WORDS = new Set(['branch', 'subsidiary']);

/** Bracketed words that qualify without naming: 研华科技（中国）有限公司, Advantech Co., Ltd. (China). */
const NATION_QUALIFIERS = new Set(['中国', 'china', 'prc']);

/** Words that designate a division, dropped to reach a region's canonical form: 江西省 → 江西. Longest first. */
const REGION_DESIGNATIONS: readonly string[] = [
  '特别行政区', '自治区', '自治州', '地区', '省', '市', '盟',
  'specialadministrativeregion', 'autonomousprefecture', 'autonomousregion', 'municipality', 'prefecture', 'province',
  'region', 'city', 'sar',
];

/** The longest Latin region name, in words ("hong kong special administrative region"). */
const MAX_REGION_WORDS = 5;

function normalizeOnce(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(NON_NAME_CHARACTERS, '')
    .normalize('NFC');
}

/**
 * The whole name as one comparable string: NFKC, lower case, no diacritics, only
 * letters and digits. Idempotent (it repeats until nothing changes: a removed
 * character can let its neighbours compose).
 */
export function normalizeCompanyName(name: string): string {
  let current = normalizeOnce(name);
  for (let round = 0; round < 4; round++) {
    const next = normalizeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** A Han run or a word of other letters and digits, and whether it stood in brackets. */
interface NamePart {
  readonly text: string;
  readonly han: boolean;
  readonly bracketed: boolean;
}

function splitNameParts(name: string): NamePart[] {
  const parts: NamePart[] = [];
  let depth = 0;
  let text = '';
  let han = false;
  const flush = () => {
    if (text) parts.push({ text, han, bracketed: depth > 0 });
    text = '';
  };
  for (const character of name.normalize('NFKC').toLowerCase()) {
    if (OPENING_BRACKETS.has(character)) {
      flush();
      depth++;
    } else if (CLOSING_BRACKETS.has(character)) {
      flush();
      depth = Math.max(0, depth - 1);
    } else if (LETTER_OR_DIGIT.test(character)) {
      const isHan = HAN.test(character);
      if (text && isHan !== han) flush();
      han = isHan;
      text += character;
    } else {
      flush();
    }
  }
  flush();
  return parts;
}

const joinParts = (parts: readonly NamePart[]): string => normalizeCompanyName(parts.map((part) => part.text).join(''));
const charCount = (parts: readonly NamePart[]): number => parts.reduce((sum, part) => sum + [...part.text].length, 0);

export interface CompanyNameAnalysis {
  /** The whole name, normalised. */
  readonly full: string;
  /** Without trailing legal forms, bracketed legal or nation qualifiers and a trailing bracket: 海尔集团公司 → 海尔. */
  readonly withoutLegalForm: string;
  /** The brand core: also without regions, branch words and bracketed qualifiers. */
  readonly core: string;
  /** Regions named in the name, canonical (江西省 → 江西), in order of finding. */
  readonly regions: readonly string[];
  /** True when the name carries a branch word (分公司, 子公司, Branch…). */
  readonly branch: boolean;
}

export interface CompanyNameAnalyzer {
  analyze(name: string): CompanyNameAnalysis;
  /** The name's keys: full form, form without legal form, and `region|core` short forms. */
  keys(name: string): readonly string[];
  /** The canonical form of a region name (江西省 → 江西), or undefined when it is not one of the regions given. */
  canonicalRegion(name: string): string | undefined;
}

/** The key of a (region, brand core) pair; `|` never survives normalisation, so it cannot collide with a name. */
export function shortFormKey(region: string, core: string): string {
  return `${region}|${core}`;
}

/** The lookup of the caller's region names: normalised spelling → canonical form. */
interface RegionLexicon {
  readonly canonical: ReadonlyMap<string, string>;
  readonly maxLength: number;
}

function withoutDesignation(key: string): string | undefined {
  for (const designation of REGION_DESIGNATIONS) {
    if (key.endsWith(designation) && key.length - designation.length >= 2) return key.slice(0, -designation.length);
  }
  return undefined;
}

function buildRegionLexicon(regionNames: readonly string[]): RegionLexicon {
  const spellings = new Set<string>();
  for (const name of regionNames) {
    const key = normalizeCompanyName(name);
    if ([...key].length >= 2) spellings.add(key);
  }
  const canonical = new Map<string, string>();
  for (const key of spellings) {
    let form = key;
    const bare = withoutDesignation(key);
    if (bare !== undefined) {
      if (spellings.has(bare)) form = bare;
      else {
        // 广西壮族自治区 → 广西壮族 → 广西: the longest listed name it starts with.
        for (let length = bare.length - 1; length >= 2; length--) {
          const prefix = bare.slice(0, length);
          if (spellings.has(prefix)) {
            form = prefix;
            break;
          }
        }
      }
    }
    canonical.set(key, form);
  }
  let maxLength = 0;
  for (const key of spellings) maxLength = Math.max(maxLength, key.length);
  return { canonical, maxLength };
}

/** Builds the analyzer for a list of region names (Chinese and English, short and full: 江西, 江西省, Jiangxi, 南昌市…). */
export function createCompanyNameAnalyzer(regionNames: readonly string[]): CompanyNameAnalyzer {
  const lexicon = buildRegionLexicon(regionNames);

  /** The longest region name `text` starts (or ends) with, as [length, canonical]. */
  function regionAtEdge(text: string, atEnd: boolean): [number, string] | undefined {
    for (let length = Math.min(lexicon.maxLength, text.length); length >= 2; length--) {
      const piece = atEnd ? text.slice(text.length - length) : text.slice(0, length);
      const canonical = lexicon.canonical.get(piece);
      if (canonical !== undefined) return [length, canonical];
    }
    return undefined;
  }

  /** How many whole Latin words at the start (or end) of `parts` form a region name. */
  function regionWords(parts: readonly NamePart[], atEnd: boolean): [number, string] | undefined {
    for (let count = Math.min(MAX_REGION_WORDS, parts.length); count >= 1; count--) {
      const slice = atEnd ? parts.slice(parts.length - count) : parts.slice(0, count);
      if (slice.some((part) => part.han)) continue;
      const canonical = lexicon.canonical.get(joinParts(slice));
      if (canonical !== undefined) return [count, canonical];
    }
    return undefined;
  }

  /** Strips trailing legal forms only. */
  function stripLegalForms(parts: NamePart[]): NamePart[] {
    const work = [...parts];
    for (;;) {
      const last = work[work.length - 1];
      if (!last || charCount(work) <= 1) return work;
      if (!last.han) {
        if (!LEGAL_WORDS.has(last.text) || work.length === 1) return work;
        work.pop();
        continue;
      }
      const ending = HAN_ENDINGS.find((candidate) => last.text.endsWith(candidate.text));
      if (!ending || ending.kind !== 'legal' || charCount(work) - ending.text.length < 1) return work;
      replaceLast(work, last.text.slice(0, -ending.text.length));
    }
  }

  function replaceLast(work: NamePart[], text: string): void {
    const last = work[work.length - 1];
    if (!last) return;
    if (text) work[work.length - 1] = { ...last, text };
    else work.pop();
  }

  function replaceFirst(work: NamePart[], text: string): void {
    const first = work[0];
    if (!first) return;
    if (text) work[0] = { ...first, text };
    else work.shift();
  }

  /** Strips one thing from the end (legal form, branch word, region); false when there was nothing to strip. */
  function stripEnd(work: NamePart[], regions: string[], found: { branch: boolean }): boolean {
    const last = work[work.length - 1];
    if (!last) return false;
    const total = charCount(work);
    if (last.han) {
      const ending = HAN_ENDINGS.find((candidate) => last.text.endsWith(candidate.text));
      if (ending && total - ending.text.length >= 1) {
        if (ending.kind === 'branch') found.branch = true;
        replaceLast(work, last.text.slice(0, -ending.text.length));
        return true;
      }
      const region = regionAtEdge(last.text, true);
      if (region && total - region[0] >= MIN_CORE_CHARS) {
        regions.push(region[1]);
        replaceLast(work, last.text.slice(0, -region[0]));
        return true;
      }
      return false;
    }
    if (work.length > 1 && (LEGAL_WORDS.has(last.text) || BRANCH_WORDS.has(last.text))) {
      if (BRANCH_WORDS.has(last.text)) found.branch = true;
      work.pop();
      return true;
    }
    const region = regionWords(work, true);
    if (region && region[0] < work.length && charCount(work.slice(0, work.length - region[0])) >= MIN_CORE_CHARS) {
      regions.push(region[1]);
      work.splice(work.length - region[0]);
      return true;
    }
    return false;
  }

  /** Strips a leading region; false when there is none. */
  function stripStart(work: NamePart[], regions: string[]): boolean {
    const first = work[0];
    if (!first) return false;
    const total = charCount(work);
    if (first.han) {
      const region = regionAtEdge(first.text, false);
      if (region && total - region[0] >= MIN_CORE_CHARS) {
        regions.push(region[1]);
        replaceFirst(work, first.text.slice(region[0]));
        return true;
      }
      return false;
    }
    const region = regionWords(work, false);
    if (region && region[0] < work.length && charCount(work.slice(region[0])) >= MIN_CORE_CHARS) {
      regions.push(region[1]);
      work.splice(0, region[0]);
      return true;
    }
    return false;
  }

  function analyze(name: string): CompanyNameAnalysis {
    const parts = splitNameParts(name);
    const full = normalizeCompanyName(name);
    const regions: string[] = [];

    // Bracketed parts: a region is noted, a legal or nation qualifier is dropped from every form,
    // anything else (an English name, an abbreviation) is dropped from the core only.
    const unqualified = parts.filter((part) => {
      if (!part.bracketed) return true;
      const canonical = lexicon.canonical.get(normalizeCompanyName(part.text));
      if (canonical !== undefined) regions.push(canonical);
      return !(NATION_QUALIFIERS.has(part.text) || LEGAL_WORDS.has(part.text) || HAN_ENDINGS.some((e) => e.kind === 'legal' && e.text === part.text));
    });
    // A trailing bracket ("ZWSOFT Co., Ltd. (Guangzhou)") stands after the legal form: it goes too.
    const beforeTrailingBracket = [...unqualified];
    while (beforeTrailingBracket.length > 1 && beforeTrailingBracket[beforeTrailingBracket.length - 1]?.bracketed) beforeTrailingBracket.pop();
    const withoutLegalForm = joinParts(stripLegalForms(beforeTrailingBracket.length ? beforeTrailingBracket : parts));

    const unbracketed = unqualified.filter((part) => !part.bracketed);
    const work = unbracketed.length ? unbracketed : [...parts];
    const found = { branch: false };
    while (stripEnd(work, regions, found) || stripStart(work, regions)) {
      // Each round strips one ending or one leading region; the name shrinks until none applies.
    }
    return { full, withoutLegalForm, core: joinParts(work), regions: [...new Set(regions)], branch: found.branch };
  }

  return {
    analyze,
    keys(name) {
      const analysis = analyze(name);
      const keys = [analysis.full, analysis.withoutLegalForm];
      if (analysis.core) for (const region of analysis.regions) keys.push(shortFormKey(region, analysis.core));
      return [...new Set(keys.filter((key) => key.length > 0))];
    },
    canonicalRegion(name) {
      return lexicon.canonical.get(normalizeCompanyName(name));
    },
  };
}
