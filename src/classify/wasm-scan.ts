/**
 * NormalizedBuffer.fillUtf8 (normalize.ts) run as WebAssembly (scan.wat): the
 * same canonical units, original spans and automaton occurrences, about 1.6
 * times as fast, since the loop that touches every character of a million-row
 * file then runs without bounds checks or type guards.
 *
 * One instance holds the automaton and buffers for one text at a time. The
 * automaton is laid out whichever way takes less memory, since a scan's steps
 * wait on memory: displaced (displaced-table.ts), a small fraction of the full
 * table for a lexicon of Chinese terms; or the full table itself, the smaller
 * for a lexicon of Latin terms only (few classes, and rows that differ from the
 * root's in most of their cells). After `fill`, the NormalizedBuffer and
 * OccurrenceList given point at its memory (valid until its next `fill`). Units
 * are learnt in normalize.ts as ever: a unit this copy has not seen yet is
 * looked up there and the text scanned again, which happens once per distinct
 * character.
 *
 * Limits: a text over `textBytes`, or with more occurrences than
 * `occurrences`, is left to the JavaScript loop (`fill` answers undefined).
 */
import type { DenseTables, OccurrenceList } from './automaton.js';
import type { DisplacedTables } from './displaced-table.js';
import { canonicalUnit, learntUnits, type NormalizedBuffer } from './normalize.js';
import { SCAN_WASM_BASE64 } from './scan-wasm.js';
import { MemoryPlan, instantiateEmbedded } from './wasm-module.js';

interface ScanExports {
  readonly memory: WebAssembly.Memory;
  layout(...places: number[]): void;
  /** Four times the units written when done; else one of the codes below (see scan.wat). */
  fill(from: number, to: number, unescape: number): number;
}

const STRING_PATH = 1;
const UNSEEN = 2;
const PAGE = 65536;
const UNITS = 0x10000;

/** The automaton as scan.wat steps it: `width` 0 for the displaced layout, else the full table's (see scan.wat). */
interface StepLayout {
  readonly width: number;
  readonly table: Uint16Array;
  readonly root: Int32Array;
  readonly entries: Int32Array;
  readonly ranges: Int32Array;
}

/** The smaller of the automaton's two layouts. */
function smallerLayout(dense: DenseTables, displaced: DisplacedTables): StepLayout {
  const full = dense.table instanceof Uint16Array ? dense.table : undefined;
  if (!full || full.byteLength > displaced.entries.byteLength + displaced.root.byteLength) {
    return { width: 0, table: new Uint16Array(0), root: displaced.root, entries: displaced.entries, ranges: displaced.ranges };
  }
  // A full cell names its target by number: the output ranges by number.
  const states = full.length / dense.width;
  const ranges = new Int32Array(states * 2);
  for (let s = 0; s < states; s++) {
    ranges[s * 2] = dense.outputStart[s] as number;
    ranges[s * 2 + 1] = dense.outputStart[s + 1] as number;
  }
  return { width: dense.width, table: full, root: new Int32Array(0), entries: new Int32Array(0), ranges };
}

export interface WasmScanOptions {
  /** Longest text in bytes. */
  readonly textBytes: number;
  /** Largest source held whole (`hold`): a CSV slice. */
  readonly sourceBytes?: number;
  /** Most occurrences in one text. */
  readonly occurrences?: number;
}

export class WasmScan {
  private readonly exports: ScanExports;
  private readonly input: Uint8Array;
  /** Where `fill` writes the count of occurrences and the unit not learnt yet. */
  private readonly counts: Int32Array;
  /** The bytes copied whole into `input` by `hold`. */
  private held: Uint8Array | undefined;
  private readonly inputAt: number;
  /** Each unit's form as scan.wat reads it: canonical unit << 16 | the automaton's class of it. */
  private readonly forms: Uint32Array;
  private readonly classes: Uint16Array;
  private readonly codes: Uint16Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly patterns: Int32Array;
  private readonly occurrenceStarts: Int32Array;
  private readonly occurrenceEnds: Int32Array;

  /** Which layout the automaton took (see the module note). */
  readonly layout: 'full' | 'displaced';

