/**
 * The chain map: each segment a row, its links from upstream to downstream,
 * every link coloured by the region's tier with its supplier and case counts.
 * A link is a real link (keyboard, new tab) to its page.
 */
import { pick, useLang, useT, formatPercent, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';
import { Status, TierBadge } from '../widgets';
import { TIER_COLORS } from '../chart';
import type { ChainMap } from '../types';

const POSITIONS = ['upstream', 'midstream', 'downstream'] as const;

export function ChainMapPage({ region }: { region: string }) {
  const t = useT();
  const lang = useLang();
  const loaded = useApi<ChainMap>(`/api/chain-map/${encodeURIComponent(region)}`);
  return (
    <Status loaded={loaded}>{(map) => (
      <section aria-labelledby="chain-title">
        <h1 id="chain-title">{t('chainTitle', { region: pick(map.region.short, lang) })}</h1>
        <p className="summary">{pick(map.summary, lang)}</p>
        <p className="muted">{t('chainLegend')}</p>
        <ul className="legend" aria-label={t('tier')}>
          {Object.keys(TIER_COLORS).map((tier) => <li key={tier}><TierBadge tier={tier} /></li>)}
        </ul>
        <div className="chain" role="list">
          <div className="chain-head" aria-hidden="true">
            <span />
            {POSITIONS.map((p) => <span key={p}>{t(`pos_${p}` as MessageKey)} →</span>)}
          </div>
          {map.segments.map((segment) => (
            <div className="chain-row" role="listitem" key={segment.id} data-segment={segment.id}>
              <div className="segment-name">
                <strong>{pick(segment.name, lang)}</strong>
                <span className="muted">{t('completeness')} {formatPercent(segment.completeness, lang, 0)}</span>
              </div>
              {POSITIONS.map((position) => (
                <ul className="chain-cell" key={position} aria-label={`${pick(segment.name, lang)} · ${t(`pos_${position}` as MessageKey)}`}>
                  {segment.links.filter((l) => l.position === position).map((l) => (
                    <li key={l.id}>
                      <Link
                        to={`/links/${encodeURIComponent(l.id)}?region=${map.region.code}`}
                        className={`chain-link tier-${l.tier}`} data-link={l.id} data-tier={l.tier}
                        style={{ borderLeftColor: TIER_COLORS[l.tier] }}
                      >
                        <span className="link-name">{pick(l.name, lang)}</span>
                        <span className="link-figures">
                          <TierBadge tier={l.tier} />
                          {' '}{t('linkSuppliersLine', { local: l.localSuppliers, nation: l.nationalSuppliers, cases: l.cases })}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              ))}
            </div>
          ))}
        </div>
      </section>
    )}</Status>
  );
}
