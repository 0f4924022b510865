/**
 * Report inputs for the report tests:
 *
 * - `defaultReportInput()`: the default Jiangxi dataset imported into a scratch
 *   database and loaded by the report job's own loader (src/cli/report-command.ts);
 * - `hostileReportInput()`: the small hand-built chain of assess-fixture.ts with
 *   enterprise names, case titles, customers, descriptions and evidence that try
 *   HTML/script injection (`<script>`), spreadsheet formula/DDE injection
 *   (`=cmd|'/c calc'!A1`, `+`, `-`, `@`) and template injection (`{{7*7}}`).
 *
 * The report date is fixed, so output does not depend on the clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database } from '../src/store/index.js';
import { resolveRegion, regionByCode } from '../src/regions/index.js';
import { aggregateRows, runAssessment, type AssessmentRows, type RegionAssessment } from '../src/assess/index.js';
import type { Case, Text } from '../src/model/index.js';
import type { ReportInput } from '../src/report/index.js';
import { loadReportInput } from '../src/cli/report-command.js';
import { createOutput } from '../src/cli/output.js';
import { BJ, FRAMEWORK, HB, HN, JX, ROWS } from './assess-fixture.js';

export const REPORT_DATE = '2024-06-30';

export async function defaultReportInput(): Promise<{ input: ReportInput; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-report-'));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  const framework = loadFramework();
  const imported = await importFiles(db, readDatasetManifest().files, { framework });
  assert.equal(imported.committed, true);
  const region = resolveRegion('江西').value;
  assert.ok(region);
  const input = await loadReportInput(db, framework, region, { date: REPORT_DATE }, createOutput({ lang: 'zh' }));
  return { input, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const SCRIPT = '<script>alert("x")</script>';
export const DDE = "=cmd|'/c calc'!A1";
export const TEMPLATE = '{{7*7}}';

const HOSTILE_NAMES: Readonly<Record<string, Text>> = {
  e1: { zh: `${SCRIPT}甲公司`, en: `${SCRIPT} E1 Co` },
  e2: { zh: DDE, en: DDE },
  e3: { zh: `${TEMPLATE}丙公司`, en: `${TEMPLATE} E3 Co` },
  e7: { zh: '@SUM(1+1)*cmd|庚公司', en: '+1 E7 Co' },
};

export function hostileReportInput(): ReportInput {
  const rows: AssessmentRows = {
    ...ROWS,
    enterprises: ROWS.enterprises.map((e) => (HOSTILE_NAMES[e.id] ? { ...e, nameZh: HOSTILE_NAMES[e.id]?.zh, nameEn: HOSTILE_NAMES[e.id]?.en } : e)),
    cases: ROWS.cases?.map((c) => (c.id === 'c1' ? { ...c, titleZh: `${SCRIPT}案例一`, titleEn: `${SCRIPT} case one` } : c.id === 'c2' ? { ...c, titleZh: DDE, titleEn: DDE } : c)),
  };
  const input = aggregateRows(FRAMEWORK, 'province', rows);
  const assessment = runAssessment(input, { framework: FRAMEWORK, focus: [JX] });
  const region = assessment.focus[0] as RegionAssessment;
  const names = new Map(rows.enterprises.map((e) => [e.id, e]));
  const cases = (rows.cases ?? []).map((c) => {
    const parts = rows.components.filter((k) => k.caseId === c.id);
    const first = parts[0];
    const record: Case = {
      id: c.id, titleZh: c.titleZh, titleEn: c.titleEn, customer: c.id === 'c1' ? `${TEMPLATE}${SCRIPT}` : DDE,
      customerProvince: first?.customerProvince, customerCity: first?.customerCity, industryCode: 'C', year: 2023, source: `${DDE} §1`,
      descriptionZh: `${SCRIPT}${TEMPLATE}`, outcomes: [{ kpiZh: SCRIPT, kpiEn: SCRIPT, change: 30, unit: '%' }], extra: {},
    };
    return {
      case: record,
      components: parts.map((k) => {
        const e = k.supplierId !== undefined ? names.get(k.supplierId) : undefined;
        return {
          caseId: k.caseId, link: k.link, role: k.role ?? 'component_supplier', method: 'manual' as const, reviewed: true, extra: {},
          evidence: `${DDE} ${SCRIPT}`,
          ...(k.supplierId !== undefined ? { supplierId: k.supplierId } : { supplierName: `-${TEMPLATE}` }),
          ...(e ? { supplier: { zh: e.nameZh ?? e.id, en: e.nameEn ?? e.id } } : {}),
          ...(e?.province ? { supplierProvince: e.province } : {}), ...(e?.city ? { supplierCity: e.city } : {}),
        };
      }),
    };
  });
  const codes = ['CN', JX, HB, BJ, HN, '360100', '360400', '420100', '430100', ...assessment.universe.regions.map((r) => r.code)];
  const places = Object.fromEntries(codes.flatMap((code) => {
    const r = regionByCode(code);
    return r ? [[code, r.short]] : [];
  }));
  return {
    assessment, region, enterprises: input.enterprises, observations: input.observations, cases, caseTotal: cases.length,
    sources: [{ source: `${DDE} §1`, kind: 'publication', records: { cases: 4 } }, { source: `${SCRIPT}`, records: { observations: 1 } }],
    places, date: REPORT_DATE,
  };
}
