/** `overview`: the region's supply against the nation, segment by segment and link by link. */
import type { Framework, Lang, Region } from '../model/index.js';
import { pick } from '../model/index.js';
import { measureSupplyOverview, type SupplyOverview } from '../assess/index.js';
import { readCaseLinks, readSupplierLinks, type Database } from '../store/index.js';
import type { Output } from './output.js';
import { table } from './output.js';

export async function buildOverview(db: Database, framework: Framework, region: Region): Promise<SupplyOverview> {
  return measureSupplyOverview(framework, region, await readSupplierLinks(db), await readCaseLinks(db));
}

export function renderOverview(overview: SupplyOverview, lang: Lang): string {
  const zh = lang === 'zh';
  const name = pick(overview.region.short, lang);
  const head = zh
    ? ['环节', '位置', `${name}供给企业`, '全国供给企业', `${name}案例需求`, '全国案例需求', `${name}供给企业名单`]
    : ['Link', 'Position', `Suppliers in ${name}`, 'Suppliers nationwide', `Cases in ${name}`, 'Cases nationwide', `${name} suppliers`];
  const parts: string[] = [];
  const t = overview.totals;
  parts.push(zh
    ? `${pick(overview.region.name, lang)}产业链供给概览（对比全国）：本地供给企业 ${t.regionSuppliers} 家，全国 ${t.nationSuppliers} 家（另有 ${t.unlocatedSuppliers} 家总部不明，未计入）；本地案例 ${t.regionCases} 个，全国 ${t.nationCases} 个。`
    : `Supply overview of ${pick(overview.region.name, lang)} against the nation: ${t.regionSuppliers} local suppliers, ${t.nationSuppliers} nationwide (${t.unlocatedSuppliers} more with unknown headquarters, not counted); ${t.regionCases} local cases, ${t.nationCases} nationwide.`);
  for (const segment of overview.segments) {
    parts.push('');
    parts.push(zh
      ? `■ ${segment.name.zh}：本地 ${segment.regionSuppliers} 家 / 全国 ${segment.nationSuppliers} 家；本地案例 ${segment.regionCases} / 全国 ${segment.nationCases}`
      : `■ ${segment.name.en}: ${segment.regionSuppliers} local / ${segment.nationSuppliers} national suppliers; ${segment.regionCases} local / ${segment.nationCases} national cases`);
    parts.push(table(head, segment.links.map((l) => [
      `${pick(l.name, lang)}\n${l.link}`,
      zh ? { upstream: '上游', midstream: '中游', downstream: '下游' }[l.position] ?? l.position : l.position,
      l.regionSuppliers, l.nationSuppliers, l.regionCases, l.nationCases,
      l.suppliers.map((s) => pick(s.name, lang) + (s.leader ? '★' : '')).join(zh ? '、' : ', ') || '—',
    ])));
  }
  parts.push('');
  parts.push(zh ? '★ 龙头企业。供给企业按总部所在地计；案例按客户所在地计。' : '★ leader. Suppliers count where headquartered; cases where the customer is.');
  return parts.join('\n');
}

export async function runOverview(db: Database, framework: Framework, region: Region, out: Output): Promise<void> {
  const overview = await buildOverview(db, framework, region);
  out.result(overview, () => renderOverview(overview, out.lang));
}
