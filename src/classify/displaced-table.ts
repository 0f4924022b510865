/**
 * A dense automaton (DenseTables) laid out again as a displaced table: a
 * double array with the root's row as every state's default. It gives the same
 * steps in a small fraction of the memory.
 *
 * Why: most cells of a dense row repeat the root's row (on a unit that continues
 * no keyword in progress, any state goes where the root goes). The default
 * framework's 6,242 × 672 table (8.4 MB) has only about 35,000 cells that
 * differ. Far past the 2 MB a core keeps close, every step of a scan through
 * 8.4 MB waits on memory; these cells and the root row fit in about 0.5 MB.
 *
 * Layout: each state s gets a base b(s), and its differing cells go to
 * `entries[b(s) + class]`, each marked with its owner's base. A step from the
 * state of base b on class c is then
 *
 *   entry = entries[b + c];  cell = entry.owner === b ? entry.cell : root[c]
 *
 * with no branch to mispredict. A cell holds the target's base times two, plus
 * one when patterns end there; `ranges[2b]`…`ranges[2b + 1]` bound those
 * patterns in the automaton's `outputs`. The root's base is 0. The classes,
 * outputs and pattern lengths are the dense table's own.
 */
import type { DenseTables } from './automaton.js';

export interface DisplacedTables {
  /** The root's cell for each class. */
  readonly root: Int32Array;
  /** Pairs (owner base, cell): entry k is `entries[2k]`, `entries[2k + 1]`; an unused entry's owner is -1. */
  readonly entries: Int32Array;
  /** By base: the first and last-plus-one index into the dense table's `outputs` of the patterns ending there. */
  readonly ranges: Int32Array;
}

/** The displaced form of a dense automaton's transitions: the same steps, the same outputs. */
export function displace(dense: DenseTables): DisplacedTables {
  const { table, width, outputStart } = dense;
  const states = table.length / width;
  const differing: Int32Array[] = [new Int32Array(0)];
  const scratch = new Int32Array(width);
  for (let s = 1; s < states; s++) differing.push(scratch.slice(0, differingClasses(table, s * width, width, scratch)));
  const bases = placeRows(differing, width);
  let top = width;
  let lastBase = 0;
  for (const base of bases) {
    top = Math.max(top, base + width);
    lastBase = Math.max(lastBase, base);
  }
  const cellOf = (dense: number) => (bases[dense >>> 1] as number) * 2 + (dense & 1);
  const root = new Int32Array(width);
  for (let c = 0; c < width; c++) root[c] = cellOf(table[c] as number);
  const entries = new Int32Array(top * 2).fill(-1);
  const ranges = new Int32Array((lastBase + 1) * 2);
  for (let s = 0; s < states; s++) {
    const base = bases[s] as number;
    for (const c of differing[s] as Int32Array) {
      entries[(base + c) * 2] = base;
      entries[(base + c) * 2 + 1] = cellOf(table[s * width + c] as number);
    }
    ranges[base * 2] = outputStart[s] as number;
    ranges[base * 2 + 1] = outputStart[s + 1] as number;
  }
  return { root, entries, ranges };
}

/**
 * The classes whose cells in the row at `row` differ from the root's, into
 * `into`; answers their count. A function of its own, called once per row, so
 * that it is compiled early: as one loop of 4 million steps inside `displace`
 * it ran interpreted for most of them, and `displace` took 70 ms on a thread's
 * first use instead of 35 ms.
 */
function differingClasses(table: Uint16Array | Uint32Array, row: number, width: number, into: Int32Array): number {
  let count = 0;
  for (let c = 0; c < width; c++) if (table[row + c] !== table[c]) into[count++] = c;
  return count;
}

/**
 * A distinct base for every row (row 0, the root's, gets 0) such that no two
 * rows' cells share an entry: first fit, the rows with most cells first, each
 * tried only where its first cell lands on a free entry. A free entry tried for
 * many rows in vain is passed over from then on: a few holes stay, and the
 * search stays linear.
 */
function placeRows(rows: readonly Int32Array[], width: number): Int32Array {
  const bases = new Int32Array(rows.length);
  const entries = new EntryRoom();
  entries.takeBase(0);
  let freeBase = 1;
  const order = rows.map((_, s) => s).slice(1).sort((a, b) => (rows[b] as Int32Array).length - (rows[a] as Int32Array).length || a - b);
  for (const s of order) {
    const own = rows[s] as Int32Array;
    let base: number;
    if (own.length === 0) {
      while (entries.baseTaken(freeBase)) freeBase++;
      base = freeBase;
    } else {
      const first = own[0] as number;
      for (let entry = entries.nextFree(first + 1); ; entry = entries.nextFree(entry + 1)) {
        base = entry - first;
        entries.reach(base + width);
        let fits = !entries.baseTaken(base);
        for (let k = 1; k < own.length && fits; k++) fits = !entries.taken(base + (own[k] as number));
        if (fits) break;
        entries.missed(entry);
      }
      for (const c of own) entries.take(base + c);
    }
    bases[s] = base;
    entries.takeBase(base);
  }
  return bases;
}

const MISSES_BEFORE_PASSED = 4;

/** Which entries and bases are taken, growing as the placement reaches further. */
class EntryRoom {
  private size = 1 << 16;
  private takenEntries = new Uint8Array(this.size);
  private takenBases = new Uint8Array(this.size);
  private misses = new Uint8Array(this.size);
  /** A step towards the first entry at or after i still to try (a union–find with path halving). */
  private next = Int32Array.from({ length: this.size + 1 }, (_, i) => i);

  taken(entry: number): boolean {
    return this.takenEntries[entry] === 1;
  }

  baseTaken(base: number): boolean {
    this.reach(base);
    return this.takenBases[base] === 1;
  }

  take(entry: number): void {
    this.takenEntries[entry] = 1;
    this.next[entry] = entry + 1;
  }

  takeBase(base: number): void {
    this.takenBases[base] = 1;
  }

  /** A try of `entry` in vain. */
  missed(entry: number): void {
    if (++(this.misses[entry] as number) === MISSES_BEFORE_PASSED) this.next[entry] = entry + 1;
  }

  /** The first free entry at or after `i` still worth trying. */
  nextFree(i: number): number {
    this.reach(i);
    const next = this.next;
    while (next[i] !== i) {
      next[i] = next[next[i] as number] as number;
      i = next[i] as number;
    }
    return i;
  }

  /** Makes room up to `index` inclusive. */
  reach(index: number): void {
    if (index < this.size) return;
    let size = this.size;
    while (size <= index) size *= 2;
    const grown = (from: Uint8Array) => {
      const to = new Uint8Array(size);
      to.set(from);
      return to;
    };
    this.takenEntries = grown(this.takenEntries);
    this.takenBases = grown(this.takenBases);
    this.misses = grown(this.misses);
    const next = new Int32Array(size + 1);
    next.set(this.next);
    for (let i = this.size + 1; i <= size; i++) next[i] = i;
    this.next = next;
    this.size = size;
  }
}
