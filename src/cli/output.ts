/**
 * The CLI's output policy, in one place: a terminal gets tables, a pipe or
 * `--json` gets JSON on stdout; notes, progress and errors go to stderr.
 */
import Table from 'cli-table3';
import type { Issue, Lang } from '../model/index.js';
import { formatIssue } from '../model/index.js';

export interface Output {
  readonly lang: Lang;
  readonly json: boolean;
  /** Prints a value: as JSON, or through `render` as text for a terminal. */
  result(value: unknown, render: () => string): void;
  note(text: string): void;
  issues(items: readonly Issue[], limit?: number): void;
}

/** `stdout` may be redirected (the main job sends its set-up report to stderr, keeping stdout for the overview). */
export function createOutput(options: { json?: boolean; lang: Lang; stdout?: NodeJS.WriteStream }): Output {
  const stdout = options.stdout ?? process.stdout;
  const json = options.json === true || !stdout.isTTY;
  return {
    lang: options.lang,
    json,
    result(value, render) {
      stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : render() + '\n');
    },
    note(text) {
      process.stderr.write(text + '\n');
    },
    issues(items, limit = 200) {
      for (const item of items.slice(0, limit)) process.stderr.write(`  ${formatIssue(item, options.lang)}\n`);
      if (items.length > limit) {
        process.stderr.write(options.lang === 'zh' ? `  ……另有 ${items.length - limit} 条问题\n` : `  … and ${items.length - limit} more problem(s)\n`);
      }
    },
  };
}

export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const t = new Table({ head: [...head], style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}
