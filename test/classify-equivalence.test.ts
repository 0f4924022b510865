/**
 * The classifier's fast paths change no result. Each optimised piece is checked
 * against a plain form of itself, on generated input (fast-check, seeded) and on
 * texts made of the framework's own keywords:
 *
 * - normalisation (one table lookup per character, reused buffers) against the
 *   first implementation, kept verbatim in test/reference/normalize-v1.ts;
 * - the Aho–Corasick automaton, dense and sparse, against a naive search for
 *   every pattern at every offset (same occurrences, same order);
 * - segmenting only the space-separated runs that hold a short keyword (with
 *   jieba's cache) against segmenting the whole text: jieba is space-local, and
 *   the hits and the classifications are the same;
 * - the workers' line formatter against the plain one.
 *
 * These compare code paths, not keyword data or scores, so they hold whatever
 * the framework's keywords and the scoring become.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Automaton, Classifier, STATUS_OF, compileLexicon, formatEvidence, jiebaSegmenter, lexiconFromTables, lexiconTables, normalizeText, type Analysis, type Segmenter,
} from '../src/classify/index.js';
import { NormalizedBuffer } from '../src/classify/normalize.js';
import { OccurrenceList } from '../src/classify/automaton.js';
import { HitFinder } from '../src/classify/lexicon.js';
import { RunBoundaries } from '../src/classify/run-boundaries.js';
import { readModelFile } from '../src/ingest/index.js';
import { ReferenceClassifier } from './reference/classify-v1.js';
import { loadFramework } from '../src/ingest/index.js';
import { LineWriter, formatLine, type LineFormat } from '../src/ingest/offering-lines.js';
import * as reference from './reference/normalize-v1.js';

const framework = loadFramework();
const SEED = 20261201;

/** Characters that exercise every branch of normalisation. */
const TRICKY = [
  'a', 'Z', '5', ' ', '  ', '\t', '\n', '\r\n', '\u0000', '\u3000', '，', '。', '、', '；', '(', ')', '+', '-', '/', '.', ':', '#', '&', '_', '™',
  'Ａ', 'ｚ', '１', '＋', '／', '（', '㎏', '㍿', 'ﬁ', 'Ⅻ', '①', '¼', 'é', 'e\u0301', 'İ', 'ß', 'Σ', 'ς', 'Ǆ', 'ǅ', 'K', 'Å', 'ｶ', 'ﾞ',
  '😀', '𫖯', '\ud800', '\udc00', '\udbff\udfff', '\uffff', '\ufeff', '工', '业', '互联网', '安全', '网关', '全网', '平台', '算力',
];
const keywordTerms = framework.links.flatMap((l) => [...l.keywords.map((k) => k.term), ...l.negatives.map((n) => n.term)]);
const piece = fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...keywordTerms), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 }));
const mixedText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

test('the normaliser gives the first implementation\'s text and offsets, for any text, from a string or from UTF-8', () => {
  const buffer = new NormalizedBuffer();
  const fromUtf8 = new NormalizedBuffer();
  let utf8Checked = 0;
  fc.assert(
    fc.property(mixedText, (text) => {
      const expected = reference.normalizeText(text);
      const got = normalizeText(text);
      assert.equal(got.text, expected.text, JSON.stringify(text));
      assert.deepEqual([...got.starts], [...expected.starts]);
      assert.deepEqual([...got.ends], [...expected.ends]);
      // The classifier's reused buffers: the same, within the text's length.
      buffer.fill(text);
      assert.equal(buffer.text(), expected.text);
      assert.deepEqual([...buffer.starts.subarray(0, buffer.length)], [...expected.starts]);
      assert.deepEqual([...buffer.ends.subarray(0, buffer.length)], [...expected.ends]);
      // From the text's UTF-8, when every character has a one-unit form (else the string path is told to take it).
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.toString('utf8') === text && fromUtf8.fillUtf8(bytes, 0, bytes.length, false)) {
        assert.equal(fromUtf8.text(), expected.text, JSON.stringify(text));
        assert.deepEqual([...fromUtf8.starts.subarray(0, fromUtf8.length)], [...expected.starts]);
        assert.deepEqual([...fromUtf8.ends.subarray(0, fromUtf8.length)], [...expected.ends]);
        utf8Checked++;
      }
    }),
    { numRuns: 5000, seed: SEED },
  );
  assert.ok(utf8Checked > 1000, `the UTF-8 path took ${utf8Checked} of 5000 texts`);
});

