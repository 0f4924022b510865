/** Enterprises: search by name, alias, credit code, region and link; one enterprise with its offerings and cases. */
import { useState, type FormEvent } from 'react';
import { pick, useLang, useT, formatNumber } from '../i18n';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';
import { withQuery } from '../api';
import { Field, Status } from '../widgets';
import { nameOf, type EnterpriseDetail, type EnterpriseItem, type Framework, type Page } from '../types';

export function EnterprisesPage({ query }: { query: URLSearchParams }) {
  const t = useT();
  const lang = useLang();
  const filters = { search: query.get('search') ?? '', region: query.get('region') ?? '', link: query.get('link') ?? '' };
  const [draft, setDraft] = useState(filters);
  const framework = useApi<Framework>('/api/framework');
  const loaded = useApi<Page<EnterpriseItem>>(withQuery('/api/enterprises', { ...filters, limit: 100 }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/enterprises', { search: draft.search.trim(), region: draft.region.trim(), link: draft.link }), true);
  };
  return (
    <section aria-labelledby="enterprises-title">
      <h1 id="enterprises-title">{t('enterprisesTitle')}</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <Field label={t('enterpriseSearch')}><input type="search" name="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} /></Field>
        <Field label={t('region')}><input name="region" value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.target.value })} placeholder={t('regionPlaceholder')} /></Field>
        <Field label={t('link')}>
          <select name="link" value={draft.link} onChange={(e) => setDraft({ ...draft, link: e.target.value })}>
            <option value="">{t('allLinks')}</option>
            {framework.data?.links.map((l) => <option key={l.id} value={l.id}>{pick(l.name, lang)}</option>)}
          </select>
        </Field>
        <button type="submit">{t('search')}</button>
      </form>
      <Status loaded={loaded}>{(page) => (
        <>
          <p className="muted">{t('total', { n: page.total })}</p>
          <table className="enterprises">
            <thead><tr><th scope="col">{t('enterprisesTitle')}</th><th scope="col">{t('headquarters')}</th><th scope="col">{t('kind')}</th><th scope="col">{t('creditCode')}</th></tr></thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id}>
                  <td><Link to={`/enterprises/${encodeURIComponent(e.id)}`}>{nameOf(e, lang)}</Link>{e.leader ? ` · ${t('leader')}` : ''}</td>
                  <td>{e.province ?? ''}{e.city ? ` / ${e.city}` : ''}</td><td>{e.kind ?? ''}</td><td><code>{e.creditCode ?? ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}</Status>
    </section>
  );
}

export function EnterprisePage({ id }: { id: string }) {
  const t = useT();
  const lang = useLang();
  const loaded = useApi<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}`);
  const framework = useApi<Framework>('/api/framework');
  const linkName = (l: string) => pick(framework.data?.links.find((x) => x.id === l)?.name, lang) || l;
  return (
    <Status loaded={loaded}>{({ enterprise: e, offerings, components }) => (
      <article aria-labelledby="enterprise-title">
        <p><Link to="/enterprises">← {t('enterprisesTitle')}</Link></p>
        <h1 id="enterprise-title">{nameOf(e, lang)}</h1>
        <dl className="facts">
          <dt>{t('headquarters')}</dt><dd>{e.province ?? '–'}{e.city ? ` / ${e.city}` : ''}</dd>
          <dt>{t('kind')}</dt><dd>{e.kind ?? '–'}</dd>
          <dt>{t('leader')}</dt><dd>{e.leader ? '✓' : '–'}</dd>
          <dt>{t('creditCode')}</dt><dd><code>{e.creditCode ?? '–'}</code></dd>
          <dt>{t('aliases')}</dt><dd>{(e.aliases ?? []).join('、') || '–'}</dd>
          <dt>{t('description')}</dt><dd>{e.description ?? '–'}</dd>
        </dl>
        <h2>{t('offerings')} ({offerings.length})</h2>
        <table>
          <thead><tr><th scope="col">{t('link')}</th><th scope="col">{t('product')}</th><th scope="col">{t('method')}</th><th scope="col">{t('confidence')}</th></tr></thead>
          <tbody>{offerings.map((o, i) => (
            <tr key={i}><td>{linkName(o.link)}</td><td>{o.product ?? ''}</td><td>{o.method ?? ''}</td><td className="num">{formatNumber(o.confidence, lang)}</td></tr>
          ))}</tbody>
        </table>
        <h2>{t('inCases')} ({new Set(components.map((c) => c.caseId)).size})</h2>
        <ul>{components.map((c, i) => (
          <li key={i}><Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link> <span className="muted">{linkName(c.link)} · {c.role ?? ''}</span></li>
        ))}</ul>
      </article>
    )}</Status>
  );
}
