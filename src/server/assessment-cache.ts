/**
 * Assessment runs kept in memory per database and data version, so that the
 * pages that show a region (its assessment, chain map, link pages) answer in
 * milliseconds instead of re-reading the enterprise universe on every request.
 *
 *   key      region code · benchmark · proximity, under the framework and weights in use
 *   version  a counter per database; `dataChanged(db)` bumps it and drops every run,
 *            so imports and review decisions are seen by the next request
 *   bound    the most recent MAX_RUNS runs (a run of the whole national universe
 *            holds its input; cities would otherwise pile up)
 *
 * A run that fails is not kept: the next request tries again. Runs in flight
 * are shared: concurrent requests for one region wait for the same run.
 * Limit: a write made by another process to the same database file is not
 * seen (DuckDB allows one writing process; the server is it while it runs).
 */
import type { Framework, Region } from '../model/index.js';
import type { AssessConfig, Assessment, AssessmentInput, RegionAssessment } from '../assess/index.js';
import type { Database } from '../store/index.js';
import { assessmentFor } from './assessment-runs.js';

export interface AssessmentRun {
  readonly input: AssessmentInput;
  readonly assessment: Assessment;
  readonly region: RegionAssessment;
}

export interface RunOptions {
  readonly benchmark?: string;
  readonly proximity?: string;
  readonly config: AssessConfig;
}

const MAX_RUNS = 16;

interface DatabaseRuns {
  version: number;
  /** Per weights file: a server holds one, tests may hold several. */
  readonly byConfig: WeakMap<AssessConfig, Map<string, Promise<AssessmentRun>>>;
}

const runs = new WeakMap<Database, DatabaseRuns>();

function entryOf(db: Database): DatabaseRuns {
  let entry = runs.get(db);
  if (!entry) runs.set(db, (entry = { version: 0, byConfig: new WeakMap() }));
  return entry;
}

/** The data in `db` changed (an import, a review decision): every cached run of it is stale. */
export function dataChanged(db: Database): number {
  const entry = entryOf(db);
  runs.set(db, { version: entry.version + 1, byConfig: new WeakMap() });
  return entry.version + 1;
}

/** How many times the data of `db` changed since the server opened it. */
export function dataVersion(db: Database): number {
  return entryOf(db).version;
}

/** The assessment of `region` (with all regions of its level), from memory when the data has not changed since. */
export function cachedAssessment(db: Database, framework: Framework, region: Region, options: RunOptions): Promise<AssessmentRun> {
  const entry = entryOf(db);
  let byKey = entry.byConfig.get(options.config);
  if (!byKey) entry.byConfig.set(options.config, (byKey = new Map()));
  const key = [framework.id, framework.version, region.code, options.benchmark ?? '', options.proximity ?? ''].join('\u0000');
  const hit = byKey.get(key);
  if (hit) {
    // Most recently used last: the first key is the one to drop.
    byKey.delete(key);
    byKey.set(key, hit);
    return hit;
  }
  const map = byKey;
  const run = assessmentFor(db, framework, region, options);
  map.set(key, run);
  run.catch(() => {
    if (map.get(key) === run) map.delete(key);
  });
  while (map.size > MAX_RUNS) map.delete(map.keys().next().value as string);
  return run;
}
