/**
 * The UI's words in Chinese and English: one typed table (a key missing in
 * English fails the type check), Chinese by default, the choice remembered in
 * localStorage, `<html lang>` following it. Data (names, titles, descriptions)
 * comes from the API in both languages; `pick()` chooses.
 */
import { useSyncExternalStore } from 'react';

export type Lang = 'zh' | 'en';

const zh = {
  appName: 'ChainAtlas 产业链图谱',
  skipToContent: '跳到正文',
  navChain: '产业链图谱', navCompare: '地区比较', navCases: '案例', navEnterprises: '企业', navIndicators: '指标',
  navImport: '导入', navReports: '报告',
  language: '语言', switchTo: 'English', region: '地区', regionApply: '切换地区', regionPlaceholder: '江西、Jiangxi、36、南昌…',
  signIn: '登录', signOut: '退出', username: '用户名', password: '密码', signInTitle: '登录 ChainAtlas', signingIn: '正在登录…',
  noAuth: '未启用登录（只读）', role_viewer: '查看者', role_analyst: '分析员', role_admin: '管理员',
  loading: '加载中…', retry: '重试', none: '无', total: '共 {n} 条', more: '另有 {n} 条未列出', search: '搜索', clear: '清除',
  tier_strong: '较强', tier_adequate: '一般', tier_weak: '薄弱', tier_missing: '缺失',
  pos_upstream: '上游', pos_midstream: '中游', pos_downstream: '下游',
  chainTitle: '{region}产业链图谱', chainLegend: '颜色表示本地区供给能力等级；数字为本地/全国供给企业数与本地案例数。',
  localSuppliers: '本地企业', nationalSuppliers: '全国企业', casesShort: '案例', score: '得分', tier: '等级', completeness: '完整度',
  linkSuppliersLine: '本地 {local} / 全国 {nation} 家 · 案例 {cases}',
  linkTitle: '{link} · {region}', segment: '环节类别', position: '链位', scope: '范围', rank: '排名',
  metrics: '指标', metric: '指标', value: '数值', inputs: '得分构成', input: '输入', raw: '原值', normalised: '归一化', weight: '权重', contribution: '贡献',
  normalisation: '归一化方法', localSupplierList: '本地供给企业', role: '角色', casesOnLink: '本环节案例', nationalLeaders: '全国龙头企业',
  casesNeeding: '需要该环节的案例', local: '本地', recommendations: '建议', targets: '招引目标', reason: '理由', noneHere: '暂无',
  rec_fill: '补链', rec_strengthen: '强链', rec_cultivate: '育链', rec_substitute: '国产替代', rec_extend: '延链',
  m_suppliers: '供给企业数', m_nationSuppliers: '全国供给企业数', m_share: '全国占比', m_rca: '显示性比较优势', m_leaders: '龙头企业', m_demand: '本地案例需求',
  m_nationalDemand: '全国案例需求', m_localSupply: '本地配套率', m_delivered: '交付案例', m_density: '关联密度', m_score: '得分',
  compareTitle: '地区比较', compareRegions: '比较的地区', compareMetric: '指标', compareApply: '比较', heatmapTitle: '地区 × 环节',
  rankTable: '排名表', mapTitle: '各省{metric}：{link}', mapLink: '地图所示环节', scatterTitle: '{region}缺失环节：可行性与吸引力',
  density: '可行性（关联密度）', attractiveness: '吸引力（全国需求）', quadrant: '象限',
  casesTitle: '案例', caseSearch: '搜索案例（标题、客户、编号）', year: '年份', customer: '客户', source: '来源',
  caseText: '案例文本', components: '构成', link: '环节', supplier: '供给企业', status: '状态', method: '方法', confidence: '置信度', evidence: '证据',
  decided: '决定', actions: '操作', accept: '接受', reject: '拒绝', edit: '修改', save: '保存', cancel: '取消', addComponent: '添加构成',
  supplierId: '企业编号', supplierName: '企业名称', note: '备注', st_confirmed: '已确认', st_uncertain: '待定', st_rejected: '已拒绝',
  versionConflict: '其他人刚修改了此案例，请重新加载后再操作。', reload: '重新加载', saved: '已保存', highlightFor: '高亮环节',
  allLinks: '全部环节', outcomes: '成效',
  enterprisesTitle: '企业', enterpriseSearch: '名称、别名或统一社会信用代码', kind: '类型', leader: '龙头', headquarters: '总部',
  creditCode: '统一社会信用代码', offerings: '供给的环节', product: '产品', inCases: '参与的案例', aliases: '别名', description: '简介',
  indicatorsTitle: '指标', series: '时间序列', cagr: '年均复合增长率', stated: '来源所述', computed: '计算值', period: '时期',
  figures: '其他数据', identTitle: '标识解析', securityTitle: '安全态势感知', regionRanks: '{region}数据与排名', projected: '预测',
  importTitle: '导入数据', importFile: '选择文件（XLSX、CSV、JSON）', importEntity: '数据类型', entityAuto: '自动识别', upload: '上传并校验',
  validation: '校验结果', rows: '行数', valid: '有效', rejected: '被拒', problems: '问题', file: '文件', sheet: '工作表', row: '行', column: '列',
  commit: '全部导入', commitValid: '只导入有效行', downloadRejects: '下载被拒行', committed: '已导入：{counts}', noProblems: '没有问题，可以导入。',
  reportsTitle: '生成报告', format: '格式', outline: '提纲', outline_default: '默认（论文提纲）', outline_chainLeader: '链长制“四图五清单”',
  reportLang: '报告语言', generate: '生成并下载', generating: '正在生成…', downloaded: '已下载：{file}',
  notFound: '页面不存在', needsAnalyst: '需要分析员或管理员权限', error: '出错了',
};

