/**
 * Where the assessment's weights and cut points live (data/assess/weights.json
 * by default, or a file given with --config), and reading that file as JSON.
 * Validation is the assessment's own schema (src/assess/assess-config.ts); the
 * CLI joins the two, since ingest does not depend on assess.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, type Issue } from '../model/index.js';
import { DATA_DIR } from './bundled-data.js';

export const DEFAULT_ASSESS_CONFIG_FILE = join(DATA_DIR, 'assess', 'weights.json');

/** The parsed JSON of a config file, or `assess.config_unreadable` naming the file and the reason. */
export function readAssessConfigJson(path: string = DEFAULT_ASSESS_CONFIG_FILE): { value?: unknown; issues: readonly Issue[] } {
  try {
    return { value: JSON.parse(readFileSync(path, 'utf8')) as unknown, issues: [] };
  } catch (error) {
    return { issues: [issue('assess.config_unreadable', { file: path, reason: (error as Error).message }, { file: path })] };
  }
}
