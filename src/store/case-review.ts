/**
 * A case as its review page shows it, and the edits made there: accept,
 * reject, re-link or re-attribute a component, or add one. Every edit names
 * the version of the case it was made on; in one transaction the version is
 * checked, the decision applied through review.ts (so a later classifier run
 * still never overwrites it) and the version bumped. A stale version is a
 * conflict (409), so two analysts editing one case cannot lose each other's work.
 *
 * A component's id is its key (link, supplier id, supplier name) as base64url
 * JSON: stable across imports, which rewrite component rows. An edit of the
 * link or supplier is recorded as the old component rejected (it stays, so
 * the classifier does not bring it back) and a new manual one added.
 */
import type { Case } from '../model/index.js';
import { AppError } from '../model/index.js';
import type { Database, Row } from './database.js';
import { caseTable } from './tables.js';
import { applyDecision, type Actor, type DecisionTarget, type ReviewStatus } from './review.js';
import { caseVersion } from './case-versions.js';

/** Where a component's evidence is: offsets into one text of the case. */
export interface EvidenceSpan {
  /** `title_zh`, `description_zh`, `title_en` or `description_en`. */
  readonly field: string;
  readonly start: number;
  readonly end: number;
  /** The text at those offsets (the matched term, when the offsets fall outside the stored text). */
  readonly text: string;
}

export interface ReviewedComponent {
  readonly id: string;
  readonly caseId: string;
  readonly linkId: string;
  /** The same as linkId (the field name of the exchange format). */
  readonly link: string;
  readonly supplierId?: string;
  /** As the source names it, else the registry's name of supplierId. */
  readonly supplierName?: string;
  readonly role: string;
  readonly status: ReviewStatus;
  readonly method: string;
  readonly confidence?: number;
  readonly evidence: readonly EvidenceSpan[];
  readonly alternatives: readonly string[];
  readonly note?: string;
  readonly reviewed: boolean;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
}

export interface CaseReview {
  readonly case: Case;
  readonly version: number;
  readonly components: readonly ReviewedComponent[];
}

interface ComponentKey {
  readonly link: string;
  readonly supplierId?: string;
  readonly supplierName?: string;
}

export function componentId(key: ComponentKey): string {
  return Buffer.from(JSON.stringify([key.link, key.supplierId ?? '', key.supplierName ?? '']), 'utf8').toString('base64url');
}

export function parseComponentId(id: string): ComponentKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string') || !value[0]) return undefined;
    const [link, supplierId, supplierName] = value as [string, string, string];
    return { link, ...(supplierId ? { supplierId } : {}), ...(supplierName ? { supplierName } : {}) };
  } catch {
    return undefined;
  }
}

const FIELD_NAMES: Record<string, keyof Case> = {
  titleZh: 'titleZh', descriptionZh: 'descriptionZh', titleEn: 'titleEn', descriptionEn: 'descriptionEn',
};
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A component's evidence as spans over the case's texts: the classifier's `descriptionZh:变频器@12-15; titleZh:PLC@0-3`
 * (decompose-case.ts), or, for a decomposition written by hand, a phrase quoted from the case — found at its first
 * occurrence in the title or description (a phrase found in none of them gives no span: it is a note, not a quote).
 */
export function evidenceSpans(evidence: string | undefined, item: Case): EvidenceSpan[] {
  if (!evidence) return [];
  const spans: EvidenceSpan[] = [];
  for (const part of evidence.split('; ')) {
    const found = /^([A-Za-z]+):(.*)@(\d+)-(\d+)$/s.exec(part.trim());
    if (!found) {
      const quoted = quotedSpan(part.trim(), item);
      if (quoted) spans.push(quoted);
      continue;
    }
    const [, field = '', term = '', from = '0', to = '0'] = found;
    const start = Number(from);
    const end = Number(to);
    const key = FIELD_NAMES[field];
    const source = key ? item[key] : undefined;
    const text = typeof source === 'string' && end <= source.length && start < end ? source.slice(start, end) : term;
    spans.push({ field: snake(field), start, end, text });
  }
  return spans;
}

/** The texts a quoted phrase is looked for in: the descriptions (what the case page shows) before the titles. */
const QUOTED_FIELDS = ['descriptionZh', 'descriptionEn', 'titleZh', 'titleEn'] as const;