test('from UTF-8: a quoted CSV cell\'s doubled quotes are one quote; characters without a one-unit form go to the string path', () => {
  const buffer = new NormalizedBuffer();
  const cell = Buffer.from('x,"say ""PLC"" twice"', 'utf8');
  assert.ok(buffer.fillUtf8(cell, 3, cell.length - 1, true));
  const expected = normalizeText('say "PLC" twice');
  assert.equal(buffer.text(), expected.text);
  assert.deepEqual([...buffer.starts.subarray(0, buffer.length)], [...expected.starts]);
  for (const text of ['工业😀互联网', '10㎏', '㍿']) assert.equal(buffer.fillUtf8(Buffer.from(text), 0, Buffer.byteLength(text), false), false, text);
});

test('a text whose canonical form outgrows it (㎏ → kg, ㍿ → 株式会社) keeps every offset', () => {
  const text = `${'㍿'.repeat(300)}Ａ${'㎏'.repeat(500)}`;
  const expected = reference.normalizeText(text);
  const got = normalizeText(text);
  assert.equal(got.text, expected.text);
  assert.deepEqual([...got.starts], [...expected.starts]);
  assert.deepEqual([...got.ends], [...expected.ends]);
});

/** Every occurrence of every pattern, found the slow way, in the automaton's order (by end, longer first, then by index). */
function naiveOccurrences(patterns: readonly string[], text: string) {
  const all: { pattern: number; start: number; end: number }[] = [];
  patterns.forEach((p, index) => {
    if (p.length === 0) return;
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) all.push({ pattern: index, start: at, end: at + p.length });
  });
  return all.sort((a, b) => a.end - b.end || b.end - b.start - (a.end - a.start) || a.pattern - b.pattern);
}

test('the automaton, dense or sparse, finds what a naive search finds, in the same order', () => {
  const alphabet = fc.constantFrom('a', 'b', 'c', '工', '业', '\ud83d', '\ude00', ' ');
  const word = fc.array(alphabet, { maxLength: 5 }).map((c) => c.join(''));
  fc.assert(
    fc.property(fc.array(word, { maxLength: 12 }), fc.array(alphabet, { maxLength: 60 }).map((c) => c.join('')), (patterns, text) => {
      const expected = naiveOccurrences(patterns, text);
      assert.deepEqual(new Automaton(patterns).findAll(text), expected);
      assert.deepEqual(new Automaton(patterns, { denseLimit: 0 }).findAll(text), expected);
      // Over the text's UTF-16 units in an array (the classifier's path), with room to spare after them.
      const codes = new Uint16Array(text.length + 8);
      for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
      const built = [new Automaton(patterns), new Automaton(patterns, { denseLimit: 0 })];
      // Sent to another thread as data and made again from it (Automaton.tables): the same automaton.
      const sent = built.map((a) => Automaton.fromTables(structuredClone(a.tables())));
      for (const automaton of sent) assert.deepEqual(automaton.findAll(text), expected);
      for (const automaton of [...built, ...sent]) {
        const found = new OccurrenceList();
        automaton.scanInto(codes, text.length, found);
        assert.deepEqual(Array.from({ length: found.count }, (_, k) => ({ pattern: found.patterns[k], start: found.starts[k], end: found.ends[k] })), expected);
      }
    }),
    { numRuns: 3000, seed: SEED },
  );
});

/** Deterministic texts of keywords and filler, as enterprise descriptions read. */
function descriptions(count: number): string[] {
  let state = SEED;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const terms = keywordTerms;
  const fillers = ['公司', '致力于', '提供', '安全', '网关', '服务', '平台化', '全网', '技术', '有限公司', ' and ', ' the ', 'solutions', '，', '。', '、', ' '];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 20 + Math.floor(random() * 200);
    while (text.length < length) text += random() < 0.35 ? terms[Math.floor(random() * terms.length)] : fillers[Math.floor(random() * fillers.length)];
    return text;
  });
}

