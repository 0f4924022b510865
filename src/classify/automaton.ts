/**
 * An Aho–Corasick automaton over UTF-16 code units: every occurrence of every
 * pattern in one pass over the text, overlapping occurrences included.
 *
 * Built as a full transition table (a DFA): the code units that occur in some
 * pattern are numbered into a small alphabet (every other unit is class 0 and
 * leads back to the root from anywhere), and each state holds one row of
 * targets over that alphabet, failure links resolved at build time. A step is
 * then two typed-array reads, with no failure chain to walk. Each state carries
 * every pattern that ends there, through its dictionary suffix links, as one
 * slice of a flat array.
 *
 * Limits: the table takes states × alphabet cells (about 9 MB for the default
 * framework's ~1,000 terms); a lexicon whose table would pass DENSE_LIMIT cells
 * keeps the sparse form (one Map of transitions, failure links walked at scan
 * time), slower but small. Both give the same occurrences in the same order.
 */

export interface Occurrence {
  /** Index of the pattern in the list the automaton was built from. */
  readonly pattern: number;
  /** Start and end (exclusive) offsets in the searched text. */
  readonly start: number;
  readonly end: number;
}

export interface AutomatonOptions {
  /** Most cells of the dense table (states × alphabet) before the sparse form is used instead. */
  readonly denseLimit?: number;
}

import { displace, type DisplacedTables } from './displaced-table.js';

const UNITS = 0x10000;
/** 32 M cells: 64 MB as 16-bit targets, beyond any framework's lexicon (the default uses ~4.5 M). */
export const DENSE_LIMIT = 1 << 25;

export class Automaton {
  /** Pattern lengths, by pattern index. */
  private readonly lengths: Int32Array;
  /** Patterns ending at each state: `outputs[outputStart[s]] … outputs[outputStart[s + 1] - 1]`, longest first. */
  private outputStart: Int32Array = new Int32Array(1);
  private outputs: Int32Array = new Int32Array(0);

  // Dense form.
  /** Code unit → alphabet class (0: in no pattern). */
  private readonly classes = new Uint16Array(UNITS);
  private width = 1;
  private table?: Uint16Array | Uint32Array;

  // Sparse form (used while building, and kept when the dense table would be too large).
  private readonly next = new Map<number, number>();
  private readonly rootNext = new Int32Array(UNITS);
  private readonly fail: number[] = [0];
  /** The dense table displaced (displaced-table.ts), made on first need. */
  private displacedTables?: DisplacedTables;

