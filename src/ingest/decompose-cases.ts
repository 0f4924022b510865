/**
 * `chainatlas decompose`: the stored cases → classified components and supplier
 * matches, written through the review layer (store/review.ts), so that what an
 * analyst decided stays as decided.
 *
 *   load cases and the enterprise registry → decompose each (classify/decompose-case.ts)
 *   → write components and matches per case → compare with the manual decomposition
 *
 * The comparison: for a case that also has manual components (the analyst's
 * decomposition, e.g. the paper's), which of its links the automatic
 * decomposition recovered (recall) and how many of the automatic links it
 * confirms (precision).
 */
import type { Case, Component, Enterprise } from '../model/index.js';
import {
  createSupplierIndex, decomposeCase, findSupplierMentions, type Classifier, type Decomposition, type MentionFinder,
} from '../classify/index.js';
import { regionByCode, regionTable } from '../regions/index.js';
import {
  getCase, listCases, listEnterprises, saveClassifiedComponents, type ClassifiedComponent, type Database, type SupplierMatchRow,
} from '../store/index.js';

export interface CaseDecompositionReport {
  readonly caseId: string;
  readonly title?: string;
  readonly decomposition: Decomposition;
  /** Raw names that match no enterprise, for an analyst to add or link. */
  readonly unmatched: readonly string[];
  /** Against the case's manual components, when it has any. */
  readonly comparison?: { readonly manual: readonly string[]; readonly automatic: readonly string[]; readonly recall: number; readonly precision: number };
}

export interface DecomposeReport {
  readonly cases: readonly CaseDecompositionReport[];
  readonly written: number;
  readonly keptDecided: number;
  /** Micro recall and precision over the cases with a manual decomposition. */
  readonly comparison?: { readonly cases: number; readonly recall: number; readonly precision: number };
}

/** What decomposing needs that depends on the registry: a mention finder built over the stored enterprises. */
export type MentionFinderFactory = (enterprises: readonly Enterprise[]) => MentionFinder;

/** Every spelling of every province and city, for recognising the region part of a company name. */
function regionNames(): string[] {
  const table = regionTable();
  return [...table.provinces, ...table.cities].flatMap((r) => [r.name.zh, r.name.en, r.short.zh, r.short.en, ...(table.aliases.get(r.code) ?? [])]);
}

/** The stored code of a region as the name the matcher compares ("360000" → "江西"). */
const regionName = (code: string | undefined) => (code ? (regionByCode(code)?.short.zh ?? code) : undefined);

/** The supplier matcher (classify/match-suppliers.ts) over the stored enterprises, regions by name. */
export const registryMentionFinder: MentionFinderFactory = (enterprises) => {
  const index = createSupplierIndex(
    enterprises.map((e) => ({ ...e, province: regionName(e.province), city: regionName(e.city) })),
    { regionNames: regionNames() },
  );
  return (text, province) => {
    const name = regionName(province);
    return findSupplierMentions(text, index, name ? { province: name } : undefined);
  };
};

function compare(item: Decomposition, stored: readonly Component[]): CaseDecompositionReport['comparison'] {
  const manual = [...new Set(stored.filter((c) => c.method === 'manual').map((c) => c.link))].sort();
  if (manual.length === 0) return undefined;
  const automatic = [...new Set(item.components.map((c) => c.link))].sort();
  const found = automatic.filter((l) => manual.includes(l)).length;
  return { manual, automatic, recall: found / manual.length, precision: automatic.length === 0 ? 0 : found / automatic.length };
}

function toRows(d: Decomposition): { components: ClassifiedComponent[]; matches: SupplierMatchRow[] } {
  const components = d.components.map((c): ClassifiedComponent => ({ caseId: d.caseId, ...c }));
  const seen = new Set<string>();
  const matches: SupplierMatchRow[] = [];
  for (const m of d.mentions) {
    if (seen.has(m.text)) continue;
    seen.add(m.text);
    matches.push({
      caseId: d.caseId, mention: m.text, field: m.field, start: m.start, end: m.end, candidateId: m.match.best?.id,
      score: m.match.best?.score ?? 0, reason: m.match.best?.reason, candidates: m.match.candidates, status: m.match.status,
    });
  }
  return { components, matches };
}

export async function decomposeStoredCases(
  db: Database,
  classifier: Classifier,
  mentionFinder: MentionFinderFactory,
  options: { readonly caseIds?: readonly string[] } = {},
): Promise<DecomposeReport> {
  const cases: Case[] = options.caseIds
    ? (await Promise.all(options.caseIds.map((id) => getCase(db, id)))).flatMap((c) => (c ? [c.case] : []))
    : (await listCases(db)).items;
  const findMentions = mentionFinder((await listEnterprises(db)).items);
  const reports: CaseDecompositionReport[] = [];
  const allComponents: ClassifiedComponent[] = [];
  const allMatches: SupplierMatchRow[] = [];
  for (const item of cases) {
    const decomposition = decomposeCase(item, classifier, findMentions);
    const stored = (await getCase(db, item.id))?.components ?? [];
    const rows = toRows(decomposition);
    allComponents.push(...rows.components);
    allMatches.push(...rows.matches);
    const comparison = compare(decomposition, stored);
    reports.push({
      caseId: item.id, title: item.titleZh ?? item.titleEn, decomposition,
      unmatched: rows.matches.filter((m) => m.status === 'unmatched').map((m) => m.mention),
      ...(comparison ? { comparison } : {}),
    });
  }
  const counts = await saveClassifiedComponents(db, cases.map((c) => c.id), allComponents, allMatches);
  const compared = reports.flatMap((r) => (r.comparison ? [r.comparison] : []));
  const found = compared.reduce((n, c) => n + c.automatic.filter((l) => c.manual.includes(l)).length, 0);
  const manual = compared.reduce((n, c) => n + c.manual.length, 0);
  const automatic = compared.reduce((n, c) => n + c.automatic.length, 0);
  return {
    cases: reports, ...counts,
    ...(compared.length > 0 ? { comparison: { cases: compared.length, recall: manual ? found / manual : 0, precision: automatic ? found / automatic : 0 } } : {}),
  };
}
