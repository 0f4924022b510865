/**
 * Chain health as Jiangxi's chain-leader practice (链长制) reads a chain, and the
 * role of each of the region's enterprises on each link (docs/metrics.md):
 *
 *   completeness = links with at least one regional supplier / all links (per segment and whole)
 *   broken (断链) = the region's cases need the link and no regional enterprise supplies it
 *   short  (短链) = exactly one regional supplier (a single point of failure)
 *   weak   (弱链) = tier weak
 *
 * Roles, first rule that holds (thresholds in the config's `roles`):
 *   chain leader (链主)     leader flag, and leads ≥ chainLeaderMinCasesLed cases or offers ≥ chainLeaderMinLinks links
 *   backbone (骨干)         leader flag, or ≥ backboneMinCasesOnLink cases on the link, or ≥ backboneMinLinks links
 *   specialised SME (专精特新) ≤ specialisedMaxLinks links and ≥ specialisedMinCasesOnLink cases on the link
 *   supporting (配套)       everyone else on the link
 * Limit: the data has no firm size, so "SME" is read as focus (few links) plus proven delivery.
 */
import type { Text } from '../model/index.js';
import type { AssessConfig } from './assess-config.js';
import type { EnterpriseProfile } from './assessment-input.js';
import { ROLE_ORDER, type Role, type Tier } from './assess-vocab.js';

export interface SegmentCompleteness {
  readonly segment: string;
  readonly present: number;
  readonly links: number;
  readonly completeness: number;
}

export interface ChainHealth {
  /** Links with at least one regional supplier. */
  readonly present: number;
  readonly links: number;
  readonly completeness: number;
  readonly segments: readonly SegmentCompleteness[];
  readonly broken: readonly string[];
  readonly short: readonly string[];
  readonly weak: readonly string[];
  readonly missing: readonly string[];
}

export interface HealthCell {
  readonly link: string;
  readonly segment: string;
  readonly suppliers: number;
  readonly demand: number;
  readonly tier: Tier;
}

export function chainHealth(cells: readonly HealthCell[], segments: readonly string[]): ChainHealth {
  const present = cells.filter((c) => c.suppliers > 0).length;
  return {
    present,
    links: cells.length,
    completeness: cells.length > 0 ? present / cells.length : 0,
    segments: segments.map((segment) => {
      const mine = cells.filter((c) => c.segment === segment);
      const here = mine.filter((c) => c.suppliers > 0).length;
      return { segment, present: here, links: mine.length, completeness: mine.length > 0 ? here / mine.length : 0 };
    }),
    broken: cells.filter((c) => c.demand > 0 && c.suppliers === 0).map((c) => c.link),
    short: cells.filter((c) => c.suppliers === 1).map((c) => c.link),
    weak: cells.filter((c) => c.tier === 'weak').map((c) => c.link),
    missing: cells.filter((c) => c.tier === 'missing').map((c) => c.link),
  };
}

export interface RoleEntry {
  readonly id: string;
  readonly name: Text;
  readonly role: Role;
  readonly leader: boolean;
  readonly casesOnLink: number;
  readonly casesLed: number;
  readonly links: number;
  readonly hypothetical?: boolean;
  /** The rule that gave the role, with its figures. */
  readonly rule: string;
}

export function roleOf(e: EnterpriseProfile, link: string, config: AssessConfig): { role: Role; rule: string } {
  const r = config.roles;
  const links = e.links.length;
  const cases = e.casesByLink[link] ?? 0;
  if (e.leader && (e.casesLed >= r.chainLeaderMinCasesLed || links >= r.chainLeaderMinLinks)) {
    return { role: 'chain_leader', rule: `leader, ${e.casesLed} case(s) led (≥ ${r.chainLeaderMinCasesLed}) or ${links} links (≥ ${r.chainLeaderMinLinks})` };
  }
  if (e.leader || cases >= r.backboneMinCasesOnLink || links >= r.backboneMinLinks) {
    return { role: 'backbone', rule: `${e.leader ? 'leader' : 'not a leader'}, ${cases} case(s) on the link (≥ ${r.backboneMinCasesOnLink}) or ${links} links (≥ ${r.backboneMinLinks})` };
  }
  if (links <= r.specialisedMaxLinks && cases >= r.specialisedMinCasesOnLink) {
    return { role: 'specialised', rule: `${links} link(s) (≤ ${r.specialisedMaxLinks}) and ${cases} case(s) on the link (≥ ${r.specialisedMinCasesOnLink})` };
  }
  return { role: 'supporting', rule: `${links} link(s), ${cases} case(s) on the link, not a leader` };
}

/** The region's suppliers on a link with their roles, chain leaders first, then by cases on the link, then by name. */
export function rolesOnLink(enterprises: readonly EnterpriseProfile[], link: string, config: AssessConfig): RoleEntry[] {
  return enterprises
    .filter((e) => e.links.includes(link))
    .map((e) => {
      const { role, rule } = roleOf(e, link, config);
      return {
        id: e.id, name: e.name, role, leader: e.leader, casesOnLink: e.casesByLink[link] ?? 0, casesLed: e.casesLed, links: e.links.length, rule,
        ...(e.hypothetical ? { hypothetical: true } : {}),
      };
    })
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || b.casesOnLink - a.casesOnLink || a.name.zh.localeCompare(b.name.zh, 'zh') || a.id.localeCompare(b.id));
}