  /** Builds the automaton; empty patterns are ignored. */
  constructor(patterns: readonly string[], options: AutomatonOptions = {}) {
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    const own: number[][] = [[]];
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const key = state * UNITS + pattern.charCodeAt(i);
        let target = this.next.get(key);
        if (target === undefined) {
          target = own.length;
          own.push([]);
          this.fail.push(0);
          this.next.set(key, target);
        }
        state = target;
      }
      (own[state] as number[]).push(index);
    });
    const order = this.buildFailures(own);
    this.buildDense(order, options.denseLimit ?? DENSE_LIMIT);
  }

  /** Failure links and outputs, breadth first; returns the states in that order (root first). */
  private buildFailures(own: readonly number[][]): number[] {
    // Children per state, for the breadth-first walk.
    const children: [code: number, target: number][][] = own.map(() => []);
    for (const [key, target] of this.next) {
      const state = Math.floor(key / UNITS);
      (children[state] as [number, number][]).push([key % UNITS, target]);
    }
    for (const [code, target] of children[0] as [number, number][]) this.rootNext[code] = target;
    const queue: number[] = [0];
    for (const [, target] of children[0] as [number, number][]) queue.push(target);
    const output: (readonly number[])[] = own.map(() => []);
    for (let head = 1; head < queue.length; head++) {
      const state = queue[head] as number;
      const failState = this.fail[state] as number;
      output[state] = [...(own[state] as number[]), ...(output[failState] as number[])];
      for (const [code, target] of children[state] as [number, number][]) {
        this.fail[target] = this.sparseStep(failState, code);
        queue.push(target);
      }
    }
    this.outputStart = new Int32Array(own.length + 1);
    let total = 0;
    for (let s = 0; s < own.length; s++) {
      this.outputStart[s] = total;
      total += (output[s] as number[]).length;
    }
    this.outputStart[own.length] = total;
    this.outputs = new Int32Array(total);
    for (let s = 0; s < own.length; s++) this.outputs.set(output[s] as number[], this.outputStart[s] as number);
    return queue;
  }

  /** The full transition table, when it fits under `limit` cells. */
  private buildDense(order: readonly number[], limit: number): void {
    // Classes numbered by how many trie edges a unit labels, most first: the units of many keywords are the ones
    // texts are made of, and their cells then sit side by side at the start of each row.
    const edgesOf = new Map<number, number>();
    for (const key of this.next.keys()) edgesOf.set(key % UNITS, (edgesOf.get(key % UNITS) ?? 0) + 1);
    const byUse = [...edgesOf].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    let width = 1;
    for (const [code] of byUse) this.classes[code] = width++;
    const states = order.length;
    if (states * width > limit) {
      this.classes.fill(0);
      return;
    }
    this.width = width;
    // States are numbered breadth first, so that the shallow states, where a scan spends most of its steps, have
    // their rows side by side in the cache.
    const renumbered = new Int32Array(states);
    order.forEach((state, index) => (renumbered[state] = index));
    // A cell holds its target state and, in its lowest bit, whether patterns end there (see DenseTables).
    const cellOf = (target: number) =>
      (renumbered[target] as number) * 2 + (this.outputStart[target] !== this.outputStart[target + 1] ? 1 : 0);
    const table = states < 0x8000 ? new Uint16Array(states * width) : new Uint32Array(states * width);
    const edges: [cls: number, cell: number][][] = Array.from({ length: states }, () => []);
    for (const [key, target] of this.next) {
      (edges[renumbered[Math.floor(key / UNITS)] as number] as [number, number][]).push([this.classes[key % UNITS] as number, cellOf(target)]);
    }
    // A state's row is its failure state's row (earlier breadth first, so already written) with its own edges on top.
    const outputStart = new Int32Array(states + 1);
    const outputs = new Int32Array(this.outputs.length);
    let total = 0;
    order.forEach((state, index) => {
      const row = index * width;
      if (index !== 0) {
        const failRow = (renumbered[this.fail[state] as number] as number) * width;
        table.copyWithin(row, failRow, failRow + width);
      }
      for (const [cls, cell] of edges[index] as [number, number][]) table[row + cls] = cell;
      outputStart[index] = total;
      for (let m = this.outputStart[state] as number; m < (this.outputStart[state + 1] as number); m++) outputs[total++] = this.outputs[m] as number;
    });
    outputStart[states] = total;
    this.table = table;
    this.outputStart = outputStart;
    this.outputs = outputs;
    this.next.clear();
  }

  /** The sparse form's transition from `state` on `code`, following failure links. */
  private sparseStep(state: number, code: number): number {
    for (;;) {
      if (state === 0) return this.rootNext[code] as number;
      const target = this.next.get(state * UNITS + code);
      if (target !== undefined) return target;
      state = this.fail[state] as number;
    }
  }

  /**
   * Everything the automaton holds, as plain data a worker thread can be sent:
   * `Automaton.fromTables` gives the same automaton back without building it
   * again. The displaced table goes with it, made now if it was not yet.
   */
  tables(): AutomatonTables {
    const { lengths, outputStart, outputs, classes, width, table, next, rootNext, fail } = this;
    return { lengths, outputStart, outputs, classes, width, table, next, rootNext, fail, displaced: this.displaced };
  }

  static fromTables(tables: AutomatonTables): Automaton {
    // The fields are all given: nothing of the constructor's build is to run.
    const automaton = Object.create(Automaton.prototype) as Automaton;
    const { displaced, ...fields } = tables;
    return Object.assign(automaton, fields, { displacedTables: displaced });
  }

  /** The dense table displaced, for the WebAssembly scan (wasm-scan.ts); undefined for the sparse form. */
  get displaced(): DisplacedTables | undefined {
    const dense = this.dense;
    if (dense) this.displacedTables ??= displace(dense);
    return this.displacedTables;
  }

  /** The dense form's tables, for a scan fused with another loop (normalize.ts); undefined for the sparse form. */
  get dense(): DenseTables | undefined {
    const { table, classes, width, outputStart, outputs, lengths } = this;
    return table ? { table, classes, width, outputStart, outputs, lengths } : undefined;
  }

  /** Calls `found` for every occurrence, in order of end offset. */
  scan(text: string, found: (pattern: number, start: number, end: number) => void): void {
    const { table, classes, width } = this;
    if (!table) return this.scanSparse((i) => text.charCodeAt(i), text.length, found);
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const cell = table[state * width + (classes[text.charCodeAt(i)] as number)] as number;
      state = cell >>> 1;
      if (cell & 1) this.report(state, i + 1, found);
    }
  }

  /**
   * Every occurrence in the first `length` units of `codes`, written into `out`
   * (cleared first) in `scan`'s order: the classifier's loop, with no call per occurrence.
   */
  scanInto(codes: Uint16Array, length: number, out: OccurrenceList): void {
    out.count = 0;
    const { table, classes, width, outputStart, outputs, lengths } = this;
    if (!table) {
      this.scanSparse((i) => codes[i] as number, length, (pattern, start, end) => out.push(pattern, start, end));
      return;
    }
    let state = 0;
    for (let i = 0; i < length; i++) {
      const cell = table[state * width + (classes[codes[i] as number] as number)] as number;
      state = cell >>> 1;
      if ((cell & 1) === 0) continue;
      const last = outputStart[state + 1] as number;
      for (let m = outputStart[state] as number; m < last; m++) {
        const pattern = outputs[m] as number;
        out.push(pattern, i + 1 - (lengths[pattern] as number), i + 1);
      }
    }
  }

  private scanSparse(codeAt: (i: number) => number, length: number, found: (pattern: number, start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < length; i++) {
      state = this.sparseStep(state, codeAt(i));
      if (this.outputStart[state] !== this.outputStart[state + 1]) this.report(state, i + 1, found);
    }
  }

  /** Every pattern ending at `end` in `state`. */
  private report(state: number, end: number, found: (pattern: number, start: number, end: number) => void): void {
    const last = this.outputStart[state + 1] as number;
    for (let m = this.outputStart[state] as number; m < last; m++) {
      const pattern = this.outputs[m] as number;
      found(pattern, end - (this.lengths[pattern] as number), end);
    }
  }

  /** Every occurrence, in order of end offset. */
  findAll(text: string): Occurrence[] {
    const all: Occurrence[] = [];
    this.scan(text, (pattern, start, end) => all.push({ pattern, start, end }));
    return all;
  }
}

