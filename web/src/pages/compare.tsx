/**
 * Comparing regions: a region × link heat map of one metric, the ranking of the
 * regions on one link, the provinces of China coloured by that metric on that
 * link, and the focus region's missing links as feasibility against attractiveness.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { formatNumber, pick, translate, useLang, useT, type Lang, type MessageKey } from '../i18n';
import { navigate, Link } from '../router';
import { useApi } from '../use-api';
import { withQuery } from '../api';
import { Chart, TIER_COLORS, type ChartOption } from '../chart';
import { Field, Status } from '../widgets';
import chinaProvinces from '../map/china-provinces.json';
import type { Assessment, CompareMatrix, Framework } from '../types';

const METRICS = ['score', 'suppliers', 'share', 'rca', 'leaders', 'demand', 'localSupply', 'delivered', 'density'] as const;
export const DEFAULT_COMPARED = '江西,湖北,湖南,安徽,河南,山西';
/** Province-level codes on the map that the assessment covers (Hong Kong, Macao and Taiwan have no NBS group and no data). */
const MAINLAND = (chinaProvinces as { features: { id: string }[] }).features.map((f) => f.id).filter((code) => !['710000', '810000', '820000'].includes(code));

function heatmapOption(matrix: CompareMatrix, lang: Lang, label: string): ChartOption {
  const values = matrix.rows.flatMap((r) => r.cells.map((c) => c.value ?? 0));
  return {
    tooltip: { position: 'top' },
    grid: { left: 200, right: 20, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: matrix.regions.map((r) => pick(r.name, lang)), splitArea: { show: true } },
    yAxis: { type: 'category', data: matrix.rows.map((r) => pick(r.name, lang)), inverse: true, axisLabel: { width: 190, overflow: 'truncate' } },
    visualMap: { min: Math.min(0, ...values), max: Math.max(1e-9, ...values), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fdf2e9', '#1a7f4b'] } },
    series: [{
      name: label, type: 'heatmap', label: { show: true, formatter: (p: { value: [number, number, number] }) => formatNumber(p.value[2], lang, 2) },
      data: matrix.rows.flatMap((row, y) => row.cells.map((c, x) => [x, y, c.value ?? 0])),
    }],
  };
}

function mapOption(matrix: CompareMatrix, link: string, lang: Lang, label: string): ChartOption {
  const row = matrix.rows.find((r) => r.unit === link);
  const names = new Map(matrix.regions.map((r) => [r.code, pick(r.name, lang)]));
  const data = (row?.cells ?? []).map((c) => ({ name: c.region, value: c.value ?? 0 }));
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}: ${formatNumber(p.value, lang, 3)}` },
    visualMap: { min: 0, max: Math.max(1e-9, ...data.map((d) => d.value)), left: 10, bottom: 10, calculable: true, inRange: { color: ['#fdf2e9', '#1a7f4b'] } },
    series: [{ name: label, type: 'map', map: 'china-provinces', nameProperty: 'id', roam: false, data, emphasis: { label: { show: false } } }],
  };
}

function scatterOption(assessment: Assessment, lang: Lang, axes: { x: string; y: string }): ChartOption {
  return {
    tooltip: { formatter: (p: { data: { name: string; value: [number, number] } }) => `${p.data.name}<br/>${formatNumber(p.data.value[0], lang, 3)}, ${formatNumber(p.data.value[1], lang, 3)}` },
    grid: { left: 60, right: 30, top: 20, bottom: 50 },
    xAxis: { type: 'value', name: axes.x, nameLocation: 'middle', nameGap: 30, min: 0, max: 1 },
    yAxis: { type: 'value', name: axes.y, nameLocation: 'middle', nameGap: 40, min: 0, max: 1 },
    series: [{
      type: 'scatter', symbolSize: 12, itemStyle: { color: TIER_COLORS.missing },
      label: { show: true, position: 'right', formatter: (p: { data: { name: string } }) => p.data.name, fontSize: 11 },
      data: assessment.feasibility.map((f) => ({ name: pick(f.name, lang), value: [f.density, f.attractiveness] })),
    }],
  };
}

export function ComparePage({ region, query }: { region: string; query: URLSearchParams }) {
  const t = useT();
  const lang = useLang();
  const regions = query.get('regions') ?? DEFAULT_COMPARED;
  const metric = query.get('metric') ?? 'score';
  const framework = useApi<Framework>('/api/framework');
  const link = query.get('link') ?? framework.data?.links[0]?.id ?? '';
  const [draft, setDraft] = useState(regions);
  const matrix = useApi<CompareMatrix>(withQuery('/api/compare', { regions, metric }));
  const national = useApi<CompareMatrix>(withQuery('/api/compare', { regions: MAINLAND.join(','), metric }));
  const assessment = useApi<Assessment>(`/api/assessments/${encodeURIComponent(region)}`);
  const metricLabel = t(`m_${metric}` as MessageKey);
  const go = (changes: Record<string, string>) => navigate(withQuery('/compare', { regions, metric, link, ...changes }), true);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ regions: draft });
  };
  const heatmap = useMemo(() => matrix.data && heatmapOption(matrix.data, lang, metricLabel), [matrix.data, lang, metricLabel]);
  const map = useMemo(() => national.data && mapOption(national.data, link, lang, metricLabel), [national.data, link, lang, metricLabel]);
  const axes = useMemo(() => ({ x: translate(lang, 'density'), y: translate(lang, 'attractiveness') }), [lang]);
  const scatter = useMemo(() => assessment.data && scatterOption(assessment.data, lang, axes), [assessment.data, lang, axes]);
  const linkName = pick(framework.data?.links.find((l) => l.id === link)?.name, lang);

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">{t('compareTitle')}</h1>
      <form className="toolbar" onSubmit={submit}>
        <Field label={t('compareRegions')}><input name="regions" value={draft} onChange={(e) => setDraft(e.target.value)} size={40} /></Field>
        <Field label={t('compareMetric')}>
          <select name="metric" value={metric} onChange={(e) => go({ metric: e.target.value })}>
            {METRICS.map((m) => <option key={m} value={m}>{t(`m_${m}` as MessageKey)}</option>)}
          </select>
        </Field>
        <Field label={t('mapLink')}>
          <select name="link" value={link} onChange={(e) => go({ link: e.target.value })}>
            {framework.data?.links.map((l) => <option key={l.id} value={l.id}>{pick(l.name, lang)}</option>)}
          </select>
        </Field>
        <button type="submit">{t('compareApply')}</button>
      </form>

      <h2>{t('heatmapTitle')} · {metricLabel}</h2>
      <Status loaded={matrix}>{(m) => (
        <>
          {heatmap && <Chart option={heatmap} height={Math.max(400, m.rows.length * 22 + 80)} label={`${t('heatmapTitle')} · ${metricLabel}`} />}
          <h2>{t('rankTable')} · {linkName}</h2>
          <table className="rank-table">
            <thead><tr><th scope="col">#</th><th scope="col">{t('region')}</th><th scope="col">{metricLabel}</th><th scope="col">{t('tier')}</th></tr></thead>
            <tbody>
              {[...(m.rows.find((r) => r.unit === link)?.cells ?? [])].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)).map((c, i) => (
                <tr key={c.region}>
                  <td className="num">{i + 1}</td>
                  <td><Link to={`/chain/${c.region}`}>{pick(m.regions.find((r) => r.code === c.region)?.name, lang)}</Link></td>
                  <td className="num">{formatNumber(c.value, lang, 3)}</td>
                  <td><span className={`tier tier-${c.tier}`} style={{ background: TIER_COLORS[c.tier] }}>{t(`tier_${c.tier}` as MessageKey)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}</Status>

      <h2>{t('mapTitle', { metric: metricLabel, link: linkName })}</h2>
      <Status loaded={national}>{() => map && <Chart option={map} height={520} label={t('mapTitle', { metric: metricLabel, link: linkName })} />}</Status>

      <Status loaded={assessment}>{(a) => (
        <>
          <h2>{t('scatterTitle', { region: pick(a.region.short, lang) })}</h2>
          {scatter && <Chart option={scatter} height={420} label={t('scatterTitle', { region: pick(a.region.short, lang) })} />}
        </>
      )}</Status>
    </section>
  );
}
