/**
 * Outside suppliers a region could attract to a link ("fill" and "extend"), in
 * rank order with the reason for each rank (docs/metrics.md, "Targets"):
 *
 *   candidates  enterprises offering the link whose headquarters are outside the region
 *               (firms of unknown headquarters included, and said so)
 *   leader      1 with the leader flag, else 0
 *   cases       ln(1 + national cases on the link) / ln(1 + the most any candidate has)
 *   ties        ln(1 + cases delivered with the region's enterprises) / ln(1 + the most any candidate has)
 *   closeness   mean density, in the region, of the links the candidate offers (how much of its
 *               business the region already has around it; 1 − closeness is its distance)
 *   score       weighted sum with the config's `targets.weights`; ties in score broken by national
 *               cases, then id
 */
import type { Region, Text } from '../model/index.js';
import { messages } from '../model/index.js';
import type { AssessConfig } from './assess-config.js';
import type { EnterpriseProfile } from './assessment-input.js';
import { fixed, joinNames } from './narrate.js';
import { logScale } from './score.js';

export interface Target {
  readonly rank: number;
  readonly id: string;
  readonly name: Text;
  /** Headquarters at the assessed level; undefined when unknown. */
  readonly region?: string;
  readonly leader: boolean;
  readonly originCountry?: string;
  readonly casesOnLink: number;
  readonly ties: { readonly cases: number; readonly partners: readonly { readonly id: string; readonly name: Text; readonly cases: number }[] };
  readonly closeness: number;
  readonly score: number;
  readonly parts: { readonly leader: number; readonly cases: number; readonly ties: number; readonly closeness: number };
  readonly reason: Text;
  readonly hypothetical?: boolean;
}

export interface TargetContext {
  readonly link: string;
  readonly region: string;
  /** density(region, link) by link id, with the proximity the assessment uses. */
  readonly densityOf: (link: string) => number;
  readonly nameOf: (id: string) => Text;
  readonly regionOf: (code: string | undefined) => Region | undefined;
}

export function rankTargets(candidates: readonly EnterpriseProfile[], ctx: TargetContext, config: AssessConfig, limit = config.targets.limit): Target[] {
  const w = config.targets.weights;
  const outside = candidates.filter((e) => e.links.includes(ctx.link) && e.region !== ctx.region && !e.hypothetical);
  const measured = outside.map((e) => {
    const partners = e.partners.filter((p) => p.region === ctx.region);
    const tieCases = partners.reduce((total, p) => total + p.cases, 0);
    const closeness = e.links.length > 0 ? e.links.reduce((total, l) => total + ctx.densityOf(l), 0) / e.links.length : 0;
    return { e, partners, tieCases, cases: e.casesByLink[ctx.link] ?? 0, closeness };
  });
  const maxCases = Math.max(0, ...measured.map((m) => m.cases));
  const maxTies = Math.max(0, ...measured.map((m) => m.tieCases));
  const scored = measured.map((m) => {
    const parts = {
      leader: w.leader * (m.e.leader ? 1 : 0),
      cases: w.cases * logScale(m.cases, maxCases),
      ties: w.ties * logScale(m.tieCases, maxTies),
      closeness: w.closeness * m.closeness,
    };
    return { ...m, parts, score: parts.leader + parts.cases + parts.ties + parts.closeness };
  });
  scored.sort((a, b) => b.score - a.score || b.cases - a.cases || a.e.id.localeCompare(b.e.id));
  return scored.slice(0, limit).map((m, i) => {
    const place = ctx.regionOf(m.e.region);
    const partnerNames = joinNames(m.partners.map((p) => ctx.nameOf(p.id)), 3);
    const reason = messages['assess.say.target']({
      rank: i + 1, leader: m.e.leader, cases: m.cases, ties: m.tieCases, partnersZh: partnerNames.zh, partnersEn: partnerNames.en,
      closeness: fixed(m.closeness), score: fixed(m.score),
      placeZh: `${m.e.name.zh}（${place ? place.short.zh : '总部不明'}）`, placeEn: `${m.e.name.en} (${place ? place.short.en : 'headquarters unknown'})`,
    });
    return {
      rank: i + 1, id: m.e.id, name: m.e.name, ...(m.e.region !== undefined ? { region: m.e.region } : {}), leader: m.e.leader,
      ...(m.e.originCountry !== undefined ? { originCountry: m.e.originCountry } : {}),
      casesOnLink: m.cases,
      ties: { cases: m.tieCases, partners: m.partners.map((p) => ({ id: p.id, name: ctx.nameOf(p.id), cases: p.cases })) },
      closeness: m.closeness, score: m.score, parts: m.parts, reason,
    };
  });
}
