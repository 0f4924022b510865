/** The README's sample files import cleanly on top of the default dataset, and land as the README says. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, loadFramework } from '../src/ingest/index.js';
import { Database, getCase, getEnterprise } from '../src/store/index.js';

const EXAMPLES = join(process.cwd(), 'examples');

test('every sample file in examples/ imports with no problems', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-examples-'));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  try {
    const files = readdirSync(EXAMPLES).filter((f) => /\.(csv|json|xlsx)$/.test(f)).map((f) => join(EXAMPLES, f));
    assert.ok(files.length >= 5, 'a sample for each entity');
    const report = await importFiles(db, files, { framework: loadFramework() });
    assert.deepEqual(report.issues, []);
    assert.deepEqual(report.accepted, { enterprises: 3, offerings: 6, cases: 1, components: 4, observations: 2 });
    const firm = await getEnterprise(db, '91360100MA35ABCD1R');
    assert.equal(firm?.enterprise.province, '360000');
    assert.equal(firm?.enterprise.city, '360100');
    assert.equal(firm?.enterprise.registeredCapitalYuan, 5000e4);
    assert.equal(firm?.enterprise.industryCode, '65');
    assert.equal(firm?.enterprise.extra['备注'], '示例数据');
    // Offerings name their enterprise by name or credit code; both resolve to the enterprise id.
    assert.deepEqual(firm?.offerings.map((o) => o.link).sort(), ['automation.edge', 'platform.application', 'platform.software.production']);
    const example = await getCase(db, 'example-5g-workshop');
    assert.equal(example?.case.customerCity, '360200');
    assert.deepEqual(example?.case.outcomes, [{ kpiZh: '能耗', change: -12, unit: '%' }, { kpiZh: '良品率', change: 5, unit: '%' }]);
    assert.equal(example?.components.filter((c) => c.supplierId === undefined).length, 1, 'an unmatched supplier keeps its raw name');
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
