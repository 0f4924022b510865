/**
 * The lexicon of a framework, compiled for matching: every keyword and negative
 * keyword of every link, normalised (normalize.ts) and held in one Aho–Corasick
 * automaton, so that one pass over a text finds all of them.
 *
 * `findHits` turns raw occurrences into hits that count:
 *   occurrences → word boundaries (Latin terms; an English plural "s"/"es"
 *   belongs to the word) → segmentation (short Chinese
 *   terms) → negatives (per link) → longest match (a term inside a longer hit
 *   is the longer hit's part, not a reading of its own)
 * Nothing here knows the industrial-internet ids: any framework works, and a
 * link without keywords simply never scores.
 */
import type { Framework } from '../model/index.js';
import { Automaton } from './automaton.js';
import { normalizeTerm, type NormalizedText } from './normalize.js';

export interface LexiconLink {
  readonly id: string;
  readonly segment: string;
  /** Score the link needs before it is assigned. */
  readonly threshold: number;
}

export interface LexiconTerm {
  /** Index into `Lexicon.links`. */
  readonly link: number;
  /** As the framework writes it. */
  readonly term: string;
  readonly weight: number;
  readonly negative: boolean;
  /** Begins / ends with a Latin letter or digit: must not run on into one in the text ("MES" is not in "games"). */
  readonly boundedStart: boolean;
  readonly boundedEnd: boolean;
  /** Two Chinese characters or fewer: checked against word segmentation (see Segmenter). */
  readonly short: boolean;
  /** Written ending in a lower-case letter (an English word, not an acronym like "TPM"): its plural matches too. */
  readonly pluralizes: boolean;
}

export interface Lexicon {
  readonly frameworkId: string;
  readonly links: readonly LexiconLink[];
  readonly terms: readonly LexiconTerm[];
  readonly automaton: Automaton;
}

/**
 * Word boundaries of a normalised text, as offsets (0 and the length included).
 * A short Chinese keyword that straddles a boundary without sitting on one at
 * both ends is a false match ("全网" in 安全|网关).
 *
 * `spaceLocal`: the segmenter cuts each run of non-space characters on its own
 * (a space is always a word of its own, and the words of a run depend on that
 * run alone), as jieba does. The classifier then segments only the runs that
 * hold a short keyword, joined by spaces, instead of the whole text: the same
 * boundaries where they matter, for a fraction of the work.
 */
export type Segmenter = ((text: string) => readonly number[]) & { readonly spaceLocal?: boolean };

/** Score a link needs when its framework entry sets no threshold: one strong keyword, or two ordinary ones. */
export const DEFAULT_THRESHOLD = 2;

const isAlnum = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;

/** Where a plural ending "s" or "es" at `end` finishes, when it ends the word there; undefined otherwise. */
function pluralEnd(text: string, end: number): number | undefined {
  for (const suffix of ['s', 'es']) {
    const after = end + suffix.length;
    if (text.startsWith(suffix, end) && (after === text.length || !isAlnum(text.charCodeAt(after)))) return after;
  }
  return undefined;
}

export function compileLexicon(framework: Framework): Lexicon {
  const links = framework.links.map((l) => ({ id: l.id, segment: l.segment, threshold: l.threshold ?? DEFAULT_THRESHOLD }));
  const terms: LexiconTerm[] = [];
  const patterns: string[] = [];
  const add = (link: number, term: string, weight: number, negative: boolean) => {
    const normalized = normalizeTerm(term);
    if (normalized.length === 0) return;
    const short = normalized.length <= 2 && [...normalized].every((c) => isCjk(c.charCodeAt(0)));
    terms.push({
      link, term, weight, negative, short, pluralizes: /[a-z]$/.test(term.trim()),
      boundedStart: isAlnum(normalized.charCodeAt(0)),
      boundedEnd: isAlnum(normalized.charCodeAt(normalized.length - 1)),
    });
    patterns.push(normalized);
  };
  framework.links.forEach((link, index) => {
    for (const k of link.keywords) add(index, k.term, k.weight, false);
    for (const n of link.negatives) add(index, n.term, 0, true);
  });
  return { frameworkId: framework.id, links, terms, automaton: new Automaton(patterns) };
}

