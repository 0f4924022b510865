/**
 * Who is calling, and may they: local accounts with sessions in a cookie.
 *
 *   request ── cookie chainatlas_session → SHA-256 → sessions row (store)
 *   │          expired (absolute or idle)? → as if signed out
 *   access ─── public | viewer < analyst < admin, declared per route
 *   │          no session → 401 auth.required; lower role → 403 auth.forbidden
 *   csrf ───── every non-GET needs x-csrf-token = the session's token → else 403 auth.csrf
 *
 * Sign-in checks the password with scrypt (passwords.ts), the same work for an
 * unknown name as for a wrong password, and refuses further tries for a while
 * after repeated failures per name and per address (429). Without auth
 * (`serve --no-auth`, loopback only) every request is the local admin, and
 * writes still need the server's CSRF token, so a web page elsewhere cannot
 * post to the local server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../model/index.js';
import {
  deleteSession, deleteStaleSessions, findSession, findUser, insertSession, recordAudit, touchSession, type Database, type Role,
} from '../store/index.js';
import { verifyPassword } from './passwords.js';
import type { WriteQueue } from './write-queue.js';

export const SESSION_COOKIE = 'chainatlas_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** The user every request is without auth. */
export const LOCAL_USER: SessionUser = { username: 'local', displayName: 'local', role: 'admin' };

export interface AuthOptions {
  /** `accounts` (default): sign-in with local accounts; `none`: everyone is the local admin (loopback only). */
  readonly mode?: 'accounts' | 'none';
  /** A session ends this long after sign-in (default 12 h)… */
  readonly sessionMs?: number;
  /** …or this long after its last request (default 30 min). */
  readonly idleMs?: number;
  /** Failed sign-ins per username (default 10) and per address (default 50) within `failureWindowMs` (default 15 min) before 429. */
  readonly maxFailuresPerUser?: number;
  readonly maxFailuresPerAddress?: number;
  readonly failureWindowMs?: number;
  /** The clock (tests move it to expire sessions). */
  readonly now?: () => Date;
}

export interface Identity {
  readonly user?: SessionUser;
  readonly csrfToken?: string;
  readonly tokenHash?: string;
}

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };
export const hasRole = (user: SessionUser, needed: Role) => RANK[user.role] >= RANK[needed];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const token = () => randomBytes(32).toString('base64url');
// Touching a session on every request would write on every read; once a minute keeps the idle clock close enough.
const TOUCH_EVERY_MS = 60_000;
/**
 * How long a session's lookup is trusted without asking the database again: a page loads a dozen resources at once,
 * and a session read from DuckDB per request would cap the server at a few thousand answers a second. Any write
 * through the server (a sign-out, a user changed or disabled) forgets every lookup at once (`forgetSessions`).
 */
const IDENTITY_TTL_MS = 5_000;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);
export const isLoopback = (host: string) => LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);

/** `--no-auth` on any address but loopback is refused: anyone who can reach it would be an admin. */
export function assertNoAuthHost(host: string): void {
  if (!isLoopback(host)) throw new AppError('auth.no_auth_not_loopback', { host });
}

