import { classifyFile, csvFileSink, loadFramework } from './dist/src/ingest/index.js';
import { rmSync } from 'node:fs';
const framework = loadFramework();
for (const sliceBytes of [Number(process.argv[2])]) {
  rmSync('/tmp/o1m.csv', { force: true });
  const t = performance.now();
  const r = await classifyFile('bench/.work/classify-enterprises-1000000-v1-a8f0d28f.csv', { framework, sink: csvFileSink('/tmp/o1m.csv'), sliceBytes });
  console.log(sliceBytes, (performance.now() - t).toFixed(0), 'ms', r.rows, process.cpuUsage().user / 1000);
}