  constructor(automaton: { readonly dense: DenseTables; readonly displaced: DisplacedTables }, options: WasmScanOptions) {
    this.exports = instantiateEmbedded<ScanExports>(SCAN_WASM_BASE64);
    const { dense } = automaton;
    const step = smallerLayout(dense, automaton.displaced);
    this.layout = step.width === 0 ? 'displaced' : 'full';
    const textBytes = options.textBytes;
    const occurrences = options.occurrences ?? 1 << 16;
    const plan = new MemoryPlan();
    const place = (bytes: number) => plan.place(bytes);
    const at = {
      forms: place(UNITS * 4), table: place(step.table.byteLength), root: place(step.root.byteLength), entries: place(step.entries.byteLength),
      ranges: place(step.ranges.byteLength), outputs: place(dense.outputs.byteLength), lengths: place(dense.lengths.byteLength),
      codes: place((textBytes + 1) * 2), starts: place((textBytes + 1) * 4), ends: place((textBytes + 1) * 4),
      patterns: place(occurrences * 4), occurrenceStarts: place(occurrences * 4), occurrenceEnds: place(occurrences * 4),
      input: place(Math.max(textBytes, options.sourceBytes ?? 0) + 4), counts: place(8),
    };
    const memory = this.exports.memory;
    memory.grow(Math.ceil(plan.size / PAGE));
    // Not shared: the memory is declared without `shared`.
    const buffer = memory.buffer as ArrayBuffer;
    this.classes = dense.classes;
    this.forms = new Uint32Array(buffer, at.forms, UNITS);
    const learnt = learntUnits();
    for (let unit = 0; unit < UNITS; unit++) if (learnt[unit] !== 0) this.learn(unit, learnt[unit] as number);
    new Uint16Array(buffer, at.table, step.table.length).set(step.table);
    new Int32Array(buffer, at.root, step.root.length).set(step.root);
    new Int32Array(buffer, at.entries, step.entries.length).set(step.entries);
    new Int32Array(buffer, at.ranges, step.ranges.length).set(step.ranges);
    new Int32Array(buffer, at.outputs, dense.outputs.length).set(dense.outputs);
    new Int32Array(buffer, at.lengths, dense.lengths.length).set(dense.lengths);
    this.codes = new Uint16Array(buffer, at.codes, textBytes + 1);
    this.starts = new Uint32Array(buffer, at.starts, textBytes + 1);
    this.ends = new Uint32Array(buffer, at.ends, textBytes + 1);
    this.patterns = new Int32Array(buffer, at.patterns, occurrences);
    this.occurrenceStarts = new Int32Array(buffer, at.occurrenceStarts, occurrences);
    this.occurrenceEnds = new Int32Array(buffer, at.occurrenceEnds, occurrences);
    this.input = new Uint8Array(buffer, at.input, Math.max(textBytes, options.sourceBytes ?? 0));
    this.inputAt = at.input;
    this.counts = new Int32Array(buffer, at.counts, 2);
    this.exports.layout(
      at.forms, at.table, step.width, at.root, at.entries, at.ranges, at.outputs, at.lengths,
      at.codes, at.starts, at.ends, at.patterns, at.occurrenceStarts, at.occurrenceEnds, occurrences, at.counts,
    );
  }

  private learn(unit: number, canonical: number): void {
    this.forms[unit] = ((canonical << 16) | (this.classes[canonical] as number)) >>> 0;
  }

  /**
   * Copies `bytes` whole into this memory, for the texts of later `fill` calls
   * with the same array to be read there: one copy for a CSV slice, not one (and
   * a view) for each of its texts. Answers whether they fit. Call it again if
   * the bytes change; a `fill` of another array takes the room and drops the hold.
   */
  hold(bytes: Uint8Array): boolean {
    this.held = undefined;
    if (bytes.length > this.input.length) return false;
    this.input.set(bytes);
    this.held = bytes;
    return true;
  }

  /**
   * `text.fillUtf8(bytes, start, end, unescape, scan, found)`, with the same
   * answer; undefined when the text is left to that JavaScript loop (see the module note).
   */
  fill(bytes: Uint8Array, start: number, end: number, unescape: boolean, text: NormalizedBuffer, found: OccurrenceList): boolean | undefined {
    if (end - start > this.input.length) return undefined;
    let from = this.inputAt + start;
    if (bytes !== this.held) {
      this.held = undefined;
      this.input.set(bytes.subarray(start, end));
      from = this.inputAt;
    }
    for (;;) {
      const answer = this.exports.fill(from, from + end - start, unescape ? 1 : 0);
      if (answer === UNSEEN) {
        const unit = this.counts[1] as number;
        this.learn(unit, canonicalUnit(unit));
        continue;
      }
      if (answer === STRING_PATH) return false;
      if ((answer & 3) !== 0) return undefined;
      text.codes = this.codes;
      text.starts = this.starts;
      text.ends = this.ends;
      text.length = answer >>> 2;
      found.patterns = this.patterns;
      found.starts = this.occurrenceStarts;
      found.ends = this.occurrenceEnds;
      found.count = this.counts[0] as number;
      return true;
    }
  }
}
