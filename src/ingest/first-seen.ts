/**
 * Where each record key, and each enterprise credit code, was first seen in an
 * import: a later row with the same key or code is a duplicate to report.
 *
 * Keys and codes are two separate name spaces kept in one hash table, because an
 * enterprise without an id has its credit code as key: one lookup then serves
 * both, and a million enterprises cost one table, not two (hash lookups in a
 * table that size are cache misses, the slowest part of checking a row).
 */

import { detach } from './fast-text.js';

/** A row number, or a JSON path. */
export type Place = number | string;

export interface Repeats {
  /** Where the row's key was first seen, when the row repeats it. */
  readonly key?: Place;
  /** Where the row's credit code was first seen, when the row repeats it and not its key. */
  readonly code?: Place;
}

const NONE: Repeats = Object.freeze({});

export class FirstSeen {
  private readonly slots = new Map<string, number>();
  private readonly keyPlaces: (Place | undefined)[] = [];
  private readonly codePlaces: (Place | undefined)[] = [];

  /**
   * Notes a row's key and credit code. A key is noted at its first row only. A
   * code is checked only when the key is new; otherwise the row, already a
   * duplicate, becomes the code's latest place (the order the duplicate reports
   * have always followed). `fresh`: the texts share no memory with a larger
   * string (they came from a worker thread), so they are kept without a copy.
   */
  note(key: string, code: string | undefined, place: Place, fresh = false): Repeats {
    let slot = this.slots.get(key);
    const firstOfKey = slot === undefined ? undefined : this.keyPlaces[slot];
    if (firstOfKey === undefined) {
      slot ??= this.add(key, fresh);
      this.keyPlaces[slot] = place;
    }
    if (!code) return firstOfKey === undefined ? NONE : { key: firstOfKey };
    let codeSlot = code === key ? slot : this.slots.get(code);
    const firstOfCode = codeSlot === undefined ? undefined : this.codePlaces[codeSlot];
    if (firstOfCode !== undefined && firstOfKey === undefined) return { code: firstOfCode };
    codeSlot ??= this.add(code, fresh);
    this.codePlaces[codeSlot] = place;
    return firstOfKey === undefined ? NONE : { key: firstOfKey };
  }

  /** `fresh`: the text shares no memory with a larger string (one that came from a worker thread, say): no copy needed. */
  private add(text: string, fresh: boolean): number {
    const slot = this.keyPlaces.length;
    this.keyPlaces.push(undefined);
    this.codePlaces.push(undefined);
    // A copy: the text may be a slice of a whole block of the file, which must not stay alive with it.
    this.slots.set(fresh ? text : detach(text), slot);
    return slot;
  }
}
