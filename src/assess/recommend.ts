/**
 * Phase "recommend": the rules of docs/metrics.md ("Recommendations"), each
 * recommendation with the figures, the rule and the cases behind it, and a
 * sentence in Chinese and English built from those figures.
 *
 *   fill (补链)        tier missing or weak, and demand(R,L) > 0 — or, when no local case needs it,
 *                      nationalDemand(L) >= recommend.fillMinNationalCases; with ranked outside targets
 *   cultivate (育链)   tier weak and at least one local supplier; with those suppliers and their roles
 *   substitute (国产替代) domestic share of L known and below recommend.substituteBelow; with the domestic
 *                      suppliers to prefer (local first, then outside candidates of origin CN)
 *   strengthen (强链)  tier adequate or strong and demand(R,L) > 0; with the local suppliers
 *   extend (延链)      no local supplier, not a fill, and quadrant "opportunity" (absent but related);
 *                      with ranked outside targets
 *
 * Order within a kind: fill puts broken links first (local demand, tier missing), then weak links
 * with local demand, then links only the nation's cases need, each by local demand, national demand,
 * density; cultivate and strengthen by
 * local demand then score; substitute by domestic share (lowest first); extend by density then
 * national demand; then the framework's link order. The top list takes `recommend.perKind` of each
 * kind, in the kind order above.
 */
import type { Text } from '../model/index.js';
import { messages } from '../model/index.js';
import type { AssessConfig } from './assess-config.js';
import { ProximityKind, RECOMMENDATION_ORDER, Tier, type Quadrant, type RecommendationKind } from './assess-vocab.js';
import type { RoleEntry } from './chain-health.js';
import type { DomesticShare } from './domestic-share.js';
import { describeRank, fixed, joinNames, percent } from './narrate.js';
import type { CellRank } from './rank.js';
import type { Target } from './targets.js';

export interface RecommendationInputs {
  readonly link: string;
  readonly segment: string;
  readonly name: Text;
  readonly order: number;
  readonly tier: Tier;
  readonly score: number;
  readonly scoreRank: CellRank;
  readonly suppliers: number;
  readonly nationSuppliers: number;
  readonly demand: number;
  readonly nationalDemand: number;
  readonly density: number;
  readonly densityCut: number;
  readonly quadrant: Quadrant;
  readonly domesticShare: DomesticShare;
  readonly localSupply?: number;
  readonly localSuppliers: readonly RoleEntry[];
  readonly cases: readonly { readonly id: string; readonly title: Text }[];
}

export interface Recommendation {
  readonly kind: RecommendationKind;
  readonly link: string;
  readonly segment: string;
  readonly name: Text;
  /** The rule that fired, with the figures. */
  readonly rule: string;
  readonly evidence: {
    readonly tier: Tier;
    readonly score: number;
    readonly suppliers: number;
    readonly nationSuppliers: number;
    readonly demand: number;
    readonly nationalDemand: number;
    readonly density: number;
    readonly proximity: ProximityKind;
    readonly quadrant: Quadrant;
    readonly domesticShare?: number;
    readonly domesticShareSource: DomesticShare['source'];
    readonly localSupply?: number;
    readonly cases: readonly { readonly id: string; readonly title: Text }[];
  };
  readonly text: Text;
  readonly targets?: readonly Target[];
  readonly localSuppliers?: readonly RoleEntry[];
}

export interface RecommendContext {
  readonly config: AssessConfig;
  readonly proximity: ProximityKind;
  /** Outside candidates for a link, ranked; `domesticOnly` ranks those of origin CN among themselves. */
  readonly targetsFor: (link: string, domesticOnly?: boolean) => Target[];
}

const targetNames = (targets: readonly Target[]) => joinNames(targets.slice(0, 3).map((t) => t.name), 3);

function sourceText(d: DomesticShare): Text {
  if (d.source === 'observation' && d.observation) {
    const o = d.observation;
    const more = o.note?.startsWith('more than') ? { zh: '（下限）', en: ' (a lower bound)' } : { zh: '', en: '' };
    return {
      zh: `观测值 ${o.indicator}：${o.means === 'foreign' ? '国外企业份额' : '国内企业份额'} ${o.value}${o.unit}${more.zh}，${o.source ?? '—'}`,
      en: `observation ${o.indicator}: ${o.means === 'foreign' ? 'foreign' : 'domestic'} share ${o.value}${o.unit}${more.en}, ${o.source ?? '—'}`,
    };
  }
  const c = d.components;
  return {
    zh: `案例构成：国内 ${c.domestic}、国外 ${c.foreign}、来源不明 ${c.unknown}`,
    en: `components: ${c.domestic} domestic, ${c.foreign} foreign, ${c.unknown} of unknown origin`,
  };
}

