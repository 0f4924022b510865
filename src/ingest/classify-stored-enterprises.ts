/**
 * `chainatlas classify-enterprises` on the database: every stored enterprise's
 * description → classified offerings, written through the review layer
 * (store/review.ts) a page at a time, so that decided offerings stay as
 * decided and a re-run replaces only the classifier's own undecided guesses.
 * Each page is its own transaction: an interrupted run leaves whole pages, and
 * running again completes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from '../model/index.js';
import { AppError } from '../model/index.js';
import { classifyEnterprise, type Classifier, type IndustryLinks } from '../classify/index.js';
import { listEnterprises, saveClassifiedOfferings, type Database } from '../store/index.js';
import { DATA_DIR } from './bundled-data.js';

export const DEFAULT_INDUSTRY_LINKS_FILE = join(DATA_DIR, 'classify', 'industry-links.json');

/** Reads an industry → candidate links table; link ids must be the framework's. */
export function readIndustryLinks(framework: Framework, path: string = DEFAULT_INDUSTRY_LINKS_FILE): IndustryLinks {
  const document = JSON.parse(readFileSync(path, 'utf8')) as { framework?: string; codes?: Record<string, { links?: unknown }> };
  // A table written for another framework does not apply.
  if (document.framework !== framework.id) return new Map();
  const known = new Set(framework.links.map((l) => l.id));
  const table = new Map<string, string[]>();
  for (const [code, entry] of Object.entries(document.codes ?? {})) {
    const links = Array.isArray(entry.links) ? entry.links.map(String) : [];
    const unknown = links.find((l) => !known.has(l));
    if (unknown) throw new AppError('ingest.unknown_link', { link: `${unknown} (${path}, ${code})`, suggestions: [] });
    table.set(code, links);
  }
  return table;
}

export interface ClassifyEnterprisesReport {
  readonly enterprises: number;
  readonly withText: number;
  readonly written: number;
  readonly keptDecided: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byIndustry: number;
}

const PAGE = 5000;

export async function classifyStoredEnterprises(
  db: Database,
  classifier: Classifier,
  industries: IndustryLinks,
  onProgress?: (done: number, total: number) => void,
): Promise<ClassifyEnterprisesReport> {
  const counts = { enterprises: 0, withText: 0, written: 0, keptDecided: 0, byIndustry: 0 };
  const byStatus: Record<string, number> = {};
  for (let offset = 0; ; offset += PAGE) {
    const page = await listEnterprises(db, { limit: PAGE, offset });
    if (page.items.length === 0) break;
    const assignments = page.items.flatMap((e) => classifyEnterprise(e, classifier, industries));
    const written = await saveClassifiedOfferings(db, page.items.map((e) => e.id), assignments);
    counts.enterprises += page.items.length;
    counts.withText += page.items.filter((e) => e.description).length;
    counts.written += written.written;
    counts.keptDecided += written.keptDecided;
    counts.byIndustry += assignments.filter((a) => a.byIndustry).length;
    for (const a of assignments) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    onProgress?.(counts.enterprises, page.total);
    if (page.items.length < PAGE) break;
  }
  return { ...counts, byStatus };
}
