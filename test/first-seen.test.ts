/**
 * FirstSeen (one table for keys and credit codes) against the two maps it
 * replaced: on any sequence of rows it reports the same duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FirstSeen, type Place } from '../src/ingest/first-seen.js';

/** The reference: a map of keys and a map of credit codes, as importFiles kept them. */
function reference(rows: readonly { key: string; code?: string }[]): { key?: Place; code?: Place }[] {
  const keys = new Map<string, Place>();
  const codes = new Map<string, Place>();
  return rows.map(({ key, code }, row) => {
    const out: { key?: Place; code?: Place } = {};
    const first = keys.get(key);
    if (first !== undefined) out.key = first;
    else keys.set(key, row);
    if (code) {
      const firstCode = codes.get(code);
      if (firstCode !== undefined && first === undefined) out.code = firstCode;
      else codes.set(code, row);
    }
    return out;
  });
}

test('FirstSeen reports the duplicates the two maps reported', () => {
  const text = fc.constantFrom('', 'A', 'B', 'C', '91360100MA35ABCDE1');
  const rows = fc.array(fc.record({ key: text, code: fc.option(text, { nil: undefined }) }, { requiredKeys: ['key'] }), { maxLength: 30 });
  fc.assert(
    fc.property(rows, (sequence) => {
      const seen = new FirstSeen();
      const got = sequence.map(({ key, code }, row) => ({ ...seen.note(key, code, row) }));
      assert.deepEqual(got, reference(sequence));
    }),
    { numRuns: 5000 },
  );
});
