/**
 * The assessment commands: `assess`, `compare`, `targets`, `rank` (and the
 * main job's assessment). Each loads the counts once from the store, runs the
 * pure assessment and prints through the output policy: tables on a terminal,
 * JSON on a pipe or with --json, CSV or XLSX when asked.
 */
import type { Framework, Lang, Observation, Region, Text } from '../model/index.js';
import { AppError, closestMatches, formatIssue, pick } from '../model/index.js';
import { isCityLikeProvince, regionByCode } from '../regions/index.js';
import {
  METRICS, Metric, ProximityKind, Quadrant, RecommendationKind, Role, Tier, describeRank, fixed,
  isMetric, parseAssumption, percent, rankCompleteness, rankMetric, rankObservation,
  runAssessment, runScenario, type AssessConfig, type AssessLevel, type Assumption,
  type LinkAssessment, type RankedRegion, type RegionAssessment, type ScenarioResult, type SegmentAssessment,
  type Target,
} from '../assess/index.js';
import { findEnterpriseIds, type Database } from '../store/index.js';
import { writeAssessmentCsv, writeAssessmentXlsx, writeMatrixCsv, writeMatrixXlsx } from './assess-export.js';
import {
  benchmarkOf, compareMatrix, failWith, levelOf, loadAssessConfig, linkTargets, load, proximityOf, unitLevelOf,
} from '../server/index.js';
import type { Output } from './output.js';
import { table } from './output.js';
import { linkId, resolveOrFail } from './read-commands.js';

export interface AssessOptions {
  region: string;
  level?: string;
  benchmark?: string;
  proximity?: string;
  config?: string;
  assume?: string[];
  csv?: string | boolean;
  xlsx?: string | boolean;
  all?: boolean;
}

export interface CompareOptions {
  regions: string;
  metric?: string;
  level?: string;
  benchmark?: string;
  proximity?: string;
  config?: string;
  csv?: string | boolean;
  xlsx?: string | boolean;
}

export interface TargetsOptions {
  region: string;
  link: string;
  limit?: string;
  benchmark?: string;
  proximity?: string;
  config?: string;
}

export interface RankOptions {
  indicator: string;
  link?: string;
  segment?: string;
  region?: string;
  geo?: string;
  benchmark?: string;
  proximity?: string;
  config?: string;
}

// ── shared set-up ─────────────────────────────────────────────────────────

/** The config file (bundled by default), validated; warnings go to stderr. */
export function assessConfig(file: string | undefined, out: Output): AssessConfig {
  const { config, warnings } = loadAssessConfig(file);
  for (const warning of warnings) out.note(formatIssue(warning, out.lang));
  return config;
}


// ── rendering ─────────────────────────────────────────────────────────────

const num = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const roleMark = (role: keyof typeof Role, lang: Lang) => (lang === 'zh' ? { chain_leader: '链主', backbone: '骨干', specialised: '专精', supporting: '配套' } : { chain_leader: 'leader', backbone: 'backbone', specialised: 'specialised', supporting: 'supporting' })[role];

