/**
 * Import: upload a file, read the validation report row by row (nothing is
 * written yet), then commit it whole or its valid rows only; the rejected rows
 * download as CSV with their reasons.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { request, sendJson } from '../api';
import { saveDownload } from '../api';
import { ErrorBox, Field } from '../widgets';

interface Problem { file: string; sheet?: string; row?: number; column?: string; value?: string; reason: string }
interface ImportCheck { id: string; fileName: string; entities: string[]; rows: number; valid: number; rejected: number; problems: Problem[]; committed: boolean }

const ENTITIES = ['enterprises', 'offerings', 'cases', 'components', 'observations'] as const;

export function ImportPage() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [entity, setEntity] = useState('');
  const [check, setCheck] = useState<ImportCheck | undefined>(undefined);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const act = async (body: () => Promise<void>) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await body();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };

  const upload = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    void act(async () => {
      const form = new FormData();
      if (entity) form.append('entity', entity);
      form.append('file', file, file.name);
      setDone('');
      setCheck(await sendJson<ImportCheck>('POST', '/api/imports', form));
    });
  };

  const commit = (partial: boolean) => act(async () => {
    if (!check) return;
    const result = await sendJson<{ committed: boolean; counts: Record<string, unknown> }>('POST', `/api/imports/${encodeURIComponent(check.id)}/commit`, { partial });
    setCheck({ ...check, committed: true });
    setDone(t('committed', { counts: Object.entries(result.counts ?? {}).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') }));
  });

  const rejects = () => act(async () => {
    if (!check) return;
    await saveDownload(await request('GET', `/api/imports/${encodeURIComponent(check.id)}/rejects`), `rejects-${check.id}.csv`);
  });

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('importTitle')}</h1>
      <form className="toolbar" onSubmit={upload}>
        <Field label={t('importFile')}><input ref={input} type="file" name="file" accept=".xlsx,.csv,.json" required /></Field>
        <Field label={t('importEntity')}>
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">{t('entityAuto')}</option>
            {ENTITIES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </Field>
        <button type="submit" disabled={busy}>{t('upload')}</button>
      </form>
      {problem && <ErrorBox error={problem} />}
      {check && (
        <section aria-labelledby="validation-title" className="validation">
          <h2 id="validation-title">{t('validation')}: {check.fileName}</h2>
          <p>{t('rows')} {check.rows} · {t('valid')} {check.valid} · {t('rejected')} {check.rejected}</p>
          {check.problems.length === 0 ? <p className="ok">{t('noProblems')}</p> : (
            <table className="problems">
              <thead><tr>{(['file', 'sheet', 'row', 'column', 'value', 'reason'] as const).map((k) => <th scope="col" key={k}>{t(k)}</th>)}</tr></thead>
              <tbody>{check.problems.map((p, i) => (
                <tr key={i}><td>{p.file}</td><td>{p.sheet ?? ''}</td><td className="num">{p.row ?? ''}</td><td>{p.column ?? ''}</td><td><code>{p.value ?? ''}</code></td><td>{p.reason}</td></tr>
              ))}</tbody>
            </table>
          )}
          {!check.committed && (
            <p className="actions">
              <button type="button" disabled={busy || check.problems.length > 0} onClick={() => void commit(false)}>{t('commit')}</button>
              {check.problems.length > 0 && check.valid > 0 && <button type="button" disabled={busy} onClick={() => void commit(true)}>{t('commitValid')}</button>}
              {check.rejected > 0 && <button type="button" disabled={busy} onClick={() => void rejects()}>{t('downloadRejects')}</button>}
            </p>
          )}
          {done && <p role="status" className="ok">{done}</p>}
        </section>
      )}
    </section>
  );
}
