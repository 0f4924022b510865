/**
 * The classifier core on the hand-written mini framework (classify-fixtures.ts):
 * the automaton, offsets kept through normalisation, negatives, longest match,
 * word boundaries and plurals, statuses, and hostile input (empty, punctuation,
 * 10 MB, lone surrogates, control characters, a link without keywords).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Automaton, Classifier, MAX_TEXT_CHARS, assignedLinks, jiebaSegmenter, normalizeText, type Classification,
} from '../src/classify/index.js';
import { miniFramework } from './classify-fixtures.js';

const framework = miniFramework();
const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
const linkOf = (c: Classification, id: string) => c.links.find((l) => l.link === id);

test('the automaton finds every occurrence, overlapping and nested ones included, in order of end', () => {
  const automaton = new Automaton(['he', 'she', 'his', 'hers', '']);
  const found = automaton.findAll('ushers').map((o) => [o.pattern, o.start, o.end]);
  // "she" ends at 4 with "he" inside it; "hers" ends at 6
  assert.deepEqual(found, [[1, 1, 4], [0, 2, 4], [3, 2, 6]]);
  assert.deepEqual(new Automaton(['光纤', '光纤光缆', '光缆']).findAll('光纤光缆').map((o) => [o.pattern, o.start, o.end]),
    [[0, 0, 2], [1, 0, 4], [2, 2, 4]]);
  assert.deepEqual(new Automaton(['a']).findAll(''), []);
});

test('evidence offsets point into the original text through full-width forms, case and spaces', () => {
  const text = '主营：ＰＬＣ、伺服驱动器，以及 SENSOR 模块';
  const result = classifier.classify(text);
  const words = result.links.flatMap((l) => l.evidence.map((e) => [e.term, text.slice(e.start, e.end)]));
  assert.deepEqual(words.sort(), [['PLC', 'ＰＬＣ'], ['sensor', 'SENSOR'], ['伺服驱动器', '伺服驱动器']].sort());
  // the normalised text keeps a map back for every character
  const normalized = normalizeText('ＡＢ　Ｃ');
  assert.equal(normalized.text, 'ab c');
  assert.deepEqual([...normalized.starts], [0, 1, 2, 3]);
});

test('longest match: a keyword inside a longer keyword counts only as part of it', () => {
  const drive = linkOf(classifier.classify('伺服驱动器'), 'alpha.drive');
  assert.deepEqual(drive?.evidence.map((e) => e.term), ['伺服驱动器']);
  assert.equal(drive?.score, 3);
  const net = linkOf(classifier.classify('光纤光缆'), 'beta.net');
  assert.deepEqual(net?.evidence.map((e) => e.term), ['光纤光缆'], '光纤 and 光缆 inside 光纤光缆 do not add up');
});

test('a negative cancels the keyword it overlaps, for its own link only', () => {
  assert.equal(linkOf(classifier.classify('光纤激光器'), 'beta.net'), undefined);
  const both = linkOf(classifier.classify('光纤激光器、光纤'), 'beta.net');
  assert.equal(both?.evidence.length, 1, 'the second 光纤 still counts');
  assert.equal(linkOf(classifier.classify('汽车仪表盘'), 'alpha.sensor'), undefined);
});

test('Latin keywords need word boundaries; English plurals count, acronyms take none', () => {
  assert.equal(linkOf(classifier.classify('sensors and PLC'), 'alpha.sensor')?.evidence[0]?.term, 'sensor');
  const text = 'smart SENSORS';
  const evidence = linkOf(classifier.classify(text), 'alpha.sensor')?.evidence[0];
  assert.equal(evidence && text.slice(evidence.start, evidence.end), 'SENSORS');
  assert.equal(linkOf(classifier.classify('sensorial'), 'alpha.sensor'), undefined);
  assert.equal(linkOf(classifier.classify('PLCs'), 'alpha.drive'), undefined, '"PLC" is an acronym');
  assert.equal(linkOf(classifier.classify('NPLC'), 'alpha.drive'), undefined);
});

test('scores, thresholds and statuses: one weak keyword is evidence, not an assignment', () => {
  const weak = linkOf(classifier.classify('仪表'), 'alpha.sensor');
  assert.equal(weak?.score, 1);
  assert.equal(weak?.status, 'rejected');
  const strong = classifier.classify('变送器、传感器');
  assert.equal(linkOf(strong, 'alpha.sensor')?.status, 'confirmed');
  // beta.net's own threshold is 2.5: 光纤 (2) alone is below it, 光缆 (3) above
  assert.equal(linkOf(classifier.classify('光纤'), 'beta.net')?.status, 'rejected');
  assert.notEqual(linkOf(classifier.classify('光缆'), 'beta.net')?.status, 'rejected');
  // same-segment rivals close in score are uncertain and name each other
  const rivals = classifier.classify('传感器、PLC');
  assert.equal(linkOf(rivals, 'alpha.sensor')?.status, 'uncertain');
  assert.deepEqual(linkOf(rivals, 'alpha.sensor')?.alternatives, ['alpha.drive']);
});

test('empty, punctuation-only and control-character texts give no links', () => {
  for (const text of ['', '   ', '、，。！？!?…——', '\u0000\u0007\u001b\u007f', '\ud800\udfff']) {
    const result = classifier.classify(text);
    assert.deepEqual(result.links, [], JSON.stringify(text));
    assert.equal(result.truncated, false);
  }
});

test('lone surrogates and control characters between words separate them without shifting offsets', () => {
  const text = '\ud800传感器\u0000\udc00变送器\u0007';
  const sensor = linkOf(classifier.classify(text), 'alpha.sensor');
  assert.deepEqual(sensor?.evidence.map((e) => text.slice(e.start, e.end)).sort(), ['传感器', '变送器'].sort());
});

test('a 10 MB text is classified on its first MAX_TEXT_CHARS characters, in bounded time', () => {
  const filler = '无关内容'.repeat(Math.ceil((MAX_TEXT_CHARS + 10) / 4));
  const huge = ('变送器' + filler).padEnd(10 * 1024 * 1024, '字');
  const started = process.hrtime.bigint();
  const result = classifier.classify(huge + '光缆');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  assert.equal(result.truncated, true);
  assert.ok(linkOf(result, 'alpha.sensor'), 'the start is read');
  assert.equal(linkOf(result, 'beta.net'), undefined, 'what lies past MAX_TEXT_CHARS is not');
  assert.ok(seconds < 10, `took ${seconds}s`);
});

test('a link without keywords never scores, and assignedLinks keeps only the assigned ones', () => {
  const result = classifier.classify('传感器、变送器、光缆、伺服、人工');
  assert.equal(linkOf(result, 'beta.manual'), undefined);
  assert.deepEqual(assignedLinks(result).map((l) => l.link).sort(), ['alpha.drive', 'alpha.sensor', 'beta.net']);
  assert.ok(result.links.every((l, i) => i === 0 || (result.links[i - 1]?.confidence ?? 0) >= l.confidence), 'most probable first');
});