function linkRow(l: LinkAssessment, lang: Lang): (string | number)[] {
  const m = l.metrics;
  const suppliers = l.suppliers.slice(0, 4).map((s) => `${pick(s.name, lang)}(${roleMark(s.role, lang)})`).join(lang === 'zh' ? '、' : ', ');
  const more = l.suppliers.length > 4 ? (lang === 'zh' ? ` 等${l.suppliers.length}家` : ` +${l.suppliers.length - 4}`) : '';
  return [
    `${pick(l.name, lang)}\n${l.link}`,
    pick(Tier[l.tier], lang),
    fixed(l.score),
    l.tier === 'missing' ? '—' : pick(describeRank(l.ranks.score), lang).replace(/，/g, '\n').replace(/, /g, '\n') || '—',
    `${m.suppliers}/${m.benchmarkSuppliers}`,
    fixed(m.rca),
    m.leaders,
    `${m.demand}/${m.nationalDemand}`,
    m.localSupply === undefined ? '—' : percent(m.localSupply),
    l.domesticShare.value === undefined ? '—' : `${percent(l.domesticShare.value)}${l.domesticShare.source === 'observation' ? '*' : ''}`,
    fixed(l.relatedness.density[l.relatedness.proximity]),
    pick(Quadrant[l.relatedness.quadrant], lang).replace(/[（(].*$/, ''),
    (suppliers + more) || '—',
  ];
}

function segmentRow(s: SegmentAssessment, lang: Lang): (string | number)[] {
  const m = s.metrics;
  return [
    `${pick(s.name, lang)}\n${s.segment}`, pick(Tier[s.tier], lang), fixed(s.score), pick(describeRank(s.ranks.score), lang).replace(/，/g, '\n').replace(/, /g, '\n') || '—',
    `${m.suppliers}/${m.benchmarkSuppliers}`, fixed(m.rca), m.leaders, `${m.demand}/${m.nationalDemand}`,
    m.localSupply === undefined ? '—' : percent(m.localSupply), s.domesticShare === undefined ? '—' : percent(s.domesticShare), percent(s.completeness),
  ];
}

function targetLines(targets: readonly Target[] | undefined, lang: Lang, limit: number): string[] {
  return (targets ?? []).slice(0, limit).map((t) => `       ${pick(t.reason, lang)}`);
}

export function renderAssessment(a: RegionAssessment, lang: Lang, unitLevel: 'link' | 'segment', all = false): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const levelText = a.level === 'city' ? (zh ? '市级' : 'city level') : (zh ? '省级' : 'province level');
  parts.push(zh
    ? `${a.region.name.zh} · 产业链供给能力评估（${levelText}；专业化对标${a.benchmark.label.zh}；关联度：${ProximityKind[a.proximity].zh}）`
    : `${a.region.name.en} · supply-capability assessment (${levelText}; specialisation against ${a.benchmark.label.en}; relatedness: ${ProximityKind[a.proximity].en})`);
  parts.push(pick(a.summary, lang));
  const linkHead = zh
    ? ['环节', '档次', '得分', '得分排名', '供给企业\n本地/对标', 'RCA', '龙头', '案例需求\n本地/全国', '本地配套率', '国产份额', '关联密度', '象限', '本地企业（角色）']
    : ['link', 'tier', 'score', 'score rank', 'suppliers\nlocal/bench', 'RCA', 'leaders', 'demand\nlocal/nation', 'local supply', 'domestic', 'density', 'quadrant', 'local suppliers (role)'];
  if (unitLevel === 'segment') {
    parts.push(table(zh
      ? ['环节组', '档次', '得分', '得分排名', '供给企业\n本地/对标', 'RCA', '龙头', '案例需求\n本地/全国', '本地配套率', '国产份额', '完整度']
      : ['segment', 'tier', 'score', 'score rank', 'suppliers\nlocal/bench', 'RCA', 'leaders', 'demand\nlocal/nation', 'local supply', 'domestic', 'completeness'],
    a.segments.map((s) => segmentRow(s, lang))));
  } else {
    for (const segment of a.segments) {
      const health = a.health.segments.find((h) => h.segment === segment.segment);
      parts.push('');
      parts.push(zh
        ? `■ ${segment.name.zh} — 完整度 ${health?.present ?? 0}/${health?.links ?? 0}，得分 ${fixed(segment.score)}（${Tier[segment.tier].zh}），${pick(describeRank(segment.ranks.score), lang)}`
        : `■ ${segment.name.en} — completeness ${health?.present ?? 0}/${health?.links ?? 0}, score ${fixed(segment.score)} (${Tier[segment.tier].en}), ${pick(describeRank(segment.ranks.score), lang)}`);
      parts.push(table(linkHead, a.links.filter((l) => l.segment === segment.segment).map((l) => linkRow(l, lang))));
    }
  }
  const h = a.health;
  const names = (ids: readonly string[]) => ids.map((id) => pick(a.links.find((l) => l.link === id)?.name, lang)).join(zh ? '、' : ', ') || '—';
  parts.push('');
  parts.push(zh ? `断链（有需求无本地供给）：${names(h.broken)}` : `Broken links (demand, no local supplier): ${names(h.broken)}`);
  parts.push(zh ? `短链（仅一家本地供给）：${names(h.short)}` : `Short links (one local supplier): ${names(h.short)}`);
  parts.push(zh ? `弱链（档次薄弱）：${names(h.weak)}` : `Weak links (tier weak): ${names(h.weak)}`);
  if (a.feasibility.length > 0) {
    parts.push('');
    parts.push(zh ? '可行性与吸引力（本地尚无供给的环节，按关联密度）：' : 'Feasibility vs attractiveness (links without a local supplier, by density):');
    parts.push(table(zh ? ['环节', '关联密度', '全国案例需求', '吸引力', '象限'] : ['link', 'density', 'national demand', 'attractiveness', 'quadrant'],
      a.feasibility.slice(0, all ? undefined : 8).map((f) => [pick(f.name, lang), fixed(f.density), f.nationalDemand, fixed(f.attractiveness), pick(Quadrant[f.quadrant], lang)])));
  }
  if (a.facts.length > 0) {
    parts.push('');
    parts.push(zh ? '来源数据（观测值）：' : 'Sourced figures (observations):');
    for (const f of a.facts) parts.push(`  • ${pick(f.text, lang)}`);
  }
  const recs = all ? a.recommendations : a.top;
  parts.push('');
  parts.push(zh ? (all ? '全部建议：' : '重点建议：') : (all ? 'All recommendations:' : 'Top recommendations:'));
  recs.forEach((r, i) => {
    parts.push(`  ${i + 1}. [${pick(RecommendationKind[r.kind], lang)}] ${pick(r.text, lang)}`);
    parts.push(...targetLines(r.targets, lang, 3));
  });
  parts.push('');
  parts.push(zh
    ? '* 国产份额取自来源观测值。得分与档次的计算方法、权重和阈值见 docs/metrics.md；--json 输出每项得分的构成。'
    : '* domestic share from a sourced observation. Formulas, weights and cut points: docs/metrics.md; --json gives every score with its inputs.');
  for (const note of a.notes) parts.push(formatIssue(note, lang));
  return parts.join('\n');
}