/** jieba on the whole text, as the classifier called it before (no spaceLocal flag, so whole texts are cut). */
const wholeText: Segmenter = (text) => jiebaSegmenter(text);

test('jieba is space-local: each run between spaces cuts the same alone as within the whole text', () => {
  for (const original of descriptions(3000)) {
    const text = normalizeText(original).text;
    const whole = new Set(jiebaSegmenter(text));
    let start = 0;
    for (const run of text.split(' ')) {
      const inside = [...whole].filter((b) => b >= start && b <= start + run.length).sort((a, b) => a - b);
      assert.deepEqual(inside, jiebaSegmenter(run).map((b) => b + start), JSON.stringify(run));
      start += run.length + 1;
    }
  }
});

test('segmenting only the runs with a short keyword gives the hits and classifications of segmenting whole texts', () => {
  const fast = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const plain = Classifier.create(framework, { segmenter: wholeText });
  const fastHits = new HitFinder(fast.lexicon, jiebaSegmenter);
  const plainHits = new HitFinder(plain.lexicon, wholeText);
  const buffer = new NormalizedBuffer();
  const listed = (hits: { count: number; patterns: Int32Array; starts: Int32Array; ends: Int32Array }) =>
    Array.from({ length: hits.count }, (_, k) => [hits.patterns[k], hits.starts[k], hits.ends[k]]);
  for (const text of descriptions(3000)) {
    buffer.fill(text);
    assert.deepEqual(listed(fastHits.find(buffer)), listed(plainHits.find(buffer)), text);
    assert.deepEqual(fast.classify(text), plain.classify(text), text);
  }
});

test('the typed-array core classifies as the object pipeline it replaced, with and without the learned layer', () => {
  const { value: model } = readModelFile(new URL('../../data/models/industrial-internet.model.json', import.meta.url).pathname);
  assert.ok(model, 'the default model loads');
  for (const options of [{ segmenter: jiebaSegmenter }, { segmenter: jiebaSegmenter, model }, {}]) {
    const core = Classifier.create(framework, options);
    const reference = ReferenceClassifier.create(framework, options);
    for (const text of descriptions(2000)) {
      assert.deepEqual(core.classify(text), reference.classify(text), text);
      assert.deepEqual(core.featuresOf(text), reference.featuresOf(text), text);
    }
    fc.assert(fc.property(mixedText, (text) => assert.deepEqual(core.classify(text), reference.classify(text))), { numRuns: 2000, seed: SEED });
  }
});

test('classifying from UTF-8 gives what classifying the decoded text gives', () => {
  const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const snapshot = (a: ReturnType<Classifier['analyse']>) => JSON.stringify({
    size: a.size, truncated: a.truncated,
    entries: Array.from({ length: a.size }, (_, r) => {
      const e = a.byRank[r] as number;
      return [a.link[e], a.score[e], a.confidence[e], a.status[e], [...a.alternatives.subarray(a.alternativesFrom[e], a.alternativesFrom[e + 1])],
        [...a.evidenceTerm.subarray(a.evidenceFrom[e], a.evidenceFrom[e + 1])], [...a.evidenceStart.subarray(a.evidenceFrom[e], a.evidenceFrom[e + 1])],
        [...a.evidenceEnd.subarray(a.evidenceFrom[e], a.evidenceFrom[e + 1])]];
    }),
  });
  let compared = 0;
  const check = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.toString('utf8') !== text) return;
    const fromBytes = classifier.analyseUtf8(bytes, 0, bytes.length, false);
    if (!fromBytes) return;
    const got = snapshot(fromBytes);
    assert.equal(got, snapshot(classifier.analyse(text)), text);
    compared++;
  };
  for (const text of descriptions(3000)) check(text);
  fc.assert(fc.property(mixedText, (text) => check(text)), { numRuns: 3000, seed: SEED });
  assert.ok(compared > 4000, `compared ${compared}`);
});

