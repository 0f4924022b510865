/** The sourced figures: series as line charts with CAGR (computed beside the stated rate), the region's figures with ranks, identification and security panels. */
import { formatNumber, formatPercent, pick, useLang, useT, type Lang } from '../i18n';
import { useApi } from '../use-api';
import { Chart, type ChartOption } from '../chart';
import { Status } from '../widgets';
import type { Figure, Indicators, Series } from '../types';

function seriesOption(s: Series, lang: Lang): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: s.points.map((p) => p.period) },
    yAxis: { type: 'value', name: s.unit },
    series: [{ type: 'line', data: s.points.map((p) => p.value), label: { show: true, formatter: (p: { value: number }) => formatNumber(p.value, lang) } }],
  };
}

function FigureTable({ figures, lang }: { figures: readonly Figure[]; lang: Lang }) {
  const t = useT();
  return (
    <table>
      <thead><tr><th scope="col">{t('metric')}</th><th scope="col">{t('region')}</th><th scope="col">{t('period')}</th><th scope="col">{t('value')}</th><th scope="col">{t('source')}</th></tr></thead>
      <tbody>{figures.map((f, i) => (
        <tr key={i}><td>{pick(f.label, lang)}</td><td>{pick(f.regionName, lang)}</td><td>{f.period}</td>
          <td className="num">{formatNumber(f.value, lang, 3)} {f.unit === 'rank' ? '' : f.unit}{f.rankWithin ? ` (${f.rankWithin})` : ''}</td><td>{f.source ?? ''}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function IndicatorsPage({ region }: { region: string }) {
  const t = useT();
  const lang = useLang();
  const loaded = useApi<Indicators & { region?: { short: { zh: string; en: string } } }>(`/api/indicators?region=${encodeURIComponent(region)}`);
  return (
    <Status loaded={loaded}>{(data) => {
      const ident = data.figures.filter((f) => f.indicator.startsWith('ident.'));
      const security = data.figures.filter((f) => f.indicator.startsWith('security.'));
      const other = data.figures.filter((f) => !f.indicator.startsWith('ident.') && !f.indicator.startsWith('security.'));
      return (
        <section aria-labelledby="indicators-title">
          <h1 id="indicators-title">{t('indicatorsTitle')}</h1>
          <h2>{t('series')}</h2>
          <div className="panels">
            {data.series.map((s) => (
              <figure key={s.key} className="panel" data-indicator={s.indicator}>
                <figcaption>
                  <strong>{pick(s.label, lang)}</strong> · {pick(s.regionName, lang)}<br />
                  {t('cagr')} {s.points[0]?.period}–{s.points[s.points.length - 1]?.period}: {t('computed')} {formatPercent(s.cagr, lang, 2)}
                  {s.stated && <> · {t('stated')} {formatNumber(s.stated.value, lang)}%</>}
                  {s.projected && <> · {t('projected')}</>}
                </figcaption>
                <Chart option={seriesOption(s, lang)} height={220} label={pick(s.label, lang)} />
              </figure>
            ))}
          </div>
          {data.facts.length > 0 && (
            <>
              <h2>{t('regionRanks', { region: pick(data.region?.short, lang) })}</h2>
              <ul className="facts-list">{data.facts.map((f, i) => <li key={i}>{pick(f.text, lang)}</li>)}</ul>
            </>
          )}
          <h2>{t('identTitle')}</h2>
          <FigureTable figures={ident} lang={lang} />
          <h2>{t('securityTitle')}</h2>
          <FigureTable figures={security} lang={lang} />
          <h2>{t('figures')}</h2>
          <FigureTable figures={other} lang={lang} />
        </section>
      );
    }}</Status>
  );
}
