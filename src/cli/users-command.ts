/**
 * `chainatlas users add|list|passwd|disable|enable`: local accounts from the
 * command line, which is how the first admin is made. A password is read
 * from standard input with --password-stdin (one line), else prompted for
 * twice on the terminal without echo; never from a flag (it would sit in the
 * shell history). Every change is written to the audit log as `cli:<name>`
 * (CHAINATLAS_USER, else the login name).
 */
import { createInterface } from 'node:readline';
import { AppError } from '../model/index.js';
import {
  deleteUserSessions, findUser, insertUser, isRole, listUsers, publicUser, recordAudit, ROLES, updateUser, type Database, type Role,
} from '../store/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/index.js';
import type { Output } from './output.js';
import { table } from './output.js';
import { decider } from './review-commands.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const cliActor = () => `cli:${decider(undefined)}`;

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal with the typed characters hidden. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    output._writeToOutput = (text: string) => {
      // The question is written once; what the user types is not echoed.
      if (!asked) { process.stderr.write(text); asked = true; }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function newPassword(fromStdin: boolean | undefined, out: Output): Promise<string> {
  let password: string;
  if (fromStdin) password = await readStdinLine();
  else {
    if (!process.stdin.isTTY) throw new AppError('auth.password_needs_terminal', {});
    const zh = out.lang === 'zh';
    password = await promptHidden(zh ? '密码：' : 'Password: ');
    if ((await promptHidden(zh ? '再次输入密码：' : 'Password again: ')) !== password) throw new AppError('auth.password_mismatch', {});
  }
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('auth.weak_password', { min: MIN_PASSWORD_LENGTH });
  return password;
}

function usernameOf(text: string): string {
  const name = text.trim().toLowerCase();
  if (!USERNAME.test(name)) throw new AppError('auth.bad_username', { username: text });
  return name;
}

function roleOf(text: string | undefined): Role {
  if (!isRole(text)) throw new AppError('cli.bad_option', { option: '--role', reason: ROLES.join(' | ') });
  return text;
}

export async function runUsersAdd(
  db: Database, name: string, options: { role?: string; displayName?: string; passwordStdin?: boolean }, out: Output,
): Promise<number> {
  const username = usernameOf(name);
  const role = roleOf(options.role);
  if (await findUser(db, username)) throw new AppError('auth.user_exists', { username });
  const passwordHash = await hashPassword(await newPassword(options.passwordStdin, out));
  const user = { username, displayName: options.displayName?.trim() || username, role, passwordHash };
  await db.transaction(async () => {
    await insertUser(db, user);
    await recordAudit(db, { username: cliActor(), action: 'user.create', targetKind: 'user', targetId: username, after: { username, displayName: user.displayName, role } });
  });
  out.result({ username, displayName: user.displayName, role }, () => (out.lang === 'zh' ? `已创建用户 ${username}（${role}）` : `Created user ${username} (${role})`));
  return 0;
}

export async function runUsersList(db: Database, out: Output): Promise<number> {
  const users = await listUsers(db);
  const zh = out.lang === 'zh';
  out.result(users, () => (users.length === 0
    ? (zh ? '还没有用户。' : 'No users yet.')
    : table(zh ? ['用户名', '显示名', '角色', '状态', '创建时间'] : ['username', 'name', 'role', 'state', 'created'],
      users.map((u) => [u.username, u.displayName, u.role, u.disabled ? (zh ? '已停用' : 'disabled') : (zh ? '可用' : 'enabled'), u.createdAt]))));
  return 0;
}

/** passwd, disable and enable: one change to an existing user, audited, its sessions ended. */
export async function runUsersChange(
  db: Database, name: string, change: 'passwd' | 'disable' | 'enable', options: { passwordStdin?: boolean }, out: Output,
): Promise<number> {
  const username = usernameOf(name);
  const before = await findUser(db, username);
  if (!before) throw new AppError('auth.unknown_user', { username });
  const update = change === 'passwd'
    ? { passwordHash: await hashPassword(await newPassword(options.passwordStdin, out)) }
    : { disabled: change === 'disable' };
  await db.transaction(async () => {
    await updateUser(db, username, update);
    if (change !== 'enable') await deleteUserSessions(db, username);
    const after = await findUser(db, username);
    await recordAudit(db, {
      username: cliActor(), action: 'user.update', targetKind: 'user', targetId: username,
      before: publicUser(before), after: after ? { ...publicUser(after), ...(change === 'passwd' ? { passwordChanged: true } : {}) } : undefined,
    });
  });
  const zh = out.lang === 'zh';
  const done = { passwd: zh ? '已更改密码' : 'Password changed', disable: zh ? '已停用' : 'Disabled', enable: zh ? '已启用' : 'Enabled' }[change];
  out.result({ username, change }, () => `${done}: ${username}`);
  return 0;
}
