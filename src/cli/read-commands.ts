/** The read commands: enterprises, cases, observations and imports, listed with filters or shown one at a time. */
import type { Case, Enterprise, Framework, Lang, Observation, Region } from '../model/index.js';
import { AppError, EnterpriseKind, pick } from '../model/index.js';
import { findLink } from '../framework/index.js';
import { regionByCode, resolveRegion } from '../regions/index.js';
import {
  getCase, getEnterprise, listCases, listEnterprises, listImports, listObservations, type Database,
} from '../store/index.js';
import type { Output } from './output.js';
import { table } from './output.js';

export interface ListOptions {
  region?: string;
  link?: string;
  segment?: string;
  kind?: string;
  search?: string;
  indicator?: string;
  year?: string;
  leader?: boolean;
  limit?: string;
  offset?: string;
}

/** A region from a flag, or the resolver's message as the command's error. */
export function resolveOrFail(text: string): Region {
  const found = resolveRegion(text);
  if (found.value) return found.value;
  const first = found.issues[0];
  throw first ? new AppError(first.code, first.params) : new AppError('region.unknown', { input: text, suggestions: [] });
}

const regionCode = (text: string | undefined) => (text === undefined ? undefined : resolveOrFail(text).code);

export function linkId(framework: Framework, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const link = findLink(framework, text);
  if (!link) throw new AppError('ingest.unknown_link', { link: text, suggestions: [] });
  return link.id;
}

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new AppError('cli.bad_option', { option: name, reason: 'expected a whole number' });
  return n;
}

const place = (province: string | undefined, city: string | undefined, lang: Lang) =>
  [province, city].map((c) => (c ? pick(regionByCode(c)?.short, lang) : '')).filter(Boolean).join(' ') || '—';

const enterpriseName = (e: Enterprise, lang: Lang) => pick({ zh: e.nameZh ?? e.nameEn ?? e.id, en: e.nameEn ?? e.nameZh ?? e.id }, lang);

export async function runEnterprisesList(db: Database, framework: Framework, options: ListOptions, out: Output): Promise<void> {
  const region = regionCode(options.region);
  const link = linkId(framework, options.link);
  const limit = intOption('--limit', options.limit) ?? 50;
  const offset = intOption('--offset', options.offset) ?? 0;
  const result = await listEnterprises(db, {
    ...(region ? { region } : {}), ...(link ? { link } : {}), ...(options.segment ? { segment: options.segment } : {}),
    ...(options.kind ? { kind: options.kind } : {}), ...(options.search ? { search: options.search } : {}),
    ...(options.leader ? { leader: true } : {}), limit, offset,
  });
  const zh = out.lang === 'zh';
  out.result(result, () =>
    table(zh ? ['编号', '名称', '总部', '类别', '龙头'] : ['id', 'name', 'headquarters', 'kind', 'leader'],
      result.items.map((e) => [e.id, enterpriseName(e, out.lang), place(e.province, e.city, out.lang),
        e.kind ? pick(EnterpriseKind[e.kind], out.lang) : '—', e.leader ? '★' : ''])) +
    `\n${zh ? `共 ${result.total} 家，显示 ${offset + 1}–${offset + result.items.length}` : `${result.total} in all, showing ${offset + 1}–${offset + result.items.length}`}`);
}

export async function runEnterpriseShow(db: Database, framework: Framework, id: string, out: Output): Promise<void> {
  const found = await getEnterprise(db, id);
  if (!found) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '企业' : 'enterprise', id });
  const { enterprise: e, offerings, components } = found;
  const zh = out.lang === 'zh';
  const linkName = (id: string) => pick(framework.links.find((l) => l.id === id)?.name, out.lang) || id;
  out.result(found, () => [
    `${enterpriseName(e, out.lang)}  (${e.id})`,
    table(zh ? ['字段', '值'] : ['field', 'value'], [
      [zh ? '中文名称' : 'Chinese name', e.nameZh ?? '—'], [zh ? '英文名称' : 'English name', e.nameEn ?? '—'],
      [zh ? '别名' : 'aliases', e.aliases.join(', ') || '—'], [zh ? '统一社会信用代码' : 'credit code', e.creditCode ?? '—'],
      [zh ? '总部' : 'headquarters', place(e.province, e.city, out.lang)], [zh ? '来源国' : 'origin', e.originCountry ?? '—'],
      [zh ? '类别' : 'kind', e.kind ? pick(EnterpriseKind[e.kind], out.lang) : '—'], [zh ? '龙头' : 'leader', e.leader ? '★' : '—'],
      [zh ? '简介' : 'description', e.description ?? '—'], [zh ? '来源' : 'source', e.source ?? '—'],
      ...Object.entries(e.extra).map(([k, v]) => [k, v]),
    ]),
    zh ? '供给环节：' : 'Offerings:',
    table(zh ? ['环节', '产品/服务'] : ['link', 'product'], offerings.map((o) => [`${linkName(o.link)} (${o.link})`, o.product ?? '—'])),
    ...(components.length ? [zh ? '参与案例：' : 'In cases:', table(zh ? ['案例', '环节'] : ['case', 'link'], components.map((c) => [c.caseId, linkName(c.link)]))] : []),
  ].join('\n'));
}

