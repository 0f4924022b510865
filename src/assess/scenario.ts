/**
 * Scenarios: hypothetical suppliers or offerings added to the input — never to
 * the stored data — so that the assessment can be run again and compared.
 *
 *   attract:ENTERPRISE[@REGION]     the enterprise sets up in REGION (default: the assessed region) with
 *                                   the links it offers; it also stays where it is
 *   offer:ENTERPRISE:LINK[,LINK…]   the enterprise adds offerings, counted where it is headquartered
 *   new:REGION:LINK[,LINK…][:leader] a new (hypothetical) enterprise in REGION
 *
 * Full-width colons and commas are accepted. Bad input is an issue, never a
 * guess: an unknown enterprise (`assess.unknown_enterprise`), link
 * (`assess.unknown_link`, with suggestions), region (`region.unknown` …), or a
 * region of the wrong level (`assess.region_level`: a city at province level
 * is read as its province with a warning; a province at city level is an
 * error unless it is a municipality). An assumption that changes nothing
 * (the firm already offers the links, or is attracted to where it already is)
 * is a warning `assess.assumption_noop`. Errors come back without a value;
 * warnings with it.
 */
import type { Framework, Issue, Region, Validated } from '../model/index.js';
import { closestMatches, issue } from '../model/index.js';
import { isCityLikeProvince, resolveRegion } from '../regions/index.js';
import type { AssessmentInput, CellCount, EnterpriseProfile, PairCount, SupplyCount } from './assessment-input.js';
import type { AssessLevel } from './region-universe.js';

export type Assumption =
  | { readonly kind: 'attract'; readonly text: string; readonly enterprise: string; readonly region?: string }
  | { readonly kind: 'offer'; readonly text: string; readonly enterprise: string; readonly links: readonly string[] }
  | { readonly kind: 'new'; readonly text: string; readonly region: string; readonly links: readonly string[]; readonly leader: boolean };

/** The syntax of one `--assume` value; names are checked when the scenario is applied. */
export function parseAssumption(raw: string): Validated<Assumption> {
  const text = raw.trim().replace(/：/g, ':').replace(/[，、]/g, ',');
  const bad = (reason: string): Validated<Assumption> => ({ issues: [issue('assess.bad_assumption', { text: raw, reason }, { value: raw })] });
  const [kind, ...rest] = text.split(':');
  const links = (s: string | undefined) => (s ?? '').split(',').map((l) => l.trim()).filter(Boolean);
  switch (kind?.trim().toLowerCase()) {
    case 'attract': {
      const body = rest.join(':').trim();
      if (!body) return bad('no enterprise named');
      const at = body.lastIndexOf('@');
      const enterprise = (at >= 0 ? body.slice(0, at) : body).trim();
      const region = at >= 0 ? body.slice(at + 1).trim() : undefined;
      if (!enterprise) return bad('no enterprise named');
      return { value: { kind: 'attract', text: raw, enterprise, ...(region ? { region } : {}) }, issues: [] };
    }
    case 'offer': {
      const [enterprise, list] = rest;
      if (!enterprise?.trim()) return bad('no enterprise named');
      if (links(list).length === 0) return bad('no link named');
      return { value: { kind: 'offer', text: raw, enterprise: enterprise.trim(), links: links(list) }, issues: [] };
    }
    case 'new': {
      const [region, list, flag] = rest;
      if (!region?.trim()) return bad('no region named');
      if (links(list).length === 0) return bad('no link named');
      if (flag !== undefined && flag.trim().toLowerCase() !== 'leader') return bad(`unknown flag "${flag}" (only "leader")`);
      return { value: { kind: 'new', text: raw, region: region.trim(), links: links(list), leader: flag !== undefined }, issues: [] };
    }
    default:
      return bad(`unknown kind "${kind ?? ''}"`);
  }
}

export interface AppliedAssumption {
  readonly assumption: Assumption;
  /** The region code the added supply counts in (undefined: the firm's headquarters are unknown at the level). */
  readonly region?: string;
  readonly links: readonly string[];
  readonly enterprise: string;
}

function regionAt(level: AssessLevel, text: string, raw: string, issues: Issue[], warnings: Set<Issue>): Region | undefined {
  const found = resolveRegion(text);
  if (!found.value) {
    issues.push(...found.issues.map((i) => ({ ...i, value: raw })));
    return undefined;
  }
  const region = found.value;
  if (level === 'province') {
    if (region.level === 'province') return region;
    if (region.level === 'city' && region.parent) {
      const province = resolveRegion(region.parent).value;
      warnings.add(issue('assess.region_level', { region: text, level }, { value: raw }));
      return province;
    }
  } else if (region.level === 'city' || isCityLikeProvince(region)) return region;
  issues.push(issue('assess.region_level', { region: text, level }, { value: raw }));
  return undefined;
}

/**
 * Applies assumptions to an input. Errors (unknown names) come back as issues
 * without a value; no-ops and level conversions as warnings with one.
 */
