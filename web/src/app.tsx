/**
 * The app's frame: a header (pages, region, language, who is signed in) and
 * the page the URL names. Without a session on a server that requires one,
 * every page is the sign-in page until the user signs in.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { pick, setLang, useLang, useT, type MessageKey } from './i18n';
import { Link, match, navigate, useLocation } from './router';
import { useSession } from './session';
import { setRegion, useRegion } from './region';
import { getJson } from './api';
import { useApi } from './use-api';
import type { RegionInfo } from './types';
import { ErrorBox } from './widgets';
import { ChainMapPage } from './pages/chain-map';
import { LinkPageView } from './pages/link-page';
import { ComparePage } from './pages/compare';
import { CasesPage } from './pages/cases';
import { CasePage } from './pages/case-page';
import { EnterprisePage, EnterprisesPage } from './pages/enterprises';
import { IndicatorsPage } from './pages/indicators';
import { ImportPage } from './pages/import';
import { ReportsPage } from './pages/reports';
import { SignInPage } from './pages/sign-in';

const NAV: readonly { path: string; key: MessageKey; editor?: boolean }[] = [
  { path: '/chain', key: 'navChain' }, { path: '/compare', key: 'navCompare' }, { path: '/cases', key: 'navCases' },
  { path: '/enterprises', key: 'navEnterprises' }, { path: '/indicators', key: 'navIndicators' },
  { path: '/import', key: 'navImport', editor: true }, { path: '/reports', key: 'navReports', editor: true },
];

function RegionPicker() {
  const t = useT();
  const lang = useLang();
  const region = useRegion();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Error | undefined>(undefined);
  const name = useApi<RegionInfo>(`/api/regions/resolve?q=${encodeURIComponent(region)}`).data;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      const found = await getJson<RegionInfo>(`/api/regions/resolve?q=${encodeURIComponent(text.trim())}`);
      setProblem(undefined);
      setText('');
      setRegion(found.code);
      if (window.location.pathname.startsWith('/chain') || window.location.pathname === '/') navigate(`/chain/${found.code}`);
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <form className="region-picker" onSubmit={(e) => void submit(e)}>
      <label>
        <span>{t('region')}: <strong>{name && name.code === region ? pick(name.short, lang) : region}</strong></span>
        <input name="region" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('regionPlaceholder')} aria-label={t('regionApply')} size={14} />
      </label>
      <button type="submit">{t('regionApply')}</button>
      {problem && <ErrorBox error={problem} />}
    </form>
  );
}

function Header() {
  const t = useT();
  const lang = useLang();
  const { path } = useLocation();
  const { user, open, canEdit, signOut } = useSession();
  return (
    <header className="app-header">
      <a className="skip" href="#main">{t('skipToContent')}</a>
      <Link to="/" className="brand">{t('appName')}</Link>
      <nav aria-label={t('appName')}>
        <ul>
          {NAV.filter((n) => !n.editor || canEdit).map((n) => (
            <li key={n.path}><Link to={n.path} aria-current={path.startsWith(n.path) ? 'page' : undefined}>{t(n.key)}</Link></li>
          ))}
        </ul>
      </nav>
      <RegionPicker />
      <button type="button" className="lang-switch" lang={lang === 'zh' ? 'en' : 'zh'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={`${t('language')}: ${t('switchTo')}`}>
        {t('switchTo')}
      </button>
      <span className="user" data-role={user?.role ?? ''}>
        {user ? <>{user.displayName ?? user.username} · {t(`role_${user.role}` as MessageKey)} <button type="button" onClick={() => void signOut().then(() => navigate('/signin'))}>{t('signOut')}</button></> : open ? t('noAuth') : null}
      </span>
    </header>
  );
}

function Page({ path, query, region }: { path: string; query: URLSearchParams; region: string }): ReactNode {
  const t = useT();
  const { canEdit } = useSession();
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '/chain') return <ChainMapPage region={region} />;
  if ((m = match('/chain/:region', path))) return <ChainMapPage region={m.region as string} />;
  if ((m = match('/links/:link', path))) return <LinkPageView link={m.link as string} region={query.get('region') ?? region} />;
  if (path === '/compare') return <ComparePage region={region} query={query} />;
  if (path === '/cases') return <CasesPage query={query} />;
  if ((m = match('/cases/:id', path))) return <CasePage id={m.id as string} />;
  if (path === '/enterprises') return <EnterprisesPage query={query} />;
  if ((m = match('/enterprises/:id', path))) return <EnterprisePage id={m.id as string} />;
  if (path === '/indicators') return <IndicatorsPage region={query.get('region') ?? region} />;
  if (path === '/import') return canEdit ? <ImportPage /> : <p>{t('needsAnalyst')}</p>;
  if (path === '/reports') return canEdit ? <ReportsPage region={region} /> : <p>{t('needsAnalyst')}</p>;
  return <h1>{t('notFound')}</h1>;
}

export function App() {
  const { path, query } = useLocation();
  const region = useRegion();
  const { user, open } = useSession();
  const t = useT();
  const signedOut = user === null && !open;
  const body = user === undefined ? <p role="status">{t('loading')}</p>
    : signedOut || path === '/signin' ? <SignInPage onDone={() => navigate(path === '/signin' ? '/' : path + window.location.search, true)} />
    : <Page path={path} query={query} region={region} />;
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>{body}</main>
    </>
  );
}