function renderScenario(s: ScenarioResult, lang: Lang): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  parts.push(zh ? `情景分析：${s.after.region.name.zh}（不修改已存数据）` : `Scenario for ${s.after.region.name.en} (stored data unchanged)`);
  for (const a of s.applied) parts.push(`  + ${a.assumption.text} → ${a.links.join(', ')}`);
  parts.push(zh
    ? `完整度 ${percent(s.completeness.before)} → ${percent(s.completeness.after)}`
    : `completeness ${percent(s.completeness.before)} → ${percent(s.completeness.after)}`);
  if (s.changes.length === 0) parts.push(zh ? '得分、档次与排名均无变化。' : 'No score, tier or rank changes.');
  else {
    parts.push(table(zh ? ['环节/环节组', '供给企业', '得分', '档次', '全国得分排名'] : ['link / segment', 'suppliers', 'score', 'tier', 'score rank nationwide'],
      s.changes.map((c) => [
        `${pick(c.name, lang)}\n${c.unit}`, `${c.before.suppliers} → ${c.after.suppliers}`, `${fixed(c.before.score, 3)} → ${fixed(c.after.score, 3)}`,
        `${pick(Tier[c.before.tier], lang)} → ${pick(Tier[c.after.tier], lang)}`,
        `${c.before.rank?.nation?.rank ?? '—'} → ${c.after.rank?.nation?.rank ?? '—'}`,
      ])));
  }
  parts.push('');
  parts.push(zh ? '情景下的重点建议：' : 'Top recommendations under the scenario:');
  s.after.top.forEach((r, i) => parts.push(`  ${i + 1}. [${pick(RecommendationKind[r.kind], lang)}] ${pick(r.text, lang)}`));
  return parts.join('\n');
}