/** Occurrences in typed arrays, reused from text to text: entry k is `patterns[k]` at `[starts[k], ends[k])`. */
/**
 * A dense automaton as a loop steps it: from `state` on code unit `c`, the cell
 * `table[state * width + classes[c]]` holds the next state times two, plus one
 * when some pattern ends there (so that a step needs no second lookup to know);
 * the patterns ending at a state are
 * `outputs[outputStart[state] … outputStart[state + 1])`, pattern p `lengths[p]` units long.
 */
export interface DenseTables {
  readonly table: Uint16Array | Uint32Array;
  readonly classes: Uint16Array;
  readonly width: number;
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  readonly lengths: Int32Array;
}

/** An automaton's fields (see `Automaton.tables`). */
export interface AutomatonTables {
  readonly lengths: Int32Array;
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  readonly classes: Uint16Array;
  readonly width: number;
  readonly table: Uint16Array | Uint32Array | undefined;
  readonly next: Map<number, number>;
  readonly rootNext: Int32Array;
  readonly fail: number[];
  readonly displaced: DisplacedTables | undefined;
}

/** Tables of an automaton with no pattern: a scan with them finds nothing. */
export const NO_PATTERNS: DenseTables = {
  table: new Uint16Array(1), classes: new Uint16Array(UNITS), width: 1, outputStart: new Int32Array(2), outputs: new Int32Array(0), lengths: new Int32Array(0),
};

export class OccurrenceList {
  patterns: Int32Array = new Int32Array(64);
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  count = 0;

  push(pattern: number, start: number, end: number): void {
    if (this.count === this.patterns.length) {
      const grown = (from: Int32Array) => {
        const to = new Int32Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.patterns = grown(this.patterns);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.patterns[this.count] = pattern;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}
