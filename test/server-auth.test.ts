/**
 * Sign-in and access over HTTP against a real database: the session cookie's
 * flags, CSRF on every write, 401/403 by role for every route of the table,
 * wrong passwords, the lock-out after repeated failures, session expiry
 * (absolute and idle, by moving the server's clock), user management with
 * its audit entries, the last admin kept, and --no-auth on loopback only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../src/model/index.js';
import { API_ROUTES, assertNoAuthHost, verifyPassword, hashPassword, SESSION_COOKIE } from '../src/server/index.js';
import { countUsers, findSession, findUser } from '../src/store/index.js';
import { createHash } from 'node:crypto';
import { Client, errorOf, PASSWORD, startServer, type TestServer } from './server-helpers.js';

let server: TestServer;

before(async () => {
  server = await startServer();
});
after(async () => server.close());

test('passwords: scrypt with a per-password salt; the right one verifies, others do not', async () => {
  const a = await hashPassword('s3cret-密码-🔑');
  const b = await hashPassword('s3cret-密码-🔑');
  assert.notEqual(a, b, 'each hash has its own salt');
  assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.equal(await verifyPassword('s3cret-密码-🔑', a), true);
  assert.equal(await verifyPassword('s3cret-密码-🔐', a), false);
  assert.equal(await verifyPassword('anything', undefined), false, 'no stored hash never verifies');
});

test('login sets an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token; me and logout', async () => {
  const c = new Client(server.app);
  const anonymous = await c.get('/api/auth/me');
  assert.equal(anonymous.status, 401);
  assert.equal(errorOf(anonymous.body).code, 'auth.required');

  const reply = await c.login('analyst');
  assert.equal(reply.status, 200);
  const body = reply.body as { user: { username: string; role: string; displayName: string }; csrfToken: string };
  assert.deepEqual(body.user, { username: 'analyst', displayName: 'analyst 用户', role: 'analyst' });
  assert.ok(body.csrfToken.length >= 32);
  const cookie = String([reply.headers['set-cookie']].flat()[0]);
  assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/, 'plain http on loopback (inject uses localhost)');
  // The database keeps the token's hash, not the token.
  assert.ok(await findSession(server.db, createHash('sha256').update(c.cookie).digest('hex')));
  assert.equal(await findSession(server.db, c.cookie), undefined);

  const me = await c.get('/api/auth/me');
  assert.equal(me.status, 200);
  assert.deepEqual(me.body, body);

  const out = await c.send('POST', '/api/auth/logout');
  assert.equal(out.status, 204);
  assert.match(String([out.headers['set-cookie']].flat()[0]), new RegExp(`^${SESSION_COOKIE}=;`));
  assert.equal((await c.get('/api/auth/me')).status, 401, 'the old cookie no longer signs in');
});

test('the cookie is Secure when the server is reached over a non-loopback name', async () => {
  const reply = await server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'atlas.example.org' }, payload: { username: 'viewer', password: PASSWORD } });
  assert.equal(reply.statusCode, 200);
  assert.match(String([reply.headers['set-cookie']].flat()[0]), /Secure/);
});

test('wrong credentials are one 401 for a wrong password, an unknown user and a disabled one', async () => {
  const c = new Client(server.app);
  for (const [username, password] of [['analyst', 'wrong password'], ['nobody', PASSWORD], ['', '']]) {
    const r = await c.send('POST', '/api/auth/login', { payload: { username, password }, headers: { 'accept-language': 'en' } });
    assert.equal(r.status, 401, username);
    assert.deepEqual(r.body, { error: { code: 'auth.invalid_credentials', message: messages['auth.invalid_credentials']().en, details: [] } });
    assert.equal(r.headers['set-cookie'], undefined);
  }
  const missing = await c.send('POST', '/api/auth/login', { payload: { username: 'analyst' } });
  assert.equal(missing.status, 400);
  assert.deepEqual(errorOf(missing.body).details.map((d) => d.path), ['body.password']);
});

test('repeated failures lock the name out (429 with Retry-After), and the window passing lets it in again', async () => {
  const local = await startServer({ auth: { maxFailuresPerUser: 3 } });
  try {
    const c = new Client(local.app);
    for (let i = 0; i < 3; i++) assert.equal((await c.login('viewer', 'nope nope')).status, 401);
    const locked = await c.login('viewer');
    assert.equal(locked.status, 429, 'even the right password waits');
    assert.equal(errorOf(locked.body).code, 'auth.too_many_attempts');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    local.advance(16 * 60_000);
    assert.equal((await c.login('viewer')).status, 200);
  } finally {
    await local.close();
  }
});

test('sessions end after the idle timeout and after the absolute lifetime', async () => {
  const local = await startServer({ auth: { idleMs: 10 * 60_000, sessionMs: 60 * 60_000 } });
  try {
    const idle = await local.client('viewer');
    local.advance(9 * 60_000);
    assert.equal((await idle.get('/api/auth/me')).status, 200, 'used within the idle time');
    local.advance(9 * 60_000);
    assert.equal((await idle.get('/api/auth/me')).status, 200, 'the last request moved the idle clock');
    local.advance(11 * 60_000);
    assert.equal((await idle.get('/api/auth/me')).status, 401, 'idle too long');

    const busy = await local.client('viewer');
    for (let minutes = 0; minutes < 55; minutes += 5) {
      local.advance(5 * 60_000);
      assert.equal((await busy.get('/api/health')).status, 200);
      assert.equal((await busy.get('/api/auth/me')).status, 200);
    }
    local.advance(6 * 60_000);
    const expired = await busy.get('/api/enterprises?limit=1');
    assert.equal(expired.status, 401, 'past the absolute lifetime, however busy');
    assert.equal(errorOf(expired.body).code, 'auth.required');
  } finally {
    await local.close();
  }
});

test('every route: 401 signed out, 403 below its role, and writes 403 without the right CSRF token', async () => {
  const viewer = await server.client('viewer');
  const analyst = await server.client('analyst');
  const anonymous = new Client(server.app);
  const rank = { public: 0, viewer: 1, analyst: 2, admin: 3 } as const;
  for (const r of API_ROUTES) {
    const url = r.url.replace(/:[A-Za-z]+/g, 'x');
    const label = `${r.method} ${r.url}`;
    if (r.access === 'public') {
      assert.notEqual((await anonymous.send(r.method, url, { payload: {} })).status, 401, label);
      continue;
    }
    const signedOut = await anonymous.send(r.method, url, { payload: {} });
    assert.equal(signedOut.status, 401, label);
    assert.equal(errorOf(signedOut.body).code, 'auth.required');
    for (const [who, client, role] of [['viewer', viewer, 'viewer'], ['analyst', analyst, 'analyst']] as const) {
      if (rank[role] >= rank[r.access]) continue;
      const below = await client.send(r.method, url, { payload: {} });
      assert.equal(below.status, 403, `${label} as ${who}`);
      assert.equal(errorOf(below.body).code, 'auth.forbidden');
    }
    if (r.method !== 'GET') {
      const admin = await server.client('admin');
      for (const csrf of [false, 'wrong-token'] as const) {
        const forged = await admin.send(r.method, url, { payload: {}, csrf });
        assert.equal(forged.status, 403, `${label} csrf ${String(csrf)}`);
        assert.equal(errorOf(forged.body).code, 'auth.csrf');
      }
      // Another session's token is no good either.
      assert.equal((await admin.send(r.method, url, { payload: {}, csrf: viewer.csrf })).status, 403, label);
    }
  }
});

test('admins manage users: create, list, change role and password, disable; each change is audited', async () => {
  const admin = await server.client('admin');
  const created = await admin.send('POST', '/api/users', { payload: { username: 'Li.Wei', password: 'long enough pw', role: 'viewer', displayName: '李伟' } });
  assert.equal(created.status, 201);
  assert.deepEqual({ ...(created.body as object), createdAt: undefined }, { username: 'li.wei', displayName: '李伟', role: 'viewer', disabled: false, createdAt: undefined });
  assert.equal((created.body as Record<string, unknown>).passwordHash, undefined);
  assert.equal((await admin.send('POST', '/api/users', { payload: { username: 'li.wei', password: 'long enough pw', role: 'viewer' } })).status, 409);
  const invalid = await admin.send('POST', '/api/users', { payload: { username: '../x', password: 'short', role: 'root' } });
  assert.equal(invalid.status, 400);
  assert.deepEqual(errorOf(invalid.body).details.map((d) => d.path).sort(), ['body.password', 'body.role', 'body.username']);

  const listed = await admin.get('/api/users');
  assert.deepEqual((listed.body as { items: { username: string }[] }).items.map((u) => u.username), ['admin', 'analyst', 'li.wei', 'viewer']);

  const li = new Client(server.app);
  assert.equal((await li.login('li.wei', 'long enough pw')).status, 200);
  assert.equal((await li.send('POST', '/api/imports/x/commit', { payload: {} })).status, 403, 'a viewer cannot commit imports');
  const promoted = await admin.send('PATCH', '/api/users/li.wei', { payload: { role: 'analyst' } });
  assert.equal(promoted.status, 200);
  assert.equal((promoted.body as { role: string }).role, 'analyst');
  assert.equal(((await li.get('/api/auth/me')).body as { user: { role: string } }).user.role, 'analyst', 'the new role holds at once');

  assert.equal((await admin.send('PATCH', '/api/users/li.wei', { payload: { password: 'a new long password' } })).status, 200);
  assert.equal((await li.get('/api/auth/me')).status, 401, 'a new password ends the sessions');
  assert.equal((await li.login('li.wei', 'long enough pw')).status, 401);
  assert.equal((await li.login('li.wei', 'a new long password')).status, 200);
  assert.equal((await admin.send('PATCH', '/api/users/li.wei', { payload: { disabled: true } })).status, 200);
  assert.equal((await li.get('/api/auth/me')).status, 401);
  assert.equal((await li.login('li.wei', 'a new long password')).status, 401, 'a disabled user cannot sign in');
  assert.equal((await admin.send('PATCH', '/api/users/nobody', { payload: { disabled: true } })).status, 404);
  const empty = await admin.send('PATCH', '/api/users/li.wei', { payload: {} });
  assert.equal(empty.status, 400);

  const audit = await admin.get('/api/audit?targetKind=user&action=user.&limit=10');
  assert.equal(audit.status, 200);
  const entries = (audit.body as { items: { action: string; targetId: string; username: string; before?: { role: string }; after?: Record<string, unknown> }[] }).items
    .filter((e) => e.targetId === 'li.wei');
  assert.deepEqual(entries.map((e) => e.action), ['user.update', 'user.update', 'user.update', 'user.create']);
  assert.ok(entries.every((e) => e.username === 'admin'));
  assert.equal(entries[2]?.before?.role, 'viewer');
  assert.equal(entries[2]?.after?.role, 'analyst');
  assert.equal(entries[1]?.after?.passwordChanged, true);
  assert.ok(!JSON.stringify(audit.body).includes('scrypt$'), 'no password hash in the audit log');
  const logins = await admin.get('/api/audit?action=auth.login');
  assert.ok((logins.body as { items: { action: string }[] }).items.some((e) => e.action === 'auth.login_failed'));
});

test('the last enabled admin can be neither disabled nor demoted', async () => {
  const admin = await server.client('admin');
  assert.equal(await countUsers(server.db, 'admin'), 1);
  for (const payload of [{ disabled: true }, { role: 'analyst' }]) {
    const r = await admin.send('PATCH', '/api/users/admin', { payload });
    assert.equal(r.status, 409);
    assert.equal(errorOf(r.body).code, 'auth.last_admin');
  }
  assert.equal((await findUser(server.db, 'admin'))?.role, 'admin');
});

test('--no-auth: the local admin, writes still need the CSRF token, and only on loopback', async () => {
  const local = await startServer({ auth: { mode: 'none' } });
  try {
    const c = new Client(local.app);
    const me = await c.get('/api/auth/me');
    assert.equal(me.status, 200);
    const body = me.body as { user: { username: string; role: string }; csrfToken: string };
    assert.equal(body.user.username, 'local');
    assert.equal(body.user.role, 'admin');
    assert.equal((await c.get('/api/users')).status, 200);
    assert.equal((await c.send('PATCH', '/api/users/viewer', { payload: { role: 'analyst' } })).status, 403, 'no CSRF token');
    assert.equal((await c.send('PATCH', '/api/users/viewer', { payload: { role: 'analyst' }, csrf: body.csrfToken })).status, 200);
  } finally {
    await local.close();
  }
  for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.2']) assert.doesNotThrow(() => assertNoAuthHost(host), host);
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'atlas.example.org']) {
    assert.throws(() => assertNoAuthHost(host), (e: Error & { code?: string }) => e.code === 'auth.no_auth_not_loopback', host);
  }
});

test('the OpenAPI document gives each route its access, the cookie security scheme and the CSRF header on writes', async () => {
  const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
    paths: Record<string, Record<string, { 'x-access': string; description: string; security: unknown[]; parameters: { $ref?: string }[]; responses: Record<string, unknown> }>>;
  }>();
  assert.deepEqual(doc.components.securitySchemes.session, { ...doc.components.securitySchemes.session, type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  for (const r of API_ROUTES) {
    const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
    assert.ok(op, `${r.method} ${r.url}`);
    assert.equal(op['x-access'], r.access);
    assert.match(op.description, /^Access: /);
    assert.equal(op.security.length, r.access === 'public' ? 0 : 1);
    assert.equal(op.parameters.some((p) => p.$ref === '#/components/parameters/CsrfToken'), r.access !== 'public' && r.method !== 'GET');
    if (r.access !== 'public') assert.ok(op.responses['401'] && op.responses['403']);
  }
  assert.ok(doc.paths['/api/imports']?.post?.responses['413']);
  assert.ok(doc.paths['/api/cases/{id}/components/{componentId}']?.patch?.responses['409']);
});
