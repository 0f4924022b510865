/**
 * Sourced figures (observations) as facts about a region, each ranked where a
 * rank can honestly be computed:
 *
 * - an observation that is itself a rank (`rank_within` set, or unit `rank`) is
 *   shown as the source states it — "1st of 6 in central, 9th of 31 nationwide"
 *   — and never recomputed; `of` is the number of regions of that scope in the
 *   universe (31 provinces nationally, 6 in central);
 * - any other figure is ranked among the regions of the level that have the
 *   same indicator, link, enterprise and period ("1st of 1 with data" says how
 *   thin the comparison is), and set beside the national figure of the same
 *   indicator when there is one (share of nation, when the units agree and are
 *   not percentages).
 */
import type { Observation, Text } from '../model/index.js';
import { NATION_CODE, NbsGroup, isNbsGroup, messages } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import type { RegionUniverse } from './region-universe.js';
import { MetricRanks, groupMembers, type CellRank } from './rank.js';
import { describeRank, ordinalEn, percent, plain } from './narrate.js';

export interface SourcedRank {
  /** `nation`, or a group key (`central`). */
  readonly within: string;
  readonly withinName: Text;
  readonly rank: number;
  /** Regions in that scope in the universe, when known. */
  readonly of?: number;
}

export interface ObservationFact {
  readonly indicator: string;
  readonly label: Text;
  readonly region: string;
  readonly regionName: Text;
  readonly link?: string;
  readonly enterpriseId?: string;
  readonly period: string;
  readonly kind: 'sourced_rank' | 'value';
  readonly value?: number;
  readonly unit?: string;
  readonly sourcedRanks?: readonly SourcedRank[];
  /** Among regions of the level with the same figure. */
  readonly rank?: CellRank;
  readonly national?: { readonly value: number; readonly share?: number };
  readonly note?: string;
  readonly source?: string;
  readonly text: Text;
}

export const isRankObservation = (o: Observation): boolean => o.rankWithin !== undefined || o.unit === 'rank';

const labelOf = (o: Observation): Text => ({ zh: o.labelZh ?? o.labelEn ?? o.indicator, en: o.labelEn ?? o.labelZh ?? o.indicator });
const groupKey = (o: Observation) => [o.indicator, o.link ?? '', o.enterpriseId ?? '', o.period].join('\u0000');

function scopeOf(within: string, universe: RegionUniverse): { name: Text; of?: number } {
  if (within === 'nation' || within === NATION_CODE) {
    return { name: { zh: '全国', en: 'nationwide' }, of: universe.regions.filter((_, i) => universe.groups[i] !== undefined).length };
  }
  if (isNbsGroup(within)) {
    return { name: { zh: NbsGroup[within].zh, en: `in ${NbsGroup[within].en}` }, of: universe.regions.filter((r) => r.group === within).length };
  }
  const region = regionByCode(within);
  return { name: region ? { zh: region.short.zh, en: `in ${region.short.en}` } : { zh: within, en: `in ${within}` } };
}

/** Ranks of every non-rank observation figure among the regions of the universe, by figure key. */
export class ObservationRanks {
  private readonly ranks = new Map<string, MetricRanks>();
  private readonly lists = new Map<string, Observation[]>();
  private readonly nationals = new Map<string, Observation>();

  constructor(private readonly universe: RegionUniverse, observations: readonly Observation[], lowerIsBetter: readonly string[]) {
    const byKey = new Map<string, Observation[]>();
    for (const o of observations) {
      if (isRankObservation(o)) continue;
      if (o.region === NATION_CODE) this.nationals.set(groupKey(o), o);
      if (!universe.index.has(o.region)) continue;
      byKey.set(groupKey(o), [...(byKey.get(groupKey(o)) ?? []), o]);
    }
    const groups = groupMembers(universe);
    for (const [key, list] of byKey) {
      this.lists.set(key, list);
      const values = new Float64Array(universe.regions.length).fill(Number.NaN);
      for (const o of list) values[universe.index.get(o.region) as number] = o.value;
      this.ranks.set(key, new MetricRanks(universe, values, groups, lowerIsBetter.includes(list[0]?.indicator ?? '')));
    }
  }

  rankOf(o: Observation): CellRank | undefined {
    const r = this.universe.index.get(o.region);
    return r === undefined ? undefined : this.ranks.get(groupKey(o))?.at(r);
  }

  nationalOf(o: Observation): Observation | undefined {
    return this.nationals.get(groupKey(o));
  }

