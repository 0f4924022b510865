/**
 * The displaced table (src/classify/displaced-table.ts) against the dense table
 * it is made from: from every state, on every class, the same target (states
 * matched one to one through their bases) and the same patterns ending there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Automaton, compileLexicon } from '../src/classify/index.js';
import type { DenseTables } from '../src/classify/automaton.js';
import { displace } from '../src/classify/displaced-table.js';
import { loadFramework } from '../src/ingest/index.js';

/** Walks both tables from the root together; fails at the first step they disagree on. Returns the states compared. */
function assertSameSteps(dense: DenseTables): number {
  const { table, width, outputStart } = dense;
  const states = table.length / width;
  const { root, entries, ranges } = displace(dense);
  assert.equal(root.length, width);
  const step = (base: number, cls: number) => ((entries[(base + cls) * 2] as number) === base ? (entries[(base + cls) * 2 + 1] as number) : (root[cls] as number));
  // Dense state → its base, and back: the match must be one to one.
  const baseOf = new Map<number, number>([[0, 0]]);
  const stateOf = new Map<number, number>([[0, 0]]);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const base = baseOf.get(state) as number;
    assert.equal(ranges[base * 2], outputStart[state], `outputs of state ${state}`);
    assert.equal(ranges[base * 2 + 1], outputStart[state + 1], `outputs of state ${state}`);
    for (let cls = 0; cls < width; cls++) {
      const expected = table[state * width + cls] as number;
      const got = step(base, cls);
      assert.equal(got & 1, expected & 1, `whether patterns end: state ${state}, class ${cls}`);
      const target = expected >>> 1;
      const known = baseOf.get(target);
      if (known === undefined) {
        assert.equal(stateOf.get(got >>> 1), undefined, `base ${got >>> 1} stands for two states`);
        baseOf.set(target, got >>> 1);
        stateOf.set(got >>> 1, target);
        queue.push(target);
      } else {
        assert.equal(got >>> 1, known, `state ${state}, class ${cls}`);
      }
    }
  }
  assert.equal(queue.length, states, 'every state is reached');
  return states;
}

test('the default framework\'s automaton: every step of the displaced table is the dense table\'s', () => {
  const dense = compileLexicon(loadFramework()).automaton.dense as DenseTables;
  assert.ok(assertSameSteps(dense) > 5000);
  // The point of it: a small fraction of the dense table's memory.
  const { root, entries, ranges } = displace(dense);
  assert.ok(root.byteLength + entries.byteLength < dense.table.byteLength / 8, `${entries.byteLength} bytes of entries`);
  assert.ok(ranges.length > 0);
});

test('any set of patterns: every step of the displaced table is the dense table\'s', () => {
  // Few letters, so that patterns share prefixes and suffixes and failure links run deep.
  const pattern = fc.array(fc.constantFrom('a', 'b', 'c', '工', '业', '网', 'X'), { minLength: 0, maxLength: 7 }).map((units) => units.join(''));
  fc.assert(
    fc.property(fc.array(pattern, { maxLength: 40 }), (patterns) => {
      assertSameSteps(new Automaton(patterns).dense as DenseTables);
    }),
    { numRuns: 400, seed: 20261202 },
  );
});
