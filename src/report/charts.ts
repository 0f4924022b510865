/**
 * Charts: a ChartSpec becomes an Apache ECharts option (pure), and the option an
 * SVG string through ECharts' server-side rendering (`renderer: 'svg', ssr: true`,
 * pure computation, no DOM). The same SVG goes inline into the HTML and PDF and,
 * with a PNG fallback, into the DOCX. ECharts is loaded on first use, so that the
 * commands that draw nothing do not pay for it.
 *
 * Layout is fixed per kind (width 680 px: the text width of an A4 page) with
 * heights that grow with the rows. The chain map and the technology map are box
 * layouts drawn with ECharts' graphic elements (the framework as columns of link
 * boxes); the others are standard series. Text in SVG is escaped by ECharts.
 * Fonts: "Noto Sans CJK SC" first (what the PDF and PNG use), then the usual
 * Chinese system fonts.
 */
import type { EChartsOption } from 'echarts';
import type { Tier } from '../assess/index.js';
import type { BoardChart, ChainMapChart, ChartSpec, HeatmapChart, RadarChart, RankBarChart, ScatterChart, SeriesChart } from './chart-spec.js';

export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
export const CHART_WIDTH = 680;

export const TIER_COLORS: Readonly<Record<Tier, { fill: string; text: string }>> = {
  strong: { fill: '#1b7837', text: '#ffffff' },
  adequate: { fill: '#7fbf7b', text: '#102a12' },
  weak: { fill: '#f1a340', text: '#3a2400' },
  missing: { fill: '#d9d9d9', text: '#444444' },
};
const TIERS: readonly Tier[] = ['strong', 'adequate', 'weak', 'missing'];
const ACCENT = '#c0392b';
const BASE = '#5b8def';

export interface ChartOption {
  readonly option: EChartsOption;
  readonly width: number;
  readonly height: number;
}

// ── box layouts (graphic elements) ────────────────────────────────────────

type Graphic = Record<string, unknown>;

/** Width of a text in px as ECharts' SSR measures it: CJK a full em, Latin about half. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : /[A-Z]/.test(ch) ? size * 0.65 : size * 0.55;
  return w;
}

/** Lines a text takes in a box of `width` px: greedy wrapping of words (Latin) and characters (CJK), as the renderer does. */
function linesFor(text: string, width: number, size: number): number {
  const tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const room = Math.max(10, width);
  let lines = 1;
  let used = 0;
  for (const token of tokens) {
    const w = textWidth(token, size);
    if (used > 0 && used + textWidth(token.trimEnd(), size) > room) {
      lines++;
      used = 0;
    }
    // A word longer than the line breaks inside itself.
    if (w > room) {
      lines += Math.floor(w / room);
      used = w % room;
    } else used += w;
  }
  return lines;
}

function box(x: number, y: number, width: number, height: number, fill: string, stroke = 'none'): Graphic {
  return { type: 'rect', shape: { x, y, width, height, r: 3 }, style: { fill, stroke, lineWidth: stroke === 'none' ? 0 : 1 }, silent: true };
}

function label(x: number, y: number, text: string, size: number, color: string, width?: number, options: Record<string, unknown> = {}): Graphic {
  return {
    type: 'text', x, y, silent: true,
    style: { text, fill: color, font: `${options.bold ? 'bold ' : ''}${size}px ${CHART_FONT}`, lineHeight: Math.round(size * 1.3), ...(width ? { width, overflow: 'break' } : {}), ...options.style as object },
  };
}

function tierLegend(tiers: Readonly<Record<Tier, string>>, y: number): Graphic[] {
  const out: Graphic[] = [];
  let x = 8;
  for (const t of TIERS) {
    out.push(box(x, y, 14, 14, TIER_COLORS[t].fill));
    out.push(label(x + 20, y + 1, tiers[t], 12, '#333'));
    x += 40 + textWidth(tiers[t], 12);
  }
  return out;
}

