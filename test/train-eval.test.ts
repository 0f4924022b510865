/**
 * Training the learned layer on a small labelled fixture written here, and the
 * `eval` and `train` commands end to end: the model is deterministic and keeps
 * or improves the fixture's F1; `chainatlas eval --json` prints one object with
 * the documented paths; bad label and model files exit 1 with their issues.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier, evaluateLinks, jiebaSegmenter, parseModel, predictLabelled, trainModel, type LabelledText } from '../src/classify/index.js';
import { messages } from '../src/model/index.js';
import { miniFramework, writeLabels } from './classify-fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const framework = miniFramework();
const dir = mkdtempSync(join(tmpdir(), 'chainatlas-train-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// In this fixture a lone 仪表 (weight 1, below the threshold) does mean the sensor
// link when the text also names 伺服 products, and a lone 仪表 beside 交换机 means nothing.
const texts: LabelledText[] = [];
for (let i = 0; i < 12; i++) {
  texts.push({ id: `s${i}`, text: `变送器、传感器、产品${i}`, links: ['alpha.sensor'] });
  texts.push({ id: `d${i}`, text: `伺服、仪表、部件${i}`, links: ['alpha.drive', 'alpha.sensor'] });
  texts.push({ id: `n${i}`, text: `交换机、仪表、服装${i}`, links: [] });
  texts.push({ id: `c${i}`, text: `光缆、光纤、交换机${i}`, links: ['beta.net'] });
}

const f1Of = (classifier: Classifier) => evaluateLinks(framework, predictLabelled(classifier, texts)).micro.f1;

test('training is deterministic and the model keeps or improves the fixture F1', () => {
  const first = trainModel(framework, texts, { segmenter: jiebaSegmenter, files: ['fixture'] });
  const second = trainModel(framework, [...texts], { segmenter: jiebaSegmenter, files: ['fixture'] });
  assert.equal(JSON.stringify(first), JSON.stringify(second));
  assert.deepEqual(parseModel(JSON.parse(JSON.stringify(first)), 'x').issues, []);
  const lexicon = f1Of(Classifier.create(framework, { segmenter: jiebaSegmenter }));
  const learned = f1Of(Classifier.create(framework, { segmenter: jiebaSegmenter, model: first }));
  assert.ok(lexicon < 1, `the lexicon alone misses the lone 仪表 (F1 ${lexicon})`);
  assert.ok(learned >= lexicon, `model F1 ${learned} < lexicon F1 ${lexicon}`);
  assert.ok(first.trainedOn?.cutoff !== undefined && first.trainedOn.cutoff > 0 && first.trainedOn.cutoff < 1);
  assert.equal(first.trainedOn?.examples, texts.length);
});

test('per-link entries need MIN_LINK_EXAMPLES of each kind; the pooled entry is always there', () => {
  // with evidence: alpha.sensor 24 positives (s, d) and 12 negatives (n); beta.net 12 and 12 (c, n); alpha.drive 12 and 0 (d)
  const five = trainModel(framework, texts, { segmenter: jiebaSegmenter, minLinkExamples: 5 });
  assert.deepEqual(Object.keys(five.links).sort(), ['*', 'alpha.sensor', 'beta.net']);
  assert.deepEqual([five.links['alpha.sensor']?.examples, five.links['alpha.sensor']?.positives], [36, 24]);
  const thirteen = trainModel(framework, texts, { segmenter: jiebaSegmenter, minLinkExamples: 13 });
  assert.deepEqual(Object.keys(thirteen.links), ['*']);
  assert.deepEqual(trainModel(framework, [], { segmenter: jiebaSegmenter }).links, {});
});

function runCli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHAINATLAS_LANG: 'en' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fixture framework file, so that the commands run on the mini chain. */
function frameworkFile(): string {
  const path = join(dir, 'mini.json');
  writeFileSync(path, JSON.stringify({
    ...framework,
    links: framework.links.map((l) => ({ ...l, scope: undefined, threshold: l.threshold })),
    views: [],
    industries: undefined,
  }));
  return path;
}

test('chainatlas eval --json prints one object with micro, macro, segment and none figures in [0, 1]', () => {
  const labels = writeLabels(dir, 'eval.csv', [['id', 'text', 'links'], ...texts.slice(0, 8).map((t) => [t.id, t.text, t.links.join('|')])]);
  const fw = frameworkFile();
  for (const extra of [[], ['--no-model']]) {
    const { status, stdout, stderr } = runCli(['--framework', fw, 'eval', labels, '--json', ...extra]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as { micro: { f1: number }; macro: { f1: number }; segment: { micro: { f1: number } }; none: { accuracy: number }; texts: number; model: string | null };
    for (const value of [report.micro.f1, report.macro.f1, report.segment.micro.f1, report.none.accuracy]) {
      assert.ok(typeof value === 'number' && value >= 0 && value <= 1, String(value));
    }
    assert.equal(report.texts, 8);
    assert.equal(report.model, null, 'no shipped model belongs to the mini framework');
  }
});

test('chainatlas train writes a model that eval then uses', () => {
  const labels = writeLabels(dir, 'train.csv', [['id', 'text', 'links'], ...texts.map((t) => [t.id, t.text, t.links.join('|')])]);
  const fw = frameworkFile();
  const out = join(dir, 'trained.json');
  const trained = runCli(['--framework', fw, 'train', labels, '-o', out, '--json']);
  assert.equal(trained.status, 0, trained.stderr);
  assert.deepEqual(parseModel(JSON.parse(readFileSync(out, 'utf8')), out).issues, []);
  const evaluated = runCli(['--framework', fw, 'eval', labels, '--model', out, '--json']);
  assert.equal(evaluated.status, 0, evaluated.stderr);
  assert.equal((JSON.parse(evaluated.stdout) as { model: string }).model, out);
});

test('chainatlas eval of a bad label file exits 1 and lists every issue; a corrupt model exits 1 with classify.bad_model', () => {
  const fw = frameworkFile();
  const bad = writeLabels(dir, 'bad.csv', [['id', 'text', 'links'], ['a', 'x', 'alpha.nope'], ['a', 'y', '']]);
  const result = runCli(['--framework', fw, 'eval', bad, '--json']);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /row 2 › column links: labels a link "alpha\.nope"/);
  assert.ok(result.stderr.includes(messages['classify.labels_duplicate_id']({ id: 'a', first: 2 }).en));

  const labels = writeLabels(dir, 'ok.csv', [['id', 'text', 'links'], ['a', '传感器', 'alpha.sensor']]);
  const corrupt = join(dir, 'corrupt.model.json');
  writeFileSync(corrupt, '{ not json');
  const broken = runCli(['--framework', fw, 'eval', labels, '--model', corrupt, '--json']);
  assert.equal(broken.status, 1);
  assert.ok(broken.stderr.includes(`classifier model ${corrupt} is not valid`), broken.stderr);
  assert.doesNotMatch(broken.stderr, /at .*\.js:\d+/, 'no stack trace');
});
