/**
 * The audit log (schema version 3): who changed what, when and from where,
 * with the record before and after. Review decisions are already logged in
 * `decisions` (review.ts) with the same facts; the `audit_trail` view reads
 * both, so the log an admin reads covers every change.
 */
import type { Database } from './database.js';
import { jsonText } from './review.js';

export interface AuditEntry {
  readonly username: string;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly ip?: string;
}

export interface AuditRecord extends AuditEntry {
  readonly at: string;
  readonly note?: string;
}

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.run('INSERT INTO audit_log VALUES (now(), $username, $action, $targetKind, $targetId, $before, $after, $ip)', {
    username: entry.username, action: entry.action, targetKind: entry.targetKind, targetId: entry.targetId,
    before: entry.before === undefined ? null : jsonText(entry.before), after: entry.after === undefined ? null : jsonText(entry.after), ip: entry.ip ?? null,
  });
}

export interface AuditFilter {
  readonly username?: string;
  /** An action or its prefix: `user.`, `import.commit`, `add`. */
  readonly action?: string;
  readonly targetKind?: string;
  readonly limit?: number;
  readonly offset?: number;
}

const parsedJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : undefined);

/** The audit trail, newest first. */
export async function listAudit(db: Database, filter: AuditFilter = {}): Promise<{ total: number; items: AuditRecord[] }> {
  const params: Record<string, string> = {};
  const conditions: string[] = [];
  if (filter.username) { conditions.push('username = $username'); params.username = filter.username; }
  if (filter.action) { conditions.push("action LIKE $action ESCAPE '\\'"); params.action = `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
  if (filter.targetKind) { conditions.push('target_kind = $targetKind'); params.targetKind = filter.targetKind; }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = Math.max(0, Math.floor(filter.limit ?? 100));
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  const total = await db.one(`SELECT count(*)::INTEGER AS n FROM audit_trail ${where}`, params);
  const rows = await db.all(`SELECT * FROM audit_trail ${where} ORDER BY logged_at DESC LIMIT ${limit} OFFSET ${offset}`, params);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      at: r.logged_at instanceof Date ? r.logged_at.toISOString() : String(r.logged_at), username: String(r.username ?? ''), action: String(r.action),
      targetKind: String(r.target_kind ?? ''), targetId: String(r.target_id ?? ''),
      ...(r.before_json != null ? { before: parsedJson(r.before_json) } : {}), ...(r.after_json != null ? { after: parsedJson(r.after_json) } : {}),
      ...(typeof r.ip === 'string' ? { ip: r.ip } : {}), ...(typeof r.note === 'string' ? { note: r.note } : {}),
    })),
  };
}