test('a classifier given the lexicon as data, as the workers are sent it, classifies as one that compiled its own', () => {
  const own = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const lexicon = lexiconFromTables(structuredClone(lexiconTables(compileLexicon(framework))));
  const sent = Classifier.create(framework, { segmenter: jiebaSegmenter, lexicon });
  assert.throws(() => Classifier.create({ ...framework, id: 'another' }, { lexicon }), /lexicon of framework/);
  let fromBytes = 0;
  for (const text of descriptions(1000)) {
    assert.deepEqual(sent.classify(text), own.classify(text), text);
    const bytes = Buffer.from(text, 'utf8');
    // The byte path steps the displaced table the lexicon was sent with.
    const a = sent.analyseUtf8(bytes, 0, bytes.length, false);
    const b = own.analyseUtf8(bytes, 0, bytes.length, false);
    assert.equal(a === undefined, b === undefined, text);
    if (a && b) {
      fromBytes++;
      assert.deepEqual([...a.link.subarray(0, a.size)], [...b.link.subarray(0, b.size)], text);
      assert.deepEqual([...a.confidence.subarray(0, a.size)], [...b.confidence.subarray(0, b.size)], text);
      assert.deepEqual([...a.evidenceStart.subarray(0, a.evidenceFrom[a.size])], [...b.evidenceStart.subarray(0, b.evidenceFrom[b.size])], text);
    }
  }
  assert.ok(fromBytes > 900, `${fromBytes} texts through the byte path`);
});

test('run boundaries are cut once per run and found again by their units, also after the table empties itself', () => {
  const runs = new RunBoundaries();
  const codes = new Uint16Array(64);
  let cuts = 0;
  const lookup = (run: number, length: number) => {
    // A run's first two units spell its number: every run is a text of its own.
    codes[0] = 0x4e00 + (run % 1000);
    codes[1] = 0x5000 + Math.floor(run / 1000);
    for (let i = 2; i < length; i++) codes[i] = 0x6000 + ((run * 7 + i * 13) % 500);
    return runs.get(codes, 0, length, () => {
      cuts++;
      return [0, run % length, length];
    });
  };
  // More distinct runs than the table holds, each asked for twice in a row: the second answer is the kept one.
  for (let run = 0; run < 40_000; run++) {
    const length = 2 + (run % 9);
    const first = lookup(run, length);
    assert.equal(lookup(run, length), first);
    assert.deepEqual(first, [0, run % length, length]);
  }
  assert.equal(cuts, 40_000, 'each run cut once, none answered for another');
});

test('a segmenter that classifies while the classifier is working gets buffers of its own', () => {
  const inner = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const nested: Segmenter = (text) => {
    inner.classify(`${text} 工业互联网平台 安全网关`);
    return jiebaSegmenter(text);
  };
  const outer = Classifier.create(framework, { segmenter: nested });
  const plain = Classifier.create(framework, { segmenter: wholeText });
  for (const text of descriptions(300)) assert.deepEqual(outer.classify(text), plain.classify(text), text);
});

/** The lines formatLine makes of a text's assigned links, for a firm. */
function formattedLines(classifier: Classifier, format: LineFormat, text: string, id: string, name: string): string {
  return classifier.classify(text).links.filter((l) => l.status !== 'rejected').map((link) => formatLine(format, {
    id, name, link: link.link, confidence: link.confidence, status: link.status, alternatives: link.alternatives.join('|'), evidence: formatEvidence(link.evidence),
  })).join('');
}

/** The writer's lines for an analysis's assigned links, most probable first (as the workers write them). */
function writeAssigned(writer: LineWriter, analysis: Analysis): void {
  for (let r = 0; r < analysis.size; r++) {
    const e = analysis.byRank[r] as number;
    const status = analysis.status[e] as number;
    if (STATUS_OF[status] !== 'rejected') writer.line(analysis, e, status);
  }
}

test('the workers\' line writer writes, from a classification\'s buffers, what the plain formatter writes', () => {
  const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const linkIds = framework.links.map((l) => l.id);
  const terms = classifier.lexicon.terms.map((t) => (t.negative ? '' : t.term));
  const texts = descriptions(400);
  const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('=cmd|\' /C calc\'!A0', '+1', '-x', '@a', '\tx', 'a,b', 'a"b', 'a\nb', '', '江西联通'));
  let lines = 0;
  for (const format of ['excel', 'staging'] as LineFormat[]) {
    fc.assert(
      fc.property(cell, cell, fc.constantFrom(...texts), (id, name, text) => {
        const writer = new LineWriter(format, linkIds, terms);
        const analysis = classifier.analyse(text);
        const expected = formattedLines(classifier, format, text, id, name);
        const reanalysed = classifier.analyse(text);
        writer.beginRow(id, name);
        writeAssigned(writer, reanalysed);
        assert.equal(Buffer.from(writer.take()).toString('utf8'), expected);
        assert.equal(analysis, reanalysed, 'one set of buffers, reused');
        lines += expected.split('\n').length - 1;
      }),
      { numRuns: 1000, seed: SEED },
    );
  }
  assert.ok(lines > 1000, `${lines} lines compared`);
});

