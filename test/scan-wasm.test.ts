/**
 * The byte path's loop in WebAssembly (src/classify/scan.wat, wasm-scan.ts)
 * against the JavaScript loop it stands in for (NormalizedBuffer.fillUtf8): on
 * any text, the same answer, canonical units, original spans and automaton
 * occurrences; texts it cannot take are handed back, never answered differently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { Automaton, compileLexicon, normalizeTerm } from '../src/classify/index.js';
import { OccurrenceList, type DenseTables } from '../src/classify/automaton.js';
import { NormalizedBuffer } from '../src/classify/normalize.js';
import { WasmScan } from '../src/classify/wasm-scan.js';
import { displace } from '../src/classify/displaced-table.js';
import { loadFramework } from '../src/ingest/index.js';

const SEED = 20261201;
const framework = loadFramework();
const dense = compileLexicon(framework).automaton.dense as DenseTables;
const terms = framework.links.flatMap((l) => [...l.keywords.map((k) => k.term), ...l.negatives.map((n) => n.term)]);
// Characters of every kind the loop tells apart; CJK ideographs from the whole block, most of them never seen before.
const piece = fc.oneof(
  fc.constantFrom(...terms),
  fc.constantFrom('a', 'Z', ' ', '  ', '\t', '，', '。', '\u3000', 'Ａ', '１', '＋', 'é', 'ß', 'Σ', '"', '""', '㎏', '😀', '\u00a0', '+', '/', 'IT/OT'),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
  fc.string({ maxLength: 3 }),
);
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

/** What WasmScan is made from: the dense tables and their displaced layout. */
const bothLayouts = (tables: DenseTables) => ({ dense: tables, displaced: displace(tables) });

function same(scan: WasmScan, scanTables: DenseTables, input: string, unescape: boolean): 'same' | 'handed back' {
  const bytes = Buffer.from(unescape ? `"${input.replace(/"/g, '""')}"` : input, 'utf8');
  const start = unescape ? 1 : 0;
  const end = bytes.length - start;
  const expected = new NormalizedBuffer();
  const expectedFound = new OccurrenceList();
  const answer = expected.fillUtf8(bytes, start, end, unescape, scanTables, expectedFound);
  const got = new NormalizedBuffer();
  const gotFound = new OccurrenceList();
  const wasm = scan.fill(bytes, start, end, unescape, got, gotFound);
  if (wasm === undefined) return 'handed back';
  const label = JSON.stringify(input);
  assert.equal(wasm, answer, label);
  if (!answer) return 'same';
  assert.equal(got.length, expected.length, label);
  assert.equal(got.text(), expected.text(), label);
  assert.deepEqual([...got.starts.subarray(0, got.length)], [...expected.starts.subarray(0, expected.length)], label);
  assert.deepEqual([...got.ends.subarray(0, got.length)], [...expected.ends.subarray(0, expected.length)], label);
  assert.equal(gotFound.count, expectedFound.count, label);
  for (const list of ['patterns', 'starts', 'ends'] as const) {
    assert.deepEqual([...gotFound[list].subarray(0, gotFound.count)], [...expectedFound[list].subarray(0, expectedFound.count)], `${label}: ${list}`);
  }
  return 'same';
}

test('the module embedded in scan-wasm.ts is what scan.wat assembles to', () => {
  execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' });
});

test('the WebAssembly loop gives the JavaScript loop\'s units, offsets and occurrences, for any text, quoted or not', () => {
  const scan = new WasmScan(bothLayouts(dense), { textBytes: 4096 });
  let compared = 0;
  // The default lexicon's terms are mostly Chinese: its displaced table is far the smaller.
  assert.equal(scan.layout, 'displaced');
  fc.assert(
    fc.property(text, fc.boolean(), (input, unescape) => {
      if (same(scan, dense, input, unescape) === 'same') compared++;
    }),
    { numRuns: 6000, seed: SEED },
  );
  assert.equal(compared, 6000, 'no text under 4,096 bytes with room for its occurrences is handed back');
});

