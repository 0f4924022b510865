/**
 * evaluateLinks on a fixture small enough to count by hand: every expected
 * precision, recall and F1 below is worked out in the comment beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateLinks, WORST_ERRORS, type EvaluatedText } from '../src/classify/index.js';
import { miniFramework } from './classify-fixtures.js';

const framework = miniFramework();
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

//      gold                        predicted
// t1   alpha.sensor                alpha.sensor
// t2   alpha.sensor, beta.net      alpha.sensor, alpha.drive
// t3   (none)                      beta.net
// t4   (none)                      (none)
// t5   alpha.drive                 (none)
const examples: EvaluatedText[] = [
  { id: 't1', text: '甲', gold: ['alpha.sensor'], predicted: ['alpha.sensor'], evidence: { 'alpha.sensor': ['传感器'] } },
  { id: 't2', text: '乙', gold: ['alpha.sensor', 'beta.net'], predicted: ['alpha.sensor', 'alpha.drive'], evidence: { 'alpha.sensor': ['变送器'], 'alpha.drive': ['伺服', 'PLC'] } },
  { id: 't3', text: '丙', gold: [], predicted: ['beta.net'], evidence: { 'beta.net': ['光缆'] } },
  { id: 't4', text: '丁', gold: [], predicted: [] },
  { id: 't5', text: '戊', gold: ['alpha.drive'], predicted: [] },
];

test('link level: per-link counts and scores, micro and macro, by hand', () => {
  const report = evaluateLinks(framework, examples);
  assert.equal(report.texts, 5);
  const link = (id: string) => report.links.find((l) => l.link === id);
  // alpha.sensor: tp 2 (t1, t2), fp 0, fn 0 → P 1, R 1, F1 1
  assert.deepEqual({ ...link('alpha.sensor') }, { link: 'alpha.sensor', segment: 'alpha', tp: 2, fp: 0, fn: 0, support: 2, predicted: 2, precision: 1, recall: 1, f1: 1 });
  // alpha.drive: tp 0, fp 1 (t2), fn 1 (t5) → P 0, R 0, F1 0
  assert.deepEqual({ ...link('alpha.drive') }, { link: 'alpha.drive', segment: 'alpha', tp: 0, fp: 1, fn: 1, support: 1, predicted: 1, precision: 0, recall: 0, f1: 0 });
  // beta.net: tp 0, fp 1 (t3), fn 1 (t2)
  assert.equal(link('beta.net')?.fp, 1);
  assert.equal(link('beta.net')?.fn, 1);
  // beta.manual: nothing labelled, nothing predicted
  assert.equal(link('beta.manual')?.support, 0);
  assert.equal(link('beta.manual')?.predicted, 0);
  // micro: tp 2, fp 2, fn 2 → P 2/4, R 2/4, F1 0.5
  assert.equal(report.micro.tp, 2);
  assert.equal(report.micro.fp, 2);
  assert.equal(report.micro.fn, 2);
  close(report.micro.precision, 0.5, 'micro P');
  close(report.micro.recall, 0.5, 'micro R');
  close(report.micro.f1, 0.5, 'micro F1');
  // macro over the 3 links with support or predictions (beta.manual left out): F1 (1 + 0 + 0) / 3
  assert.equal(report.macro.over, 3);
  close(report.macro.f1, 1 / 3, 'macro F1');
  close(report.macro.precision, 1 / 3, 'macro P');
  close(report.macro.recall, 1 / 3, 'macro R');
});

test('segment level: a text\'s segments are those of its links, by hand', () => {
  const report = evaluateLinks(framework, examples);
  // t1 {alpha}/{alpha}: alpha tp; t2 {alpha,beta}/{alpha}: alpha tp, beta fn; t3 {}/{beta}: beta fp; t5 {alpha}/{}: alpha fn
  const alpha = report.segment.segments.find((s) => s.segment === 'alpha');
  const beta = report.segment.segments.find((s) => s.segment === 'beta');
  // alpha: tp 2, fp 0, fn 1 → P 1, R 2/3, F1 2·(2/3)/(5/3) = 0.8
  assert.equal(alpha?.tp, 2);
  assert.equal(alpha?.fn, 1);
  close(alpha?.recall ?? NaN, 2 / 3, 'alpha R');
  close(alpha?.f1 ?? NaN, 0.8, 'alpha F1');
  // beta: tp 0, fp 1, fn 1 → F1 0
  assert.equal(beta?.f1, 0);
  // micro: tp 2, fp 1, fn 2 → P 2/3, R 1/2, F1 (2/3)/(7/6) = 4/7
  close(report.segment.micro.precision, 2 / 3, 'segment micro P');
  close(report.segment.micro.recall, 0.5, 'segment micro R');
  close(report.segment.micro.f1, 4 / 7, 'segment micro F1');
  // macro: (0.8 + 0) / 2
  close(report.segment.macro.f1, 0.4, 'segment macro F1');
});

test('none: texts labelled with no link and the share given none; worst errors by count, then id', () => {
  const report = evaluateLinks(framework, examples);
  // t3 and t4 have no label; only t4 is given none
  assert.deepEqual(report.none, { total: 2, correct: 1, accuracy: 0.5 });
  // t2 has 2 errors (fp alpha.drive, fn beta.net); t3 and t5 one each; t1 and t4 none
  assert.deepEqual(report.worst.map((w) => w.id), ['t2', 't3', 't5']);
  const t2 = report.worst[0];
  assert.deepEqual(t2?.falsePositives, ['alpha.drive']);
  assert.deepEqual(t2?.falseNegatives, ['beta.net']);
  assert.deepEqual(t2?.evidence, { 'alpha.sensor': ['变送器'], 'alpha.drive': ['伺服', 'PLC'] });
  assert.deepEqual(report.worst[2]?.evidence, {}, 't5 predicted nothing, so it has no evidence');
});

test('at most WORST_ERRORS worst errors; ties broken by id', () => {
  const many: EvaluatedText[] = Array.from({ length: 14 }, (_, i) => ({
    id: `x${String(i).padStart(2, '0')}`, text: '', gold: [], predicted: i % 2 === 0 ? ['alpha.sensor'] : ['alpha.sensor', 'beta.net'],
  }));
  const worst = evaluateLinks(framework, many).worst;
  assert.equal(worst.length, WORST_ERRORS);
  // the 7 odd ids have 2 errors, then the even ones with 1, in id order
  assert.deepEqual(worst.map((w) => w.id), ['x01', 'x03', 'x05', 'x07', 'x09', 'x11', 'x13', 'x00', 'x02', 'x04']);
});

test('nothing to find and nothing found scores 1; something missed with nothing predicted scores 0', () => {
  const empty = evaluateLinks(framework, [{ id: 'a', text: '', gold: [], predicted: [] }]);
  assert.deepEqual([empty.micro.precision, empty.micro.recall, empty.micro.f1, empty.none.accuracy], [1, 1, 1, 1]);
  assert.equal(empty.macro.over, 0);
  const missed = evaluateLinks(framework, [{ id: 'a', text: '', gold: ['beta.net'], predicted: [] }]);
  assert.deepEqual([missed.micro.precision, missed.micro.recall, missed.micro.f1], [0, 0, 0]);
  assert.equal(missed.none.total, 0);
});

test('an id outside the framework is a programmer error', () => {
  assert.throws(() => evaluateLinks(framework, [{ id: 'a', text: '', gold: ['nope.link'], predicted: [] }]), /nope\.link/);
});