test('the line writer quotes and neutralises evidence and alternatives when the framework\'s terms or ids need it', () => {
  const odd = { ...framework, links: framework.links.map((l, index) => index === 0 ? { ...l, id: 'a,"b"', keywords: [{ term: '=工业,互联"网', weight: 3 }, ...l.keywords] } : l) };
  const classifier = Classifier.create(odd, { segmenter: jiebaSegmenter });
  const linkIds = odd.links.map((l) => l.id);
  const terms = classifier.lexicon.terms.map((t) => (t.negative ? '' : t.term));
  for (const format of ['excel', 'staging'] as LineFormat[]) {
    for (const text of ['=工业,互联"网平台', ...descriptions(200)]) {
      const expected = formattedLines(classifier, format, text, 'x', 'y');
      const writer = new LineWriter(format, linkIds, terms);
      writer.beginRow('x', 'y');
      writeAssigned(writer, classifier.analyse(text));
      assert.equal(Buffer.from(writer.take()).toString('utf8'), expected, text);
    }
  }
});

test('one line writer, many firms: its memory grows and its kept middle cells are made again when their room fills', () => {
  // With the model, confidences take many values: each a middle cell of its own, more than the room kept for them.
  // Without it they recur: those kept before the room filled must not be found where newer cells now lie.
  const { value: model } = readModelFile(new URL('../../data/models/industrial-internet.model.json', import.meta.url).pathname);
  const learned = Classifier.create(framework, { segmenter: jiebaSegmenter, model });
  const lexiconOnly = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const linkIds = framework.links.map((l) => l.id);
  const terms = learned.lexicon.terms.map((t) => (t.negative ? '' : t.term));
  for (const format of ['excel', 'staging'] as LineFormat[]) {
    // Room for a few dozen middle cells: it fills again and again.
    const writer = new LineWriter(format, linkIds, terms, 4096);
    let expected = '';
    const confidences = new Set<number>();
    descriptions(6000).forEach((text, i) => {
      const id = `firm-${i}`;
      for (const classifier of i % 10 === 0 ? [learned, lexiconOnly] : [learned]) {
        const analysis = classifier.analyse(text);
        writer.beginRow(id, '江西某科技有限公司');
        writeAssigned(writer, analysis);
        for (let e = 0; e < analysis.size; e++) confidences.add(analysis.confidence[e] as number);
        expected += formattedLines(classifier, format, text, id, '江西某科技有限公司');
      }
    });
    const written = writer.take();
    assert.ok(written.length > 2 << 20, `${written.length} bytes: more than the memory starts with`);
    assert.ok(confidences.size > 1000, `${confidences.size} confidences: many more middle cells than their room holds`);
    assert.equal(Buffer.from(written).toString('utf8'), expected);
  }
});

test('a line with more evidence than the WebAssembly scratch holds is written as text, the same', () => {
  const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
  const linkIds = framework.links.map((l) => l.id);
  const terms = classifier.lexicon.terms.map((t) => (t.negative ? '' : t.term));
  const text = `${'PLC、'.repeat(5000)}工业互联网平台`;
  for (const format of ['excel', 'staging'] as LineFormat[]) {
    const expected = formattedLines(classifier, format, text, 'x', 'y');
    assert.ok(classifier.classify(text).links.some((l) => l.evidence.length > 4096), 'some link has more than 4,096 pieces of evidence');
    const writer = new LineWriter(format, linkIds, terms);
    writer.beginRow('x', 'y');
    writeAssigned(writer, classifier.analyse(text));
    assert.equal(Buffer.from(writer.take()).toString('utf8'), expected);
  }
});