test('a lexicon of Latin terms only keeps the full table, and it gives the JavaScript loop\'s results too', () => {
  const latin = terms.filter((t) => /^[\x20-\x7e]+$/.test(t)).map((t) => normalizeTerm(t));
  assert.ok(latin.length > 50, `${latin.length} Latin terms`);
  const tables = new Automaton(latin).dense as DenseTables;
  const scan = new WasmScan(bothLayouts(tables), { textBytes: 4096 });
  assert.equal(scan.layout, 'full');
  let compared = 0;
  fc.assert(
    fc.property(text, fc.boolean(), (input, unescape) => {
      if (same(scan, tables, input, unescape) === 'same') compared++;
    }),
    { numRuns: 3000, seed: SEED },
  );
  assert.equal(compared, 3000);
});

test('a text longer than the room made, or with more occurrences, is handed back to the JavaScript loop', () => {
  const small = new WasmScan(bothLayouts(dense), { textBytes: 64, occurrences: 3 });
  const text = new NormalizedBuffer();
  const found = new OccurrenceList();
  const long = Buffer.from('工业互联网'.repeat(20));
  assert.equal(small.fill(long, 0, long.length, false, text, found), undefined);
  const many = Buffer.from('PLC PLC PLC PLC');
  assert.equal(small.fill(many, 0, many.length, false, text, found), undefined);
  const few = Buffer.from('PLC 与 DCS');
  assert.equal(small.fill(few, 0, few.length, false, text, found), true);
  assert.equal(found.count, 2);
});

test('any automaton is taken: a small one, and a dense table of 32-bit cells (32,768 states or more)', () => {
  const tiny = new Automaton(['ab', 'b', '工业']).dense as DenseTables;
  const scan = new WasmScan(bothLayouts(tiny), { textBytes: 256 });
  assert.equal(scan.layout, 'full');
  for (const input of ['abab', 'xab工业b', '', '  ab  ']) assert.equal(same(scan, tiny, input, false), 'same');
  const wide = { ...dense, table: new Uint32Array(dense.table) };
  const wideScan = new WasmScan(bothLayouts(wide), { textBytes: 4096 });
  assert.equal(wideScan.layout, 'displaced');
  for (const input of terms.slice(0, 200)) assert.equal(same(wideScan, wide, `${input}，${input}控制`, false), 'same');
});

test('texts read from a held source give what each text copied alone gives, and another array drops the hold', () => {
  const scan = new WasmScan(bothLayouts(dense), { textBytes: 4096, sourceBytes: 1 << 16 });
  const alone = new WasmScan(bothLayouts(dense), { textBytes: 4096 });
  const texts = ['工业互联网平台、安全网关', 'PLC 与 DCS，边缘计算', 'Ｐｌｃ控制器；MES 系统', '  数据采集  '];
  const source = Buffer.from(texts.join('\n'));
  const spans: [number, number][] = [];
  let at = 0;
  for (const t of texts) {
    const length = Buffer.byteLength(t);
    spans.push([at, at + length]);
    at += length + 1;
  }
  const read = (from: WasmScan, bytes: Uint8Array, [start, end]: [number, number]) => {
    const text = new NormalizedBuffer();
    const found = new OccurrenceList();
    assert.equal(from.fill(bytes, start, end, false, text, found), true);
    return { text: text.text(), starts: [...text.starts.subarray(0, text.length)], found: [...found.patterns.subarray(0, found.count)] };
  };
  assert.equal(scan.hold(source), true);
  for (const span of spans) assert.deepEqual(read(scan, source, span), read(alone, source, span));
  // Another array is copied where the held source was: the source is then read text by text again.
  const other = Buffer.from('安全网关');
  assert.deepEqual(read(scan, other, [0, other.length]), read(alone, other, [0, other.length]));
  for (const span of spans) assert.deepEqual(read(scan, source, span), read(alone, source, span));
  // A source larger than the room is not held.
  assert.equal(scan.hold(new Uint8Array((1 << 16) + 1)), false);
});
