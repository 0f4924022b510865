/**
 * The review layer over classified offerings and components (schema version 2):
 * writing what the classifier found without touching what a person decided,
 * the review queue, decisions with who and when, the supplier-match queue and
 * the merge of two enterprise records that are one firm.
 *
 * Rules that hold everywhere here:
 * - a record a person supplied (method `manual`) or decided (`reviewed`) is
 *   never replaced by a classifier run; a rejected decision stays, as a record
 *   with status `rejected`, so that the next run does not bring it back;
 * - NULL status means confirmed (imported records);
 * - every decision is written to `decisions` in the same transaction as its effect;
 * - a change of a case's components bumps the case's version (case-versions.ts).
 */
import type { Database, Row } from './database.js';
import { bumpCaseVersions } from './case-versions.js';

export type ReviewStatus = 'confirmed' | 'uncertain' | 'rejected';

export interface ClassifiedOffering {
  readonly enterpriseId: string;
  readonly link: string;
  readonly confidence: number;
  readonly status: ReviewStatus;
  readonly alternatives: readonly string[];
  /** Matched words with their places, e.g. `变频器@12-15;PLC@20-23`. */
  readonly evidence: string;
}

export interface ClassifiedComponent {
  readonly caseId: string;
  readonly link: string;
  readonly supplierId?: string;
  readonly supplierName?: string;
  readonly role: 'lead_integrator' | 'component_supplier';
  readonly confidence: number;
  readonly status: ReviewStatus;
  readonly alternatives: readonly string[];
  readonly evidence: string;
}

export interface SupplierMatchRow {
  readonly caseId: string;
  readonly mention: string;
  /** Where the mention is: the case field and offsets in it. */
  readonly field: string;
  readonly start: number;
  readonly end: number;
  readonly candidateId?: string;
  readonly score: number;
  readonly reason?: string;
  readonly candidates: readonly { id: string; score: number; reason: string }[];
  /** `matched` (automatic), `potential` (for an analyst), `unmatched`; decisions make it `confirmed` or `rejected`. */
  readonly status: 'matched' | 'potential' | 'unmatched' | 'confirmed' | 'rejected';
}

export interface WriteCounts {
  /** Classified records written. */
  readonly written: number;
  /** Classified records not written because a person's record or decision holds the same place. */
  readonly keptDecided: number;
}