function quotedSpan(phrase: string, item: Case): EvidenceSpan | undefined {
  if (!phrase) return undefined;
  for (const field of QUOTED_FIELDS) {
    const key = FIELD_NAMES[field] as keyof Case;
    const source = item[key];
    const at = typeof source === 'string' ? source.indexOf(phrase) : -1;
    if (at >= 0) return { field: snake(field), start: at, end: at + phrase.length, text: phrase };
  }
  return undefined;
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function reviewedComponent(r: Row, item: Case): ReviewedComponent {
  const link = String(r.link);
  const supplierId = str(r.supplier_id);
  const rawName = str(r.supplier_name);
  const supplierName = rawName ?? str(r.enterprise_name);
  const decidedAt = r.decided_at instanceof Date ? r.decided_at.toISOString() : str(r.decided_at);
  return {
    id: componentId({ link, ...(supplierId ? { supplierId } : {}), ...(rawName ? { supplierName: rawName } : {}) }),
    caseId: String(r.case_id), linkId: link, link,
    ...(supplierId ? { supplierId } : {}), ...(supplierName ? { supplierName } : {}),
    role: String(r.role), status: (str(r.status) ?? 'confirmed') as ReviewStatus, method: String(r.method),
    ...(typeof r.confidence === 'number' ? { confidence: r.confidence } : {}),
    evidence: evidenceSpans(str(r.evidence), item),
    alternatives: typeof r.alternatives === 'string' && r.alternatives ? (JSON.parse(r.alternatives) as string[]) : [],
    ...(str(r.note) !== undefined ? { note: r.note as string } : {}),
    reviewed: r.reviewed === true,
    ...(str(r.decided_by) ? { decidedBy: r.decided_by as string } : {}), ...(decidedAt ? { decidedAt } : {}),
  };
}

export async function getCaseReview(db: Database, id: string): Promise<CaseReview | undefined> {
  const row = await db.one('SELECT * FROM cases WHERE id = $id', { id });
  if (!row) return undefined;
  const item = caseTable.fromRow(row);
  const rows = await db.all(`SELECT k.*, coalesce(e.name_zh, e.name_en) AS enterprise_name FROM components k
    LEFT JOIN enterprises e ON e.id = k.supplier_id WHERE k.case_id = $id ORDER BY k.link, k.supplier_id, k.supplier_name`, { id });
  return { case: item, version: Number(row.version ?? 0), components: rows.map((r) => reviewedComponent(r, item)) };
}

/** A supplier named by registry id or, when it is not in the registry, by name. */
export type SupplierRef = { readonly supplierId: string } | { readonly supplierName: string } | Record<string, never>;

export type CaseEdit =
  | { readonly kind: 'add'; readonly link: string; readonly supplier: SupplierRef; readonly note?: string }
  | {
    readonly kind: 'change'; readonly componentId: string; readonly status?: 'confirmed' | 'rejected';
    readonly link?: string; readonly supplier?: SupplierRef; readonly note?: string;
  };

const componentTarget = (caseId: string, key: ComponentKey, exact: boolean): DecisionTarget => ({ kind: 'component', caseId, ...key, exact });

async function componentExists(db: Database, caseId: string, key: ComponentKey): Promise<boolean> {
  const row = await db.one(`SELECT 1 AS x FROM components WHERE case_id = $caseId AND link = $link
    AND coalesce(supplier_id, '') = $supplierId AND coalesce(supplier_name, '') = $supplierName`,
  { caseId, link: key.link, supplierId: key.supplierId ?? '', supplierName: key.supplierName ?? '' });
  return row !== undefined;
}

/**
 * Applies one edit made on version `expected` of the case; returns the case as it is now.
 * Throws `server.not_found` (case or component), `server.version_conflict` (details: the current version)
 * or `review.component_exists` (an add or edit onto a component the case already has).
 */
export async function editCase(db: Database, caseId: string, expected: number, edit: CaseEdit, actor: Actor): Promise<CaseReview> {
  await db.transaction(async () => {
    const current = await caseVersion(db, caseId);
    if (current === undefined) throw new AppError('server.not_found', { kind: 'case', id: caseId });
    if (current !== expected) throw new AppError('server.version_conflict', { current, given: expected });
    if (edit.kind === 'add') {
      const key = { link: edit.link, ...edit.supplier };
      if (await componentExists(db, caseId, key)) throw new AppError('review.component_exists', { link: edit.link });
      await applyDecision(db, componentTarget(caseId, key, false), 'add', actor, edit.note);
      return;
    }
    const key = parseComponentId(edit.componentId);
    if (!key || !(await componentExists(db, caseId, key))) throw new AppError('server.not_found', { kind: 'component', id: edit.componentId });
    const moved = { link: edit.link ?? key.link, ...(edit.supplier ?? { ...(key.supplierId ? { supplierId: key.supplierId } : {}), ...(key.supplierName ? { supplierName: key.supplierName } : {}) }) };
    const relinked = moved.link !== key.link || componentId(moved) !== componentId(key);
    if (relinked) {
      if (await componentExists(db, caseId, moved)) throw new AppError('review.component_exists', { link: moved.link });
      await applyDecision(db, componentTarget(caseId, key, true), 'reject', actor, edit.note);
      // The new component is confirmed unless the edit rejects it at once.
      await applyDecision(db, componentTarget(caseId, moved, false), 'add', actor, edit.note);
      if (edit.status === 'rejected') await applyDecision(db, componentTarget(caseId, moved, true), 'reject', actor, edit.note);
    } else {
      const action = edit.status === undefined ? 'note' : edit.status === 'rejected' ? 'reject' : 'accept';
      await applyDecision(db, componentTarget(caseId, key, true), action, actor, edit.note);
    }
  });
  return (await getCaseReview(db, caseId)) as CaseReview;
}
