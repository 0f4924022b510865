/** The shapes of the API's answers that the pages read (the OpenAPI document at /api/openapi.json has them all). */
import type { Text } from './i18n';

export interface RegionInfo { readonly code: string; readonly level: string; readonly name: Text; readonly short: Text; readonly parent?: string }

export interface ChainLink {
  readonly id: string; readonly name: Text; readonly position: string; readonly tier: string; readonly score: number;
  readonly localSuppliers: number; readonly nationalSuppliers: number; readonly leaders: number; readonly cases: number; readonly nationalCases: number;
  readonly scoreRankText?: Text;
}

export interface ChainMap {
  readonly region: RegionInfo; readonly summary: Text; readonly completeness: number;
  readonly segments: readonly { id: string; name: Text; tier: string; score: number; completeness: number; links: readonly ChainLink[] }[];
}

export interface RankInfo { readonly rank: number; readonly of: number; readonly tied?: number }
export interface CellRank { readonly nation?: RankInfo; readonly group?: RankInfo & { name: Text } }

export interface Target { readonly rank: number; readonly id: string; readonly name: Text; readonly region?: string; readonly leader: boolean; readonly casesOnLink: number; readonly score: number; readonly reason: Text }
export interface Recommendation { readonly kind: string; readonly link: string; readonly name: Text; readonly rule: string; readonly targets?: readonly Target[] }

export interface LinkPage {
  readonly region: RegionInfo;
  readonly link: { id: string; name: Text; position: string; scope: Text };
  readonly segment: { id: string; name: Text };
  readonly tier: string; readonly score: number; readonly scoreRankText: Text;
  readonly metrics: Record<string, unknown> & { suppliers: number; nationSuppliers: number; share: number; rca: number; leaders: number; demand: number; nationalDemand: number; localSupply?: number; delivered: number };
  readonly breakdown: readonly { input: string; raw?: number; normalised?: number; weight: number; effectiveWeight: number; contribution: number; normalisation: string }[];
  readonly ranks: Record<string, CellRank | undefined>;
  readonly relatedness: { density: Record<string, number>; proximity: string; quadrant: string };
  readonly localSuppliers: readonly { id: string; name: Text; role: string; leader: boolean; casesOnLink: number }[];
  readonly nationalLeaders: { total: number; items: readonly { id: string; name: Text; provinceName?: Text; local: boolean }[] };
  readonly cases: { total: number; items: readonly { id: string; title: Text; year?: number; customer?: string; provinceName?: Text; local: boolean }[] };
  readonly recommendations: readonly Recommendation[];
  readonly targets: readonly Target[];
}

export interface Framework {
  readonly segments: readonly { id: string; name: Text }[];
  readonly links: readonly { id: string; segment: string; name: Text; position: string }[];
}

export interface CompareMatrix {
  readonly metric: string; readonly level: string;
  readonly regions: readonly { code: string; name: Text }[];
  readonly rows: readonly { unit: string; name: Text; cells: readonly { region: string; value: number | null; tier: string }[] }[];
}

export interface Assessment {
  readonly region: RegionInfo;
  readonly feasibility: readonly { link: string; name: Text; density: number; nationalDemand: number; attractiveness: number; quadrant: string }[];
}

export interface CaseItem {
  readonly id: string; readonly titleZh?: string; readonly titleEn?: string; readonly year?: number; readonly customer?: string;
  readonly customerProvince?: string; readonly descriptionZh?: string; readonly descriptionEn?: string; readonly source?: string;
  readonly outcomes?: readonly { kpiZh?: string; kpiEn?: string; change: number; unit: string }[];
}

/** A span of a case text that shows why a component is on its link. */
export interface EvidenceSpan { readonly start?: number; readonly end?: number; readonly text: string; readonly field?: string }

export interface ComponentItem {
  readonly id?: string; readonly link?: string; readonly linkId?: string; readonly supplierId?: string; readonly supplierName?: string;
  readonly status?: string; readonly method?: string; readonly confidence?: number; readonly role?: string;
  readonly evidence?: string | readonly EvidenceSpan[]; readonly decidedBy?: string; readonly decidedAt?: string; readonly reviewed?: boolean; readonly note?: string;
}

export interface CaseDetail { readonly case: CaseItem; readonly components: readonly ComponentItem[]; readonly version?: number }

export interface EnterpriseItem {
  readonly id: string; readonly nameZh?: string; readonly nameEn?: string; readonly aliases?: readonly string[]; readonly creditCode?: string;
  readonly province?: string; readonly city?: string; readonly kind?: string; readonly leader?: boolean; readonly description?: string;
}

export interface EnterpriseDetail {
  readonly enterprise: EnterpriseItem;
  readonly offerings: readonly { link: string; product?: string; method?: string; status?: string; confidence?: number }[];
  readonly components: readonly { caseId: string; link: string; role?: string }[];
}

export interface Page<T> { readonly total: number; readonly items: readonly T[] }

export interface Series {
  readonly key: string; readonly indicator: string; readonly label: Text; readonly region: string; readonly regionName: Text; readonly link?: string; readonly unit: string;
  readonly years: number; readonly cagr?: number; readonly projected: boolean; readonly stated?: { value: number; source?: string }; readonly difference?: number;
  readonly points: readonly { period: string; year: number; value: number; projected: boolean; source?: string }[];
}

export interface Figure {
  readonly indicator: string; readonly label: Text; readonly region: string; readonly regionName: Text; readonly link?: string; readonly period: string;
  readonly value: number; readonly unit: string; readonly rankWithin?: string; readonly note?: string; readonly source?: string;
}

export interface Indicators {
  readonly series: readonly Series[]; readonly figures: readonly Figure[];
  readonly facts: readonly { indicator: string; label: Text; text: Text; period: string; value?: number; unit?: string; source?: string }[];
}

export const nameOf = (e: { nameZh?: string; nameEn?: string; id: string }, lang: 'zh' | 'en'): string =>
  (lang === 'en' ? e.nameEn ?? e.nameZh : e.nameZh ?? e.nameEn) ?? e.id;

export const titleOf = (c: { titleZh?: string; titleEn?: string; id: string }, lang: 'zh' | 'en'): string =>
  (lang === 'en' ? c.titleEn ?? c.titleZh : c.titleZh ?? c.titleEn) ?? c.id;
