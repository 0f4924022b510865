/**
 * The lexicon of a framework, compiled for matching: every keyword and negative
 * keyword of every link, normalised (normalize.ts) and held in one Aho–Corasick
 * automaton, so that one pass over a text finds all of them.
 *
 * `HitFinder` turns raw occurrences into hits that count:
 *   occurrences → word boundaries (Latin terms; an English plural "s"/"es"
 *   belongs to the word) → segmentation (short Chinese
 *   terms) → negatives (per link) → longest match (a term inside a longer hit
 *   is the longer hit's part, not a reading of its own)
 * Nothing here knows the industrial-internet ids: any framework works, and a
 * link without keywords simply never scores.
 */
import type { Framework } from '../model/index.js';
import { Automaton, OccurrenceList, type AutomatonTables } from './automaton.js';
import { SPACE, normalizeTerm, type NormalizedBuffer } from './normalize.js';
import { RunBoundaries } from './run-boundaries.js';

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

/** Bits of `TermTable.flags`: the LexiconTerm fields of the same names. */
export const TERM_NEGATIVE = 1;
export const TERM_BOUNDED_START = 2;
export const TERM_BOUNDED_END = 4;
export const TERM_SHORT = 8;
export const TERM_PLURALIZES = 16;

/** What the per-text loops read of each term, by term index, in typed arrays (no object to load per hit). */
export interface TermTable {
  readonly link: Int32Array;
  readonly weight: Float64Array;
  readonly flags: Uint8Array;
}

export interface Lexicon {
  readonly frameworkId: string;
  readonly links: readonly LexiconLink[];
  readonly terms: readonly LexiconTerm[];
  readonly table: TermTable;
  readonly automaton: Automaton;
}

/** A lexicon as plain data, for a worker thread to be sent one compiled already (structured clone keeps it whole). */
export interface LexiconTables extends Omit<Lexicon, 'automaton'> {
  readonly automaton: AutomatonTables;
}

export function lexiconTables(lexicon: Lexicon): LexiconTables {
  return { ...lexicon, automaton: lexicon.automaton.tables() };
}

/** The lexicon `lexiconTables` was given, back from its data. */
export function lexiconFromTables(tables: LexiconTables): Lexicon {
  return { ...tables, automaton: Automaton.fromTables(tables.automaton) };
}

