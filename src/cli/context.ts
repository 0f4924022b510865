/** What every command needs: the database, the framework and the reader's language, from flags and environment. */
import { existsSync } from 'node:fs';
import type { Framework, Lang } from '../model/index.js';
import { isLang, messages } from '../model/index.js';
import { DEFAULT_FRAMEWORK_FILE, loadClassifier, loadFramework } from '../ingest/index.js';
import { Database, DATABASE_ENV, DEFAULT_DATABASE_FILE } from '../store/index.js';
import type { Classifier } from '../classify/index.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  db?: string;
  framework?: string;
  lang?: string;
  json?: boolean;
}

export const FRAMEWORK_ENV = 'CHAINATLAS_FRAMEWORK';
export const LANG_ENV = 'CHAINATLAS_LANG';

export function databaseFile(options: GlobalOptions): string {
  return options.db ?? process.env[DATABASE_ENV] ?? DEFAULT_DATABASE_FILE;
}

export function frameworkFile(options: GlobalOptions): string {
  return options.framework ?? process.env[FRAMEWORK_ENV] ?? DEFAULT_FRAMEWORK_FILE;
}

export function language(options: GlobalOptions): Lang {
  const chosen = options.lang ?? process.env[LANG_ENV];
  if (isLang(chosen)) return chosen;
  return (process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function output(options: GlobalOptions): Output {
  return createOutput({ json: options.json === true, lang: language(options) });
}

export function framework(options: GlobalOptions): Framework {
  return loadFramework(frameworkFile(options));
}

/** Opens the database; a command that finds none creates an empty one and says so. */
export async function openDatabase(options: GlobalOptions, out: Output): Promise<Database> {
  const file = databaseFile(options);
  const existed = existsSync(file);
  const { db } = await Database.open(file);
  if (!existed) out.note(messages['store.created_empty']({ file })[out.lang]);
  return db;
}

/** The classifier for a command: the shipped model unless `useModel` is false (see ingest/model-file.ts). */
export function classifier(fw: Framework, useModel: boolean): Classifier {
  return loadClassifier(fw, useModel ? {} : { model: false }).classifier;
}
