/**
 * Reports over HTTP: the same phases as `chainatlas report` (report-files.ts)
 * for one region, format, language and outline, rendered into a scratch
 * folder and sent as a download. The saved name carries the region's name in
 * the report's language (RFC 5987 for Chinese), the ASCII name its code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReply, route } from './route-spec.js';
import { regionAt } from './routes.js';
import { CONTENT_TYPES } from './downloads.js';
import { reportInputFor, writeReports, REPORT_FORMATS } from './report-files.js';
import * as w from './write-schemas.js';

export const REPORT_ROUTES = [
  route({
    method: 'GET', url: '/api/reports/:region', summary: "generate a region's supply-capability report and download it (HTML, PDF, XLSX or DOCX)",
    access: 'analyst', params: w.reportParams, query: w.reportQuery, produces: REPORT_FORMATS.map((f) => CONTENT_TYPES[f]),
    handle: async ({ params, query }, ctx) => {
      const region = regionAt('params.region', params.region);
      const input = await reportInputFor(ctx.db, ctx.framework, region, { config: ctx.config });
      const dir = mkdtempSync(join(tmpdir(), 'chainatlas-report-'));
      try {
        const [written] = await writeReports(input, { langs: [query.lang], formats: [query.format], outDir: dir, outline: query.outline });
        const body = readFileSync((written as NonNullable<typeof written>).file);
        const name = region.short[query.lang];
        const suffix = `${query.outline === 'default' ? '' : `-${query.outline}`}-${query.lang}.${query.format}`;
        const fileName = `chainatlas-report-${name}${suffix}`;
        const asciiName = /^[\x20-\x7e]*$/.test(fileName) ? fileName : `chainatlas-report-${region.code}${suffix}`;
        return new FileReply(CONTENT_TYPES[query.format], fileName, body, asciiName);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  }),
];
