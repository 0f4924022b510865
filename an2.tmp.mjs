import { readFileSync } from 'node:fs';
import { Classifier, jiebaSegmenter } from './dist/src/classify/index.js';
import { loadFramework } from './dist/src/ingest/index.js';
const fw = loadFramework();
const c = Classifier.create(fw, { segmenter: jiebaSegmenter });
const texts = readFileSync('bench/.work/classify-enterprises-1000000-v1-a8f0d28f.texts.txt', 'utf8').split('\n').slice(0, 100000).map((t) => Buffer.from(t));
const core = c.core; const dense = c.dense; const finder = core.finder;
const nosegFinder = new (finder.constructor)(c.lexicon, undefined);
const res = { fill: [], find: [], findNoSeg: [], all: [] };
let hits = 0, occs = 0;
for (let rep = 0; rep < 7; rep++) {
  let t0 = performance.now();
  for (const b of texts) core.text.fillUtf8(b, 0, b.length, false, dense, finder.occurrences);
  res.fill.push(performance.now() - t0);
  t0 = performance.now(); hits = 0; occs = 0;
  for (const b of texts) { core.text.fillUtf8(b, 0, b.length, false, dense, finder.occurrences); occs += finder.occurrences.count; hits += finder.findScanned(core.text).count; }
  res.find.push(performance.now() - t0);
  t0 = performance.now();
  for (const b of texts) { core.text.fillUtf8(b, 0, b.length, false, dense, nosegFinder.occurrences); nosegFinder.findScanned(core.text); }
  res.findNoSeg.push(performance.now() - t0);
  t0 = performance.now();
  for (const b of texts) c.analyseUtf8(b, 0, b.length, false);
  res.all.push(performance.now() - t0);
}
const med = (x) => x.sort((a, b) => a - b)[3] * 10;
console.log(`occurrences/row ${(occs / 1e5).toFixed(1)} hits/row ${(hits / 1e5).toFixed(1)}`);
console.log(`fill ${med(res.fill).toFixed(0)}; +find ${(med(res.find) - med(res.fill)).toFixed(0)} (no segmenter ${(med(res.findNoSeg) - med(res.fill)).toFixed(0)}); +score/rank ${(med(res.all) - med(res.find)).toFixed(0)} ns/row`);
