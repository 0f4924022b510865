/**
 * The review workflow as an analyst runs it from the command line: decompose,
 * read the queue, decide, and see the decision hold — with exit codes and one
 * clear line for a mistake.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

function cli(dbFile: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [CLI, '--db', dbFile, '--json', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHAINATLAS_LANG: 'en', CHAINATLAS_USER: 'tester' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface QueueItem { kind: string; subject: string; link: string; consequence: number }

test('decompose, review the queue, accept and reject: decisions hold on the next decompose', () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'chainatlas-review-cli-')), 'x.duckdb');
  assert.equal(cli(dbFile, ['init']).status, 0);
  const decomposed = cli(dbFile, ['decompose', '--all']);
  assert.equal(decomposed.status, 0, decomposed.stderr);
  const report = JSON.parse(decomposed.stdout) as { written: number; comparison: { recall: number } };
  assert.ok(report.written > 0);

  const queue = JSON.parse(cli(dbFile, ['review', 'queue', '--kind', 'component']).stdout) as QueueItem[];
  assert.ok(queue.length >= 2, 'some classified components wait for review');
  for (let i = 1; i < queue.length; i++) assert.ok((queue[i - 1] as QueueItem).consequence >= (queue[i] as QueueItem).consequence, 'most consequential first');
  const [first, second] = queue as [QueueItem, QueueItem];
  assert.equal(cli(dbFile, ['review', 'accept', '--case', first.subject, '--link', first.link]).status, 0);
  assert.equal(cli(dbFile, ['review', 'reject', '--case', second.subject, '--link', second.link, '--note', 'not in the source']).status, 0);

  assert.equal(cli(dbFile, ['decompose', '--all']).status, 0);
  const after = JSON.parse(cli(dbFile, ['review', 'queue', '--kind', 'component']).stdout) as QueueItem[];
  const keys = new Set(after.map((i) => `${i.subject}|${i.link}`));
  assert.ok(!keys.has(`${first.subject}|${first.link}`) && !keys.has(`${second.subject}|${second.link}`), 'decided items leave the queue for good');
  assert.equal(after.length, queue.length - 2);

  const shown = JSON.parse(cli(dbFile, ['cases', 'show', first.subject]).stdout) as { components: { link: string }[] };
  assert.ok(shown.components.some((c) => c.link === first.link));
});

test('a decision about nothing, or with both --case and --enterprise, is one clear error', () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'chainatlas-review-cli-')), 'x.duckdb');
  assert.equal(cli(dbFile, ['init']).status, 0);
  const nothing = cli(dbFile, ['review', 'accept', '--case', 'jx-longqi-5g-smart-factory', '--link', 'security.data']);
  assert.equal(nothing.status, 1);
  assert.match(nothing.stderr, /nothing to decide/);
  const both = cli(dbFile, ['review', 'accept', '--case', 'a', '--enterprise', 'b', '--link', 'security.data']);
  assert.equal(both.status, 1);
  assert.match(both.stderr, /exactly one of --case/);
  const unknownLink = cli(dbFile, ['review', 'accept', '--case', 'jx-longqi-5g-smart-factory', '--link', 'no.such.link']);
  assert.equal(unknownLink.status, 1);
  const unknownCase = cli(dbFile, ['decompose', '--case', 'no-such-case']);
  assert.equal(unknownCase.status, 1);
});
