/**
 * Classifier model files on disk: reading one (JSON, then the model's own
 * validation in src/classify/model.ts), writing one, and building the
 * classifier a command should use — the shipped model when the framework in
 * use is the one it was trained for, a given file, or the lexicon alone.
 *
 * A missing, empty, corrupt or wrong-format file is one `classify.bad_model`
 * issue naming the file and the reason, never an exception.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Framework, Issue } from '../model/index.js';
import { AppError, issue } from '../model/index.js';
import { Classifier, jiebaSegmenter, parseModel, type ClassifierModel } from '../classify/index.js';
import { DEFAULT_MODEL_FILE } from './bundled-data.js';

export function readModelFile(path: string): { value?: ClassifierModel; issues: Issue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { issues: [issue('classify.bad_model', { file: path, reason: (error as Error).message }, { file: path })] };
  }
  if (text.trim() === '') return { issues: [issue('classify.bad_model', { file: path, reason: 'the file is empty' }, { file: path })] };
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    return { issues: [issue('classify.bad_model', { file: path, reason: `not JSON: ${(error as Error).message}` }, { file: path })] };
  }
  return parseModel(document, path);
}

/** Writes the model as 2-space JSON, through a temporary file so that a reader never sees half of it. */
export function writeModelFile(path: string, model: ClassifierModel): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(model, null, 2) + '\n');
  renameSync(temporary, path);
}

export interface ClassifierChoice {
  /** A model file to use; `false` for the lexicon alone; absent for the default (see the module note). */
  readonly model?: string | false;
}

/** Which model a classifier for `framework` uses: its file name (or undefined for none) and the model. */
export function chooseModel(framework: Framework, choice: ClassifierChoice = {}): { file?: string; model?: ClassifierModel } {
  if (choice.model === false) return {};
  const file = choice.model ?? DEFAULT_MODEL_FILE;
  if (choice.model === undefined && !existsSync(file)) return {};
  const result = readModelFile(file);
  if (!result.value) {
    throw new AppError('classify.bad_model', (result.issues[0] as Issue<'classify.bad_model'>).params, result.issues);
  }
  if (result.value.framework !== framework.id) {
    // The shipped model belongs to the default framework; another framework goes without it.
    if (choice.model === undefined) return {};
    throw new AppError('classify.bad_model', { file, reason: `trained for framework ${result.value.framework}, not ${framework.id}` });
  }
  return { file, model: result.value };
}

/** The classifier commands use: jieba segmentation, and the model chosen by `chooseModel`. */
export function loadClassifier(framework: Framework, choice: ClassifierChoice = {}): { classifier: Classifier; modelFile?: string } {
  const { file, model } = chooseModel(framework, choice);
  const classifier = Classifier.create(framework, model ? { model, segmenter: jiebaSegmenter } : { segmenter: jiebaSegmenter });
  return file ? { classifier, modelFile: file } : { classifier };
}
