/**
 * The assessment as CSV (UTF-8 with BOM, so that Excel and WPS read the Chinese)
 * and XLSX (exceljs): one row per link or segment, and in the workbook also the
 * recommendations, targets, sourced figures and score inputs.
 *
 * Formula injection: a text cell beginning with = + - @ (or a tab or carriage
 * return) would run as a formula when the file is opened. In CSV such text is
 * prefixed with an apostrophe; in XLSX the sheets are written by the report's
 * formula-safe sheet writer (src/report/workbook.ts): a string cell with the
 * text number format `@`, never a formula. Numbers stay numbers.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Lang, Text } from '../model/index.js';
import { pick } from '../model/index.js';
import { Quadrant, RecommendationKind, Role, Tier, describeRank, type RegionAssessment } from '../assess/index.js';
import { FORMULA_RISK, addSafeSheet } from '../report/index.js';

type Cell = string | number | null | undefined;

/** A text cell as CSV: quoted when needed, defused when it could run as a formula. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_RISK.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const label = (text: Text | undefined, lang: Lang) => pick(text, lang);

interface Sheet {
  readonly name: Text;
  readonly head: readonly Text[];
  readonly rows: readonly (readonly Cell[])[];
}

const T = (zh: string, en: string): Text => ({ zh, en });

function linkSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('环节', 'Links'),
    head: [
      T('地区代码', 'region code'), T('地区', 'region'), T('环节编号', 'link'), T('环节', 'name'), T('环节组', 'segment'), T('位置', 'position'),
      T('档次', 'tier'), T('得分', 'score'), T('得分排名', 'score rank'), T('全国排名', 'rank nationwide'), T('组内排名', 'rank in group'),
      T('本地供给企业', 'suppliers'), T('对标供给企业', 'benchmark suppliers'), T('全国供给企业', 'national suppliers'), T('比重', 'share'),
      T('区位商', 'rca'), T('区位商（对全国）', 'rca vs nation'), T('龙头企业', 'leaders'), T('本地案例需求', 'demand'), T('全国案例需求', 'national demand'),
      T('本地配套率', 'local supply'), T('本地配套构件', 'local components'), T('外地配套构件', 'outside components'), T('供应方不明构件', 'unknown-supplier components'),
      T('参与交付案例', 'cases delivered'), T('国产份额', 'domestic share'), T('国产份额来源', 'domestic share source'),
      T('关联密度（地区共现）', 'density (co-location)'), T('关联密度（案例共现）', 'density (cases)'), T('关联密度（企业共现）', 'density (offerings)'),
      T('象限', 'quadrant'), T('本地企业与角色', 'local suppliers and roles'),
    ],
    rows: a.links.map((l) => [
      a.region.code, label(a.region.short, lang), l.link, label(l.name, lang), l.segment, l.position,
      label(Tier[l.tier], lang), l.score, label(describeRank(l.ranks.score), lang), l.ranks.score?.nation?.rank, l.ranks.score?.group?.rank,
      l.metrics.suppliers, l.metrics.benchmarkSuppliers, l.metrics.nationSuppliers, l.metrics.share, l.metrics.rca, l.metrics.rcaNation, l.metrics.leaders,
      l.metrics.demand, l.metrics.nationalDemand, l.metrics.localSupply, l.metrics.components.local, l.metrics.components.outside, l.metrics.components.unknown,
      l.metrics.delivered, l.domesticShare.value, l.domesticShare.source === 'observation' ? l.domesticShare.observation?.indicator : l.domesticShare.source,
      l.relatedness.density.colocation, l.relatedness.density.cases, l.relatedness.density.offerings, label(Quadrant[l.relatedness.quadrant], lang),
      l.suppliers.map((s) => `${label(s.name, lang)} (${label(Role[s.role], lang)})`).join(lang === 'zh' ? '；' : '; '),
    ]),
  };
}

function segmentSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('环节组', 'Segments'),
    head: [
      T('地区代码', 'region code'), T('地区', 'region'), T('环节组编号', 'segment'), T('环节组', 'name'), T('档次', 'tier'), T('得分', 'score'),
      T('得分排名', 'score rank'), T('完整度', 'completeness'), T('本地供给企业', 'suppliers'), T('对标供给企业', 'benchmark suppliers'), T('比重', 'share'),
      T('区位商', 'rca'), T('龙头企业', 'leaders'), T('本地案例需求', 'demand'), T('全国案例需求', 'national demand'), T('本地配套率', 'local supply'),
      T('参与交付案例', 'cases delivered'), T('国产份额', 'domestic share'),
    ],
    rows: a.segments.map((s) => [
      a.region.code, label(a.region.short, lang), s.segment, label(s.name, lang), label(Tier[s.tier], lang), s.score, label(describeRank(s.ranks.score), lang),
      s.completeness, s.metrics.suppliers, s.metrics.benchmarkSuppliers, s.metrics.share, s.metrics.rca, s.metrics.leaders, s.metrics.demand,
      s.metrics.nationalDemand, s.metrics.localSupply, s.metrics.delivered, s.domesticShare,
    ]),
  };
}

function recommendationSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('建议', 'Recommendations'),
    head: [T('类型', 'kind'), T('环节编号', 'link'), T('环节', 'name'), T('规则', 'rule'), T('建议', 'text'), T('案例', 'cases')],
    rows: a.recommendations.map((r) => [
      label(RecommendationKind[r.kind], lang), r.link, label(r.name, lang), r.rule, label(r.text, lang), r.evidence.cases.map((c) => c.id).join(', '),
    ]),
  };
}

function targetSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('引进目标', 'Targets'),
    head: [T('类型', 'kind'), T('环节编号', 'link'), T('名次', 'rank'), T('企业编号', 'enterprise'), T('企业', 'name'), T('总部', 'headquarters'),
      T('龙头', 'leader'), T('全国案例', 'national cases'), T('与本地共同交付案例', 'cases with local firms'), T('关联度', 'closeness'), T('得分', 'score'), T('理由', 'reason')],
    rows: a.recommendations.flatMap((r) => (r.targets ?? []).map((t) => [
      label(RecommendationKind[r.kind], lang), r.link, t.rank, t.id, label(t.name, lang), t.region ?? '', t.leader ? 1 : 0, t.casesOnLink, t.ties.cases,
      t.closeness, t.score, label(t.reason, lang),
    ])),
  };
}

function factSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('来源数据', 'Facts'),
    head: [T('指标', 'indicator'), T('地区', 'region'), T('环节', 'link'), T('期间', 'period'), T('数值', 'value'), T('单位', 'unit'), T('说明', 'text'), T('来源', 'source')],
    rows: a.facts.map((f) => [f.indicator, label(f.regionName, lang), f.link ?? '', f.period, f.value, f.unit ?? '', label(f.text, lang), f.source ?? '']),
  };
}

function breakdownSheet(a: RegionAssessment): Sheet {
  return {
    name: T('得分构成', 'Score inputs'),
    head: [T('环节编号', 'link'), T('输入', 'input'), T('原值', 'raw'), T('归一化', 'normalised'), T('权重', 'weight'), T('实际权重', 'effective weight'),
      T('贡献', 'contribution'), T('归一化方法', 'normalisation')],
    rows: a.links.flatMap((l) => l.breakdown.map((b) => [l.link, b.input, b.raw, b.normalised, b.weight, b.effectiveWeight, b.contribution, b.normalisation])),
  };
}

function aboutSheet(a: RegionAssessment, lang: Lang): Sheet {
  return {
    name: T('说明', 'About'),
    head: [T('项目', 'item'), T('内容', 'value')],
    rows: [
      [lang === 'zh' ? '地区' : 'region', label(a.region.name, lang)],
      [lang === 'zh' ? '对标' : 'benchmark', label(a.benchmark.label, lang)],
      [lang === 'zh' ? '关联度' : 'proximity', a.proximity],
      [lang === 'zh' ? '关联阈值' : 'density cut', a.densityCut],
      [lang === 'zh' ? '概述' : 'summary', label(a.summary, lang)],
      [lang === 'zh' ? '方法' : 'method', 'docs/metrics.md'],
    ],
  };
}

export async function writeAssessmentCsv(file: string | undefined, a: RegionAssessment, lang: Lang, unitLevel: 'link' | 'segment'): Promise<void> {
  const sheet = unitLevel === 'link' ? linkSheet(a, lang) : segmentSheet(a, lang);
  const text = csvText([sheet.head.map((h) => label(h, lang)), ...sheet.rows]);
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}

function addSheet(book: ExcelJS.Workbook, sheet: Sheet, lang: Lang): void {
  addSafeSheet(book, label(sheet.name, lang), sheet.head.map((h) => ({ label: label(h, lang), width: 14 })), sheet.rows);
}

export async function writeAssessmentXlsx(file: string, a: RegionAssessment, lang: Lang): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ChainAtlas';
  for (const sheet of [linkSheet(a, lang), segmentSheet(a, lang), recommendationSheet(a, lang), targetSheet(a, lang), factSheet(a, lang),
    breakdownSheet(a), aboutSheet(a, lang)]) addSheet(book, sheet, lang);
  await book.xlsx.writeFile(file);
}

export interface MatrixExport {
  readonly metric: string;
  readonly regions: readonly { readonly code: string; readonly name: Text }[];
  readonly rows: readonly { readonly unit: string; readonly name: Text; readonly cells: readonly { readonly value: number | null; readonly tier: string }[] }[];
}

function matrixSheet(m: MatrixExport, lang: Lang): Sheet {
  return {
    name: T('对比', 'Compare'),
    head: [T('编号', 'unit'), T('名称', 'name'), ...m.regions.flatMap((r) => [r.name, { zh: `${r.name.zh} 档次`, en: `${r.name.en} tier` }])],
    rows: m.rows.map((row) => [row.unit, label(row.name, lang), ...row.cells.flatMap((c) => [c.value, label(Tier[c.tier as keyof typeof Tier], lang)])]),
  };
}

export async function writeMatrixCsv(file: string | undefined, m: MatrixExport, lang: Lang): Promise<void> {
  const sheet = matrixSheet(m, lang);
  const text = csvText([sheet.head.map((h) => label(h, lang)), ...sheet.rows]);
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}

export async function writeMatrixXlsx(file: string, m: MatrixExport, lang: Lang): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ChainAtlas';
  addSheet(book, matrixSheet(m, lang), lang);
  await book.xlsx.writeFile(file);
}