function termTable(terms: readonly LexiconTerm[]): TermTable {
  const bit = (on: boolean, value: number) => (on ? value : 0);
  return {
    link: Int32Array.from(terms, (t) => t.link),
    weight: Float64Array.from(terms, (t) => t.weight),
    flags: Uint8Array.from(terms, (t) => bit(t.negative, TERM_NEGATIVE) | bit(t.boundedStart, TERM_BOUNDED_START) |
      bit(t.boundedEnd, TERM_BOUNDED_END) | bit(t.short, TERM_SHORT) | bit(t.pluralizes, TERM_PLURALIZES)),
  };
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
 * boundaries where they matter, for a fraction of the work. A segmenter cuts
 * the same text the same way every time (its results are kept).
 */
export type Segmenter = ((text: string) => readonly number[]) & { readonly spaceLocal?: boolean };

/** Score a link needs when its framework entry sets no threshold: one strong keyword, or two ordinary ones. */
export const DEFAULT_THRESHOLD = 2;

const isAlnum = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;

const S = 0x73;
const E = 0x65;

/** Where a plural ending "s" or "es" at `end` finishes, when it ends the word there; -1 otherwise. */
function pluralEnd(codes: Uint16Array, n: number, end: number): number {
  if (codes[end] === S && (end + 1 === n || !isAlnum(codes[end + 1] as number))) return end + 1;
  if (end + 1 < n && codes[end] === E && codes[end + 1] === S && (end + 2 === n || !isAlnum(codes[end + 2] as number))) return end + 2;
  return -1;
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
  return { frameworkId: framework.id, links, terms, table: termTable(terms), automaton: new Automaton(patterns) };
}

/**
 * Finds the hits that count in normalised texts (see the module note), one text
 * at a time, in buffers it reuses: `find` fills `hits` (term index, start, end
 * at normalised offsets) in order of start, then end.
 */
export class HitFinder {
  /** The last text's hits: `patterns[k]` is the term's index in `Lexicon.terms`. */
  readonly hits = new OccurrenceList();
  /** The automaton's occurrences in the last text (filled by `find`, or by a scan fused with normalisation before `findScanned`). */
  readonly occurrences = new OccurrenceList();
  private readonly positives = new OccurrenceList();
  private readonly negatives = new OccurrenceList();
  private keep = new Uint8Array(64);
  private boundaries: number[] = [];
  private readonly runs = new RunBoundaries();

  constructor(
    private readonly lexicon: Lexicon,
    private readonly segmenter?: Segmenter,
  ) {}

  find(text: NormalizedBuffer): OccurrenceList {
    this.lexicon.automaton.scanInto(text.codes, text.length, this.occurrences);
    return this.findScanned(text);
  }

  /** `find`, the automaton's occurrences in the text being in `occurrences` already. */
  findScanned(text: NormalizedBuffer): OccurrenceList {
    const { positives, negatives, occurrences } = this;
    const { flags } = this.lexicon.table;
    const { codes, length: n } = text;
    positives.count = 0;
    negatives.count = 0;
    let anyShort = false;
    for (let k = 0; k < occurrences.count; k++) {
      const index = occurrences.patterns[k] as number;
      const start = occurrences.starts[k] as number;
      let end = occurrences.ends[k] as number;
      const term = flags[index] as number;
      if (term & TERM_BOUNDED_START && start > 0 && isAlnum(codes[start - 1] as number)) continue;
      if (term & TERM_BOUNDED_END && end < n && isAlnum(codes[end] as number)) {
        // An English plural ("transmitters", "switches") is the keyword's word; anything else runs on into another word.
        // Acronyms take none: "TPMS" is not a plural of "TPM".
        const plural = term & TERM_PLURALIZES ? pluralEnd(codes, n, end) : -1;
        if (plural < 0) continue;
        end = plural;
      }
      if (term & TERM_NEGATIVE) negatives.push(index, start, end);
      else {
        positives.push(index, start, end);
        if (term & TERM_SHORT) anyShort = true;
      }
    }
    const count = positives.count;
    if (this.keep.length < count) this.keep = new Uint8Array(Math.max(count, this.keep.length * 2));
    const keep = this.keep;
    // A loop: for the few hits of a text, cheaper than the call into `fill`.
    for (let k = 0; k < count; k++) keep[k] = 1;
    if (this.segmenter && anyShort) this.dropStraddling(text, keep);
    if (negatives.count > 0) this.dropNegated(keep);
    this.dropInsideLonger(keep);
    return this.sortKept(keep);
  }

  /** Short Chinese hits that straddle a word boundary are false matches ("全网" in 安全|网关). */
  private dropStraddling(text: NormalizedBuffer, keep: Uint8Array): void {
    const segmenter = this.segmenter as Segmenter;
    const { positives } = this;
    const { flags } = this.lexicon.table;
    const boundaries = segmenter.spaceLocal ? this.runBoundaries(text, segmenter) : segmenter(text.text());
    for (let k = 0; k < positives.count; k++) {
      if (!((flags[positives.patterns[k] as number] as number) & TERM_SHORT)) continue;
      if (straddles(boundaries, positives.starts[k] as number, positives.ends[k] as number)) keep[k] = 0;
    }
  }

  /**
   * Word boundaries of the runs (between spaces) that hold a short hit, at offsets
   * of the text, from a space-local segmenter cutting each such run alone (see
   * Segmenter). A run that is exactly its short hit needs no cutting: its ends are
   * boundaries, so the hit cannot straddle one.
   */
  private runBoundaries(text: NormalizedBuffer, segmenter: Segmenter): readonly number[] {
    const { positives } = this;
    const { flags } = this.lexicon.table;
    const { codes, length: n } = text;
    const boundaries = this.boundaries;
    boundaries.length = 0;
    let lastRun = -1;
    for (let k = 0; k < positives.count; k++) {
      if (!((flags[positives.patterns[k] as number] as number) & TERM_SHORT)) continue;
      const hitStart = positives.starts[k] as number;
      const hitEnd = positives.ends[k] as number;
      let start = hitStart;
      while (start > 0 && codes[start - 1] !== SPACE) start--;
      if (start === lastRun) continue;
      let end = hitEnd;
      while (end < n && codes[end] !== SPACE) end++;
      if (start === hitStart && end === hitEnd) continue;
      lastRun = start;
      for (const b of this.runs.get(codes, start, end, () => segmenter(text.text(start, end)))) boundaries.push(start + b);
    }
    return boundaries;
  }

  /** A negative cancels the positive hits of its own link that it overlaps. */
  private dropNegated(keep: Uint8Array): void {
    const { positives, negatives } = this;
    const termLink = this.lexicon.table.link;
    for (let k = 0; k < positives.count; k++) {
      if (!keep[k]) continue;
      const link = termLink[positives.patterns[k] as number] as number;
      const start = positives.starts[k] as number;
      const end = positives.ends[k] as number;
      for (let m = 0; m < negatives.count; m++) {
        if ((negatives.starts[m] as number) < end && start < (negatives.ends[m] as number) &&
          termLink[negatives.patterns[m] as number] === link) {
          keep[k] = 0;
          break;
        }
      }
    }
  }

  /** Longest match: a hit inside a strictly longer hit (of any link) is that hit's part, not a reading of its own. */
  private dropInsideLonger(keep: Uint8Array): void {
    const { starts, ends, count } = this.positives;
    // Most texts' hits do not overlap at all (then none lies inside another): one pass tells, in the automaton's order.
    let reach = -1;
    let overlap = false;
    for (let k = 0; k < count && !overlap; k++) {
      overlap = (starts[k] as number) < reach;
      reach = Math.max(reach, ends[k] as number);
    }
    if (!overlap) return;
    for (let k = 0; k < count; k++) {
      if (keep[k] !== 1) continue;
      const start = starts[k] as number;
      const end = ends[k] as number;
      for (let m = 0; m < count; m++) {
        // A hit dropped here still counts as a container (containment is transitive); one dropped before does not.
        if (m === k || keep[m] === 0) continue;
        const s = starts[m] as number;
        const e = ends[m] as number;
        if (s <= start && end <= e && e - s > end - start) {
          keep[k] = 2;
          break;
        }
      }
    }
    for (let k = 0; k < count; k++) if (keep[k] === 2) keep[k] = 0;
  }

  /** The kept hits into `hits`, ordered by start then end (ties in the automaton's order). */
  private sortKept(keep: Uint8Array): OccurrenceList {
    const { positives, hits } = this;
    hits.count = 0;
    for (let k = 0; k < positives.count; k++) {
      if (!keep[k]) continue;
      const start = positives.starts[k] as number;
      const end = positives.ends[k] as number;
      hits.push(positives.patterns[k] as number, start, end);
      // Insertion into place: texts have few hits, and the order must be stable.
      let at = hits.count - 1;
      while (at > 0 && ((hits.starts[at - 1] as number) > start || (hits.starts[at - 1] === start && (hits.ends[at - 1] as number) > end))) {
        hits.patterns[at] = hits.patterns[at - 1] as number;
        hits.starts[at] = hits.starts[at - 1] as number;
        hits.ends[at] = hits.ends[at - 1] as number;
        at--;
      }
      hits.patterns[at] = positives.patterns[k] as number;
      hits.starts[at] = start;
      hits.ends[at] = end;
    }
    return hits;
  }
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
