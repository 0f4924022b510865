/**
 * The main job's numbers: the supply overview of Jiangxi computed from the
 * database agrees with counts made here independently, straight from the
 * dataset's JSON files (no ChainAtlas code between the files and the counts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATASET_DIR, importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database } from '../src/store/index.js';
import { resolveRegion } from '../src/regions/index.js';
import { buildOverview } from '../src/cli/overview-command.js';

type Json = Record<string, unknown>;
const manifest = readDatasetManifest();
const records = (entity: string): Json[] =>
  manifest.files.flatMap((file) => ((JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json[]>)[entity] ?? []));

const JIANGXI = new Set(['江西', '江西省', 'Jiangxi', '360000', '36']);

test('the default dataset loads whole and the Jiangxi overview matches independent counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-overview-'));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  try {
    const framework = loadFramework();
    const report = await importFiles(db, manifest.files, { framework });
    assert.deepEqual(report.issues, [], 'the default dataset has no validation problems');
    assert.equal(report.committed, true);
    const region = resolveRegion('江西').value;
    assert.ok(region);
    const overview = await buildOverview(db, framework, region);

    const enterprises = new Map(records('enterprises').map((e) => [String(e.id), e]));
    const pairs = new Set(records('offerings').map((o) => `${String(o.enterprise_id)}|${String(o.link)}`));
    const cases = new Map(records('cases').map((c) => [String(c.id), c]));
    const caseLinks = new Set(records('components').map((c) => `${String(c.case_id)}|${String(c.link)}`));

    for (const link of framework.links) {
      const onLink = [...pairs].filter((p) => p.endsWith(`|${link.id}`)).map((p) => enterprises.get(p.split('|')[0] as string) as Json);
      const expectedRegion = onLink.filter((e) => JIANGXI.has(String(e.province ?? ''))).length;
      const expectedNation = onLink.filter((e) => e.province !== undefined).length;
      const needing = [...caseLinks].filter((p) => p.endsWith(`|${link.id}`)).map((p) => cases.get(p.split('|')[0] as string) as Json);
      const expectedRegionCases = needing.filter((c) => JIANGXI.has(String(c.customer_province ?? ''))).length;
      const measured = overview.segments.flatMap((s) => s.links).find((l) => l.link === link.id);
      assert.ok(measured, link.id);
      assert.equal(measured.regionSuppliers, expectedRegion, `${link.id} Jiangxi suppliers`);
      assert.equal(measured.nationSuppliers, expectedNation, `${link.id} national suppliers`);
      assert.equal(measured.nationCases, needing.length, `${link.id} national cases`);
      assert.equal(measured.regionCases, expectedRegionCases, `${link.id} Jiangxi cases`);
      const names = onLink.filter((e) => JIANGXI.has(String(e.province ?? ''))).map((e) => String(e.name_zh ?? e.name_en)).sort();
      assert.deepEqual(measured.suppliers.map((s) => s.name.zh).sort(), names, `${link.id} Jiangxi supplier names`);
    }
    // The operators' Jiangxi branches are Jiangxi suppliers; the paper's foreign vendors are not.
    const all = overview.segments.flatMap((s) => s.links);
    assert.ok(all.find((l) => l.link === 'automation.edge')?.suppliers.some((s) => s.id === 'china-unicom-jiangxi'));
    assert.ok(all.every((l) => !l.suppliers.some((s) => s.id === 'siemens')));
    assert.ok(overview.totals.regionCases > 0 && overview.totals.regionCases <= overview.totals.nationCases);
    assert.equal(DEFAULT_DATASET_DIR.endsWith('jiangxi-industrial-internet'), true);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