  /** The figures of one indicator at the level, ranked (the rank command). */
  table(indicator: string): { key: string; observations: Observation[]; ranks: MetricRanks }[] {
    const out: { key: string; observations: Observation[]; ranks: MetricRanks }[] = [];
    for (const [key, ranks] of this.ranks) {
      if (key.startsWith(`${indicator}\u0000`)) out.push({ key, observations: this.lists.get(key) ?? [], ranks });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }
}

/** The facts about a region: its own observations, and at province level those of its cities (not ranked among provinces). */
export function observationFacts(
  regionCode: string, observations: readonly Observation[], universe: RegionUniverse, ranks: ObservationRanks,
  nameOf: (enterpriseId: string) => Text | undefined = () => undefined,
): ObservationFact[] {
  const labelFor = (o: Observation): Text => {
    const base = labelOf(o);
    const firm = o.enterpriseId !== undefined ? nameOf(o.enterpriseId) ?? { zh: o.enterpriseId, en: o.enterpriseId } : undefined;
    return firm ? { zh: `${base.zh}（${firm.zh}）`, en: `${base.en} (${firm.en})` } : base;
  };
  const mine = observations.filter((o) => o.region === regionCode || (universe.level === 'province' && regionByCode(o.region)?.parent === regionCode));
  const facts: ObservationFact[] = [];
  const rankGroups = new Map<string, Observation[]>();
  for (const o of mine) {
    if (isRankObservation(o)) rankGroups.set(`${o.region}\u0000${groupKey(o)}`, [...(rankGroups.get(`${o.region}\u0000${groupKey(o)}`) ?? []), o]);
  }
  for (const list of rankGroups.values()) {
    const first = list[0] as Observation;
    // The group (a smaller scope) first, then the nation: "1st of 6 in central, 9th of 31 nationwide".
    const sorted = [...list].sort((a, b) => Number(a.rankWithin === 'nation') - Number(b.rankWithin === 'nation'));
    const sourcedRanks = sorted.map((o) => {
      const within = o.rankWithin ?? 'nation';
      const scope = scopeOf(within, universe);
      return { within, withinName: scope.name, rank: o.value, ...(scope.of !== undefined ? { of: scope.of } : {}) };
    });
    const phrase = (lang: 'zh' | 'en') => sourcedRanks.map((s) => lang === 'zh'
      ? `${s.withinName.zh}${s.of !== undefined ? `${s.of}个中` : ''}第${s.rank}`
      : `${ordinalEn(s.rank)}${s.of !== undefined ? ` of ${s.of}` : ''} ${s.withinName.en}`).join(lang === 'zh' ? '，' : ', ');
    const label = labelFor(first);
    const source = first.source ?? '—';
    facts.push({
      indicator: first.indicator, label, region: first.region, regionName: regionByCode(first.region)?.short ?? { zh: first.region, en: first.region },
      ...(first.link !== undefined ? { link: first.link } : {}), ...(first.enterpriseId !== undefined ? { enterpriseId: first.enterpriseId } : {}),
      period: first.period, kind: 'sourced_rank', sourcedRanks, ...(first.note !== undefined ? { note: first.note } : {}),
      ...(first.source !== undefined ? { source: first.source } : {}),
      text: messages['assess.say.sourced_rank']({ labelZh: label.zh, labelEn: label.en, ranksZh: phrase('zh'), ranksEn: phrase('en'), source }),
    });
  }
  for (const o of mine) {
    if (isRankObservation(o)) continue;
    const rank = o.region === regionCode ? ranks.rankOf(o) : undefined;
    const national = ranks.nationalOf(o);
    const comparable = national !== undefined && national.unit === o.unit && o.unit !== '%' && national.value > 0;
    const nationalPart = national ? { value: national.value, ...(comparable ? { share: o.value / national.value } : {}) } : undefined;
    const label = labelFor(o);
    // A rank among one is no comparison: say that only this region has the figure.
    const alone = rank?.nation?.of === 1;
    const rankText = alone ? { zh: '仅本地区有此数据', en: 'the only region with this figure' } : rank ? describeRank(rank) : { zh: '', en: '' };
    const withData = rank?.nation && !alone ? { zh: `（${rank.nation.of}个地区有此数据）`, en: ` (${rank.nation.of} with data)` } : { zh: '', en: '' };
    const nationText = nationalPart
      ? { zh: `全国 ${plain(nationalPart.value)}${o.unit}${nationalPart.share !== undefined ? `，占全国${percent(nationalPart.share, 1)}` : ''}`,
          en: `nation ${plain(nationalPart.value)} ${o.unit}${nationalPart.share !== undefined ? `, ${percent(nationalPart.share, 1)} of the nation` : ''}` }
      : { zh: '', en: '' };
    const place = regionByCode(o.region)?.short ?? { zh: o.region, en: o.region };
    facts.push({
      indicator: o.indicator, label, region: o.region, regionName: place,
      ...(o.link !== undefined ? { link: o.link } : {}), ...(o.enterpriseId !== undefined ? { enterpriseId: o.enterpriseId } : {}),
      period: o.period, kind: 'value', value: o.value, unit: o.unit,
      ...(rank ? { rank } : {}), ...(nationalPart ? { national: nationalPart } : {}),
      ...(o.note !== undefined ? { note: o.note } : {}), ...(o.source !== undefined ? { source: o.source } : {}),
      text: messages['assess.say.observed']({
        labelZh: `${o.region === regionCode ? '' : place.zh}${label.zh}`, labelEn: `${o.region === regionCode ? '' : `${place.en}: `}${label.en}`,
        value: plain(o.value), unit: o.unit,
        rankZh: rankText.zh ? rankText.zh + withData.zh : '', rankEn: rankText.en ? rankText.en + withData.en : '',
        nationZh: nationText.zh, nationEn: nationText.en, source: o.source ?? '—',
      }),
    });
  }
  return facts;
}
