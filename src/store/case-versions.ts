/**
 * The version of a case: an integer that every change of the case or of its
 * components bumps, so that an editor holding an older version is told (409)
 * instead of overwriting what someone else saved meanwhile. Review decisions
 * bump it in their own transaction; an import that replaces a case's record or
 * components carries the old version forward, one higher (an import writes
 * cases anew, which would otherwise reset it).
 */
import type { Database } from './database.js';

export async function caseVersion(db: Database, caseId: string): Promise<number | undefined> {
  const row = await db.one('SELECT coalesce(version, 0)::INTEGER AS v FROM cases WHERE id = $id', { id: caseId });
  return row ? Number(row.v) : undefined;
}

/** Bumps the cases whose ids the SQL query `ids` selects (a sub-query of one column). */
export async function bumpCaseVersions(db: Database, ids: string, params?: Record<string, string>): Promise<void> {
  await db.run(`UPDATE cases SET version = coalesce(version, 0) + 1 WHERE id IN (${ids})`, params);
}

/** Import, before replacing records: the versions of the cases `ids` selects. */
export async function rememberCaseVersions(db: Database, ids: string): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE prior_case_versions AS
    SELECT id, coalesce(version, 0) AS version FROM cases WHERE id IN (${ids})`);
}

/** Import, after replacing records: every remembered case one version higher than before. */
export async function restoreCaseVersions(db: Database): Promise<void> {
  await db.run(`UPDATE cases c SET version = p.version + 1 FROM temp.prior_case_versions p WHERE c.id = p.id`);
  await db.run('DROP TABLE IF EXISTS temp.prior_case_versions');
}
