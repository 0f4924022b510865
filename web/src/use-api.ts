/** Reading one API URL into a component: the value, the error, and a reload; a newer URL wins over a slower older one. */
import { useCallback, useEffect, useState } from 'react';
import { getJson, type ApiError } from './api';
import { useLang } from './i18n';

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: ApiError | Error;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useApi<T>(url: string | undefined): Loaded<T> {
  const lang = useLang();
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({ loading: url !== undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === undefined) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(url).then(
      (data) => live && setState({ data, loading: false }),
      (error: ApiError | Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // The language is in the key: error messages come in the reader's language.
  }, [url, tick, lang]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
