/**
 * Boundaries of the runs cut so far, by their code units: a run met again (the
 * phrases of business scopes recur from firm to firm) is looked up without
 * making it a string. Segmenters cut the same text the same way every time.
 * Bounded: emptied when full.
 */
export class RunBoundaries {
  private static readonly SLOTS = 1 << 15;
  private static readonly ENTRIES = 1 << 14;
  /** Entry of each hash slot, -1 when free (open addressing, linear probing). */
  private readonly slots = new Int32Array(RunBoundaries.SLOTS).fill(-1);
  private units = new Uint16Array(1 << 16);
  private used = 0;
  private readonly from: number[] = [];
  private readonly lengths: number[] = [];
  private readonly boundaries: (readonly number[])[] = [];

  private slotOf(codes: Uint16Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (codes[i] as number), 0x01000193);
    const mask = RunBoundaries.SLOTS - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry < 0 || this.equals(entry, codes, start, end)) return slot;
    }
  }

  private equals(entry: number, codes: Uint16Array, start: number, end: number): boolean {
    if (this.lengths[entry] !== end - start) return false;
    const at = (this.from[entry] as number) - start;
    for (let i = start; i < end; i++) if (this.units[at + i] !== codes[i]) return false;
    return true;
  }

  /** The boundaries of run `codes[start, end)`, cut by `cut` the first time it is met. */
  get(codes: Uint16Array, start: number, end: number, cut: () => readonly number[]): readonly number[] {
    let slot = this.slotOf(codes, start, end);
    const entry = this.slots[slot] as number;
    if (entry >= 0) return this.boundaries[entry] as readonly number[];
    const boundaries = cut();
    if (this.boundaries.length >= RunBoundaries.ENTRIES) {
      this.slots.fill(-1);
      this.from.length = this.lengths.length = this.boundaries.length = this.used = 0;
      slot = this.slotOf(codes, start, end);
    }
    if (this.used + end - start > this.units.length) {
      const grown = new Uint16Array(Math.max(this.units.length * 2, this.used + end - start));
      grown.set(this.units.subarray(0, this.used));
      this.units = grown;
    }
    this.units.set(codes.subarray(start, end), this.used);
    this.slots[slot] = this.boundaries.length;
    this.from.push(this.used);
    this.lengths.push(end - start);
    this.boundaries.push(boundaries);
    this.used += end - start;
    return boundaries;
  }
}
