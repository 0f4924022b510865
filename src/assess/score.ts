/**
 * Phase "score": each score input normalised to [0, 1] across the regions of the
 * universe, their weighted mean, and the tier (docs/metrics.md, "Scores").
 *
 *   suppliers, leaders, delivered   n = ln(1 + x) / ln(1 + max_r x)   (0 when max is 0)
 *                                   counts are heavy-tailed (Beijing vs the rest): the log keeps one
 *                                   supplier visible where the leading region has thirty
 *   rca                              n = rca / (1 + rca)               (rca 1 ↦ 0.5; bounded; rca is already
 *                                   relative to the benchmark, so no second scaling across regions)
 *   localSupply                      n = the rate itself               (already in [0, 1]; absent when the
 *                                   region has no component with a known supplier on the unit)
 *   score = Σ w_i n_i / Σ w_i over the inputs present (an absent input's weight is spread over the others)
 *   tier  = missing  when suppliers = 0, local components = 0 and delivered = 0 (no supply of any kind)
 *           weak < tiers.adequate ≤ adequate < tiers.strong ≤ strong
 */
import type { AssessConfig } from './assess-config.js';
import { SCORE_INPUTS, type ScoreInput, type Tier } from './assess-vocab.js';
import type { UnitMeasures } from './measure.js';

export interface ScoreTable {
  /** Per cell; every score is in [0, 1]. */
  readonly score: Float64Array;
  /** Per cell: index into TIER_ORDER. */
  readonly tier: Uint8Array;
  /** Per unit: the maxima the log scalings divide by. */
  readonly max: Readonly<Record<'suppliers' | 'leaders' | 'delivered', Float64Array>>;
}

export interface ScoreInputBreakdown {
  readonly input: ScoreInput;
  /** The metric as measured; undefined when absent (local supply without components). */
  readonly raw?: number;
  readonly normalised?: number;
  /** The weight in the config, and the weight it carries here after absent inputs are spread. */
  readonly weight: number;
  readonly effectiveWeight: number;
  readonly contribution: number;
  /** How it was normalised, with the figures: `ln(1+2)/ln(1+30)`. */
  readonly normalisation: string;
}

export const logScale = (x: number, max: number): number => (max > 0 ? Math.log1p(x) / Math.log1p(max) : 0);
export const rcaScale = (rca: number): number => (rca > 0 ? rca / (1 + rca) : 0);

const TIERS: readonly Tier[] = ['missing', 'weak', 'adequate', 'strong'];

export function tierOf(score: number, hasSupply: boolean, config: AssessConfig): Tier {
  if (!hasSupply) return 'missing';
  if (score >= config.tiers.strong) return 'strong';
  if (score >= config.tiers.adequate) return 'adequate';
  return 'weak';
}

function columnMax(values: Float64Array, regions: number, units: number): Float64Array {
  const max = new Float64Array(units);
  for (let r = 0; r < regions; r++) {
    for (let u = 0; u < units; u++) {
      const v = values[r * units + u] ?? 0;
      if (v > (max[u] ?? 0)) max[u] = v;
    }
  }
  return max;
}

/** Raw and normalised value of one input in one cell. */
function inputValue(input: ScoreInput, m: UnitMeasures, max: ScoreTable['max'], cell: number, u: number): { raw?: number; normalised?: number; how: string } {
  const fmt = (x: number) => String(Math.round(x * 1e4) / 1e4);
  switch (input) {
    case 'suppliers':
    case 'leaders':
    case 'delivered': {
      const raw = m[input][cell] ?? 0;
      const top = max[input][u] ?? 0;
      return { raw, normalised: logScale(raw, top), how: top > 0 ? `ln(1+${fmt(raw)})/ln(1+${fmt(top)})` : 'max 0 → 0' };
    }
    case 'rca': {
      const raw = m.rca[cell] ?? 0;
      return { raw, normalised: rcaScale(raw), how: `${fmt(raw)}/(1+${fmt(raw)})` };
    }
    case 'localSupply': {
      const raw = m.localSupply[cell] ?? Number.NaN;
      return Number.isNaN(raw) ? { how: 'no component with a known supplier: weight spread over the others' } : { raw, normalised: raw, how: 'rate' };
    }
  }
}

export function scoreUnits(m: UnitMeasures, config: AssessConfig): ScoreTable {
  const R = m.regionCount;
  const U = m.units.length;
  const max = {
    suppliers: columnMax(m.suppliers, R, U),
    leaders: columnMax(m.leaders, R, U),
    delivered: columnMax(m.delivered, R, U),
  };
  const score = new Float64Array(R * U);
  const tier = new Uint8Array(R * U);
  for (let r = 0; r < R; r++) {
    for (let u = 0; u < U; u++) {
      const cell = r * U + u;
      let sum = 0;
      let weights = 0;
      for (const input of SCORE_INPUTS) {
        const { normalised } = inputValue(input, m, max, cell, u);
        if (normalised === undefined) continue;
        sum += config.weights[input] * normalised;
        weights += config.weights[input];
      }
      const value = weights > 0 ? Math.min(1, Math.max(0, sum / weights)) : 0;
      score[cell] = value;
      const hasSupply = (m.suppliers[cell] ?? 0) > 0 || (m.local[cell] ?? 0) > 0 || (m.delivered[cell] ?? 0) > 0;
      tier[cell] = TIERS.indexOf(tierOf(value, hasSupply, config));
    }
  }
  return { score, tier, max };
}

/** Why a cell scores what it does: each input with its raw value, normalisation, weight and contribution. */
export function explainScore(m: UnitMeasures, table: ScoreTable, config: AssessConfig, r: number, u: number): ScoreInputBreakdown[] {
  const cell = r * m.units.length + u;
  const parts = SCORE_INPUTS.map((input) => ({ input, ...inputValue(input, m, table.max, cell, u) }));
  const present = parts.reduce((total, p) => total + (p.normalised === undefined ? 0 : config.weights[p.input]), 0);
  return parts.map((p) => {
    const effectiveWeight = p.normalised === undefined || present === 0 ? 0 : config.weights[p.input] / present;
    return {
      input: p.input,
      ...(p.raw !== undefined ? { raw: p.raw } : {}),
      ...(p.normalised !== undefined ? { normalised: p.normalised } : {}),
      weight: config.weights[p.input],
      effectiveWeight,
      contribution: effectiveWeight * (p.normalised ?? 0),
      normalisation: p.how,
    };
  });
}

export const tierAt = (table: ScoreTable, cell: number): Tier => TIERS[table.tier[cell] ?? 0] ?? 'missing';
