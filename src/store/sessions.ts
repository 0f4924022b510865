/**
 * Signed-in sessions (schema version 3). The browser holds a random token; the
 * database holds only its SHA-256, so a copy of the database signs no one in.
 * A session ends at its absolute expiry, after an idle timeout, at logout, or
 * when its user is disabled or given a new password.
 */
import type { Database } from './database.js';

export interface StoredSession {
  readonly username: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

export async function insertSession(
  db: Database, session: { tokenHash: string; csrfToken: string; username: string; now: Date; expiresAt: Date; ip?: string },
): Promise<void> {
  await db.run(`INSERT INTO sessions VALUES ($tokenHash, $csrfToken, $username, $now::TIMESTAMP, $now::TIMESTAMP, $expiresAt::TIMESTAMP, $ip)`, {
    tokenHash: session.tokenHash, csrfToken: session.csrfToken, username: session.username,
    now: session.now.toISOString(), expiresAt: session.expiresAt.toISOString(), ip: session.ip ?? null,
  });
}

export async function findSession(db: Database, tokenHash: string): Promise<StoredSession | undefined> {
  const row = await db.one('SELECT * FROM sessions WHERE token_hash = $tokenHash', { tokenHash });
  if (!row) return undefined;
  return {
    username: String(row.username), csrfToken: String(row.csrf_token),
    createdAt: date(row.created_at), lastSeenAt: date(row.last_seen_at), expiresAt: date(row.expires_at),
  };
}

export async function touchSession(db: Database, tokenHash: string, now: Date): Promise<void> {
  await db.run('UPDATE sessions SET last_seen_at = $now::TIMESTAMP WHERE token_hash = $tokenHash', { tokenHash, now: now.toISOString() });
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE token_hash = $tokenHash', { tokenHash });
}

export async function deleteUserSessions(db: Database, username: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE username = $username', { username });
}

/** Drops the sessions past their expiry or idle since before `idleSince`. */
export async function deleteStaleSessions(db: Database, now: Date, idleSince: Date): Promise<void> {
  await db.run('DELETE FROM sessions WHERE expires_at <= $now::TIMESTAMP OR last_seen_at <= $idle::TIMESTAMP',
    { now: now.toISOString(), idle: idleSince.toISOString() });
}
