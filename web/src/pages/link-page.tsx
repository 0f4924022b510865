/** A link's page for a region: its standing, the score's inputs, who supplies it here and nationally, the cases, recommendations and targets. */
import { formatNumber, formatPercent, pick, useLang, useT, type Lang, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';
import { Status, TierBadge } from '../widgets';
import type { CellRank, LinkPage } from '../types';

const METRIC_ROWS = ['suppliers', 'nationSuppliers', 'share', 'rca', 'leaders', 'demand', 'nationalDemand', 'localSupply', 'delivered'] as const;
const RATIOS = new Set(['share', 'localSupply']);

function rankText(rank: CellRank | undefined, lang: Lang): string {
  if (!rank?.nation) return '–';
  const nation = lang === 'zh' ? `全国第${rank.nation.rank}/${rank.nation.of}` : `${rank.nation.rank} of ${rank.nation.of} nationwide`;
  if (!rank.group) return nation;
  const group = lang === 'zh' ? `${pick(rank.group.name, lang)}第${rank.group.rank}/${rank.group.of}` : `${rank.group.rank} of ${rank.group.of} in ${pick(rank.group.name, lang)}`;
  return `${group} · ${nation}`;
}

export function LinkPageView({ link, region }: { link: string; region: string }) {
  const t = useT();
  const lang = useLang();
  const loaded = useApi<LinkPage>(`/api/links/${encodeURIComponent(link)}?region=${encodeURIComponent(region)}`);
  return (
    <Status loaded={loaded}>{(page) => (
      <article aria-labelledby="link-title">
        <p><Link to={`/chain/${page.region.code}`}>← {t('chainTitle', { region: pick(page.region.short, lang) })}</Link></p>
        <h1 id="link-title">{t('linkTitle', { link: pick(page.link.name, lang), region: pick(page.region.short, lang) })}</h1>
        <dl className="facts">
          <dt>{t('segment')}</dt><dd>{pick(page.segment.name, lang)}</dd>
          <dt>{t('position')}</dt><dd>{t(`pos_${page.link.position}` as MessageKey)}</dd>
          <dt>{t('tier')}</dt><dd><TierBadge tier={page.tier} /></dd>
          <dt>{t('score')}</dt><dd>{formatNumber(page.score, lang, 3)}</dd>
          <dt>{t('rank')}</dt><dd>{pick(page.scoreRankText, lang)}</dd>
          <dt>{t('scope')}</dt><dd>{pick(page.link.scope, lang)}</dd>
        </dl>

        <h2>{t('metrics')}</h2>
        <table>
          <thead><tr><th scope="col">{t('metric')}</th><th scope="col">{t('value')}</th><th scope="col">{t('rank')}</th></tr></thead>
          <tbody>
            {METRIC_ROWS.map((m) => {
              const value = page.metrics[m] as number | undefined;
              return (
                <tr key={m}>
                  <th scope="row">{t(`m_${m}` as MessageKey)}</th>
                  <td className="num">{RATIOS.has(m) ? formatPercent(value, lang) : formatNumber(value, lang, 3)}</td>
                  <td>{rankText(page.ranks[m], lang)}</td>
                </tr>
              );
            })}
            <tr><th scope="row">{t('m_density')}</th><td className="num">{formatNumber(page.relatedness.density[page.relatedness.proximity], lang, 3)}</td><td>{page.relatedness.quadrant}</td></tr>
          </tbody>
        </table>

        <h2>{t('inputs')}</h2>
        <table>
          <thead><tr>{(['input', 'raw', 'normalised', 'weight', 'contribution', 'normalisation'] as const).map((k) => <th scope="col" key={k}>{t(k)}</th>)}</tr></thead>
          <tbody>
            {page.breakdown.map((b) => (
              <tr key={b.input}>
                <th scope="row">{b.input}</th><td className="num">{formatNumber(b.raw, lang, 3)}</td><td className="num">{formatNumber(b.normalised, lang, 3)}</td>
                <td className="num">{formatNumber(b.effectiveWeight, lang, 3)}</td><td className="num">{formatNumber(b.contribution, lang, 3)}</td><td><code>{b.normalisation}</code></td>
              </tr>
            ))}
          </tbody>
        </table>

        <div className="columns">
          <section>
            <h2>{t('localSupplierList')} ({page.localSuppliers.length})</h2>
            {page.localSuppliers.length === 0 ? <p className="muted">{t('noneHere')}</p> : (
              <ul className="local-suppliers">
                {page.localSuppliers.map((s) => (
                  <li key={s.id}><Link to={`/enterprises/${encodeURIComponent(s.id)}`}>{pick(s.name, lang)}</Link> <span className="muted">{s.role}{s.leader ? ` · ${t('leader')}` : ''} · {t('casesOnLink')} {s.casesOnLink}</span></li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2>{t('nationalLeaders')} ({page.nationalLeaders.total})</h2>
            <ul>
              {page.nationalLeaders.items.map((e) => (
                <li key={e.id}><Link to={`/enterprises/${encodeURIComponent(e.id)}`}>{pick(e.name, lang)}</Link> <span className="muted">{pick(e.provinceName, lang)}{e.local ? ` · ${t('local')}` : ''}</span></li>
              ))}
            </ul>
            {page.nationalLeaders.total > page.nationalLeaders.items.length && <p className="muted">{t('more', { n: page.nationalLeaders.total - page.nationalLeaders.items.length })}</p>}
          </section>
        </div>

        <h2>{t('casesNeeding')} ({page.cases.total})</h2>
        <ul className="link-cases">
          {page.cases.items.map((c) => (
            <li key={c.id}><Link to={`/cases/${encodeURIComponent(c.id)}`}>{pick(c.title, lang)}</Link> <span className="muted">{c.year ?? ''} {pick(c.provinceName, lang)}{c.local ? ` · ${t('local')}` : ''}</span></li>
          ))}
        </ul>

        <h2>{t('recommendations')}</h2>
        {page.recommendations.length === 0 ? <p className="muted">{t('noneHere')}</p> : (
          <ul>{page.recommendations.map((r, i) => <li key={i}><strong>{t(`rec_${r.kind}` as MessageKey)}</strong> <span className="muted">{r.rule}</span></li>)}</ul>
        )}

        <h2>{t('targets')}</h2>
        {page.targets.length === 0 ? <p className="muted">{t('noneHere')}</p> : (
          <table className="targets">
            <thead><tr><th scope="col">#</th><th scope="col">{t('supplier')}</th><th scope="col">{t('score')}</th><th scope="col">{t('reason')}</th></tr></thead>
            <tbody>
              {page.targets.map((target) => (
                <tr key={target.id}>
                  <td className="num">{target.rank}</td>
                  <td><Link to={`/enterprises/${encodeURIComponent(target.id)}`}>{pick(target.name, lang)}</Link>{target.leader ? ` · ${t('leader')}` : ''}</td>
                  <td className="num">{formatNumber(target.score, lang, 3)}</td>
                  <td>{pick(target.reason, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    )}</Status>
  );
}
