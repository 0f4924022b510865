/**
 * An ECharts chart in a React component: the option in, an SVG chart out
 * (SVG: crisp at any zoom, and its text is real text). Only the chart types
 * and components the pages use are bundled. The province map is registered
 * once from the GeoJSON shipped in src/map (GB/T 2260 codes as feature ids).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import chinaProvinces from './map/china-provinces.json';

echarts.use([HeatmapChart, LineChart, MapChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, SVGRenderer]);
echarts.registerMap('china-provinces', chinaProvinces as unknown as Parameters<typeof echarts.registerMap>[1]);

export type ChartOption = echarts.EChartsCoreOption;

export const TIER_COLORS: Record<string, string> = { strong: '#1a7f4b', adequate: '#7fbf5a', weak: '#f0b429', missing: '#d64545' };

export function Chart({ option, height = 360, label, onClick }: {
  option: ChartOption; height?: number; label: string; onClick?: (params: { name?: string; data?: unknown; value?: unknown }) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option }, true);
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      instance.off('click', onClick);
    };
  }, [onClick]);

  return <div ref={element} role="img" aria-label={label} className="chart" style={{ height }} />;
}