async function createTemp(db: Database, name: string, columns: string): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`);
}

/** Appends rows of strings, numbers and nulls to a temporary table. */
async function appendRows(db: Database, table: string, rows: readonly (readonly (string | number | null)[])[]): Promise<void> {
  const appender = await db.connection.createAppender(table, 'main', 'temp');
  for (const row of rows) {
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else if (typeof cell === 'number') appender.appendDouble(cell);
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Replaces the classified, undecided offerings of the given enterprises by new
 * ones, in one transaction. `enterpriseIds` lists every enterprise classified
 * (also those given no link, whose old classified offerings go). An enterprise
 * may be named by id, credit code or exact name; rows of firms the database
 * does not hold are not written (neither written nor kept in the counts).
 */
export async function saveClassifiedOfferings(db: Database, enterpriseIds: readonly string[], offerings: readonly ClassifiedOffering[]): Promise<WriteCounts> {
  await createTemp(db, 'classified_ids', 'id VARCHAR');
  await appendRows(db, 'classified_ids', enterpriseIds.map((id) => [id]));
  await createTemp(db, 'classified_offerings', 'enterprise_id VARCHAR, link VARCHAR, confidence DOUBLE, status VARCHAR, alternatives VARCHAR, evidence VARCHAR');
  await appendRows(db, 'classified_offerings', offerings.map((o) => [o.enterpriseId, o.link, o.confidence, o.status, JSON.stringify(o.alternatives), o.evidence]));
  // A file classified outside the database may name its firms by credit code or exact name instead of id.
  for (const [table, column] of [['classified_ids', 'id'], ['classified_offerings', 'enterprise_id']] as const) {
    await db.run(`UPDATE temp.${table} c SET ${column} = e.id FROM enterprises e
      WHERE c.${column} NOT IN (SELECT id FROM enterprises) AND (e.credit_code = c.${column} OR e.name_zh = c.${column} OR e.name_en = c.${column})`);
  }
  try {
    return await db.transaction(async () => {
      await db.run(`DELETE FROM offerings WHERE method = 'classified' AND NOT coalesce(reviewed, false)
                    AND enterprise_id IN (SELECT id FROM temp.classified_ids)`);
      const kept = await db.one(`SELECT count(*)::INTEGER AS n FROM temp.classified_offerings c WHERE EXISTS
        (SELECT 1 FROM offerings o WHERE o.enterprise_id = c.enterprise_id AND o.link = c.link)`);
      await db.run(`INSERT INTO offerings (enterprise_id, link, method, confidence, evidence, source_kind, status, alternatives, reviewed)
        SELECT enterprise_id, link, 'classified', confidence, evidence, NULL, status, alternatives, false FROM temp.classified_offerings c
        WHERE NOT EXISTS (SELECT 1 FROM offerings o WHERE o.enterprise_id = c.enterprise_id AND o.link = c.link)
          AND c.enterprise_id IN (SELECT id FROM enterprises)`);
      const keptDecided = Number(kept?.n ?? 0);
      const written = await db.one(`SELECT count(*)::INTEGER AS n FROM temp.classified_offerings c WHERE c.enterprise_id IN (SELECT id FROM enterprises)`);
      return { written: Number(written?.n ?? 0) - keptDecided, keptDecided };
    });
  } finally {
    await db.run('DROP TABLE IF EXISTS temp.classified_ids');
    await db.run('DROP TABLE IF EXISTS temp.classified_offerings');
  }
}

/**
 * Replaces the classified, undecided components of the given cases, and their
 * undecided supplier matches, in one transaction.
 */
export async function saveClassifiedComponents(
  db: Database,
  caseIds: readonly string[],
  components: readonly ClassifiedComponent[],
  matches: readonly SupplierMatchRow[],
): Promise<WriteCounts> {
  await createTemp(db, 'classified_ids', 'id VARCHAR');
  await appendRows(db, 'classified_ids', caseIds.map((id) => [id]));
  await createTemp(db, 'classified_components',
    'case_id VARCHAR, link VARCHAR, supplier_id VARCHAR, supplier_name VARCHAR, role VARCHAR, confidence DOUBLE, status VARCHAR, alternatives VARCHAR, evidence VARCHAR');
  await appendRows(db, 'classified_components', components.map((c) => [
    c.caseId, c.link, c.supplierId ?? null, c.supplierName ?? null, c.role, c.confidence, c.status, JSON.stringify(c.alternatives), c.evidence,
  ]));
  await createTemp(db, 'classified_matches',
    'case_id VARCHAR, mention VARCHAR, span_start INTEGER, span_end INTEGER, field VARCHAR, candidate_id VARCHAR, score DOUBLE, reason VARCHAR, candidates VARCHAR, status VARCHAR');
  await appendRows(db, 'classified_matches', matches.map((m) => [
    m.caseId, m.mention, m.start, m.end, m.field, m.candidateId ?? null, m.score, m.reason ?? null, JSON.stringify(m.candidates), m.status,
  ]));
  try {
    return await db.transaction(async () => {
      await db.run(`DELETE FROM components WHERE method = 'classified' AND NOT coalesce(reviewed, false)
                    AND case_id IN (SELECT id FROM temp.classified_ids)`);
      // A link a person already placed in the case (manual, or decided either way) keeps that decision.
      const decided = `EXISTS (SELECT 1 FROM components k WHERE k.case_id = c.case_id AND k.link = c.link)`;
      const kept = await db.one(`SELECT count(*)::INTEGER AS n FROM temp.classified_components c WHERE ${decided}`);
      const total = await db.one(`SELECT count(*)::INTEGER AS n FROM temp.classified_components`);
      await db.run(`INSERT INTO components (case_id, link, supplier_id, supplier_name, role, method, confidence, evidence, reviewed, status, alternatives)
        SELECT case_id, link, supplier_id, supplier_name, role, 'classified', confidence, evidence, false, status, alternatives
        FROM temp.classified_components c WHERE NOT ${decided}`);
      await db.run(`DELETE FROM supplier_matches WHERE decided_by IS NULL AND case_id IN (SELECT id FROM temp.classified_ids)`);
      await bumpCaseVersions(db, 'SELECT id FROM temp.classified_ids');
      await db.run(`INSERT INTO supplier_matches (case_id, mention, span_start, span_end, field, candidate_id, score, reason, candidates, status)
        SELECT case_id, mention, span_start, span_end, field, candidate_id, score, reason, candidates, status FROM temp.classified_matches m
        WHERE NOT EXISTS (SELECT 1 FROM supplier_matches s WHERE s.case_id = m.case_id AND s.mention = m.mention)`);
      const keptDecided = Number(kept?.n ?? 0);
      return { written: Number(total?.n ?? 0) - keptDecided, keptDecided };
    });
  } finally {
    for (const t of ['classified_ids', 'classified_components', 'classified_matches']) await db.run(`DROP TABLE IF EXISTS temp.${t}`);
  }
}

/** An uncertain assignment waiting for an analyst. */
export interface ReviewItem {
  readonly kind: 'offering' | 'component';
  /** The enterprise (offering) or the case (component). */
  readonly subject: string;
  readonly link: string;
  readonly supplierId?: string;
  readonly supplierName?: string;
  readonly confidence: number;
  readonly alternatives: readonly string[];
  readonly evidence?: string;
  /** Region whose counts the decision moves. */
  readonly region?: string;
  /** Confirmed suppliers (offerings) or cases (components) of the region on the link now. */
  readonly regionCount: number;
  /** Consequence score: higher first (see reviewQueue). */
  readonly consequence: number;
}

const parseList = (value: unknown): string[] => (typeof value === 'string' && value ? (JSON.parse(value) as string[]) : []);
const optionalString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Uncertain assignments, most consequential first. A decision matters most where
 * it changes what the region's figures say: consequence = weight / (1 + n),
 * n being the region's confirmed suppliers (for an offering) or confirmed cases
 * (for a component) on the link, weight 2 for a leader enterprise, else 1 — the
 * first supplier of a link in a region turns a broken link into a present one.
 * Ties: the confidence closest to 0.5 first (the classifier's hardest calls).
 */
export async function reviewQueue(db: Database, options: { kind?: 'offering' | 'component'; limit?: number } = {}): Promise<ReviewItem[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? 50));
  const offerings = options.kind === 'component' ? [] : await db.all(`
    WITH supply AS (
      SELECT e.province, o.link, count(DISTINCT e.id) AS n FROM offerings o JOIN enterprises e ON e.id = o.enterprise_id
      WHERE coalesce(o.status, 'confirmed') = 'confirmed' GROUP BY ALL)
    SELECT 'offering' AS kind, o.enterprise_id AS subject, o.link, NULL AS supplier_id, NULL AS supplier_name, o.confidence,
           o.alternatives, o.evidence, e.province AS region, coalesce(s.n, 0)::INTEGER AS region_count,
           (CASE WHEN e.leader THEN 2 ELSE 1 END) / (1 + coalesce(s.n, 0)) AS consequence
    FROM offerings o JOIN enterprises e ON e.id = o.enterprise_id
    LEFT JOIN supply s ON s.province = e.province AND s.link = o.link
    WHERE o.status = 'uncertain' AND NOT coalesce(o.reviewed, false)`);
  const components = options.kind === 'offering' ? [] : await db.all(`
    WITH demand AS (
      SELECT c.customer_province AS province, k.link, count(DISTINCT c.id) AS n FROM components k JOIN cases c ON c.id = k.case_id
      WHERE coalesce(k.status, 'confirmed') = 'confirmed' GROUP BY ALL)
    SELECT 'component' AS kind, k.case_id AS subject, k.link, k.supplier_id, k.supplier_name, k.confidence, k.alternatives, k.evidence,
           c.customer_province AS region, coalesce(d.n, 0)::INTEGER AS region_count, 1 / (1 + coalesce(d.n, 0)) AS consequence
    FROM components k JOIN cases c ON c.id = k.case_id
    LEFT JOIN demand d ON d.province = c.customer_province AND d.link = k.link
    WHERE k.status = 'uncertain' AND NOT coalesce(k.reviewed, false)`);
  return [...offerings, ...components]
    .map((r: Row): ReviewItem => ({
      kind: r.kind as ReviewItem['kind'], subject: String(r.subject), link: String(r.link), supplierId: optionalString(r.supplier_id),
      supplierName: optionalString(r.supplier_name), confidence: Number(r.confidence ?? 0), alternatives: parseList(r.alternatives),
      evidence: optionalString(r.evidence), region: optionalString(r.region), regionCount: Number(r.region_count), consequence: Number(r.consequence),
    }))
    .sort((a, b) => b.consequence - a.consequence || Math.abs(a.confidence - 0.5) - Math.abs(b.confidence - 0.5)
      || a.subject.localeCompare(b.subject) || a.link.localeCompare(b.link))
    .slice(0, limit);
}

/** What a decision is about: an enterprise's offering on a link, or a case's component on a link (with a supplier, for add). */
export type DecisionTarget =
  | { readonly kind: 'offering'; readonly enterpriseId: string; readonly link: string }
  | {
    readonly kind: 'component'; readonly caseId: string; readonly link: string; readonly supplierId?: string; readonly supplierName?: string;
    /** One component exactly, by its whole key (an absent supplier id or name matches only an empty one); otherwise the link's components of the supplier given, or all of them. */
    readonly exact?: boolean;
  };

/** Who decided, and from where (the HTTP API knows the address; the CLI does not). */
export interface Actor {
  readonly name: string;
  readonly ip?: string;
}

/** `note` (components only) keeps a remark on the component without deciding its status. */
export type DecisionAction = 'accept' | 'reject' | 'add' | 'note';

export interface DecisionResult {
  /** Records the decision changed (accept/reject) or added (add). */
  readonly changed: number;
}

function targetWhere(target: DecisionTarget): { sql: string; params: Record<string, string> } {
  if (target.kind === 'offering') return { sql: 'enterprise_id = $subject AND link = $link', params: { subject: target.enterpriseId, link: target.link } };
  const params: Record<string, string> = { subject: target.caseId, link: target.link };
  let sql = 'case_id = $subject AND link = $link';
  if (target.exact) {
    sql += " AND coalesce(supplier_id, '') = $supplier AND coalesce(supplier_name, '') = $supplierName";
    params.supplier = target.supplierId ?? '';
    params.supplierName = target.supplierName ?? '';
  } else if (target.supplierId) {
    sql += ' AND supplier_id = $supplier';
    params.supplier = target.supplierId;
  }
  return { sql, params };
}

/** Records an analyst's decision and applies it, in one transaction. */
export async function decide(db: Database, target: DecisionTarget, action: DecisionAction, by: string | Actor, note?: string): Promise<DecisionResult> {
  return db.transaction(() => applyDecision(db, target, action, typeof by === 'string' ? { name: by } : by, note));
}

/** `decide` inside a transaction the caller holds (case-review.ts checks the case's version in the same one). */
export async function applyDecision(db: Database, target: DecisionTarget, action: DecisionAction, actor: Actor, note?: string): Promise<DecisionResult> {
  const table = target.kind === 'offering' ? 'offerings' : 'components';
  const { sql, params } = targetWhere(target);
  const by = actor.name;
  const before = await db.all(`SELECT * EXCLUDE (import_id) FROM ${table} WHERE ${sql}`, params);
  let changed: number;
  if (action === 'add') {
    if (target.kind === 'offering') {
      await db.run(`INSERT INTO offerings (enterprise_id, link, method, source_kind, status, reviewed, decided_by, decided_at)
        VALUES ($subject, $link, 'manual', 'user', 'confirmed', true, $by, now())`, { ...params, by });
    } else {
      await db.run(`INSERT INTO components (case_id, link, supplier_id, supplier_name, role, method, reviewed, note, status, decided_by, decided_at)
        VALUES ($subject, $link, $supplier, $supplierName, 'component_supplier', 'manual', true, $note, 'confirmed', $by, now())`,
      { subject: target.caseId, link: target.link, supplier: target.supplierId ?? null, supplierName: target.supplierName ?? null, note: note ?? null, by } );
    }
    changed = 1;
  } else if (action === 'note') {
    if (target.kind === 'component') await db.run(`UPDATE components SET note = $note WHERE ${sql}`, { ...params, note: note ?? null });
    changed = target.kind === 'component' ? before.length : 0;
  } else {
    const status = action === 'accept' ? 'confirmed' : 'rejected';
    // A note given with the decision is kept on a component too (offerings have no note).
    const noteSql = target.kind === 'component' && note !== undefined ? ', note = $note' : '';
    await db.run(`UPDATE ${table} SET status = $status, reviewed = true, decided_by = $by, decided_at = now()${noteSql} WHERE ${sql}`,
      { ...params, status, by, ...(noteSql ? { note: note ?? null } : {}) });
    changed = before.length;
  }
  const after = await db.all(`SELECT * EXCLUDE (import_id) FROM ${table} WHERE ${sql}`, params);
  if (target.kind === 'component' && changed > 0) await bumpCaseVersions(db, '$subject', { subject: target.caseId });
  await logDecision(db, actor, action, target.kind, target, before, after, note);
  return { changed };
}

/** Timestamps, big integers and other non-JSON values as JSON text. */
export const jsonText = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v));

async function logDecision(db: Database, actor: Actor, action: string, kind: string, target: unknown, before: unknown, after: unknown, note?: string): Promise<void> {
  await db.run(`INSERT INTO decisions VALUES (now(), $by, $action, $kind, $target, $before, $after, $note, $ip)`, {
    by: actor.name, action, kind, target: jsonText(target), before: jsonText(before), after: jsonText(after), note: note ?? null, ip: actor.ip ?? null,
  } );
}

export interface StoredSupplierMatch extends SupplierMatchRow {
  readonly decidedBy?: string;
}

/** Supplier matches of the given statuses (default: the potential ones waiting for an analyst). */
export async function listSupplierMatches(db: Database, statuses: readonly SupplierMatchRow['status'][] = ['potential']): Promise<StoredSupplierMatch[]> {
  // Statuses are a closed vocabulary: safe to write into the statement.
  const rows = await db.all(`SELECT * FROM supplier_matches WHERE status IN (${statuses.map((s) => `'${s}'`).join(', ')}) ORDER BY case_id, span_start`);
  return rows.map((r) => ({
    caseId: String(r.case_id), mention: String(r.mention), field: String(r.field), start: Number(r.span_start), end: Number(r.span_end),
    candidateId: optionalString(r.candidate_id), score: Number(r.score ?? 0), reason: optionalString(r.reason),
    candidates: typeof r.candidates === 'string' ? (JSON.parse(r.candidates) as StoredSupplierMatch['candidates']) : [],
    status: String(r.status) as SupplierMatchRow['status'], decidedBy: optionalString(r.decided_by),
  }));
}

/**
 * Confirms a mention as an enterprise (its classified components in the case
 * that name the mention now point at the enterprise), or rejects the match.
 */
export async function decideSupplierMatch(db: Database, caseId: string, mention: string, enterpriseId: string | undefined, by: string): Promise<DecisionResult> {
  return db.transaction(async () => {
    const before = await db.all('SELECT * FROM supplier_matches WHERE case_id = $caseId AND mention = $mention', { caseId, mention });
    if (before.length === 0) return { changed: 0 };
    if (enterpriseId) {
      await db.run(`UPDATE supplier_matches SET status = 'confirmed', candidate_id = $id, decided_by = $by, decided_at = now()
                    WHERE case_id = $caseId AND mention = $mention`, { id: enterpriseId, by, caseId, mention });
      await db.run(`UPDATE components SET supplier_id = $id, supplier_name = NULL
                    WHERE case_id = $caseId AND method = 'classified' AND supplier_id IS NULL AND supplier_name = $mention`, { id: enterpriseId, caseId, mention });
    } else {
      await db.run(`UPDATE supplier_matches SET status = 'rejected', decided_by = $by, decided_at = now()
                    WHERE case_id = $caseId AND mention = $mention`, { by, caseId, mention });
    }
    const after = await db.all('SELECT * FROM supplier_matches WHERE case_id = $caseId AND mention = $mention', { caseId, mention });
    if (enterpriseId) await bumpCaseVersions(db, '$caseId', { caseId });
    await logDecision(db, { name: by }, enterpriseId ? 'confirm_match' : 'reject_match', 'supplier_match', { caseId, mention, enterpriseId }, before, after);
    return { changed: before.length };
  });
}

/**
 * Merges enterprise `mergedId` into `intoId`, one firm recorded twice: its
 * offerings, components, observations and matches follow it, its names, id and
 * credit code become aliases (or fill fields the kept record lacks), and the
 * merged-away id stays resolvable through `enterprise_merges`.
 */
export async function mergeEnterprises(db: Database, mergedId: string, intoId: string, by: string): Promise<DecisionResult> {
  return db.transaction(async () => {
    const merged = await db.one('SELECT * FROM enterprises WHERE id = $id', { id: mergedId });
    const into = await db.one('SELECT * FROM enterprises WHERE id = $id', { id: intoId });
    if (!merged || !into || mergedId === intoId) return { changed: 0 };
    const aliases = new Set<string>(parseList(into.aliases));
    for (const name of [mergedId, merged.name_zh, merged.name_en, ...parseList(merged.aliases)]) {
      if (typeof name === 'string' && name && name !== into.name_zh && name !== into.name_en) aliases.add(name);
    }
    const ids = { merged: mergedId, into: intoId };
    await db.run(`UPDATE enterprises t SET aliases = $aliases,
        credit_code = coalesce(t.credit_code, m.credit_code), province = coalesce(t.province, m.province), city = coalesce(t.city, m.city),
        name_zh = coalesce(t.name_zh, m.name_zh), name_en = coalesce(t.name_en, m.name_en), description = coalesce(t.description, m.description),
        leader = t.leader OR m.leader
      FROM enterprises m WHERE t.id = $into AND m.id = $merged`, { ...ids, aliases: JSON.stringify([...aliases]) });
    // Offerings the kept record already has on the same link and product are duplicates.
    await db.run(`DELETE FROM offerings o WHERE o.enterprise_id = $merged AND EXISTS (SELECT 1 FROM offerings k WHERE k.enterprise_id = $into
                  AND k.link = o.link AND coalesce(k.product, '') = coalesce(o.product, ''))`, ids);
    await db.run(`UPDATE offerings SET enterprise_id = $into WHERE enterprise_id = $merged`, ids);
    await db.run(`DELETE FROM components c WHERE c.supplier_id = $merged AND EXISTS (SELECT 1 FROM components k WHERE k.supplier_id = $into
                  AND k.case_id = c.case_id AND k.link = c.link)`, ids);
    await bumpCaseVersions(db, 'SELECT case_id FROM components WHERE supplier_id = $merged', { merged: mergedId });
    await db.run(`UPDATE components SET supplier_id = $into WHERE supplier_id = $merged`, ids);
    await db.run(`UPDATE observations SET enterprise_id = $into WHERE enterprise_id = $merged`, ids);
    await db.run(`UPDATE supplier_matches SET candidate_id = $into WHERE candidate_id = $merged`, ids);
    await db.run(`UPDATE enterprise_merges SET into_id = $into WHERE into_id = $merged`, ids);
    await db.run(`DELETE FROM enterprises WHERE id = $merged`, { merged: mergedId });
    await db.run(`INSERT INTO enterprise_merges VALUES ($merged, $into, $by, now())`, { ...ids, by });
    await logDecision(db, { name: by }, 'merge', 'enterprise', ids, [merged, into], await db.all('SELECT * FROM enterprises WHERE id = $into', { into: intoId }));
    return { changed: 1 };
  });
}
