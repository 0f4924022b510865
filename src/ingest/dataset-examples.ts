/**
 * Labelled texts derived from a dataset folder (the default one is
 * data/datasets/jiangxi-industrial-internet), for training the classifier on
 * data the project owns:
 * - each enterprise with a description: the description, labelled with the
 *   links of its offerings (an enterprise without offerings is a text with no link);
 * - each case: its Chinese and its English description, each labelled with the
 *   links of the case's components.
 * Derived at train time from the dataset's JSON files, never copied into a label
 * file. They count DATASET_WEIGHT each in training: a description is another
 * genre than a product list, and every one of them is a supplier's (the label
 * files are where non-suppliers are learnt). Limits: a description names less than the enterprise supplies, so some
 * labels have no evidence in the text (they only cost recall in training, the
 * learned layer sees links with evidence).
 */
import { readFileSync } from 'node:fs';
import type { LabelledText } from '../classify/index.js';
import { readDatasetManifest, DEFAULT_DATASET_DIR } from './bundled-data.js';

type Json = Record<string, unknown>;

/** How much a dataset text counts in training, against 1 for a label file's row. */
export const DATASET_WEIGHT = 0.5;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function datasetExamples(dir: string = DEFAULT_DATASET_DIR): LabelledText[] {
  const records: Record<string, Json[]> = {};
  for (const file of readDatasetManifest(dir).files) {
    if (!file.endsWith('.json')) continue;
    const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [entity, rows] of Object.entries(document)) if (Array.isArray(rows)) (records[entity] ??= []).push(...(rows as Json[]));
  }
  const linksBy = (rows: readonly Json[], key: string) => {
    const map = new Map<string, Set<string>>();
    for (const row of rows) {
      const owner = text(row[key]);
      const link = text(row.link);
      if (!owner || !link) continue;
      let set = map.get(owner);
      if (!set) map.set(owner, (set = new Set()));
      set.add(link);
    }
    return map;
  };
  const offered = linksBy(records.offerings ?? [], 'enterprise_id');
  const needed = linksBy(records.components ?? [], 'case_id');
  const examples: LabelledText[] = [];
  for (const e of records.enterprises ?? []) {
    const id = text(e.id);
    const description = text(e.description);
    if (id && description) examples.push({ id: `enterprise:${id}`, text: description, links: [...(offered.get(id) ?? [])].sort(), weight: DATASET_WEIGHT });
  }
  for (const c of records.cases ?? []) {
    const id = text(c.id);
    const links = [...(needed.get(id) ?? [])].sort();
    for (const lang of ['zh', 'en'] as const) {
      const description = text(c[`description_${lang}`]);
      if (id && description) examples.push({ id: `case:${id}:${lang}`, text: description, links, weight: DATASET_WEIGHT });
    }
  }
  return examples;
}
