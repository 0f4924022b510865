/**
 * Imports over HTTP, in two steps as the import page shows them:
 *
 *   upload ── multipart `file` (size limit → 413), saved under a random id (uploads.ts)
 *   check ─── importFiles(validateOnly): the same reading, validation and reference
 *   │         checks as `chainatlas import`, nothing written; the problems row by
 *   │         row, the rejected rows as a CSV with a reason column
 *   commit ── importFiles again on the kept file, whole or partial, in one
 *             transaction with its audit entry (the database may have changed
 *             since the check, so it is checked again)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityKind, Issue, Lang } from '../model/index.js';
import { AppError, ENTITY_ORDER, issueText } from '../model/index.js';
import { importFiles } from '../ingest/index.js';
import { listImports } from '../store/index.js';
import { FileReply, route } from './route-spec.js';
import type { PendingImport } from './uploads.js';
import { CONTENT_TYPES } from './downloads.js';
import * as w from './write-schemas.js';

function problemOf(i: Issue, lang: Lang) {
  return {
    file: i.file ?? '', ...(i.sheet ? { sheet: i.sheet } : {}), ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column ? { column: i.column } : {}),
    ...(i.path ? { path: i.path } : {}), ...(i.value !== undefined ? { value: i.value } : {}), code: i.code, reason: issueText(i)[lang],
  };
}

function pendingOf(ctx: { uploads: { get(id: string): PendingImport | undefined } }, id: string): PendingImport {
  const found = ctx.uploads.get(id);
  if (!found) throw new AppError('server.not_found', { kind: 'upload', id });
  return found;
}

export const IMPORT_ROUTES = [
  route({
    method: 'POST', url: '/api/imports', summary: 'upload a file and check it row by row; nothing is written until commit',
    access: 'analyst', multipart: w.uploadFields, response: w.uploadResponse, errors: [413],
    handle: async ({ upload }, ctx) => {
      if (!upload) throw new AppError('server.upload_missing', {});
      const fields = w.uploadFields.omit({ file: true }).safeParse(upload.fields);
      const entity = fields.success ? fields.data.entity : undefined;
      if (upload.fields.entity !== undefined && !entity) {
        ctx.uploads.discard(upload);
        throw new AppError('cli.bad_option', { option: 'entity', reason: ENTITY_ORDER.join(', ') });
      }
      const report = await importFiles(ctx.db, [upload.path], {
        framework: ctx.framework, validateOnly: true, rejectsFile: join(upload.dir, 'rejects', 'rejects.csv'), ...(entity ? { entity } : {}),
      });
      ctx.uploads.keep({ upload, ...(entity ? { entity } : {}), issues: report.issues, rejectsFiles: report.rejectsFiles ?? [], by: ctx.user?.username ?? '', committed: false });
      const file = report.files[0];
      return {
        id: upload.id, fileName: upload.fileName, entities: file?.entities ?? [], rows: file?.rows ?? 0,
        valid: Object.values(report.accepted).reduce((a, b) => a + b, 0), rejected: report.rejectedRows,
        problems: report.issues.map((i) => problemOf(i, ctx.lang)), committed: false,
      };
    },
  }),
  route({
    method: 'POST', url: '/api/imports/:id/commit', summary: 'commit a checked upload: whole (default; refused when it has problems) or its valid rows (partial)',
    access: 'analyst', params: w.uploadParams, body: w.commitBody, response: w.commitResponse, errors: [404, 409],
    handle: async ({ params, body }, ctx) => {
      const pending = pendingOf(ctx, params.id);
      if (pending.committed) throw new AppError('import.already_committed', { id: params.id });
      if (pending.issues.length > 0 && !body.partial) throw new AppError('import.has_problems', { problems: pending.issues.length });
      const report = await importFiles(ctx.db, [pending.upload.path], {
        framework: ctx.framework, partial: body.partial === true, ...(pending.entity ? { entity: pending.entity } : {}),
        actor: { name: ctx.user?.username ?? '', ip: ctx.ip },
      });
      if (!report.committed || report.importId === undefined) throw new AppError('import.not_committed', { problems: report.issues.length }, report.issues);
      pending.committed = true;
      const counts = Object.fromEntries(Object.entries(report.accepted).filter(([, n]) => n > 0)) as Partial<Record<EntityKind, number>>;
      return { committed: true, importId: report.importId, counts, rejected: report.rejectedRows };
    },
  }),
  route({
    method: 'GET', url: '/api/imports/:id/rejects', summary: "an upload's rejected rows as CSV (UTF-8 with BOM), with a _problems column giving the reasons",
    access: 'analyst', params: w.uploadParams, produces: [CONTENT_TYPES.csv], errors: [404],
    handle: ({ params }, ctx) => {
      const pending = pendingOf(ctx, params.id);
      const files = pending.rejectsFiles;
      const first = files[0];
      if (!first) throw new AppError('import.no_rejects', { id: params.id });
      // One CSV per entity; a file of several entities (XLSX sheets) gives them one after another, each with its header.
      const text = files.map((f, i) => (i === 0 ? readFileSync(f, 'utf8') : readFileSync(f, 'utf8').replace(/^\ufeff/, ''))).join('\n');
      const base = pending.upload.fileName.replace(/\.[^.]+$/, '');
      return new FileReply(CONTENT_TYPES.csv, `${base}.rejects.csv`, text);
    },
  }),
  route({
    method: 'GET', url: '/api/imports', summary: 'the import log: every committed import, oldest first', query: w.importsQuery, response: w.importsResponse,
    handle: async ({ query }, ctx) => {
      const all = await listImports(ctx.db);
      return { total: all.length, items: all.slice(query.offset, query.offset + query.limit) };
    },
  }),
];
