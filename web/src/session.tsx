/**
 * Who is signed in. The server's /api/auth/me answers the user and the CSRF
 * token, or 401 when nobody is signed in (the app then shows the sign-in page).
 * A server without the auth endpoints (404) is a local, read-only API: the app
 * works without a user and shows no edit controls.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, getJson, sendJson, setCsrfToken } from './api';

export type Role = 'viewer' | 'analyst' | 'admin';

export interface User {
  readonly username: string;
  readonly displayName?: string;
  readonly role: Role;
}

export interface Session {
  /** undefined while asking; null: nobody signed in. */
  readonly user: User | null | undefined;
  /** The server has no sign-in (read-only API). */
  readonly open: boolean;
  readonly canEdit: boolean;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    getJson<{ user: User; csrfToken: string }>('/api/auth/me').then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setUser(me.user);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setOpen(true);
        setUser(null);
      },
    );
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await sendJson<{ user: User; csrfToken: string }>('POST', '/api/auth/login', { username, password });
    setCsrfToken(result.csrfToken);
    setOpen(false);
    setUser(result.user);
  }, []);

  const signOut = useCallback(async () => {
    await sendJson('POST', '/api/auth/logout');
    setCsrfToken(undefined);
    setUser(null);
  }, []);

  const canEdit = !!user && (user.role === 'analyst' || user.role === 'admin');
  return <SessionContext.Provider value={{ user, open, canEdit, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