export function applyScenario(
  input: AssessmentInput, framework: Framework, assumptions: readonly Assumption[], defaultRegion: string,
): Validated<{ input: AssessmentInput; applied: AppliedAssumption[] }> {
  const issues: Issue[] = [];
  const warnings = new Set<Issue>();
  const segmentOf = new Map(framework.links.map((l) => [l.id, l.segment]));
  const profiles = new Map(input.enterprises.map((e) => [e.id, e]));
  const linkSupply: SupplyCount[] = [];
  const segmentSupply: SupplyCount[] = [];
  const pairs: PairCount[] = [];
  const applied: AppliedAssumption[] = [];
  let hypotheticalCount = 0;

  const checkLinks = (links: readonly string[], raw: string): string[] | undefined => {
    const known: string[] = [];
    let ok = true;
    for (const text of links) {
      const link = framework.links.find((l) => l.id === text || l.name.zh === text || l.name.en.toLowerCase() === text.toLowerCase());
      if (link) known.push(link.id);
      else {
        ok = false;
        issues.push(issue('assess.unknown_link', { link: text, suggestions: closestMatches(text, framework.links.map((l) => ({ label: l.id, spellings: [l.id, l.name.zh, l.name.en] })), 3) }, { value: raw }));
      }
    }
    return ok ? [...new Set(known)] : undefined;
  };
  const enterpriseOf = (id: string, raw: string): EnterpriseProfile | undefined => {
    const found = profiles.get(id);
    if (!found) issues.push(issue('assess.unknown_enterprise', { id }, { value: raw }));
    return found;
  };
  /** +1 supplier on each new link (and each newly touched segment), pairs with the links it already had. */
  const addSupply = (region: string | undefined, leader: boolean, had: readonly string[], added: readonly string[]) => {
    const where = region !== undefined ? { region } : {};
    const hadSegments = new Set(had.map((l) => segmentOf.get(l)));
    for (const link of added) {
      linkSupply.push({ ...where, unit: link, count: 1, leaders: leader ? 1 : 0 });
      const segment = segmentOf.get(link) as string;
      if (!hadSegments.has(segment)) {
        hadSegments.add(segment);
        segmentSupply.push({ ...where, unit: segment, count: 1, leaders: leader ? 1 : 0 });
      }
    }
    const all = [...had];
    for (const link of added) {
      for (const other of all) pairs.push(other < link ? { a: other, b: link, count: 1 } : { a: link, b: other, count: 1 });
      all.push(link);
    }
  };

  for (const a of assumptions) {
    if (a.kind === 'attract') {
      const e = enterpriseOf(a.enterprise, a.text);
      const region = regionAt(input.level, a.region ?? defaultRegion, a.text, issues, warnings);
      if (!e || !region) continue;
      const links = e.links.filter((l) => segmentOf.has(l));
      if (e.region === region.code) {
        warnings.add(issue('assess.assumption_noop', { text: a.text, reason: 'it is already headquartered there' }, { value: a.text }));
        continue;
      }
      if (links.length === 0) {
        warnings.add(issue('assess.assumption_noop', { text: a.text, reason: 'it offers no link of the framework' }, { value: a.text }));
        continue;
      }
      addSupply(region.code, e.leader, [], links);
      const id = `${e.id}@${region.code}`;
      profiles.set(id, {
        ...e, id, region: region.code, province: region.level === 'city' ? region.parent ?? region.code : region.code,
        ...(region.level === 'city' ? { city: region.code } : {}),
        name: { zh: `${e.name.zh}（${region.short.zh}）`, en: `${e.name.en} (${region.short.en})` },
        casesByLink: {}, casesLed: 0, partners: [], hypothetical: true,
      });
      applied.push({ assumption: a, region: region.code, links, enterprise: id });
    } else if (a.kind === 'offer') {
      const e = enterpriseOf(a.enterprise, a.text);
      const links = checkLinks(a.links, a.text);
      if (!e || !links) continue;
      const added = links.filter((l) => !e.links.includes(l));
      if (added.length === 0) {
        warnings.add(issue('assess.assumption_noop', { text: a.text, reason: 'it already offers these links' }, { value: a.text }));
        continue;
      }
      addSupply(e.region, e.leader, e.links, added);
      profiles.set(e.id, { ...e, links: [...e.links, ...added].sort() });
      applied.push({ assumption: a, ...(e.region !== undefined ? { region: e.region } : {}), links: added, enterprise: e.id });
    } else {
      const region = regionAt(input.level, a.region, a.text, issues, warnings);
      const links = checkLinks(a.links, a.text);
      if (!region || !links) continue;
      addSupply(region.code, a.leader, [], links);
      hypotheticalCount++;
      const id = `hypothetical-${hypotheticalCount}`;
      profiles.set(id, {
        id, name: { zh: `假设企业${hypotheticalCount}`, en: `hypothetical enterprise ${hypotheticalCount}` }, region: region.code,
        leader: a.leader, links: [...links].sort(), casesByLink: {}, casesLed: 0, partners: [], hypothetical: true,
      });
      applied.push({ assumption: a, region: region.code, links, enterprise: id });
    }
  }
  const notes = [...warnings];
  if (issues.length > 0) return { issues: [...issues, ...notes] };
  const extend = <T extends CellCount>(rows: readonly T[], more: readonly T[]): T[] => [...rows, ...more];
  return {
    value: {
      input: {
        ...input,
        links: { ...input.links, supply: extend(input.links.supply, linkSupply) },
        segments: { ...input.segments, supply: extend(input.segments.supply, segmentSupply) },
        cooccurrence: { ...input.cooccurrence, offerings: [...input.cooccurrence.offerings, ...pairs] },
        enterprises: [...profiles.values()],
      },
      applied,
    },
    issues: notes,
  };
}
