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
import { Automaton, Classifier, jiebaSegmenter, normalizeText, type Segmenter } from '../src/classify/index.js';
import { normalizeTransient } from '../src/classify/normalize.js';
import { findHits } from '../src/classify/lexicon.js';
import { loadFramework } from '../src/ingest/index.js';
import { LineFormatter, formatLine, type LineFormat } from '../src/ingest/offering-lines.js';
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

test('the normaliser gives the first implementation\'s text and offsets, for any text', () => {
  fc.assert(
    fc.property(mixedText, (text) => {
      const expected = reference.normalizeText(text);
      const got = normalizeText(text);
      assert.equal(got.text, expected.text, JSON.stringify(text));
      assert.deepEqual([...got.starts], [...expected.starts]);
      assert.deepEqual([...got.ends], [...expected.ends]);
      // The classifier's transient form: the same, within the text's length.
      const transient = normalizeTransient(text);
      try {
        assert.equal(transient.text, expected.text);
        assert.deepEqual([...transient.starts.subarray(0, expected.text.length)], [...expected.starts]);
        assert.deepEqual([...transient.ends.subarray(0, expected.text.length)], [...expected.ends]);
      } finally {
        transient.release();
      }
    }),
    { numRuns: 5000, seed: SEED },
  );
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
      const fromCodes: { pattern: number; start: number; end: number }[] = [];
      new Automaton(patterns).scanCodes(codes, text.length, (pattern, start, end) => fromCodes.push({ pattern, start, end }));
      assert.deepEqual(fromCodes, expected);
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
  for (const text of descriptions(3000)) {
    const normalized = normalizeText(text);
    assert.deepEqual(findHits(fast.lexicon, normalized, jiebaSegmenter), findHits(plain.lexicon, normalized, wholeText), text);
    assert.deepEqual(fast.classify(text), plain.classify(text), text);
  }
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

test('the workers\' line formatter writes what the plain formatter writes', () => {
  const linkIds = framework.links.map((l) => l.id);
  const terms = framework.links.flatMap((l) => l.keywords.map((k) => k.term));
  const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('=cmd|\' /C calc\'!A0', '+1', '-x', '@a', '\tx', 'a,b', 'a"b', 'a\nb', ''));
  for (const format of ['excel', 'staging'] as LineFormat[]) {
    const formatter = new LineFormatter(format, linkIds, terms);
    fc.assert(
      fc.property(cell, cell, fc.constantFrom(...linkIds), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('confirmed', 'uncertain'),
        fc.subarray(linkIds, { maxLength: 3 }), fc.array(fc.tuple(fc.constantFrom(...terms), fc.nat(300)), { maxLength: 4 }),
        (id, name, link, confidence, status, alternatives, spans) => {
          const evidence = spans.map(([term, at]) => `${term}@${at}-${at + term.length}`).join(';');
          const row = { id, name, link, confidence, status, alternatives: alternatives.join('|'), evidence };
          const expected = formatLine(format, row);
          assert.equal(formatter.line(formatter.rowPrefix(id, name), link, confidence, status, row.alternatives, evidence), expected);
        }),
      { numRuns: 2000, seed: SEED },
    );
  }
});