export function chainMapOption(spec: ChainMapChart): ChartOption {
  const n = Math.max(1, spec.segments.length);
  const gap = 8;
  const colWidth = (CHART_WIDTH - gap * (n + 1)) / n;
  const inner = colWidth - 10;
  const elements: Graphic[] = [label(CHART_WIDTH / 2, 6, spec.root, 15, '#222', undefined, { bold: true, style: { align: 'center' } })];
  let bottom = 0;
  spec.segments.forEach((s, i) => {
    const x = gap + i * (colWidth + gap);
    let y = 34;
    const headLines = linesFor(s.name, inner, 13);
    const headHeight = headLines * 17 + 10;
    elements.push(box(x, y, colWidth, headHeight, '#24476b'));
    elements.push(label(x + 5, y + 5, s.name, 13, '#ffffff', inner, { bold: true }));
    y += headHeight + 6;
    for (const l of s.links) {
      const lines = linesFor(l.name, inner, 12);
      const height = lines * 16 + 8;
      elements.push(box(x, y, colWidth, height, TIER_COLORS[l.tier].fill));
      elements.push(label(x + 5, y + 4, l.name, 12, TIER_COLORS[l.tier].text, inner));
      y += height + 4;
    }
    bottom = Math.max(bottom, y);
  });
  elements.push(...tierLegend(spec.tiers, bottom + 10));
  const height = bottom + 34;
  return { width: CHART_WIDTH, height, option: { animation: false, graphic: { elements } as EChartsOption['graphic'] } };
}

export function boardOption(spec: BoardChart): ChartOption {
  const head = 110;
  const cols = Math.max(1, spec.columns.length);
  const colWidth = (CHART_WIDTH - head - 8) / cols;
  const inner = colWidth - 12;
  const elements: Graphic[] = [];
  spec.columns.forEach((c, i) => {
    const x = head + i * colWidth;
    elements.push(box(x + 2, 4, colWidth - 4, 26, '#24476b'));
    elements.push(label(x + colWidth / 2, 10, c + (i < cols - 1 ? '  →' : ''), 13, '#fff', undefined, { bold: true, style: { align: 'center' } }));
  });
  let y = 36;
  spec.rows.forEach((r, row) => {
    const cells = spec.cells.filter((c) => c.row === row);
    const heightOf = (items: BoardChart['cells'][number]['items']) =>
      items.reduce((t, it) => t + linesFor(it.text, inner, 11) * 14 + (it.detail ? linesFor(it.detail, inner, 9) * 12 : 0) + 10, 0);
    const rowHeight = Math.max(40, linesFor(r, head - 12, 11) * 15 + 10, ...cells.map((c) => heightOf(c.items) + 6));
    elements.push(box(2, y, head - 6, rowHeight - 4, '#e8eef5'));
    elements.push(label(8, y + 6, r, 11, '#24476b', head - 18, { bold: true }));
    for (const cell of cells) {
      const x = head + cell.column * colWidth + 2;
      let cy = y;
      for (const it of cell.items) {
        const tl = linesFor(it.text, inner, 11);
        const dl = it.detail ? linesFor(it.detail, inner, 9) : 0;
        const h = tl * 14 + dl * 12 + 6;
        elements.push(box(x, cy, colWidth - 4, h, TIER_COLORS[it.tier].fill));
        elements.push(label(x + 5, cy + 3, it.text, 11, TIER_COLORS[it.tier].text, inner, { bold: true }));
        if (it.detail) elements.push(label(x + 5, cy + 3 + tl * 14, it.detail, 9, TIER_COLORS[it.tier].text, inner));
        cy += h + 4;
      }
    }
    y += rowHeight;
  });
  elements.push(...tierLegend(spec.tiers, y + 8));
  return { width: CHART_WIDTH, height: y + 32, option: { animation: false, graphic: { elements } as EChartsOption['graphic'] } };
}

// ── series charts ─────────────────────────────────────────────────────────

const axisText = { fontFamily: CHART_FONT, color: '#333' };

