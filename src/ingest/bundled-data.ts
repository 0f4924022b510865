/**
 * Where the data that ships with ChainAtlas lives (the default framework and
 * dataset), and reading framework and dataset files from disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framework, Issue } from '../model/index.js';
import { AppError } from '../model/index.js';
import { parseFrameworkText } from '../framework/index.js';

/** The package root: the nearest folder above this module with a package.json (works from src/ and dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('ChainAtlas package root not found');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const DATA_DIR = join(PACKAGE_ROOT, 'data');
export const DEFAULT_FRAMEWORK_FILE = join(DATA_DIR, 'frameworks', 'industrial-internet.json');
export const DEFAULT_DATASET_DIR = join(DATA_DIR, 'datasets', 'jiangxi-industrial-internet');
/** The learned layer trained for the default framework (`npm run train:default`). */
export const DEFAULT_MODEL_FILE = join(DATA_DIR, 'models', 'industrial-internet.model.json');
/** The project's own labelled examples (data/classify/README.md). */
export const DEFAULT_EXAMPLES_FILE = join(DATA_DIR, 'classify', 'examples.csv');

/** Reads and validates a framework file; problems come back as issues naming the file and entry. */
export function readFrameworkFile(path: string): { value?: Framework; issues: readonly Issue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { issues: [{ code: 'framework.file_unreadable', params: { file: path, reason: (error as Error).message }, file: path }] };
  }
  return parseFrameworkText(text, path);
}

/** Loads a framework or throws one error carrying all its issues (for commands that cannot go on without it). */
export function loadFramework(path: string = DEFAULT_FRAMEWORK_FILE): Framework {
  const result = readFrameworkFile(path);
  if (result.value) return result.value;
  throw new AppError('framework.invalid', { file: path, count: result.issues.length }, result.issues);
}

export interface DatasetManifest {
  readonly id: string;
  readonly name: { zh: string; en: string };
  readonly framework: string;
  readonly region: string;
  /** The dataset's files in import order, as absolute paths. */
  readonly files: readonly string[];
}

export function readDatasetManifest(dir: string = DEFAULT_DATASET_DIR): DatasetManifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as Omit<DatasetManifest, 'files'> & { files: string[] };
  return { ...manifest, files: manifest.files.map((f) => resolve(dir, f)) };
}