/** Failed sign-ins per key within a sliding window. */
class FailureCounter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}

  recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  note(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Seconds until the oldest failure leaves the window. */
  wait(key: string, now: number): number {
    const oldest = this.recent(key, now)[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }
}

export class Authenticator {
  readonly mode: 'accounts' | 'none';
  readonly sessionMs: number;
  private readonly idleMs: number;
  private readonly now: () => Date;
  private readonly failures: FailureCounter;
  private readonly limits: { user: number; address: number };
  /** Without auth: the one CSRF token, for the life of the server. */
  private readonly serverCsrf = token();
  /** Recent session lookups by token hash, until the time given (see IDENTITY_TTL_MS). */
  private readonly identities = new Map<string, { readonly identity: Identity; readonly until: number }>();

  constructor(private readonly db: Database, private readonly writes: WriteQueue, options: AuthOptions = {}) {
    this.mode = options.mode ?? 'accounts';
    this.sessionMs = options.sessionMs ?? 12 * 3600_000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.now = options.now ?? (() => new Date());
    this.failures = new FailureCounter(options.failureWindowMs ?? 15 * 60_000);
    this.limits = { user: options.maxFailuresPerUser ?? 10, address: options.maxFailuresPerAddress ?? 50 };
  }

  /** The user of a request from its session cookie; nobody when there is none or it has ended. */
  async identify(cookie: string | undefined): Promise<Identity> {
    if (this.mode === 'none') return { user: LOCAL_USER, csrfToken: this.serverCsrf };
    if (!cookie) return {};
    const tokenHash = sha256(cookie);
    const known = this.identities.get(tokenHash);
    if (known && known.until > this.now().getTime()) return known.identity;
    const identity = await this.lookUp(tokenHash);
    if (this.identities.size >= 10_000) this.identities.clear();
    this.identities.set(tokenHash, { identity, until: this.now().getTime() + IDENTITY_TTL_MS });
    return identity;
  }

  /** Every remembered session lookup is dropped: the next request of each session asks the database. */
  forgetSessions(): void {
    this.identities.clear();
  }

  private async lookUp(tokenHash: string): Promise<Identity> {
    const session = await findSession(this.db, tokenHash);
    if (!session) return {};
    const now = this.now();
    const user = await findUser(this.db, session.username);
    const ended = session.expiresAt <= now || session.lastSeenAt.getTime() + this.idleMs <= now.getTime();
    if (ended || !user || user.disabled) {
      await this.writes.run(() => deleteSession(this.db, tokenHash));
      return {};
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.writes.run(() => touchSession(this.db, tokenHash, now));
    return { user: { username: user.username, displayName: user.displayName, role: user.role }, csrfToken: session.csrfToken, tokenHash };
  }

  /** 401 without a user where one is needed, 403 for a write without the right CSRF token or a user below the route's role. */
  authorize(access: 'public' | Role, identity: Identity, method: string, csrfHeader: string | undefined): void {
    if (access === 'public') return;
    const user = identity.user;
    if (!user) throw new AppError('auth.required', {});
    if (method !== 'GET' && method !== 'HEAD' && !(csrfHeader && identity.csrfToken && csrfHeader === identity.csrfToken)) {
      throw new AppError('auth.csrf', {});
    }
    if (!hasRole(user, access)) throw new AppError('auth.forbidden', { role: access });
  }

  /** Checks the password and opens a session (called by a POST handler, so already in the write queue): its cookie token (the database keeps only its hash) and CSRF token. */
  async signIn(username: string, password: string, ip: string): Promise<{ user: SessionUser; token: string; csrfToken: string }> {
    if (this.mode === 'none') return { user: LOCAL_USER, token: '', csrfToken: this.serverCsrf };
    const name = username.trim().toLowerCase();
    const now = this.now().getTime();
    for (const [key, limit] of [[`user:${name}`, this.limits.user], [`ip:${ip}`, this.limits.address]] as const) {
      if (this.failures.recent(key, now).length >= limit) throw new AppError('auth.too_many_attempts', { seconds: this.failures.wait(key, now) });
    }
    const user = await findUser(this.db, name);
    const usable = user && !user.disabled ? user : undefined;
    if (!(await verifyPassword(password, usable?.passwordHash))) {
      this.failures.note(`user:${name}`, now);
      this.failures.note(`ip:${ip}`, now);
      await recordAudit(this.db, { username: name, action: 'auth.login_failed', targetKind: 'user', targetId: name, ip });
      throw new AppError('auth.invalid_credentials', {});
    }
    const account = usable as NonNullable<typeof usable>;
    this.failures.clear(`user:${name}`);
    const session = { token: token(), csrfToken: token() };
    const at = this.now();
    await deleteStaleSessions(this.db, at, new Date(at.getTime() - this.idleMs));
    await insertSession(this.db, {
      tokenHash: sha256(session.token), csrfToken: session.csrfToken, username: account.username, now: at, expiresAt: new Date(at.getTime() + this.sessionMs), ip,
    });
    await recordAudit(this.db, { username: account.username, action: 'auth.login', targetKind: 'user', targetId: account.username, ip });
    return { user: { username: account.username, displayName: account.displayName, role: account.role }, ...session };
  }

  async signOut(identity: Identity, ip: string): Promise<void> {
    const { tokenHash, user } = identity;
    if (this.mode === 'none' || !tokenHash || !user) return;
    await deleteSession(this.db, tokenHash);
    await recordAudit(this.db, { username: user.username, action: 'auth.logout', targetKind: 'user', targetId: user.username, ip });
  }
}
