/** Small pieces every page uses: loading and error states, the tier badge, a labelled field. */
import type { ReactNode } from 'react';
import type { ApiError } from './api';
import { useT, type MessageKey } from './i18n';
import { TIER_COLORS } from './chart';

export function Status<T>({ loaded, children }: { loaded: { data?: T; error?: ApiError | Error; loading: boolean; reload: () => void }; children: (data: T) => ReactNode }) {
  const t = useT();
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <p className="muted" role="status">{t('loading')}</p>;
  return <>{children(loaded.data)}</>;
}

export function ErrorBox({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  const t = useT();
  const details = 'details' in error ? error.details : [];
  return (
    <div className="error" role="alert">
      <strong>{t('error')}:</strong> {error.message}
      {details.length > 0 && <ul>{details.map((d, i) => <li key={i}><code>{d.path}</code> {d.message}</li>)}</ul>}
      {onRetry && <button type="button" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}

export function TierBadge({ tier }: { tier: string }) {
  const t = useT();
  return <span className={`tier tier-${tier}`} style={{ background: TIER_COLORS[tier] ?? '#999' }}>{t(`tier_${tier}` as MessageKey)}</span>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label className="field"><span>{label}</span>{children}</label>;
}