type Messages = { readonly [K in keyof typeof zh]: string };

const en: Messages = {
  appName: 'ChainAtlas', skipToContent: 'Skip to content',
  navChain: 'Chain map', navCompare: 'Compare', navCases: 'Cases', navEnterprises: 'Enterprises', navIndicators: 'Indicators',
  navImport: 'Import', navReports: 'Reports',
  language: 'Language', switchTo: '中文', region: 'Region', regionApply: 'Change region', regionPlaceholder: 'Jiangxi, 江西, 36, Nanchang…',
  signIn: 'Sign in', signOut: 'Sign out', username: 'User name', password: 'Password', signInTitle: 'Sign in to ChainAtlas', signingIn: 'Signing in…',
  noAuth: 'No sign-in (read-only)', role_viewer: 'viewer', role_analyst: 'analyst', role_admin: 'admin',
  loading: 'Loading…', retry: 'Retry', none: 'none', total: '{n} in all', more: '{n} more not listed', search: 'Search', clear: 'Clear',
  tier_strong: 'strong', tier_adequate: 'adequate', tier_weak: 'weak', tier_missing: 'missing',
  pos_upstream: 'upstream', pos_midstream: 'midstream', pos_downstream: 'downstream',
  chainTitle: 'Chain map of {region}', chainLegend: 'Colour: the region\'s supply tier; figures: local / national suppliers and local cases.',
  localSuppliers: 'Local suppliers', nationalSuppliers: 'National suppliers', casesShort: 'Cases', score: 'Score', tier: 'Tier', completeness: 'Completeness',
  linkSuppliersLine: 'local {local} / national {nation} · cases {cases}',
  linkTitle: '{link} · {region}', segment: 'Segment', position: 'Position', scope: 'Scope', rank: 'Rank',
  metrics: 'Metrics', metric: 'Metric', value: 'Value', inputs: 'Score inputs', input: 'Input', raw: 'Raw', normalised: 'Normalised', weight: 'Weight', contribution: 'Contribution',
  normalisation: 'Normalisation', localSupplierList: 'Local suppliers', role: 'Role', casesOnLink: 'Cases on link', nationalLeaders: 'National leaders',
  casesNeeding: 'Cases that need the link', local: 'local', recommendations: 'Recommendations', targets: 'Targets to attract', reason: 'Reason', noneHere: 'None',
  rec_fill: 'fill', rec_strengthen: 'strengthen', rec_cultivate: 'cultivate', rec_substitute: 'substitute', rec_extend: 'extend',
  m_suppliers: 'Suppliers', m_nationSuppliers: 'National suppliers', m_share: 'Share of nation', m_rca: 'RCA', m_leaders: 'Leaders', m_demand: 'Local demand (cases)',
  m_nationalDemand: 'National demand (cases)', m_localSupply: 'Local supply', m_delivered: 'Delivered cases', m_density: 'Density', m_score: 'Score',
  compareTitle: 'Compare regions', compareRegions: 'Regions compared', compareMetric: 'Metric', compareApply: 'Compare', heatmapTitle: 'Region × link',
  rankTable: 'Ranking', mapTitle: '{metric} by province: {link}', mapLink: 'Link on the map', scatterTitle: 'Links {region} lacks: feasibility vs attractiveness',
  density: 'Feasibility (density)', attractiveness: 'Attractiveness (national demand)', quadrant: 'Quadrant',
  casesTitle: 'Cases', caseSearch: 'Search cases (title, customer, id)', year: 'Year', customer: 'Customer', source: 'Source',
  caseText: 'Case text', components: 'Components', link: 'Link', supplier: 'Supplier', status: 'Status', method: 'Method', confidence: 'Confidence', evidence: 'Evidence',
  decided: 'Decided', actions: 'Actions', accept: 'Accept', reject: 'Reject', edit: 'Edit', save: 'Save', cancel: 'Cancel', addComponent: 'Add component',
  supplierId: 'Enterprise id', supplierName: 'Supplier name', note: 'Note', st_confirmed: 'confirmed', st_uncertain: 'uncertain', st_rejected: 'rejected',
  versionConflict: 'Someone else changed this case just now: reload it, then try again.', reload: 'Reload', saved: 'Saved', highlightFor: 'Highlight link',
  allLinks: 'All links', outcomes: 'Outcomes',
  enterprisesTitle: 'Enterprises', enterpriseSearch: 'Name, alias or unified social credit code', kind: 'Kind', leader: 'Leader', headquarters: 'Headquarters',
  creditCode: 'Credit code', offerings: 'Offerings', product: 'Product', inCases: 'In cases', aliases: 'Aliases', description: 'Description',
  indicatorsTitle: 'Indicators', series: 'Time series', cagr: 'CAGR', stated: 'stated', computed: 'computed', period: 'Period',
  figures: 'Other figures', identTitle: 'Identification resolution', securityTitle: 'Security situational awareness', regionRanks: '{region}: figures and ranks', projected: 'projection',
  importTitle: 'Import data', importFile: 'Choose a file (XLSX, CSV, JSON)', importEntity: 'Entity', entityAuto: 'detect', upload: 'Upload and check',
  validation: 'Validation', rows: 'Rows', valid: 'Valid', rejected: 'Rejected', problems: 'Problems', file: 'File', sheet: 'Sheet', row: 'Row', column: 'Column',
  commit: 'Import all', commitValid: 'Import valid rows only', downloadRejects: 'Download rejected rows', committed: 'Imported: {counts}', noProblems: 'No problems: ready to import.',
  reportsTitle: 'Generate a report', format: 'Format', outline: 'Outline', outline_default: 'Default (the paper\'s outline)', outline_chainLeader: 'Chain leader: four maps, five lists',
  reportLang: 'Report language', generate: 'Generate and download', generating: 'Generating…', downloaded: 'Downloaded: {file}',
  notFound: 'Page not found', needsAnalyst: 'Needs the analyst or admin role', error: 'Something went wrong',
};

export type MessageKey = keyof typeof zh;
const TABLE: Record<Lang, Messages> = { zh, en };
const STORAGE_KEY = 'chainatlas.lang';

const stored = (): Lang => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
};

let current: Lang = stored();
const listeners = new Set<() => void>();
document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';

export const getLang = (): Lang => current;

export function setLang(lang: Lang): void {
  current = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export function useLang(): Lang {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, getLang);
}

/** A message with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return TABLE[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? `{${name}}`));
}

/** The translator of the current language, re-rendering on a switch. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useLang();
  return (key, params) => translate(lang, key, params);
}

export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const pick = (text: Text | undefined, lang: Lang): string => (text ? text[lang] || text.zh || text.en : '');

export function formatNumber(value: number | undefined | null, lang: Lang, digits = 2): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export const formatPercent = (value: number | undefined | null, lang: Lang, digits = 1): string =>
  value === undefined || value === null || Number.isNaN(value) ? '–' : `${formatNumber(value * 100, lang, digits)}%`;
