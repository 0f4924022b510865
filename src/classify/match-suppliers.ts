/**
 * Resolves a supplier as a source names it (中国联通江西分公司, "Jiangxi Unicom Co",
 * a credit code) to an enterprise record — or says it cannot. A case decomposition
 * is only as good as its supplier links, so the resolver never guesses: it answers
 * `matched` only when one record is clearly the one, `potential` when a person should
 * choose, `unmatched` otherwise, and always lists the candidates it weighed.
 *
 * Evidence, strongest first (each record keeps its best):
 *
 * | reason        | score                 | when                                                                 |
 * |---------------|-----------------------|----------------------------------------------------------------------|
 * | `credit_code` | CREDIT_CODE_SCORE 1.0 | the mention is an 18-character unified social credit code of the record |
 * | `exact_name`  | EXACT_NAME_SCORE 0.98 | a key of the mention (full, or without legal form) is a key of the record's name |
 * | `alias`       | EXACT_NAME_SCORE 0.98 | … of one of the record's aliases                                      |
 * | `short_form`  | SHORT_FORM_SCORE 0.9  | same region and brand core: 江西联通 ↔ 中国联通江西分公司. The region is the mention's own, else the context province |
 * | `core_name`   | CORE_NAME_SCORE 0.8   | same brand core, the mention naming no region the record contradicts  |
 * | `fuzzy`       | ≤ FUZZY_MAX_SCORE 0.75| FUZZY_MAX_SCORE × character-bigram Dice of the brand cores            |
 *
 * A record's brand cores include those of the region-less record whose brand it
 * carries: the record 中国联合网络通信有限公司江西省分公司 also answers to the cores of
 * 中国联合网络通信集团有限公司 (中国联通, 联通, China Unicom) — that is how a brand
 * abbreviation, known only from aliases, reaches the branch.
 *
 * Decision: `matched` when the best score is ≥ AUTO_MATCH and every other candidate
 * is at least MIN_MARGIN below it; when several are that close, a context province
 * that exactly one of them is located in settles it. `potential` when the best is
 * ≥ POTENTIAL (a tie at any height lands here); `unmatched` below. A `core_name` or
 * `fuzzy` hit alone is therefore never a match.
 *
 * Speed: names are looked up by key in Maps; fuzzy scoring runs only when nothing
 * reached AUTO_MATCH, and only over the FUZZY_POOL records sharing most character
 * bigrams with the mention's core (an inverted bigram index).
 *
 * Limits: a context province is compared as written — a region name meets the regions
 * found in names and the records' province fields, a code meets only a province field
 * holding the same code. A region given as a city (南昌联通) does not meet a record
 * known by its province (江西联通): no city → province table here.
 */
import { vocabularyGuard, type Text } from '../model/index.js';
import { createCompanyNameAnalyzer, normalizeCompanyName, shortFormKey, type CompanyNameAnalysis } from './company-names.js';

export const MatchReason = {
  credit_code: { zh: '统一社会信用代码一致', en: 'same unified social credit code' },
  exact_name: { zh: '名称一致', en: 'same name' },
  alias: { zh: '与别名一致', en: 'same as an alias' },
  short_form: { zh: '地区与品牌一致', en: 'same region and brand' },
  core_name: { zh: '品牌一致', en: 'same brand' },
  fuzzy: { zh: '名称相近', en: 'similar name' },
} as const satisfies Record<string, Text>;
export type MatchReason = keyof typeof MatchReason;
export const isMatchReason = vocabularyGuard(MatchReason);

export const MatchStatus = {
  matched: { zh: '已匹配', en: 'matched' },
  potential: { zh: '待确认', en: 'potential' },
  unmatched: { zh: '未匹配', en: 'unmatched' },
} as const satisfies Record<string, Text>;
export type MatchStatus = keyof typeof MatchStatus;
export const isMatchStatus = vocabularyGuard(MatchStatus);