// ── commands ──────────────────────────────────────────────────────────────

async function assumptionsOf(db: Database, texts: readonly string[]): Promise<Assumption[]> {
  const parsed = texts.map((t) => parseAssumption(t));
  const problems = parsed.flatMap((p) => p.issues);
  if (problems.length > 0) failWith(problems);
  const assumptions = parsed.map((p) => p.value as Assumption);
  const names = assumptions.flatMap((a) => (a.kind === 'new' ? [] : [a.enterprise]));
  const ids = await findEnterpriseIds(db, names);
  return assumptions.map((a) => (a.kind === 'new' ? a : { ...a, enterprise: ids.get(a.enterprise) ?? a.enterprise }));
}

export async function runAssess(db: Database, framework: Framework, options: AssessOptions, out: Output): Promise<void> {
  const region = resolveOrFail(options.region);
  const level = levelOf(region);
  const unitLevel = unitLevelOf(options.level);
  const config = assessConfig(options.config, out);
  const proximity = proximityOf(options.proximity);
  const runOptions = { framework, benchmark: benchmarkOf(options.benchmark, level), config, ...(proximity ? { proximity } : {}) };

  if (options.assume && options.assume.length > 0) {
    const assumptions = await assumptionsOf(db, options.assume);
    const enterprises = assumptions.flatMap((a) => (a.kind === 'new' ? [] : [a.enterprise]));
    const { input } = await load(db, framework, level, [region.code], config, { enterprises });
    const result = runScenario(input, runOptions, region.code, assumptions);
    if (!result.value) failWith(result.issues);
    for (const note of result.issues) out.note(formatIssue(note, out.lang));
    const scenario = result.value;
    if (await exported(options, out, scenario.after, unitLevel)) return;
    out.result(scenario, () => renderScenario(scenario, out.lang));
    return;
  }

  const { input } = await load(db, framework, level, [region.code], config);
  const assessment = runAssessment(input, { ...runOptions, focus: [region.code] }).focus[0] as RegionAssessment;
  if (await exported(options, out, assessment, unitLevel)) return;
  out.result(assessment, () => renderAssessment(assessment, out.lang, unitLevel, options.all === true));
}

const exportFile = (value: string | boolean | undefined, region: Region, ext: string) =>
  typeof value === 'string' ? value : `chainatlas-assess-${region.code}.${ext}`;

/** --csv (to a file, or stdout with `--csv -` or a bare --csv on a pipe) and --xlsx. True when it wrote. */
async function exported(options: { csv?: string | boolean; xlsx?: string | boolean }, out: Output, a: RegionAssessment, unitLevel: 'link' | 'segment'): Promise<boolean> {
  if (options.xlsx !== undefined && options.xlsx !== false) {
    const file = exportFile(options.xlsx, a.region, 'xlsx');
    await writeAssessmentXlsx(file, a, out.lang);
    out.note(out.lang === 'zh' ? `已写入 ${file}` : `wrote ${file}`);
    return true;
  }
  if (options.csv !== undefined && options.csv !== false) {
    const target = options.csv === true || options.csv === '-' ? undefined : options.csv;
    await writeAssessmentCsv(target, a, out.lang, unitLevel);
    if (target) out.note(out.lang === 'zh' ? `已写入 ${target}` : `wrote ${target}`);
    return true;
  }
  return false;
}

