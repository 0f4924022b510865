/** The searchable list of cases. */
import { useState, type FormEvent } from 'react';
import { useLang, useT } from '../i18n';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';
import { withQuery } from '../api';
import { Field, Status } from '../widgets';
import { titleOf, type CaseItem, type Page } from '../types';

export function CasesPage({ query }: { query: URLSearchParams }) {
  const t = useT();
  const lang = useLang();
  const search = query.get('search') ?? '';
  const [draft, setDraft] = useState(search);
  const loaded = useApi<Page<CaseItem>>(withQuery('/api/cases', { search, limit: 200 }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/cases', { search: draft.trim() }), true);
  };
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('casesTitle')}</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <Field label={t('caseSearch')}><input type="search" name="search" value={draft} onChange={(e) => setDraft(e.target.value)} /></Field>
        <button type="submit">{t('search')}</button>
      </form>
      <Status loaded={loaded}>{(page) => (
        <>
          <p className="muted">{t('total', { n: page.total })}</p>
          <table className="cases">
            <thead><tr><th scope="col">{t('casesTitle')}</th><th scope="col">{t('customer')}</th><th scope="col">{t('year')}</th><th scope="col">{t('source')}</th></tr></thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/cases/${encodeURIComponent(c.id)}`}>{titleOf(c, lang)}</Link></td>
                  <td>{c.customer ?? ''}</td><td className="num">{c.year ?? ''}</td><td>{c.source ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}</Status>
    </section>
  );
}
