/**
 * An Aho–Corasick automaton over UTF-16 code units: every occurrence of every
 * pattern in one pass over the text, overlapping occurrences included.
 *
 * Transitions live in one Map keyed by `state * 65536 + code` (integers well
 * inside V8's small-integer range for any lexicon of this size), failure links
 * are resolved at build time into a full transition function for the states
 * that are visited most (the root), and each state carries every pattern that
 * ends there, through its dictionary suffix links, as one array.
 */

export interface Occurrence {
  /** Index of the pattern in the list the automaton was built from. */
  readonly pattern: number;
  /** Start and end (exclusive) offsets in the searched text. */
  readonly start: number;
  readonly end: number;
}

const UNITS = 0x10000;

export class Automaton {
  private readonly next = new Map<number, number>();
  /** Root transitions as a dense table: most characters of a text leave from the root or fall back to it. */
  private readonly rootNext = new Int32Array(UNITS);
  private readonly fail: number[] = [0];
  private output: (readonly number[])[] = [[]];
  private readonly lengths: number[];

  /** Builds the automaton; empty patterns are ignored. */
  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
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
    this.buildFailures(own);
  }

  private buildFailures(own: readonly number[][]): void {
    // Children per state, for the breadth-first walk.
    const children: [code: number, target: number][][] = own.map(() => []);
    for (const [key, target] of this.next) {
      const state = Math.floor(key / UNITS);
      (children[state] as [number, number][]).push([key % UNITS, target]);
    }
    for (const [code, target] of children[0] as [number, number][]) this.rootNext[code] = target;
    const queue: number[] = [];
    for (const [, target] of children[0] as [number, number][]) queue.push(target);
    this.output = own.map(() => []);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const failState = this.fail[state] as number;
      this.output[state] = [...(own[state] as number[]), ...(this.output[failState] as number[])];
      for (const [code, target] of children[state] as [number, number][]) {
        this.fail[target] = this.step(failState, code);
        queue.push(target);
      }
    }
  }

  /** The transition from `state` on `code`, following failure links. */
  private step(state: number, code: number): number {
    for (;;) {
      if (state === 0) return this.rootNext[code] as number;
      const target = this.next.get(state * UNITS + code);
      if (target !== undefined) return target;
      state = this.fail[state] as number;
    }
  }

  /** Calls `found` for every occurrence, in order of end offset. */
  scan(text: string, found: (pattern: number, start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, text.charCodeAt(i));
      const matches = this.output[state] as readonly number[];
      for (let m = 0; m < matches.length; m++) {
        const pattern = matches[m] as number;
        found(pattern, i + 1 - (this.lengths[pattern] as number), i + 1);
      }
    }
  }

  /** Every occurrence, in order of end offset. */
  findAll(text: string): Occurrence[] {
    const all: Occurrence[] = [];
    this.scan(text, (pattern, start, end) => all.push({ pattern, start, end }));
    return all;
  }
}