export async function runCompare(db: Database, framework: Framework, options: CompareOptions, out: Output): Promise<void> {
  const regions = options.regions.split(/[,，、;；]/).map((t) => t.trim()).filter(Boolean).map((t) => resolveOrFail(t));
  const metric = options.metric ?? 'score';
  if (!isMetric(metric)) throw new AppError('cli.bad_option', { option: '--metric', reason: `expected ${METRICS.join(', ')}` });
  const unitLevel = unitLevelOf(options.level);
  const config = assessConfig(options.config, out);
  const matrix = await compareMatrix(db, framework, regions, {
    metric, unitLevel, config, ...(options.benchmark ? { benchmark: options.benchmark } : {}), ...(options.proximity ? { proximity: options.proximity } : {}),
  });
  const lang = out.lang;
  const show = (v: number | null, tier: keyof typeof Tier) =>
    v === null ? '—' : metric === 'score' ? `${fixed(v)} ${pick(Tier[tier], lang)}` : metric === 'share' || metric === 'localSupply' ? percent(v) : num(v);
  if (options.xlsx !== undefined && options.xlsx !== false) {
    const file = typeof options.xlsx === 'string' ? options.xlsx : `chainatlas-compare-${metric}.xlsx`;
    await writeMatrixXlsx(file, matrix, lang);
    out.note(lang === 'zh' ? `已写入 ${file}` : `wrote ${file}`);
    return;
  }
  if (options.csv !== undefined && options.csv !== false) {
    await writeMatrixCsv(options.csv === true || options.csv === '-' ? undefined : options.csv, matrix, lang);
    return;
  }
  out.result(matrix, () =>
    `${pick(Metric[metric], lang)} · ${lang === 'zh' ? `对标${matrix.benchmark.zh}` : `against ${matrix.benchmark.en}`}\n` +
    table([lang === 'zh' ? (unitLevel === 'link' ? '环节' : '环节组') : unitLevel, ...regions.map((r) => pick(r.short, lang))],
      matrix.rows.map((row) => [`${pick(row.name, lang)}\n${row.unit}`, ...row.cells.map((c) => show(c.value, c.tier))])));
}

export async function runTargets(db: Database, framework: Framework, options: TargetsOptions, out: Output): Promise<void> {
  const region = resolveOrFail(options.region);
  const link = linkId(framework, options.link) as string;
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new AppError('cli.bad_option', { option: '--limit', reason: 'expected a whole number above 0' });
  const config = assessConfig(options.config, out);
  const { value, cell, proximity } = await linkTargets(db, framework, region, link, {
    config, ...(limit ? { limit } : {}), ...(options.benchmark ? { benchmark: options.benchmark } : {}), ...(options.proximity ? { proximity: options.proximity } : {}),
  });
  const { targets } = value;
  const lang = out.lang;
  const zh = lang === 'zh';
  out.result(value, () => [
    zh
      ? `${region.name.zh} ·「${cell.name.zh}」引进目标：本地供给企业 ${cell.metrics.suppliers} 家（全国 ${cell.metrics.nationSuppliers} 家），档次${Tier[cell.tier].zh}，本地案例需求 ${cell.metrics.demand}，全国 ${cell.metrics.nationalDemand}；关联密度 ${fixed(cell.relatedness.density[proximity])}`
      : `${region.name.en} · targets for "${cell.name.en}": ${cell.metrics.suppliers} local supplier(s) (${cell.metrics.nationSuppliers} nationwide), tier ${cell.tier}, demand ${cell.metrics.demand} local / ${cell.metrics.nationalDemand} national; density ${fixed(cell.relatedness.density[proximity])}`,
    targets.length === 0
      ? (zh ? '全国没有该环节的区外供给企业。' : 'No supplier outside the region offers this link.')
      : table(zh ? ['名次', '企业', '总部', '龙头', '全国案例', '与本地共同交付', '关联度', '得分', '理由'] : ['#', 'enterprise', 'headquarters', 'leader', 'national cases', 'with local firms', 'closeness', 'score', 'reason'],
        targets.map((t) => [
          t.rank, pick(t.name, lang), pick(t.region ? regionByCode(t.region)?.short : undefined, lang) || '—', t.leader ? '★' : '', t.casesOnLink, t.ties.cases,
          fixed(t.closeness), fixed(t.score), pick(t.reason, lang),
        ])),
  ].join('\n'));
}

