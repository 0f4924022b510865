/**
 * Domestic share of a link: the share of its supply held by domestic (origin CN)
 * enterprises. Two sources:
 *
 * - components: domestic / (domestic + foreign) over the link's case components
 *   nationwide, suppliers of unknown origin counted apart;
 * - observations: a sourced market-share figure matched by the config's
 *   indicator patterns (`*.domestic_share`, or `*.foreign_share` read as
 *   1 − foreign). Percent (unit `%`) is divided by 100.
 *
 * The config says which source wins (`observation` by default: a market share
 * measured over the whole market says more than a handful of cases). Among
 * several matching observations for a link, the region's own beats the
 * nation's; then the figure that names the link itself beats figures on parts
 * of it (its key shares the most dot-separated words with the link id:
 * `software.rd.foreign_share` for `platform.software.rd` before
 * `software.cad.foreign_share`); then the lowest domestic share (the most
 * conservative reading); then the indicator key. All candidates are kept as
 * evidence.
 */
import type { Observation } from '../model/index.js';
import { NATION_CODE } from '../model/index.js';
import type { AssessConfig } from './assess-config.js';

export interface ShareObservation {
  readonly indicator: string;
  readonly region: string;
  readonly period: string;
  readonly value: number;
  readonly unit: string;
  /** The domestic share it implies, in [0, 1]. */
  readonly domesticShare: number;
  readonly means: 'domestic' | 'foreign';
  readonly note?: string;
  readonly source?: string;
}

export interface DomesticShare {
  /** In [0, 1]; undefined when neither source gives a figure. */
  readonly value?: number;
  readonly source: 'observation' | 'components' | 'none';
  /** The observation used, when the source is one. */
  readonly observation?: ShareObservation;
  /** Every matching observation. */
  readonly observations: readonly ShareObservation[];
  readonly components: { readonly domestic: number; readonly foreign: number; readonly unknown: number; readonly share?: number };
}

function patternMatcher(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

/** Observations that state a domestic or foreign share, by link. */
export function shareObservationsByLink(observations: readonly Observation[], config: AssessConfig): Map<string, ShareObservation[]> {
  const matchers = config.domesticShare.indicators.map((i) => ({ re: patternMatcher(i.pattern), means: i.means }));
  const out = new Map<string, ShareObservation[]>();
  for (const o of observations) {
    if (o.link === undefined || o.enterpriseId !== undefined) continue;
    const match = matchers.find((m) => m.re.test(o.indicator));
    if (!match) continue;
    const fraction = o.unit === '%' ? o.value / 100 : o.value;
    if (!(fraction >= 0 && fraction <= 1)) continue;
    const share: ShareObservation = {
      indicator: o.indicator, region: o.region, period: o.period, value: o.value, unit: o.unit,
      domesticShare: match.means === 'domestic' ? fraction : 1 - fraction, means: match.means,
      ...(o.note !== undefined ? { note: o.note } : {}), ...(o.source !== undefined ? { source: o.source } : {}),
    };
    out.set(o.link, [...(out.get(o.link) ?? []), share]);
  }
  return out;
}

/** How many dot-separated words of the indicator key appear in the link id. */
export function linkSpecificity(indicator: string, link: string): number {
  const words = new Set(link.split('.'));
  return indicator.split('.').filter((w) => words.has(w)).length;
}

export function domesticShareOf(
  link: string, region: string, counts: { domestic: number; foreign: number; unknown: number }, candidates: readonly ShareObservation[], config: AssessConfig,
): DomesticShare {
  const known = counts.domestic + counts.foreign;
  const components = { ...counts, ...(known > 0 ? { share: counts.domestic / known } : {}) };
  const usable = candidates.filter((o) => o.region === region || o.region === NATION_CODE);
  const ordered = [...usable].sort((a, b) =>
    Number(b.region === region) - Number(a.region === region) || linkSpecificity(b.indicator, link) - linkSpecificity(a.indicator, link)
    || a.domesticShare - b.domesticShare || a.indicator.localeCompare(b.indicator));
  const best = ordered[0];
  const fromObservation = (o: ShareObservation): DomesticShare => ({ value: o.domesticShare, source: 'observation', observation: o, observations: ordered, components });
  const fromComponents = (share: number): DomesticShare => ({ value: share, source: 'components', observations: ordered, components });
  if (config.domesticShare.prefer === 'observation') {
    if (best) return fromObservation(best);
    if (components.share !== undefined) return fromComponents(components.share);
  } else {
    if (components.share !== undefined) return fromComponents(components.share);
    if (best) return fromObservation(best);
  }
  return { source: 'none', observations: ordered, components };
}