/** A keyword found in a text, at normalised offsets. */
export interface Hit {
  readonly term: number;
  readonly start: number;
  readonly end: number;
}

/** Whether the span crosses a word boundary without both of its ends on boundaries. */
function straddles(boundaries: readonly number[], start: number, end: number): boolean {
  let inside = false;
  let startOn = false;
  let endOn = false;
  for (const b of boundaries) {
    if (b === start) startOn = true;
    else if (b === end) endOn = true;
    else if (b > start && b < end) inside = true;
  }
  return inside && !(startOn && endOn);
}

/**
 * Word boundaries of the runs (between spaces) that hold a short hit, at offsets
 * of `text`, from a space-local segmenter cutting each such run alone (see
 * Segmenter). A run that is exactly its short hit needs no cutting: its ends are
 * boundaries, so the hit cannot straddle one.
 */
function runBoundaries(lexicon: Lexicon, text: string, hits: readonly Hit[], segmenter: Segmenter): number[] {
  const boundaries: number[] = [];
  let lastRun = -1;
  for (const hit of hits) {
    if (!(lexicon.terms[hit.term] as LexiconTerm).short) continue;
    const start = text.lastIndexOf(' ', hit.start) + 1;
    if (start === lastRun) continue;
    const space = text.indexOf(' ', hit.end);
    const end = space < 0 ? text.length : space;
    if (start === hit.start && end === hit.end) continue;
    lastRun = start;
    for (const b of segmenter(text.slice(start, end))) boundaries.push(start + b);
  }
  return boundaries;
}

/** The hits that count in a normalised text (see the module note), in order of start. */
export function findHits(lexicon: Lexicon, normalized: NormalizedText & { readonly codes?: Uint16Array }, segmenter?: Segmenter): Hit[] {
  const text = normalized.text;
  const positives: Hit[] = [];
  const negatives: Hit[] = [];
  let boundaries: readonly number[] | undefined;
  const found = (index: number, start: number, matchEnd: number) => {
    let end = matchEnd;
    const term = lexicon.terms[index] as LexiconTerm;
    if (term.boundedStart && start > 0 && isAlnum(text.charCodeAt(start - 1))) return;
    if (term.boundedEnd && end < text.length && isAlnum(text.charCodeAt(end))) {
      // An English plural ("transmitters", "switches") is the keyword's word; anything else runs on into another word.
      // Acronyms take none: "TPMS" is not a plural of "TPM".
      const plural = term.pluralizes ? pluralEnd(text, end) : undefined;
      if (plural === undefined) return;
      end = plural;
    }
    (term.negative ? negatives : positives).push({ term: index, start, end });
  };
  // The units of the text, when the normaliser hands them over, are faster to walk than the string.
  if (normalized.codes) lexicon.automaton.scanCodes(normalized.codes, text.length, found);
  else lexicon.automaton.scan(text, found);
  let kept = positives;
  if (segmenter && kept.some((h) => (lexicon.terms[h.term] as LexiconTerm).short)) {
    boundaries = segmenter.spaceLocal ? runBoundaries(lexicon, text, kept, segmenter) : segmenter(text);
    kept = kept.filter((h) => !(lexicon.terms[h.term] as LexiconTerm).short || !straddles(boundaries as readonly number[], h.start, h.end));
  }
  if (negatives.length > 0) {
    kept = kept.filter((h) => {
      const link = (lexicon.terms[h.term] as LexiconTerm).link;
      return !negatives.some((n) => (lexicon.terms[n.term] as LexiconTerm).link === link && n.start < h.end && h.start < n.end);
    });
  }
  return longestMatches(kept);
}

/** Drops every hit that lies inside a strictly longer hit (of any link); hits on the same span all stay. */
function longestMatches(hits: readonly Hit[]): Hit[] {
  if (hits.length < 2) return [...hits];
  const byLength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const hit of byLength) {
    const inside = kept.some((k) => k.start <= hit.start && hit.end <= k.end && k.end - k.start > hit.end - hit.start);
    if (!inside) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
