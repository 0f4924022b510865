/**
 * Computed indicators: growth rates and compound annual growth rates (CAGR)
 * from observation series, each with its period, and the comparison with a
 * growth rate a source states for the same series. Pure.
 *
 *   series    observations with the same indicator, region, link and enterprise,
 *             at two or more distinct years (ranks and percentages are not series)
 *   growth    between consecutive points: v(t₁) / v(t₀) − 1
 *   CAGR      over the whole series: (v_last / v_first)^(1 / (year_last − year_first)) − 1
 *   stated    an observation whose key ends in `cagr` (`security.market_cagr`), of the
 *             same region, whose stem (the key without `cagr`: `security.market`) begins
 *             the series key (`security.market_size`) and whose period is the series'
 *             last year; its value in percent
 *   differs   when computed and stated disagree at the precision the source uses
 *             (one decimal when it gives one): both are shown, the difference in points
 *
 * The paper states 42.3 % for 13.4 → 27.2 (10⁸ yuan) over 2017–2019; computed,
 * (27.2 / 13.4)^(1/2) − 1 = 42.47 %: the report shows both and says so.
 * Limits: years are the first four digits of the period (a month or a day in the
 * same year is the same year); a point whose note says "projection" is kept and
 * flagged; a series with a zero or negative first value has no CAGR.
 */
import type { Observation } from '../model/index.js';
import { NATION_CODE } from '../model/index.js';

export interface SeriesPoint {
  readonly period: string;
  readonly year: number;
  readonly value: number;
  readonly projected: boolean;
  readonly observation: Observation;
}

export interface StatedRate {
  readonly value: number;
  readonly observation: Observation;
  /** Decimals the source gives its figure with. */
  readonly digits: number;
}

export interface ComputedIndicator {
  /** indicator, region, link, enterprise joined: one key per series. */
  readonly key: string;
  readonly indicator: string;
  readonly region: string;
  readonly link?: string;
  readonly enterpriseId?: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly unit: string;
  readonly points: readonly SeriesPoint[];
  /** One per consecutive pair of points. */
  readonly growth: readonly { readonly from: SeriesPoint; readonly to: SeriesPoint; readonly rate: number }[];
  readonly first: SeriesPoint;
  readonly last: SeriesPoint;
  readonly years: number;
  /** As a fraction (0.4247); undefined when the first value is not positive or the years are 0. */
  readonly cagr?: number;
  /** The last point is a projection. */
  readonly projected: boolean;
  readonly stated?: StatedRate;
  /** computed − stated, in percentage points, when both exist and they differ at the stated precision. */
  readonly difference?: number;
}

const yearOf = (period: string): number | undefined => {
  const match = /^(\d{4})/.exec(period);
  return match ? Number(match[1]) : undefined;
};

const isRate = (o: Observation) => o.unit === '%' || o.unit === 'rank' || o.rankWithin !== undefined;
const seriesKey = (o: Observation) => [o.indicator, o.region, o.link ?? '', o.enterpriseId ?? ''].join('\u0000');
const isProjection = (o: Observation) => /projection|projected|forecast|预测|预计/i.test(o.note ?? '');
const decimalsOf = (x: number) => {
  const text = String(x);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

/** A compound annual growth rate as a fraction; undefined when it cannot be computed. */
export function compoundGrowth(first: number, last: number, years: number): number | undefined {
  if (!(first > 0) || !(years > 0) || !(last >= 0)) return undefined;
  return (last / first) ** (1 / years) - 1;
}

/** Stated CAGR observations, by the stem they name. */
function statedRates(observations: readonly Observation[]): Observation[] {
  return observations.filter((o) => /cagr$/i.test(o.indicator) && o.unit === '%');
}

/** Every series of two or more years in the observations, with growth, CAGR and any stated rate. */
export function computeIndicators(observations: readonly Observation[]): ComputedIndicator[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    if (isRate(o) || yearOf(o.period) === undefined || !Number.isFinite(o.value)) continue;
    groups.set(seriesKey(o), [...(groups.get(seriesKey(o)) ?? []), o]);
  }
  const stated = statedRates(observations);
  const out: ComputedIndicator[] = [];
  for (const [key, list] of groups) {
    // One point per year: the latest period of a year stands for it.
    const byYear = new Map<number, Observation>();
    for (const o of [...list].sort((a, b) => a.period.localeCompare(b.period))) byYear.set(yearOf(o.period) as number, o);
    if (byYear.size < 2) continue;
    const points: SeriesPoint[] = [...byYear].sort(([a], [b]) => a - b).map(([year, o]) => ({
      period: o.period, year, value: o.value, projected: isProjection(o), observation: o,
    }));
    const first = points[0] as SeriesPoint;
    const last = points[points.length - 1] as SeriesPoint;
    const years = last.year - first.year;
    const growth = points.slice(1).map((to, i) => {
      const from = points[i] as SeriesPoint;
      return { from, to, rate: from.value !== 0 ? to.value / from.value - 1 : Number.NaN };
    });
    const cagr = compoundGrowth(first.value, last.value, years);
    const o = first.observation;
    const rate = stated.find((s) => {
      const stem = s.indicator.replace(/[._]?cagr$/i, '');
      return stem.length > 0 && o.indicator.startsWith(stem) && s.region === o.region && (s.link ?? '') === (o.link ?? '')
        && yearOf(s.period) === last.year;
    });
    const statedRate = rate ? { value: rate.value, observation: rate, digits: decimalsOf(rate.value) } : undefined;
    let difference: number | undefined;
    if (statedRate && cagr !== undefined) {
      const digits = Math.max(1, statedRate.digits);
      const computed = Number((cagr * 100).toFixed(digits));
      if (computed !== Number(statedRate.value.toFixed(digits))) difference = cagr * 100 - statedRate.value;
    }
    out.push({
      key, indicator: o.indicator, region: o.region, ...(o.link !== undefined ? { link: o.link } : {}),
      ...(o.enterpriseId !== undefined ? { enterpriseId: o.enterpriseId } : {}),
      label: { zh: o.labelZh ?? o.labelEn ?? o.indicator, en: o.labelEn ?? o.labelZh ?? o.indicator },
      unit: o.unit, points, growth, first, last, years, ...(cagr !== undefined ? { cagr } : {}), projected: last.projected,
      ...(statedRate ? { stated: statedRate } : {}), ...(difference !== undefined ? { difference } : {}),
    });
  }
  // The nation's series first, then by key.
  return out.sort((a, b) => Number(b.region === NATION_CODE) - Number(a.region === NATION_CODE) || a.key.localeCompare(b.key));
}