export async function runRank(db: Database, framework: Framework, options: RankOptions, out: Output): Promise<void> {
  const highlight = options.region ? resolveOrFail(options.region) : undefined;
  const level: AssessLevel = options.geo === 'city' || (highlight && highlight.level === 'city' && !isCityLikeProvince(highlight)) ? 'city' : 'province';
  if (options.geo !== undefined && options.geo !== 'city' && options.geo !== 'province') throw new AppError('cli.bad_option', { option: '--geo', reason: 'expected province or city' });
  const config = assessConfig(options.config, out);
  const proximity = proximityOf(options.proximity);
  const { input } = await load(db, framework, level, [], config);
  const a = runAssessment(input, { framework, benchmark: benchmarkOf(options.benchmark, level), config, ...(proximity ? { proximity } : {}) });
  const lang = out.lang;
  const indicator = options.indicator;
  const observed = [...new Set(input.observations.map((o) => o.indicator))].sort();
  let title: Text;
  let groups: { key: string; rows: RankedRegion[] }[] = [];
  let sourced: Observation[] = [];
  if (isMetric(indicator)) {
    const link = options.link ? linkId(framework, options.link) : undefined;
    const segment = options.segment;
    if (segment && !framework.segments.some((s) => s.id === segment)) {
      throw new AppError('assess.unknown_segment', { segment, suggestions: closestMatches(segment, framework.segments.map((s) => ({ label: s.id, spellings: [s.id, s.name.zh, s.name.en] })), 3) });
    }
    if (!link && !segment) throw new AppError('assess.metric_needs_unit', { metric: indicator });
    const unit = (link ?? segment) as string;
    const name = link ? framework.links.find((l) => l.id === link)?.name : framework.segments.find((s) => s.id === segment)?.name;
    title = { zh: `${Metric[indicator].zh} · ${name?.zh ?? unit}`, en: `${Metric[indicator].en} · ${name?.en ?? unit}` };
    groups = [{ key: unit, rows: rankMetric(a, indicator, unit, link ? 'link' : 'segment') }];
  } else if (indicator === 'completeness') {
    title = { zh: '产业链完整度', en: 'chain completeness' };
    groups = [{ key: 'completeness', rows: rankCompleteness(a) }];
  } else if (observed.includes(indicator)) {
    const label = input.observations.find((o) => o.indicator === indicator);
    title = { zh: label?.labelZh ?? indicator, en: label?.labelEn ?? indicator };
    groups = rankObservation(a, indicator);
    sourced = input.observations.filter((o) => o.indicator === indicator && (o.rankWithin !== undefined || o.unit === 'rank'));
  } else {
    const candidates = [...METRICS, 'completeness', ...observed];
    throw new AppError('assess.unknown_indicator', {
      indicator, suggestions: closestMatches(indicator, candidates.map((c) => ({ label: c, spellings: [c] })), 5),
    });
  }
  const value = { indicator, title, level, groups, sourced };
  out.result(value, () => {
    const parts = [pick(title, lang)];
    for (const g of groups) {
      if (groups.length > 1) parts.push(`— ${g.key.split('\u0000').filter(Boolean).join(' · ')}`);
      parts.push(g.rows.length === 0 ? (lang === 'zh' ? '（没有地区有此数据）' : '(no region has this figure)') : table(
        lang === 'zh' ? ['全国排名', '地区', '数值', '排名'] : ['rank', 'region', 'value', 'ranks'],
        g.rows.map((r) => [`${r.rank.nation?.tied && r.rank.nation.tied > 1 ? '=' : ''}${r.rank.nation?.rank ?? '—'}`,
          `${pick(r.name, lang)}${highlight?.code === r.region ? ' ◀' : ''}`, num(r.value), pick(r.text, lang)])));
    }
    if (sourced.length > 0) {
      parts.push(lang === 'zh' ? '来源数据中的排名（不重新计算）：' : 'Ranks as the sources state them (not recomputed):');
      for (const o of sourced) {
        parts.push(`  • ${pick(regionByCode(o.region)?.short, lang) || o.region}: ${o.value} (${o.rankWithin ?? 'nation'}) — ${o.source ?? '—'}`);
      }
    }
    return parts.join('\n');
  });
}

export { renderScenario };
