/**
 * The chain-leader format (四图五清单) used by Jiangxi's chain-leader system, as a
 * second outline of the same data:
 *
 *   four maps   chain map (every link coloured by tier) · regional distribution (where the
 *               suppliers of each link are: provinces nationwide, cities in the region) ·
 *               application map (cases by penetration industry and link) · technology map
 *               (links by position upstream → downstream with their key technologies)
 *   five lists  enterprises (with roles) · projects (cases) · clusters (cities with at least
 *               CLUSTER_MIN suppliers on one segment) · problems (broken, short and weak links
 *               with evidence) · policies (the recommendations, with targets)
 *
 * Key technologies are the link's highest-weighted framework keywords in the report's
 * language (data, not prose). Limit: the distribution "map" is a province × link and
 * city × link matrix, not a geographic map — no boundary data ships with ChainAtlas.
 * Pure.
 */
import { Position } from '../model/index.js';
import { ROLE_ORDER, Role, fixed } from '../assess/index.js';

type RoleKey = keyof typeof Role;
import type { Block, Section, TableBlock, TableCell } from './document.js';
import type { BoardChart, HeatmapChart } from './chart-spec.js';
import {
  Writer, chainMap, column, figure, frameworkTable, industryName, matrixTable, observationsTable, para, recommendationTable, sourcesTable, table,
  targetTable, tierLabels,
} from './report-parts.js';

/** Suppliers of one segment in one city that make a cluster. */
export const CLUSTER_MIN = 2;
/** Rows of a list printed in the document; the workbook sheet has them all. */
export const PRINTED_ROWS = 200;

/** The printed form of a list: its first rows, and a note saying where the rest are. */
function printed(w: Writer, t: TableBlock): TableBlock {
  if (t.rows.length <= PRINTED_ROWS) return t;
  const note = w.lang === 'zh' ? `共${t.rows.length}行，此处列出前${PRINTED_ROWS}行，全部见工作簿“${t.sheet ?? t.title}”表。` : `${t.rows.length} rows; the first ${PRINTED_ROWS} are shown, all of them in the workbook sheet "${t.sheet ?? t.title}".`;
  return { kind: 'table', id: `${t.id}-printed`, title: t.title, columns: t.columns, rows: t.rows.slice(0, PRINTED_ROWS), note: t.note ? `${t.note} ${note}` : note };
}

const section = (id: string, number: string, title: string, blocks: readonly Block[], sections: readonly Section[] = []): Section =>
  ({ id, number, title, blocks, sections });

const hasCjk = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The link's key technologies: its highest-weighted keywords in the language, distinct, at most `n`. */
export function keyTechnologies(w: Writer, link: string, n = 3): string[] {
  const l = w.input.assessment.framework.links.find((x) => x.id === link);
  if (!l) return [];
  const wanted = [...l.keywords].filter((k) => (w.lang === 'zh' ? hasCjk(k.term) : !hasCjk(k.term) && /[a-z]/i.test(k.term)))
    .sort((a, b) => b.weight - a.weight || a.term.length - b.term.length);
  const out: string[] = [];
  for (const k of wanted) {
    if (!out.some((t) => t.toLowerCase() === k.term.toLowerCase())) out.push(k.term);
    if (out.length >= n) break;
  }
  return out;
}

/** The region's enterprises with their best role on any link, the links they supply, and cases on them. */
function localEnterprises(w: Writer) {
  const { region, enterprises } = w.input;
  const code = region.region.code;
  const roles = new Map<string, { role: RoleKey; links: string[] }>();
  for (const l of region.links) {
    for (const s of l.suppliers) {
      const seen = roles.get(s.id) ?? { role: s.role, links: [] };
      if (ROLE_ORDER.indexOf(s.role) < ROLE_ORDER.indexOf(seen.role)) seen.role = s.role;
      seen.links.push(l.link);
      roles.set(s.id, seen);
    }
  }
  return enterprises.filter((e) => e.region === code && roles.has(e.id)).map((e) => {
    const r = roles.get(e.id) as { role: RoleKey; links: string[] };
    return { e, role: r.role, links: r.links, cases: Object.values(e.casesByLink).reduce((t, x) => t + x, 0) };
  }).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || b.links.length - a.links.length || a.e.id.localeCompare(b.e.id));
}