export function heatmapOption(spec: HeatmapChart): ChartOption {
  const rowLabel = Math.min(230, Math.max(60, ...spec.rows.map((r) => textWidth(r, 11))) + 12);
  const colLabel = Math.min(120, Math.max(30, ...spec.columns.map((c) => textWidth(c, 10))) + 14);
  const cellHeight = spec.rows.length > 20 ? 17 : 24;
  const height = spec.rows.length * cellHeight + colLabel + 70;
  const dense = spec.cells.length > 300 || spec.format === 'score';
  const highlight = spec.highlightColumn;
  return {
    width: CHART_WIDTH, height,
    option: {
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      grid: { left: rowLabel, right: 12, top: 8, bottom: colLabel + 44 },
      xAxis: {
        type: 'category', data: [...spec.columns], position: 'bottom', splitArea: { show: false },
        axisLabel: {
          ...axisText, fontSize: 10, interval: 0, rotate: spec.columns.length > 8 ? 90 : 0,
          formatter: (value: string, index: number) => (index === highlight ? `{hl|${value}}` : value),
          rich: { hl: { color: ACCENT, fontWeight: 'bold', fontSize: 11, fontFamily: CHART_FONT } },
        },
        axisTick: { show: false },
      },
      yAxis: { type: 'category', data: [...spec.rows], inverse: true, axisLabel: { ...axisText, fontSize: 11, interval: 0 }, axisTick: { show: false } },
      visualMap: {
        type: 'continuous', min: spec.min, max: spec.max, calculable: false, orient: 'horizontal', left: 'center', bottom: 2, itemHeight: 180, itemWidth: 10,
        text: [String(spec.max), String(spec.min)], textStyle: { fontFamily: CHART_FONT, fontSize: 10 },
        inRange: { color: spec.format === 'score' ? ['#f7fcf5', '#a1d99b', '#31a354', '#00441b'] : ['#eff3ff', '#9ecae1', '#3182bd', '#08306b'] },
      },
      series: [{
        type: 'heatmap', name: spec.valueName, data: spec.cells.map((c) => [...c]),
        label: { show: !dense, fontSize: 10, fontFamily: CHART_FONT },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      }],
    } as EChartsOption,
  };
}

export function rankBarOption(spec: RankBarChart): ChartOption {
  const height = spec.categories.length * 15 + 50;
  return {
    width: CHART_WIDTH, height,
    option: {
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      grid: { left: 90, right: 50, top: 10, bottom: 26 },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisText, fontSize: 10 }, name: spec.valueName, nameLocation: 'middle', nameGap: 18, nameTextStyle: axisText },
      yAxis: { type: 'category', inverse: true, data: [...spec.categories], axisLabel: { ...axisText, fontSize: 10, interval: 0 }, axisTick: { show: false } },
      series: [{
        type: 'bar', barCategoryGap: '25%',
        data: spec.values.map((v, i) => ({ value: v, itemStyle: { color: i === spec.highlight ? ACCENT : '#9db7e0' } })),
        label: { show: true, position: 'right', fontSize: 9, fontFamily: CHART_FONT, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? p.value.toFixed(2) : '') },
      }],
    } as EChartsOption,
  };
}

export function radarOption(spec: RadarChart): ChartOption {
  const colors = [ACCENT, '#7f8c8d', BASE];
  return {
    width: CHART_WIDTH, height: 420,
    option: {
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      color: colors,
      legend: { bottom: 4, textStyle: { fontFamily: CHART_FONT, fontSize: 12 } },
      radar: {
        center: ['50%', '50%'], radius: '62%',
        indicator: spec.indicators.map((i) => ({ name: i.name, max: i.max })),
        axisName: { color: '#333', fontFamily: CHART_FONT, fontSize: 11, width: 150, overflow: 'break' },
        splitArea: { areaStyle: { color: ['#fafafa', '#f0f0f0'] } },
      },
      series: [{
        type: 'radar',
        data: spec.series.map((s, i) => ({ name: s.name, value: [...s.values], areaStyle: i === 0 ? { opacity: 0.18 } : undefined, lineStyle: { type: i === 0 ? 'solid' : 'dashed', width: i === 0 ? 2 : 1 } })),
      }],
    } as EChartsOption,
  };
}