export const CREDIT_CODE_SCORE = 1;
export const EXACT_NAME_SCORE = 0.98;
export const SHORT_FORM_SCORE = 0.9;
export const CORE_NAME_SCORE = 0.8;
export const FUZZY_MAX_SCORE = 0.75;
/** A best score at or above this, clearly ahead of the rest, is a match. */
export const AUTO_MATCH = 0.85;
/** A best score at or above this (and not a match) is worth a person's look. */
export const POTENTIAL = 0.6;
/** How far the best must be ahead of the second to be a match. */
export const MIN_MARGIN = 0.1;
/** Candidates below this score are not listed. */
export const CANDIDATE_FLOOR = 0.3;
export const MAX_CANDIDATES = 10;
/** How many records sharing character bigrams with the mention are scored fuzzily. */
export const FUZZY_POOL = 20;

// Scores are decimals: compare with a little slack so that 0.9 - 0.8 counts as a full margin.
const EPSILON = 1e-9;

/** What the resolver needs of an enterprise; an `Enterprise` is one. */
export interface SupplierCandidate {
  readonly id: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly aliases: readonly string[];
  readonly creditCode?: string;
  readonly province?: string;
  readonly city?: string;
}

export interface MatchContext {
  /** The province the mention comes from (a case's customer province): a name, or a code as the records hold it. */
  readonly province?: string;
}

export interface ScoredCandidate {
  readonly id: string;
  /** In [0, 1]. */
  readonly score: number;
  readonly reason: MatchReason;
}

export interface SupplierMatch {
  /** The mention as given. */
  readonly mention: string;
  readonly status: MatchStatus;
  /** The chosen record when `matched`; the leading one when `potential`; absent when `unmatched`. */
  readonly best?: ScoredCandidate;
  /** Every record weighed, best first (at most MAX_CANDIDATES, none below CANDIDATE_FLOOR). */
  readonly candidates: readonly ScoredCandidate[];
}

export interface SupplierIndexOptions {
  /** Region names in any spelling — Chinese and English, short and full (江西, 江西省, Jiangxi, 南昌, 南昌市). */
  readonly regionNames: readonly string[];
}

export interface SupplierIndex {
  /** How many records the index holds. */
  readonly size: number;
  /** Every name and alias of the records, as written, without duplicates: what a text may mention. */
  readonly names: readonly string[];
  match(mention: string, context?: MatchContext): SupplierMatch;
}

/** What the index knows of one record beyond its keys. */
interface RecordProfile {
  readonly id: string;
  /** Regions found in the record's own names: the record is a regional one (a branch, 上海宝信). */
  readonly nameRegions: Set<string>;
  /** Name regions plus the province and city fields, canonical where they are region names. */
  readonly location: Set<string>;
  /** Brand cores, with those of the brand's region-less record. */
  readonly cores: Set<string>;
  /** Bigram sets of the strings scored fuzzily. */
  fuzzyForms: Set<string>[];
}

const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** The mention as a credit code, when it has a credit code's shape (whitespace and width ignored). */
function creditCodeOf(text: string): string | undefined {
  const code = text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  return CREDIT_CODE_SHAPE.test(code) ? code : undefined;
}

/** Character bigrams (one gram for a one-character string); CJK compared by characters. */
function bigramsOf(text: string): Set<string> {
  const characters = [...text];
  const grams = new Set<string>();
  if (characters.length === 1) grams.add(characters[0] as string);
  for (let i = 0; i + 1 < characters.length; i++) grams.add(`${characters[i]}${characters[i + 1]}`);
  return grams;
}

function diceCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const roundScore = (score: number): number => Math.round(score * 1000) / 1000;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