function distributionHeatmap(w: Writer): HeatmapChart {
  const { assessment } = w.input;
  const L = assessment.links.measures.units.length;
  const R = assessment.universe.regions.length;
  const totals = Array.from({ length: R }, (_, r) => assessment.links.measures.regionTotal[r] ?? 0);
  const order = Array.from({ length: R }, (_, r) => r).filter((r) => (totals[r] ?? 0) > 0 || assessment.universe.regions[r]?.code === w.input.region.region.code);
  const cells: [number, number, number][] = [];
  let max = 0;
  order.forEach((r, c) => {
    for (let l = 0; l < L; l++) {
      const v = assessment.links.measures.suppliers[r * L + l] ?? 0;
      if (v > 0) cells.push([c, l, v]);
      max = Math.max(max, v);
    }
  });
  const focus = order.findIndex((r) => assessment.universe.regions[r]?.code === w.input.region.region.code);
  return {
    kind: 'heatmap', columns: order.map((r) => w.t(assessment.universe.regions[r]?.short)), rows: assessment.framework.links.map((l) => w.t(l.name)),
    cells, min: 0, max: Math.max(1, max), valueName: w.label('nationSuppliers'), format: 'count', ...(focus >= 0 ? { highlightColumn: focus } : {}),
  };
}

function cityMatrix(w: Writer) {
  const local = localEnterprises(w);
  const cities = [...new Set(local.map((x) => x.e.city ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const links = w.input.region.links.filter((l) => l.metrics.suppliers > 0).map((l) => l.link);
  const counts = new Map<string, number>();
  for (const x of local) for (const l of x.links) counts.set(`${x.e.city ?? ''}\u0000${l}`, (counts.get(`${x.e.city ?? ''}\u0000${l}`) ?? 0) + 1);
  return { local, cities, links, counts };
}

function cityHeatmap(w: Writer): HeatmapChart {
  const { cities, links, counts } = cityMatrix(w);
  const cells: [number, number, number][] = [];
  let max = 0;
  cities.forEach((city, c) => links.forEach((l, r) => {
    const v = counts.get(`${city}\u0000${l}`) ?? 0;
    if (v > 0) cells.push([c, r, v]);
    max = Math.max(max, v);
  }));
  return {
    kind: 'heatmap', columns: cities.map((c) => (c ? w.place(c) : w.label('unknown'))), rows: links.map((l) => w.linkName(l)),
    cells, min: 0, max: Math.max(1, max), valueName: w.label('suppliers'), format: 'count',
  };
}

function applicationHeatmap(w: Writer): { chart: HeatmapChart; industries: string[] } {
  const industries = [...new Set(w.input.cases.map((c) => c.case.industryCode ?? ''))].sort();
  const links = w.input.assessment.framework.links.map((l) => l.id).filter((id) => w.input.cases.some((c) => c.components.some((k) => k.link === id)));
  const counts = new Map<string, Set<string>>();
  for (const c of w.input.cases) {
    for (const k of c.components) {
      const key = `${c.case.industryCode ?? ''}\u0000${k.link}`;
      counts.set(key, (counts.get(key) ?? new Set()).add(c.case.id));
    }
  }
  const cells: [number, number, number][] = [];
  let max = 0;
  industries.forEach((ind, c) => links.forEach((l, r) => {
    const v = counts.get(`${ind}\u0000${l}`)?.size ?? 0;
    if (v > 0) cells.push([c, r, v]);
    max = Math.max(max, v);
  }));
  return {
    chart: {
      kind: 'heatmap', columns: industries.map((i) => industryName(w, i || undefined)), rows: links.map((l) => w.linkName(l)), cells, min: 0,
      max: Math.max(1, max), valueName: w.label('caseTitle'), format: 'count',
    },
    industries,
  };
}

function technologyBoard(w: Writer): BoardChart {
  const { region, assessment } = w.input;
  const positions = Object.keys(Position) as (keyof typeof Position)[];
  const cells: BoardChart['cells'][number][] = [];
  assessment.framework.segments.forEach((s, row) => positions.forEach((p, col) => {
    const items = region.links.filter((l) => l.segment === s.id && l.position === p)
      .map((l) => ({ text: w.t(l.name), detail: keyTechnologies(w, l.link, 2).join(w.lang === 'zh' ? '、' : ', '), tier: l.tier }));
    if (items.length > 0) cells.push({ column: col, row, items });
  }));
  return {
    kind: 'board', columns: positions.map((p) => w.t(Position[p])), rows: assessment.framework.segments.map((s) => w.t(s.name)), cells, tiers: tierLabels(w),
  };
}

// ── the five lists (each also a sheet) ────────────────────────────────────

function enterpriseList(w: Writer): TableBlock {
  return table('list-enterprises', w.label('enterpriseList'), [
    column(w, 'enterprise'), column(w, 'city'), column(w, 'role'), column(w, 'leader'), column(w, 'links'), column(w, 'count', 'integer'), column(w, 'delivered', 'integer'),
  ], localEnterprises(w).map(({ e, role, links, cases }) => [
    w.t(e.name), w.place(e.city), w.t(Role[role]), e.leader ? w.label('yes') : w.label('no'), w.join(links.map((l) => w.linkName(l)), 99), links.length, cases,
  ]), { sheet: w.label('enterpriseList') });
}

function projectList(w: Writer): TableBlock {
  const code = w.input.region.region.code;
  return table('list-projects', w.label('projectList'), [
    column(w, 'caseTitle'), column(w, 'customer'), column(w, 'region'), column(w, 'industry'), column(w, 'year', 'integer'), column(w, 'links'),
    column(w, 'suppliers', 'integer'), column(w, 'supplier'), column(w, 'outcomes'), column(w, 'source'),
  ], w.input.cases.map(({ case: c, components }) => {
    const suppliers = [...new Set(components.map((k) => w.t(k.supplier) || k.supplierName || '').filter(Boolean))];
    const local = new Set(components.filter((k) => k.supplierProvince === code || k.supplierCity === code).map((k) => k.supplierId ?? k.supplierName));
    return [
      w.t({ zh: c.titleZh ?? c.titleEn ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id }), c.customer ?? '', w.place(c.customerCity ?? c.customerProvince),
      industryName(w, c.industryCode), c.year ?? null, w.join([...new Set(components.map((k) => w.linkName(k.link)))], 99), local.size, w.join(suppliers, 99),
      c.outcomes.map((o) => `${w.t({ zh: o.kpiZh ?? '', en: o.kpiEn ?? o.kpiZh ?? '' })} ${o.change > 0 ? '+' : ''}${figure(o.change)}${o.unit}`).join(w.lang === 'zh' ? '；' : '; '),
      c.source ?? '',
    ] as TableCell[];
  }), { sheet: w.label('projectList') });
}

function clusterList(w: Writer): TableBlock {
  const { assessment } = w.input;
  const local = localEnterprises(w);
  const rows: TableCell[][] = [];
  for (const s of assessment.framework.segments) {
    const byCity = new Map<string, string[]>();
    for (const x of local) {
      if (!x.e.city || !x.links.some((l) => assessment.framework.links.find((k) => k.id === l)?.segment === s.id)) continue;
      byCity.set(x.e.city, [...(byCity.get(x.e.city) ?? []), w.t(x.e.name)]);
    }
    for (const [city, names] of [...byCity].sort(([a], [b]) => a.localeCompare(b))) {
      if (names.length >= CLUSTER_MIN) rows.push([w.place(city), w.t(s.name), names.length, w.join(names, 99)]);
    }
  }
  return table('list-clusters', w.label('clusterList'), [column(w, 'city'), column(w, 'segment'), column(w, 'count', 'integer'), column(w, 'members')], rows,
    { sheet: w.label('clusterList'), note: w.say('report.say.cluster_rule', { min: CLUSTER_MIN }) });
}

function problemList(w: Writer): TableBlock {
  const { region } = w.input;
  const rows: TableCell[][] = [];
  const kinds = [['broken', region.health.broken], ['short', region.health.short], ['weak', region.health.weak]] as const;
  for (const [kind, ids] of kinds) {
    for (const id of ids) {
      const l = region.links.find((x) => x.link === id);
      if (!l) continue;
      const names = w.both((x) => x.join(l.suppliers.map((s) => x.t(s.name)), 5));
      const recs = region.recommendations.find((r) => r.link === id);
      const cases = w.both((x) => x.join((recs?.evidence.cases ?? []).map((c) => x.t(c.title)), 3));
      rows.push([
        w.label(kind), w.linkName(id), w.tier(l.tier), l.score, l.metrics.suppliers, l.metrics.demand,
        w.say('report.say.problem', { kind, demand: l.metrics.demand, suppliers: l.metrics.suppliers, score: fixed(l.score), namesZh: names.zh, namesEn: names.en, casesZh: cases.zh, casesEn: cases.en }),
      ]);
    }
  }
  return table('list-problems', w.label('problemList'), [
    column(w, 'problem'), column(w, 'link'), column(w, 'tier'), column(w, 'score', 'number', 2), column(w, 'suppliers', 'integer'), column(w, 'demand', 'integer'), column(w, 'evidence'),
  ], rows, { sheet: w.label('problemList') });
}

export function buildChainLeaderSections(w: Writer): Section[] {
  const { region } = w.input;
  const local = localEnterprises(w);
  const clusters = clusterList(w);
  const problems = problemList(w);
  const enterprises = enterpriseList(w);
  const projects = projectList(w);
  const intro = para(w.say('report.say.cl_intro', {
    regionZh: region.region.short.zh, regionEn: region.region.short.en, present: region.health.present, links: region.health.links,
    enterprises: local.length, cases: w.input.cases.length, clusters: clusters.rows.length, problems: problems.rows.length, policies: region.recommendations.length,
  }));
  const { cities } = cityMatrix(w);
  const provinces = w.input.assessment.universe.regions.filter((_, r) => (w.input.assessment.links.measures.regionTotal[r] ?? 0) > 0).length;
  const application = applicationHeatmap(w);
  const tech = technologyBoard(w);
  const techRows = region.links.map((l) => [
    w.t(Position[l.position as keyof typeof Position]), w.t(w.input.assessment.framework.segments.find((s) => s.id === l.segment)?.name), w.t(l.name),
    keyTechnologies(w, l.link, 4).join(w.lang === 'zh' ? '、' : ', '), w.tier(l.tier),
  ] as TableCell[]).sort((a, b) => ['upstream', 'midstream', 'downstream'].indexOf(String(a[0])) - ['upstream', 'midstream', 'downstream'].indexOf(String(b[0])));
  const maps = section('maps', '一', w.label('fourMaps'), [intro], [
    section('map-chain', '1', w.label('chainMap'), [
      { kind: 'chart', id: 'chain-map', title: `${w.label('chainMap')} · ${w.t(region.region.short)}`, chart: chainMap(w) }, frameworkTable(w),
    ]),
    section('map-distribution', '2', w.label('distributionMap'), [
      para(w.say('report.say.distribution', {
        regionZh: region.region.short.zh, regionEn: region.region.short.en, provinces, cities: cities.filter(Boolean).length,
        located: local.filter((x) => x.e.city).length, unlocated: local.filter((x) => !x.e.city).length,
      })),
      { kind: 'chart', id: 'distribution-provinces', title: `${w.label('distributionMap')} · ${w.label('nation')}`, chart: distributionHeatmap(w) },
      { kind: 'chart', id: 'distribution-cities', title: `${w.label('distributionMap')} · ${w.t(region.region.short)}`, chart: cityHeatmap(w) },
    ]),
    section('map-application', '3', w.label('applicationMap'), [
      para(w.say('report.say.application', { cases: w.input.cases.length, industries: application.industries.length })),
      { kind: 'chart', id: 'application-map', title: w.label('applicationMap'), chart: application.chart },
    ]),
    section('map-technology', '4', w.label('technologyMap'), [
      para(w.say('report.say.technology')),
      { kind: 'chart', id: 'technology-map', title: w.label('technologyMap'), chart: tech },
      table('technology-table', w.label('technologyMap'), [column(w, 'position'), column(w, 'segment'), column(w, 'link'), column(w, 'technologies'), column(w, 'tier')], techRows),
    ]),
  ]);
  const policies = region.recommendations;
  const lists = section('lists', '二', w.label('fiveLists'), [], [
    section('list-enterprises', '1', w.label('enterpriseList'), [printed(w, enterprises)]),
    section('list-projects', '2', w.label('projectList'), [printed(w, projects)]),
    section('list-clusters', '3', w.label('clusterList'), [para(w.say('report.say.cluster_rule', { min: CLUSTER_MIN })), printed(w, clusters)]),
    section('list-problems', '4', w.label('problemList'), [problems]),
    section('list-policies', '5', w.label('policyList'), [
      { ...recommendationTable(w, policies, 'list-policies-table', false), title: w.label('policyList') },
      { ...targetTable(w, policies.filter((r) => r.kind === 'fill' || r.kind === 'extend'), { id: 'list-policy-targets', sheet: false, limit: 3, compact: true }), title: w.label('targets') },
    ]),
  ]);
  return [maps, lists];
}

/** The workbook of the chain-leader format: the five lists, then the assessment matrix, observations and sources. */
export function chainLeaderSheets(w: Writer): TableBlock[] {
  return [
    enterpriseList(w), projectList(w), clusterList(w), problemList(w),
    { ...recommendationTable(w, w.input.region.recommendations), sheet: w.label('policyList') },
    targetTable(w, w.input.region.recommendations),
    matrixTable(w), observationsTable(w), sourcesTable(w),
  ];
}

