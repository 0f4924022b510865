/**
 * A case: its texts with the evidence of each link highlighted, and the
 * components table where an analyst accepts, rejects, edits or adds
 * components. Every write sends the case's `version`; a 409 means someone
 * else changed the case in between, and the page says so and offers a reload.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { pick, useLang, useT, formatNumber, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';
import { ApiError, sendJson } from '../api';
import { useSession } from '../session';
import { evidenceRanges, pieces, type CaseTexts } from '../evidence';
import { ErrorBox, Field, Status } from '../widgets';
import { titleOf, type CaseDetail, type ComponentItem, type Framework } from '../types';

const TEXT_FIELDS = ['title_zh', 'title_en', 'description_zh', 'description_en'] as const;
const linkOf = (c: ComponentItem) => c.linkId ?? c.link ?? '';

function HighlightedText({ text, ranges, names }: { text: string; ranges: Parameters<typeof pieces>[1]; names: Map<string, string> }) {
  return (
    <p className="case-text">
      {pieces(text, ranges).map((p, i) => (p.links.length === 0 ? <span key={i}>{p.text}</span> : (
        <mark key={i} data-links={p.links.join(' ')} title={p.links.map((l) => names.get(l) ?? l).join(', ')}>{p.text}</mark>
      )))}
    </p>
  );
}

interface Draft { linkId: string; supplierId: string; supplierName: string; note: string }

function ComponentForm({ framework, initial, onSave, onCancel, submitLabel }: {
  framework: Framework; initial: Draft; onSave: (draft: Draft) => void; onCancel?: () => void; submitLabel: string;
}) {
  const t = useT();
  const lang = useLang();
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft);
  };
  return (
    <form className="component-form" onSubmit={submit}>
      <Field label={t('link')}>
        <select value={draft.linkId} onChange={set('linkId')} required>
          <option value="">–</option>
          {framework.links.map((l) => <option key={l.id} value={l.id}>{pick(l.name, lang)}</option>)}
        </select>
      </Field>
      <Field label={t('supplierId')}><input value={draft.supplierId} onChange={set('supplierId')} /></Field>
      <Field label={t('supplierName')}><input value={draft.supplierName} onChange={set('supplierName')} /></Field>
      <Field label={t('note')}><input value={draft.note} onChange={set('note')} /></Field>
      <button type="submit">{submitLabel}</button>
      {onCancel && <button type="button" onClick={onCancel}>{t('cancel')}</button>}
    </form>
  );
}

function supplierFields(d: Draft) {
  return d.supplierId.trim() ? { supplierId: d.supplierId.trim() } : d.supplierName.trim() ? { supplierName: d.supplierName.trim() } : {};
}

export function CasePage({ id }: { id: string }) {
  const t = useT();
  const lang = useLang();
  const { canEdit } = useSession();
  const loaded = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  const framework = useApi<Framework>('/api/framework');
  const [detail, setDetail] = useState<CaseDetail | undefined>(undefined);
  const [problem, setProblem] = useState<ApiError | Error | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [highlight, setHighlight] = useState('');
  const current = detail ?? loaded.data;
  const names = useMemo(() => new Map((framework.data?.links ?? []).map((l) => [l.id, pick(l.name, lang)])), [framework.data, lang]);

  const reload = () => {
    setDetail(undefined);
    setProblem(undefined);
    setMessage('');
    loaded.reload();
  };

  const write = async (method: 'POST' | 'PATCH', url: string, body: object) => {
    setProblem(undefined);
    setMessage('');
    try {
      const next = await sendJson<CaseDetail>(method, url, { version: current?.version, ...body });
      setDetail(next);
      setEditing(undefined);
      setMessage(t('saved'));
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const base = `/api/cases/${encodeURIComponent(id)}/components`;

  return (
    <Status loaded={loaded}>{() => {
      const c = current as CaseDetail;
      const texts: CaseTexts = { title_zh: c.case.titleZh, title_en: c.case.titleEn, description_zh: c.case.descriptionZh, description_en: c.case.descriptionEn };
      const shown = c.components.filter((k) => k.status !== 'rejected' && (!highlight || linkOf(k) === highlight)).map((k) => ({ link: linkOf(k), evidence: k.evidence }));
      const ranges = evidenceRanges(texts, shown);
      const conflict = problem instanceof ApiError && problem.status === 409;
      return (
        <article aria-labelledby="case-title">
          <p><Link to="/cases">← {t('casesTitle')}</Link></p>
          <h1 id="case-title">{titleOf(c.case, lang)}</h1>
          <dl className="facts">
            <dt>{t('customer')}</dt><dd>{c.case.customer ?? '–'}</dd>
            <dt>{t('year')}</dt><dd>{c.case.year ?? '–'}</dd>
            <dt>{t('source')}</dt><dd>{c.case.source ?? '–'}</dd>
          </dl>
          <h2>{t('caseText')}</h2>
          <Field label={t('highlightFor')}>
            <select value={highlight} onChange={(e) => setHighlight(e.target.value)}>
              <option value="">{t('allLinks')}</option>
              {[...new Set(c.components.map(linkOf))].map((l) => <option key={l} value={l}>{names.get(l) ?? l}</option>)}
            </select>
          </Field>
          {TEXT_FIELDS.filter((f) => f.startsWith('description') && texts[f]).map((f) => (
            <HighlightedText key={f} text={texts[f] as string} ranges={ranges.get(f) ?? []} names={names} />
          ))}
          {(c.case.outcomes ?? []).length > 0 && (
            <>
              <h3>{t('outcomes')}</h3>
              <ul>{(c.case.outcomes ?? []).map((o, i) => <li key={i}>{(lang === 'en' ? o.kpiEn ?? o.kpiZh : o.kpiZh ?? o.kpiEn) ?? ''} {o.change > 0 ? '+' : ''}{o.change}{o.unit}</li>)}</ul>
            </>
          )}

          <h2>{t('components')}</h2>
          {message && <p role="status" className="ok">{message}</p>}
          {conflict ? (
            <div className="error" role="alert">{t('versionConflict')} <button type="button" onClick={reload}>{t('reload')}</button></div>
          ) : problem && <ErrorBox error={problem} />}
          <table className="components">
            <thead><tr>
              {(['link', 'supplier', 'status', 'method', 'confidence', 'evidence', 'decided'] as const).map((k) => <th scope="col" key={k}>{t(k)}</th>)}
              {canEdit && <th scope="col">{t('actions')}</th>}
            </tr></thead>
            <tbody>
              {c.components.map((k, i) => {
                const key = k.id ?? `${linkOf(k)}-${k.supplierId ?? k.supplierName ?? i}`;
                const evidence = typeof k.evidence === 'string' ? k.evidence : (k.evidence ?? []).map((e) => e.text).join(' · ');
                return (
                  <tr key={key} data-component={k.id ?? ''} data-status={k.status ?? ''}>
                    <td>{names.get(linkOf(k)) ?? linkOf(k)}</td>
                    <td>{k.supplierId ? <Link to={`/enterprises/${encodeURIComponent(k.supplierId)}`}>{k.supplierName ?? k.supplierId}</Link> : k.supplierName ?? '–'}</td>
                    <td>{k.status ? t(`st_${k.status}` as MessageKey) : k.reviewed ? t('st_confirmed') : '–'}</td>
                    <td>{k.method ?? ''}</td>
                    <td className="num">{formatNumber(k.confidence, lang, 2)}</td>
                    <td>{evidence}</td>
                    <td>{k.decidedBy ? `${k.decidedBy} ${k.decidedAt ?? ''}` : ''}</td>
                    {canEdit && (
                      <td>
                        {k.id && editing !== k.id && (
                          <span className="actions">
                            <button type="button" onClick={() => write('PATCH', `${base}/${encodeURIComponent(k.id as string)}`, { status: 'confirmed' })}>{t('accept')}</button>
                            <button type="button" onClick={() => write('PATCH', `${base}/${encodeURIComponent(k.id as string)}`, { status: 'rejected' })}>{t('reject')}</button>
                            <button type="button" onClick={() => setEditing(k.id)}>{t('edit')}</button>
                          </span>
                        )}
                        {k.id && editing === k.id && framework.data && (
                          <ComponentForm
                            framework={framework.data} submitLabel={t('save')} onCancel={() => setEditing(undefined)}
                            initial={{ linkId: linkOf(k), supplierId: k.supplierId ?? '', supplierName: k.supplierId ? '' : k.supplierName ?? '', note: k.note ?? '' }}
                            onSave={(d) => write('PATCH', `${base}/${encodeURIComponent(k.id as string)}`, { linkId: d.linkId, ...supplierFields(d), ...(d.note ? { note: d.note } : {}) })}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {canEdit && framework.data && (
            <>
              <h3>{t('addComponent')}</h3>
              <ComponentForm
                framework={framework.data} submitLabel={t('addComponent')} initial={{ linkId: '', supplierId: '', supplierName: '', note: '' }}
                onSave={(d) => write('POST', base, { linkId: d.linkId, ...supplierFields(d), ...(d.note ? { note: d.note } : {}) })}
              />
            </>
          )}
        </article>
      );
    }}</Status>
  );
}
