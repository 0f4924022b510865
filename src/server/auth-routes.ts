/**
 * Sign-in, sign-out and who am I; user management and the audit log (admin).
 * Every change of a user is written to the audit log with the user before and
 * after (never a password or its hash). A user given a new password or
 * disabled is signed out everywhere. The last enabled admin cannot be
 * disabled or demoted, so the server is never left without one.
 */
import { AppError } from '../model/index.js';
import {
  countUsers, deleteUserSessions, findUser, insertUser, listAudit, listUsers, publicUser, recordAudit, updateUser, type Database, type StoredUser, type UserChange,
} from '../store/index.js';
import { hashPassword } from './passwords.js';
import { route, type RouteContext } from './route-spec.js';
import * as w from './write-schemas.js';

const actorName = (ctx: RouteContext) => ctx.user?.username ?? '';

async function existingUser(db: Database, username: string): Promise<StoredUser> {
  const found = await findUser(db, username.trim().toLowerCase());
  if (!found) throw new AppError('auth.unknown_user', { username });
  return found;
}

export const AUTH_ROUTES = [
  route({
    method: 'POST', url: '/api/auth/login', summary: 'sign in: sets the session cookie (HttpOnly, SameSite=Strict) and returns the CSRF token',
    access: 'public', body: w.loginBody, response: w.sessionResponse, errors: [401, 429],
    handle: ({ body }, ctx) => ctx.session.signIn(body.username, body.password),
  }),
  route({
    method: 'POST', url: '/api/auth/logout', summary: 'sign out: ends the session and clears the cookie', status: 204, errors: [401, 403],
    handle: async (_input, ctx) => {
      await ctx.session.signOut();
      return undefined;
    },
  }),
  route({
    method: 'GET', url: '/api/auth/me', summary: 'the signed-in user and the CSRF token (401 when signed out)', response: w.sessionResponse, errors: [401],
    handle: (_input, ctx) => ({ user: ctx.user, csrfToken: ctx.session.csrfToken }),
  }),
  route({
    method: 'GET', url: '/api/users', summary: 'every user', access: 'admin', response: w.usersResponse,
    handle: async (_input, ctx) => ({ items: await listUsers(ctx.db) }),
  }),
  route({
    method: 'POST', url: '/api/users', summary: 'create a user', access: 'admin', status: 201, body: w.newUserBody, response: w.userResponse, errors: [409],
    handle: async ({ body }, ctx) => {
      if (await findUser(ctx.db, body.username)) throw new AppError('auth.user_exists', { username: body.username });
      const user = { username: body.username, displayName: body.displayName ?? body.username, role: body.role, passwordHash: await hashPassword(body.password) };
      await ctx.db.transaction(async () => {
        await insertUser(ctx.db, user);
        await recordAudit(ctx.db, { username: actorName(ctx), action: 'user.create', targetKind: 'user', targetId: user.username, after: publicUser({ ...user, disabled: false, createdAt: '' }), ip: ctx.ip });
      });
      return publicUser(await existingUser(ctx.db, user.username));
    },
  }),
  route({
    method: 'PATCH', url: '/api/users/:username', summary: "change a user's role, password, name or disabled state",
    access: 'admin', params: w.usernameParams, body: w.userChangeBody, response: w.userResponse, errors: [404, 409],
    handle: async ({ params, body }, ctx) => {
      const before = await existingUser(ctx.db, params.username);
      const losesAdmin = before.role === 'admin' && !before.disabled && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
      if (losesAdmin && (await countUsers(ctx.db, 'admin')) <= 1) throw new AppError('auth.last_admin', { username: before.username });
      const change: UserChange = {
        ...(body.role !== undefined ? { role: body.role } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
      };
      await ctx.db.transaction(async () => {
        await updateUser(ctx.db, before.username, change);
        if (body.password !== undefined || body.disabled === true) await deleteUserSessions(ctx.db, before.username);
        const after = await existingUser(ctx.db, before.username);
        await recordAudit(ctx.db, {
          username: actorName(ctx), action: 'user.update', targetKind: 'user', targetId: before.username, ip: ctx.ip,
          before: publicUser(before), after: { ...publicUser(after), ...(body.password !== undefined ? { passwordChanged: true } : {}) },
        });
      });
      return publicUser(await existingUser(ctx.db, before.username));
    },
  }),
  route({
    method: 'GET', url: '/api/audit', summary: 'the audit trail, newest first, filtered and paginated', access: 'admin', query: w.auditQuery, response: w.auditResponse,
    handle: ({ query: q }, ctx) => listAudit(ctx.db, {
      limit: q.limit, offset: q.offset, ...(q.user ? { username: q.user } : {}), ...(q.action ? { action: q.action } : {}), ...(q.targetKind ? { targetKind: q.targetKind } : {}),
    }),
  }),
];