export function recommend(cells: readonly RecommendationInputs[], ctx: RecommendContext): Recommendation[] {
  const { config } = ctx;
  const out: Recommendation[] = [];
  for (const c of cells) {
    const evidence: Recommendation['evidence'] = {
      tier: c.tier, score: c.score, suppliers: c.suppliers, nationSuppliers: c.nationSuppliers, demand: c.demand, nationalDemand: c.nationalDemand,
      density: c.density, proximity: ctx.proximity, quadrant: c.quadrant,
      ...(c.domesticShare.value !== undefined ? { domesticShare: c.domesticShare.value } : {}), domesticShareSource: c.domesticShare.source,
      ...(c.localSupply !== undefined ? { localSupply: c.localSupply } : {}), cases: c.cases,
    };
    const base = { link: c.link, segment: c.segment, name: c.name, evidence };
    const gap = c.tier === 'missing' || c.tier === 'weak';
    const nationalOnly = c.demand === 0 && config.recommend.fillMinNationalCases > 0 && c.nationalDemand >= config.recommend.fillMinNationalCases;
    const fill = gap && (c.demand > 0 || nationalOnly);
    if (fill) {
      const targets = ctx.targetsFor(c.link);
      const names = targetNames(targets);
      out.push({
        ...base, kind: 'fill', targets,
        rule: c.demand > 0 ? `tier ${c.tier} and local demand ${c.demand} > 0` : `tier ${c.tier}, no local demand, national demand ${c.nationalDemand} >= ${config.recommend.fillMinNationalCases}`,
        text: messages['assess.say.fill']({
          linkZh: c.name.zh, linkEn: c.name.en, tierZh: Tier[c.tier].zh, tierEn: Tier[c.tier].en, suppliers: c.suppliers, nation: c.nationSuppliers,
          demand: c.demand, nationalDemand: c.nationalDemand, density: fixed(c.density), targetsZh: names.zh, targetsEn: names.en,
        }),
      });
    }
    if (c.tier === 'weak' && c.suppliers > 0) {
      const names = joinNames(c.localSuppliers.map((s) => s.name));
      out.push({
        ...base, kind: 'cultivate', localSuppliers: c.localSuppliers, rule: `tier weak and ${c.suppliers} local supplier(s)`,
        text: messages['assess.say.cultivate']({
          linkZh: c.name.zh, linkEn: c.name.en, score: fixed(c.score), suppliers: c.suppliers, namesZh: names.zh, namesEn: names.en, demand: c.demand,
        }),
      });
    }
    const share = c.domesticShare.value;
    if (share !== undefined && share < config.recommend.substituteBelow) {
      const domesticOutside = ctx.targetsFor(c.link, true);
      const preferred = [...c.localSuppliers.map((s) => s.name), ...domesticOutside.map((t) => t.name)];
      const names = joinNames(preferred, 4);
      const source = sourceText(c.domesticShare);
      out.push({
        ...base, kind: 'substitute', localSuppliers: c.localSuppliers, targets: domesticOutside,
        rule: `domestic share ${fixed(share, 3)} (${c.domesticShare.source}) < ${config.recommend.substituteBelow}`,
        text: messages['assess.say.substitute']({
          linkZh: c.name.zh, linkEn: c.name.en, share: percent(share), sourceZh: source.zh, sourceEn: source.en,
          cut: percent(config.recommend.substituteBelow), namesZh: names.zh, namesEn: names.en,
        }),
      });
    }
    if ((c.tier === 'adequate' || c.tier === 'strong') && c.demand > 0) {
      const names = joinNames(c.localSuppliers.map((s) => s.name), 3);
      const rank = describeRank(c.scoreRank);
      out.push({
        ...base, kind: 'strengthen', localSuppliers: c.localSuppliers, rule: `tier ${c.tier} and local demand ${c.demand} > 0`,
        text: messages['assess.say.strengthen']({
          linkZh: c.name.zh, linkEn: c.name.en, tierZh: Tier[c.tier].zh, tierEn: Tier[c.tier].en, score: fixed(c.score), suppliers: c.suppliers,
          demand: c.demand, rankZh: rank.zh, rankEn: rank.en, namesZh: names.zh, namesEn: names.en,
        }),
      });
    }
    if (!fill && c.suppliers === 0 && c.quadrant === 'opportunity') {
      const targets = ctx.targetsFor(c.link);
      const names = targetNames(targets);
      out.push({
        ...base, kind: 'extend', targets, rule: `no local supplier and density ${fixed(c.density, 3)} >= cut ${fixed(c.densityCut, 3)} (${ctx.proximity})`,
        text: messages['assess.say.extend']({
          linkZh: c.name.zh, linkEn: c.name.en, density: fixed(c.density), cut: fixed(c.densityCut), nationalDemand: c.nationalDemand,
          proximityZh: ProximityKind[ctx.proximity].zh, proximityEn: ProximityKind[ctx.proximity].en, targetsZh: names.zh, targetsEn: names.en,
        }),
      });
    }
  }
  const order = new Map(cells.map((c) => [c.link, c.order]));
  const key = (r: Recommendation): number[] => {
    const e = r.evidence;
    switch (r.kind) {
      // Broken links (local demand, nothing local) first, then weak links with demand, then national demand only.
      case 'fill': return [e.demand > 0 ? 0 : 1, e.tier === 'missing' ? 0 : 1, -e.demand, -e.nationalDemand, -e.density];
      case 'cultivate':
      case 'strengthen': return [-e.demand, -e.score];
      case 'substitute': return [e.domesticShare ?? 1];
      case 'extend': return [-e.density, -e.nationalDemand];
    }
  };
  const compare = (a: Recommendation, b: Recommendation) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (ka[i] ?? 0) - (kb[i] ?? 0);
    return (order.get(a.link) ?? 0) - (order.get(b.link) ?? 0);
  };
  return RECOMMENDATION_ORDER.flatMap((kind) => out.filter((r) => r.kind === kind).sort(compare));
}

/** The top list: `perKind` of each kind, in kind order. */
export function topRecommendations(all: readonly Recommendation[], perKind: number): Recommendation[] {
  return RECOMMENDATION_ORDER.flatMap((kind) => all.filter((r) => r.kind === kind).slice(0, perKind));
}
