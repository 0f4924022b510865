/**
 * The fast CSV scanner against csv-parse, the reference: on any text, cut into
 * blocks anywhere, the scanner either gives csv-parse's records or gives up
 * (CsvAnomaly) — it never gives different records, and never accepts what
 * csv-parse refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvAnomaly, CsvScanner } from '../src/ingest/csv-scanner.js';
import { Utf8Records } from '../src/ingest/csv-utf8-records.js';

function reference(text: string): string[][] | Error {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true, delimiter: [',', '\t'], info: false }) as string[][];
  } catch (error) {
    return error as Error;
  }
}

function scan(blocks: readonly string[]): string[][] | CsvAnomaly {
  const scanner = new CsvScanner();
  const records: string[][] = [];
  try {
    for (const block of blocks) records.push(...scanner.push(block));
    records.push(...scanner.end());
    return records;
  } catch (error) {
    if (error instanceof CsvAnomaly) return error;
    throw error;
  }
}

/** Cuts a text at the given fractions of its length. */
function cut(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const blocks: string[] = [];
  let from = 0;
  for (const point of points) {
    blocks.push(text.slice(from, point));
    from = point;
  }
  blocks.push(text.slice(from));
  return blocks;
}

const csvText = fc
  .array(fc.constantFrom('a', 'b', '江', ' ', '"', '""', ',', '\t', '\n', '\r', '\r\n', '\u0000', '\ufeff', '"x"', ',"', '",'), { maxLength: 40 })
  .map((parts) => parts.join(''));

test('the scanner agrees with csv-parse or gives up, however the text is cut', () => {
  fc.assert(
    fc.property(csvText, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (text, cuts) => {
      const expected = reference(text);
      const got = scan(cut(text, cuts));
      if (got instanceof CsvAnomaly) return;
      assert.ok(!(expected instanceof Error), `csv-parse refuses ${JSON.stringify(text)} (${String(expected)}) but the scanner accepted it`);
      assert.deepEqual(got, expected, JSON.stringify(text));
    }),
    { numRuns: 20_000 },
  );
});

test('well-formed files never make the scanner give up', () => {
  const field = fc.oneof(
    fc.stringMatching(/^[a-z江 ]*$/),
    fc.string().map((s) => `"${s.replace(/\u0000/g, '').replace(/"/g, '""')}"`),
  );
  const record = fc.array(field, { minLength: 1, maxLength: 5 }).map((fields) => fields.join(','));
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (records, eol, cuts) => {
      const text = records.join(eol) + eol;
      const got = scan(cut(text, cuts));
      assert.ok(!(got instanceof CsvAnomaly), `gave up on ${JSON.stringify(text)}`);
      assert.deepEqual(got, reference(text));
    }),
    { numRuns: 5_000 },
  );
});

test('a byte-order mark is dropped at the start only, and blank lines are kept as records', () => {
  assert.deepEqual(scan(['\ufeffa,b\n\n1,2\n']), [['a', 'b'], [''], ['1', '2']]);
  assert.deepEqual(scan(['a\n\ufeffb\n']), [['a'], ['\ufeffb']]);
});

test('field spans read from UTF-8 bytes give the scanner\'s records, or its anomaly, wherever the bytes start in memory', () => {
  // Long runs without delimiters, as descriptions are: the byte scanner takes them several bytes at a time.
  const part = fc.oneof(
    fc.constantFrom('"', '""', ',', '\t', '\n', '\r', '\r\n', '"x"', ',"', '",', '\ufeff', ' '),
    fc.stringMatching(/^[a-z江工业互联网 +\-/]{1,40}$/),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 0, max: 7 }), (parts, delimiter, offset) => {
      const text = parts.join('');
      let expected: string[][] | CsvAnomaly;
      try {
        const scanner = new CsvScanner({ delimiter, continues: true });
        expected = [...scanner.push(text), ...scanner.end()];
      } catch (error) {
        if (!(error instanceof CsvAnomaly)) throw error;
        expected = error;
      }
      const encoded = Buffer.from(text, 'utf8');
      const memory = new Uint8Array(new ArrayBuffer(offset + encoded.length + 8), offset, encoded.length);
      memory.set(encoded);
      const records = new Utf8Records(memory, 0, memory.length, delimiter === '\r\n');
      let got: string[][] | CsvAnomaly = [];
      try {
        while (records.next()) got.push(Array.from({ length: records.count }, (_, f) => records.text(f)));
      } catch (error) {
        if (!(error instanceof CsvAnomaly)) throw error;
        got = error;
      }
      if (expected instanceof CsvAnomaly) assert.ok(got instanceof CsvAnomaly, `${JSON.stringify(text)}: the scanner gives up, the byte reader gave ${JSON.stringify(got)}`);
      else assert.deepEqual(got, expected, JSON.stringify(text));
    }),
    { numRuns: 20_000 },
  );
});