const byScoreThenId = (a: ScoredCandidate, b: ScoredCandidate): number => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the index once; `match` is then a few Map look-ups (plus a bounded fuzzy pass). */
export function createSupplierIndex(enterprises: readonly SupplierCandidate[], options: SupplierIndexOptions): SupplierIndex {
  const analyzer = createCompanyNameAnalyzer(options.regionNames);
  const regionKey = (text: string): string => analyzer.canonicalRegion(text) ?? normalizeCompanyName(text);

  const exactKeys = new Map<string, Map<string, MatchReason>>();
  const creditCodes = new Map<string, Set<string>>();
  const profiles = new Map<string, RecordProfile>();
  const names = new Set<string>();

  // Phase 1: analyse every name and alias; exact keys, regions and cores per record.
  for (const enterprise of enterprises) {
    const spellings: [string, MatchReason][] = [];
    for (const name of [enterprise.nameZh, enterprise.nameEn]) if (name?.trim()) spellings.push([name, 'exact_name']);
    for (const alias of enterprise.aliases) if (alias.trim()) spellings.push([alias, 'alias']);

    const nameRegions = new Set<string>();
    const cores = new Set<string>();
    const fuzzyStrings = new Set<string>();
    for (const [spelling, reason] of spellings) {
      names.add(spelling.trim());
      const analysis = analyzer.analyze(spelling);
      for (const key of [analysis.full, analysis.withoutLegalForm]) {
        if (!key) continue;
        let reasons = exactKeys.get(key);
        if (!reasons) exactKeys.set(key, (reasons = new Map()));
        if (reasons.get(enterprise.id) !== 'exact_name') reasons.set(enterprise.id, reason);
      }
      for (const region of analysis.regions) nameRegions.add(region);
      if (analysis.core) cores.add(analysis.core);
      for (const form of [analysis.core, analysis.withoutLegalForm]) if ([...form].length >= 2) fuzzyStrings.add(form);
    }
    const code = enterprise.creditCode ? creditCodeOf(enterprise.creditCode) : undefined;
    if (code) addTo(creditCodes, code, enterprise.id);

    const location = new Set(nameRegions);
    for (const field of [enterprise.province, enterprise.city]) {
      const key = field ? regionKey(field) : '';
      if (key) location.add(key);
    }
    const previous = profiles.get(enterprise.id);
    if (previous) {
      // The same id twice: one record with both sets of names.
      for (const region of nameRegions) previous.nameRegions.add(region);
      for (const region of location) previous.location.add(region);
      for (const core of cores) previous.cores.add(core);
      previous.fuzzyForms.push(...[...fuzzyStrings].map(bigramsOf));
    } else {
      profiles.set(enterprise.id, { id: enterprise.id, nameRegions, location, cores, fuzzyForms: [...fuzzyStrings].map(bigramsOf) });
    }
  }

  // Phase 2: a regional record carries the brand of the region-less record sharing one of its cores.
  const regionlessByCore = new Map<string, Set<string>>();
  for (const profile of profiles.values()) {
    if (profile.nameRegions.size === 0) for (const core of profile.cores) addTo(regionlessByCore, core, profile.id);
  }
  for (const profile of profiles.values()) {
    if (profile.nameRegions.size === 0) continue;
    const brandCores = new Set<string>();
    for (const core of profile.cores) {
      for (const brandId of regionlessByCore.get(core) ?? []) {
        for (const brandCore of profiles.get(brandId)?.cores ?? []) brandCores.add(brandCore);
      }
    }
    for (const core of brandCores) profile.cores.add(core);
  }

  // Phase 3: short-form, core and bigram indexes.
  const shortForms = new Map<string, Set<string>>();
  const coreIndex = new Map<string, Set<string>>();
  const bigramIndex = new Map<string, Set<string>>();
  for (const profile of profiles.values()) {
    for (const core of profile.cores) {
      if ([...core].length < 2) continue;
      addTo(coreIndex, core, profile.id);
      for (const region of profile.nameRegions) addTo(shortForms, shortFormKey(region, core), profile.id);
    }
    for (const grams of profile.fuzzyForms) for (const gram of grams) addTo(bigramIndex, gram, profile.id);
  }

  /** True when the mention names regions and the regional record is located in none of them. */
  function contradictsRegion(mentionRegions: readonly string[], profile: RecordProfile): boolean {
    return mentionRegions.length > 0 && profile.nameRegions.size > 0 && !mentionRegions.some((region) => profile.location.has(region));
  }

  function fuzzyCandidates(analysis: CompanyNameAnalysis, offer: (id: string, score: number, reason: MatchReason) => void): void {
    const query = [...analysis.core].length >= 2 ? analysis.core : analysis.withoutLegalForm;
    if ([...query].length < 2) return;
    const grams = bigramsOf(query);
    const shared = new Map<string, number>();
    for (const gram of grams) for (const id of bigramIndex.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const pool = [...shared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, FUZZY_POOL);
    for (const [id] of pool) {
      const profile = profiles.get(id);
      if (!profile || contradictsRegion(analysis.regions, profile)) continue;
      let dice = 0;
      for (const form of profile.fuzzyForms) dice = Math.max(dice, diceCoefficient(grams, form));
      const score = roundScore(FUZZY_MAX_SCORE * dice);
      if (score >= CANDIDATE_FLOOR) offer(id, score, 'fuzzy');
    }
  }

  function decide(mention: string, scores: ReadonlyMap<string, ScoredCandidate>, contextRegion: string | undefined): SupplierMatch {
    const candidates = [...scores.values()].filter((c) => c.score >= CANDIDATE_FLOOR).sort(byScoreThenId).slice(0, MAX_CANDIDATES);
    const leader = candidates[0];
    if (!leader || leader.score < POTENTIAL - EPSILON) return { mention, status: 'unmatched', candidates };
    const contenders = candidates.filter((c) => leader.score - c.score < MIN_MARGIN - EPSILON);
    let chosen: ScoredCandidate | undefined = contenders.length === 1 ? leader : undefined;
    if (!chosen && contextRegion !== undefined) {
      const local = contenders.filter((c) => profiles.get(c.id)?.location.has(contextRegion));
      if (local.length === 1) chosen = local[0];
    }
    if (chosen && chosen.score >= AUTO_MATCH - EPSILON) return { mention, status: 'matched', best: chosen, candidates };
    return { mention, status: 'potential', best: leader, candidates };
  }

  function match(mention: string, context?: MatchContext): SupplierMatch {
    const scores = new Map<string, ScoredCandidate>();
    const offer = (id: string, score: number, reason: MatchReason): void => {
      const previous = scores.get(id);
      if (!previous || score > previous.score) scores.set(id, { id, score, reason });
    };
    const contextRegion = context?.province ? regionKey(context.province) || undefined : undefined;

    const code = creditCodeOf(mention);
    if (code) {
      for (const id of creditCodes.get(code) ?? []) offer(id, CREDIT_CODE_SCORE, 'credit_code');
      return decide(mention, scores, contextRegion);
    }

    const analysis = analyzer.analyze(mention);
    if (!analysis.full) return decide(mention, scores, contextRegion);

    for (const key of new Set([analysis.full, analysis.withoutLegalForm])) {
      for (const [id, reason] of exactKeys.get(key) ?? []) offer(id, EXACT_NAME_SCORE, reason);
    }
    if ([...analysis.core].length >= 2) {
      const pairRegions = analysis.regions.length ? analysis.regions : contextRegion !== undefined ? [contextRegion] : [];
      for (const region of pairRegions) {
        for (const id of shortForms.get(shortFormKey(region, analysis.core)) ?? []) offer(id, SHORT_FORM_SCORE, 'short_form');
      }
      for (const id of coreIndex.get(analysis.core) ?? []) {
        const profile = profiles.get(id);
        if (profile && !contradictsRegion(analysis.regions, profile)) offer(id, CORE_NAME_SCORE, 'core_name');
      }
    }
    const best = Math.max(0, ...[...scores.values()].map((c) => c.score));
    if (best < AUTO_MATCH - EPSILON) fuzzyCandidates(analysis, offer);
    return decide(mention, scores, contextRegion);
  }

  return { size: profiles.size, names: [...names], match };
}
