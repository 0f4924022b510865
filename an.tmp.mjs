import { readFileSync } from 'node:fs';
import { Classifier, jiebaSegmenter } from './dist/src/classify/index.js';
import { loadFramework } from './dist/src/ingest/index.js';
import { NormalizedBuffer } from './dist/src/classify/normalize.js';
import { OccurrenceList } from './dist/src/classify/automaton.js';
const fw = loadFramework();
const c = Classifier.create(fw, { segmenter: jiebaSegmenter });
const texts = readFileSync('bench/.work/classify-enterprises-1000000-v1-a8f0d28f.texts.txt', 'utf8').split('\n').slice(0, 100000).map((t) => Buffer.from(t));
const nb = new NormalizedBuffer(); const occ = new OccurrenceList(); const dense = c.lexicon.automaton.dense;
const res = { fill: [], all: [] };
for (let rep = 0; rep < 7; rep++) {
  let t0 = performance.now();
  for (const b of texts) nb.fillUtf8(b, 0, b.length, false, dense, occ);
  res.fill.push(performance.now() - t0);
  t0 = performance.now();
  for (const b of texts) c.analyseUtf8(b, 0, b.length, false);
  res.all.push(performance.now() - t0);
}
const med = (x) => x.sort((a, b) => a - b)[3];
console.log('fill', (med(res.fill) * 10).toFixed(0), 'ns/row; analyse total', (med(res.all) * 10).toFixed(0), 'ns/row; analysis part', ((med(res.all) - med(res.fill)) * 10).toFixed(0), 'ns/row');
