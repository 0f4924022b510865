/**
 * Charts as data: what each chart of a report shows, in the words of the
 * analysis (tiers, regions, links), not of a charting library. charts.ts turns
 * a spec into an Apache ECharts option and renders it to SVG; the document
 * model only ever holds these specs. Pure data, one language.
 */
import type { Tier } from '../assess/index.js';

/** The chain as a tree (chain → segments → links), every link coloured by its tier. */
export interface ChainMapChart {
  readonly kind: 'chain-map';
  readonly root: string;
  readonly segments: readonly { readonly name: string; readonly tier: Tier; readonly links: readonly { readonly name: string; readonly tier: Tier }[] }[];
  /** Tier names in the report's language, for the legend. */
  readonly tiers: Readonly<Record<Tier, string>>;
}

/** A matrix of values (links × regions, industries × links …); `highlightColumn` marks the assessed region. */
export interface HeatmapChart {
  readonly kind: 'heatmap';
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  /** [column, row, value]; missing cells are empty. */
  readonly cells: readonly (readonly [number, number, number])[];
  readonly min: number;
  readonly max: number;
  readonly valueName: string;
  /** score: two decimals and a green scale; count: integers and a blue scale. */
  readonly format: 'score' | 'count';
  readonly highlightColumn?: number;
}

/** Regions ranked on one value, the assessed region highlighted. */
export interface RankBarChart {
  readonly kind: 'rank-bar';
  readonly categories: readonly string[];
  readonly values: readonly number[];
  readonly highlight: number;
  readonly valueName: string;
}

export interface RadarChart {
  readonly kind: 'radar';
  readonly indicators: readonly { readonly name: string; readonly max: number }[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** Feasibility (density) against attractiveness (national demand) of the links a region lacks. */
export interface ScatterChart {
  readonly kind: 'scatter';
  readonly xName: string;
  readonly yName: string;
  readonly points: readonly { readonly name: string; readonly x: number; readonly y: number; readonly group: string }[];
  /** The density cut (a vertical line). */
  readonly xCut?: number;
  readonly xCutName?: string;
}

/** A time series of an indicator, with its computed CAGR (and the stated one) in the subtitle. */
export interface SeriesChart {
  readonly kind: 'series';
  readonly name: string;
  readonly unit: string;
  readonly points: readonly { readonly period: string; readonly value: number; readonly projected: boolean }[];
  readonly annotation: string;
  readonly projectedName: string;
}

/** A board of cells (position × segment), each listing items coloured by tier: the technology map. */
export interface BoardChart {
  readonly kind: 'board';
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  readonly cells: readonly { readonly column: number; readonly row: number; readonly items: readonly { readonly text: string; readonly detail: string; readonly tier: Tier }[] }[];
  readonly tiers: Readonly<Record<Tier, string>>;
}

export type ChartSpec = ChainMapChart | HeatmapChart | RankBarChart | RadarChart | ScatterChart | SeriesChart | BoardChart;
