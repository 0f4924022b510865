/**
 * Local accounts (schema version 3). The store keeps the password hash the
 * server computed (src/server/passwords.ts) and never sees a password.
 * Usernames are compared as stored (the API and CLI validate and lower-case them).
 */
import type { Database, Row } from './database.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

export interface User {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface StoredUser extends User {
  readonly passwordHash: string;
}

const time = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? ''));

function userOf(r: Row): StoredUser {
  return {
    username: String(r.username), displayName: String(r.display_name ?? r.username), role: String(r.role) as Role,
    disabled: r.disabled === true, createdAt: time(r.created_at), passwordHash: String(r.password_hash ?? ''),
  };
}

/** The public view of a user (no hash). */
export const publicUser = ({ passwordHash: _hash, ...user }: StoredUser): User => user;

export async function findUser(db: Database, username: string): Promise<StoredUser | undefined> {
  const row = await db.one('SELECT * FROM users WHERE username = $username', { username });
  return row ? userOf(row) : undefined;
}

export async function listUsers(db: Database): Promise<User[]> {
  return (await db.all('SELECT * FROM users ORDER BY username')).map((r) => publicUser(userOf(r)));
}

/** Enabled accounts with the role, all roles when none is given. */
export async function countUsers(db: Database, role?: Role): Promise<number> {
  const row = await db.one(`SELECT count(*)::INTEGER AS n FROM users WHERE NOT coalesce(disabled, false) ${role ? 'AND role = $role' : ''}`, role ? { role } : {});
  return Number(row?.n ?? 0);
}

export async function insertUser(db: Database, user: { username: string; displayName: string; role: Role; passwordHash: string }): Promise<void> {
  await db.run(`INSERT INTO users VALUES ($username, $displayName, $role, $passwordHash, false, now(), now())`, user);
}

export interface UserChange {
  readonly displayName?: string;
  readonly role?: Role;
  readonly passwordHash?: string;
  readonly disabled?: boolean;
}

export async function updateUser(db: Database, username: string, change: UserChange): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const params: Record<string, string | boolean> = { username };
  if (change.displayName !== undefined) { sets.push('display_name = $displayName'); params.displayName = change.displayName; }
  if (change.role !== undefined) { sets.push('role = $role'); params.role = change.role; }
  if (change.passwordHash !== undefined) { sets.push('password_hash = $passwordHash'); params.passwordHash = change.passwordHash; }
  if (change.disabled !== undefined) { sets.push('disabled = $disabled'); params.disabled = change.disabled; }
  await db.run(`UPDATE users SET ${sets.join(', ')} WHERE username = $username`, params);
}