export async function runCasesList(db: Database, framework: Framework, options: ListOptions, out: Output): Promise<void> {
  const region = regionCode(options.region);
  const link = linkId(framework, options.link);
  const limit = intOption('--limit', options.limit) ?? 50;
  const offset = intOption('--offset', options.offset) ?? 0;
  const year = intOption('--year', options.year);
  const result = await listCases(db, {
    ...(region ? { region } : {}), ...(link ? { link } : {}), ...(options.search ? { search: options.search } : {}),
    ...(year !== undefined ? { year } : {}), limit, offset,
  });
  const zh = out.lang === 'zh';
  const title = (c: Case) => pick({ zh: c.titleZh ?? c.titleEn ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id }, out.lang);
  out.result(result, () =>
    table(zh ? ['编号', '案例', '客户所在地', '年份'] : ['id', 'case', 'customer region', 'year'],
      result.items.map((c) => [c.id, title(c), place(c.customerProvince, c.customerCity, out.lang), c.year ?? '—'])) +
    `\n${zh ? `共 ${result.total} 个` : `${result.total} in all`}`);
}

export async function runCaseShow(db: Database, framework: Framework, id: string, out: Output): Promise<void> {
  const found = await getCase(db, id);
  if (!found) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '案例' : 'case', id });
  const { case: c, components } = found;
  const zh = out.lang === 'zh';
  const linkName = (id: string) => pick(framework.links.find((l) => l.id === id)?.name, out.lang) || id;
  out.result(found, () => [
    `${pick({ zh: c.titleZh ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id }, out.lang)}  (${c.id})`,
    `${zh ? '客户' : 'Customer'}: ${c.customer ?? '—'} · ${place(c.customerProvince, c.customerCity, out.lang)} · ${c.year ?? ''}`,
    pick({ zh: c.descriptionZh ?? c.descriptionEn ?? '', en: c.descriptionEn ?? c.descriptionZh ?? '' }, out.lang),
    ...(c.outcomes.length ? [(zh ? '成效：' : 'Outcomes: ') + c.outcomes.map((o) => `${pick({ zh: o.kpiZh ?? o.kpiEn ?? '', en: o.kpiEn ?? o.kpiZh ?? '' }, out.lang)} ${o.change > 0 ? '+' : ''}${o.change}${o.unit}`).join('; ')] : []),
    table(zh ? ['环节', '供应商', '角色', '依据'] : ['link', 'supplier', 'role', 'evidence'],
      components.map((k) => [`${linkName(k.link)} (${k.link})`, k.supplierId ?? k.supplierName ?? (zh ? '（未知）' : '(unknown)'), k.role, k.evidence ?? '—'])),
    `${zh ? '来源' : 'Source'}: ${c.source ?? '—'}`,
  ].join('\n'));
}

export async function runObservationsList(db: Database, options: ListOptions, out: Output): Promise<void> {
  const region = regionCode(options.region);
  const limit = intOption('--limit', options.limit) ?? 200;
  const offset = intOption('--offset', options.offset) ?? 0;
  const result = await listObservations(db, {
    ...(options.indicator ? { indicator: options.indicator } : {}), ...(region ? { region } : {}),
    ...(options.link ? { link: options.link } : {}), limit, offset,
  });
  const zh = out.lang === 'zh';
  const label = (o: Observation) => pick({ zh: o.labelZh ?? o.labelEn ?? o.indicator, en: o.labelEn ?? o.labelZh ?? o.indicator }, out.lang);
  out.result(result, () =>
    table(zh ? ['指标', '地区', '期间', '数值', '单位', '来源'] : ['indicator', 'region', 'period', 'value', 'unit', 'source'],
      result.items.map((o) => [`${label(o)}\n${o.indicator}`, pick(regionByCode(o.region)?.short, out.lang) || o.region, o.period,
        o.value.toLocaleString('en-US', { maximumFractionDigits: 4 }) + (o.rankWithin ? ` (${o.rankWithin})` : ''), o.unit, o.source ?? '—'])) +
    `\n${zh ? `共 ${result.total} 条` : `${result.total} in all`}`);
}

export async function runImportsList(db: Database, out: Output): Promise<void> {
  const imports = await listImports(db);
  const zh = out.lang === 'zh';
  out.result(imports, () =>
    table(zh ? ['批次', '完成时间', '方式', '文件', '接受', '拒绝'] : ['import', 'finished', 'mode', 'files', 'accepted', 'rejected'],
      imports.map((i) => [i.id, i.finishedAt, i.mode, i.files.map((f) => `${f.file} ${f.sha256.slice(0, 12)}`).join('\n'), i.accepted, i.rejected])));
}