export function scatterOption(spec: ScatterChart): ChartOption {
  const groups = [...new Set(spec.points.map((p) => p.group))];
  const colors = [ACCENT, BASE, '#27ae60', '#8e44ad'];
  return {
    width: CHART_WIDTH, height: 440,
    option: {
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      color: colors,
      legend: { bottom: 2, textStyle: { fontFamily: CHART_FONT, fontSize: 11 } },
      grid: { left: 56, right: 24, top: 20, bottom: 64 },
      xAxis: { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 24, min: 0, nameTextStyle: axisText, axisLabel: { ...axisText, fontSize: 10 } },
      yAxis: { type: 'value', name: spec.yName, nameLocation: 'middle', nameGap: 36, minInterval: 1, nameTextStyle: axisText, axisLabel: { ...axisText, fontSize: 10 } },
      series: groups.map((g, i) => ({
        type: 'scatter', name: g, symbolSize: 9,
        data: spec.points.filter((p) => p.group === g).map((p) => ({ name: p.name, value: [p.x, p.y] })),
        label: { show: true, position: 'right', fontSize: 9, fontFamily: CHART_FONT, color: '#333', formatter: (p: { name: string }) => p.name },
        labelLayout: { hideOverlap: true },
        ...(i === 0 && spec.xCut !== undefined ? {
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#555', type: 'dashed' }, label: { formatter: spec.xCutName ?? '', fontFamily: CHART_FONT, fontSize: 10 }, data: [{ xAxis: spec.xCut }] },
        } : {}),
      })),
    } as EChartsOption,
  };
}

export function seriesOption(spec: SeriesChart): ChartOption {
  return {
    width: CHART_WIDTH, height: 320,
    option: {
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      title: { text: spec.annotation, left: 'center', top: 4, textStyle: { fontFamily: CHART_FONT, fontSize: 12, fontWeight: 'normal', color: '#333' } },
      grid: { left: 70, right: 30, top: 44, bottom: 34 },
      xAxis: { type: 'category', data: spec.points.map((p) => p.period), axisLabel: { ...axisText, fontSize: 11 } },
      yAxis: { type: 'value', name: spec.unit, nameTextStyle: axisText, axisLabel: { ...axisText, fontSize: 10 } },
      series: [
        {
          type: 'bar', name: spec.name, barMaxWidth: 60,
          data: spec.points.map((p) => ({
            value: p.value, itemStyle: p.projected ? { color: '#ffffff', borderColor: BASE, borderType: 'dashed', borderWidth: 2 } : { color: BASE },
          })),
          label: {
            show: true, position: 'top', fontFamily: CHART_FONT, fontSize: 11,
            formatter: (p: { value: unknown; dataIndex: number }) => `${typeof p.value === 'number' ? p.value.toLocaleString('en-US') : ''}${spec.points[p.dataIndex]?.projected ? ` (${spec.projectedName})` : ''}`,
          },
        },
        { type: 'line', data: spec.points.map((p) => p.value), symbol: 'circle', symbolSize: 6, lineStyle: { color: ACCENT, width: 2 }, itemStyle: { color: ACCENT } },
      ],
    } as EChartsOption,
  };
}

/** The ECharts option of a spec, with the size to render it at. Pure. */
export function chartOption(spec: ChartSpec): ChartOption {
  switch (spec.kind) {
    case 'chain-map': return chainMapOption(spec);
    case 'board': return boardOption(spec);
    case 'heatmap': return heatmapOption(spec);
    case 'rank-bar': return rankBarOption(spec);
    case 'radar': return radarOption(spec);
    case 'scatter': return scatterOption(spec);
    case 'series': return seriesOption(spec);
  }
}

export interface RenderedChart {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

type ECharts = typeof import('echarts');
let echartsModule: Promise<ECharts> | undefined;

/** Renders one chart to an SVG string with ECharts' server-side renderer. */
export async function renderChartSvg(spec: ChartSpec): Promise<RenderedChart> {
  echartsModule ??= import('echarts');
  const echarts = await echartsModule;
  const { option, width, height } = chartOption(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return { svg: chart.renderToSVGString(), width, height };
  } finally {
    chart.dispose();
  }
}
