/**
 * NormalizedBuffer.fillUtf8 (normalize.ts) run as WebAssembly (scan.wat): the
 * same canonical units, original spans and automaton occurrences, about 1.6
 * times as fast, since the loop that touches every character of a million-row
 * file then runs without bounds checks or type guards.
 *
 * One instance holds the automaton, displaced (displaced-table.ts: the same
 * steps in a table small enough to stay near the core), and buffers for one
 * text at a time; after `fill`, the NormalizedBuffer and OccurrenceList given
 * point at its memory (valid until its next `fill`). Units are learnt in
 * normalize.ts as ever: a unit this copy has not seen yet is looked up there
 * and the text scanned again, which happens once per distinct character.
 *
 * Limits: a text over `textBytes`, or with more occurrences than
 * `occurrences`, is left to the JavaScript loop (`fill` answers undefined).
 */
import type { OccurrenceList } from './automaton.js';
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

  constructor(scan: DisplacedTables, options: WasmScanOptions) {
    this.exports = instantiateEmbedded<ScanExports>(SCAN_WASM_BASE64);
    const textBytes = options.textBytes;
    const occurrences = options.occurrences ?? 1 << 16;
    const plan = new MemoryPlan();
    const place = (bytes: number) => plan.place(bytes);
    const at = {
      forms: place(UNITS * 4), root: place(scan.root.byteLength), entries: place(scan.entries.byteLength),
      ranges: place(scan.ranges.byteLength), outputs: place(scan.outputs.byteLength), lengths: place(scan.lengths.byteLength),
      codes: place((textBytes + 1) * 2), starts: place((textBytes + 1) * 4), ends: place((textBytes + 1) * 4),
      patterns: place(occurrences * 4), occurrenceStarts: place(occurrences * 4), occurrenceEnds: place(occurrences * 4),
      input: place(Math.max(textBytes, options.sourceBytes ?? 0) + 4), counts: place(8),
    };
    const memory = this.exports.memory;
    memory.grow(Math.ceil(plan.size / PAGE));
    // Not shared: the memory is declared without `shared`.
    const buffer = memory.buffer as ArrayBuffer;
    this.classes = scan.classes;
    this.forms = new Uint32Array(buffer, at.forms, UNITS);
    const learnt = learntUnits();
    for (let unit = 0; unit < UNITS; unit++) if (learnt[unit] !== 0) this.learn(unit, learnt[unit] as number);
    new Int32Array(buffer, at.root, scan.root.length).set(scan.root);
    new Int32Array(buffer, at.entries, scan.entries.length).set(scan.entries);
    new Int32Array(buffer, at.ranges, scan.ranges.length).set(scan.ranges);
    new Int32Array(buffer, at.outputs, scan.outputs.length).set(scan.outputs);
    new Int32Array(buffer, at.lengths, scan.lengths.length).set(scan.lengths);
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
      at.forms, at.root, at.entries, at.ranges, at.outputs, at.lengths,
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
