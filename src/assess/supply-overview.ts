/**
 * The supply overview of one region against the nation, link by link: how many
 * enterprises supply the link in the region and nationally, how many cases need
 * it, and who the region's suppliers are. Pure: it counts the rows it is given.
 *
 * A supplier counts where its headquarters are; firms with no known
 * headquarters province are counted nationally apart (`unlocated`), never
 * guessed into a region. A case counts for the region of its customer.
 */
import type { Framework, Region, Text } from '../model/index.js';
import { NATION_CODE } from '../model/index.js';

export interface SupplierOnLink {
  readonly enterpriseId: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly province?: string;
  readonly city?: string;
  readonly leader: boolean;
  readonly link: string;
}

export interface CaseOnLink {
  readonly caseId: string;
  readonly customerProvince?: string;
  readonly customerCity?: string;
  readonly link: string;
}

export interface LinkSupply {
  readonly link: string;
  readonly name: Text;
  readonly position: string;
  /** Suppliers headquartered in the region. */
  readonly regionSuppliers: number;
  /** Suppliers headquartered anywhere in the country (located ones). */
  readonly nationSuppliers: number;
  /** Suppliers on the link whose headquarters are unknown: in neither count above. */
  readonly unlocatedSuppliers: number;
  readonly nationLeaders: number;
  readonly regionCases: number;
  readonly nationCases: number;
  /** The region's suppliers, leaders first, then by name. */
  readonly suppliers: readonly { id: string; name: Text; leader: boolean }[];
}

export interface SegmentSupply {
  readonly segment: string;
  readonly name: Text;
  readonly links: readonly LinkSupply[];
  /** Distinct enterprises on any link of the segment. */
  readonly regionSuppliers: number;
  readonly nationSuppliers: number;
  readonly regionCases: number;
  readonly nationCases: number;
}

export interface SupplyOverview {
  readonly region: Region;
  readonly segments: readonly SegmentSupply[];
  readonly totals: { regionSuppliers: number; nationSuppliers: number; unlocatedSuppliers: number; regionCases: number; nationCases: number };
}

function inRegion(region: Region, province?: string, city?: string): boolean {
  if (region.code === NATION_CODE) return province !== undefined;
  return region.level === 'city' ? city === region.code : province === region.code;
}

export function measureSupplyOverview(
  framework: Framework, region: Region, suppliers: readonly SupplierOnLink[], cases: readonly CaseOnLink[],
): SupplyOverview {
  const byLink = new Map<string, SupplierOnLink[]>();
  for (const s of suppliers) byLink.set(s.link, [...(byLink.get(s.link) ?? []), s]);
  const casesByLink = new Map<string, CaseOnLink[]>();
  for (const c of cases) casesByLink.set(c.link, [...(casesByLink.get(c.link) ?? []), c]);

  const measureLink = (link: Framework['links'][number]): LinkSupply => {
    const on = byLink.get(link.id) ?? [];
    const local = on.filter((s) => inRegion(region, s.province, s.city));
    const need = casesByLink.get(link.id) ?? [];
    return {
      link: link.id, name: link.name, position: link.position,
      regionSuppliers: local.length,
      nationSuppliers: on.filter((s) => s.province !== undefined).length,
      unlocatedSuppliers: on.filter((s) => s.province === undefined).length,
      nationLeaders: on.filter((s) => s.leader).length,
      regionCases: need.filter((c) => inRegion(region, c.customerProvince, c.customerCity)).length,
      nationCases: need.length,
      suppliers: local
        .map((s) => ({ id: s.enterpriseId, name: { zh: s.nameZh ?? s.nameEn ?? s.enterpriseId, en: s.nameEn ?? s.nameZh ?? s.enterpriseId }, leader: s.leader }))
        .sort((a, b) => Number(b.leader) - Number(a.leader) || a.name.zh.localeCompare(b.name.zh, 'zh')),
    };
  };

  const distinct = <T>(items: readonly T[], key: (t: T) => string) => new Set(items.map(key)).size;
  const segments = framework.segments.map((segment) => {
    const links = framework.links.filter((l) => l.segment === segment.id);
    const ids = new Set(links.map((l) => l.id));
    const segSuppliers = suppliers.filter((s) => ids.has(s.link));
    const segCases = cases.filter((c) => ids.has(c.link));
    return {
      segment: segment.id, name: segment.name, links: links.map(measureLink),
      regionSuppliers: distinct(segSuppliers.filter((s) => inRegion(region, s.province, s.city)), (s) => s.enterpriseId),
      nationSuppliers: distinct(segSuppliers.filter((s) => s.province !== undefined), (s) => s.enterpriseId),
      regionCases: distinct(segCases.filter((c) => inRegion(region, c.customerProvince, c.customerCity)), (c) => c.caseId),
      nationCases: distinct(segCases, (c) => c.caseId),
    };
  });
  return {
    region,
    segments,
    totals: {
      regionSuppliers: distinct(suppliers.filter((s) => inRegion(region, s.province, s.city)), (s) => s.enterpriseId),
      nationSuppliers: distinct(suppliers.filter((s) => s.province !== undefined), (s) => s.enterpriseId),
      unlocatedSuppliers: distinct(suppliers.filter((s) => s.province === undefined), (s) => s.enterpriseId),
      regionCases: distinct(cases.filter((c) => inRegion(region, c.customerProvince, c.customerCity)), (c) => c.caseId),
      nationCases: distinct(cases, (c) => c.caseId),
    },
  };
}
