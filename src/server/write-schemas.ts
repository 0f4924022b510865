/**
 * The edge of the API's signed-in side: zod schemas of sign-in, users, the
 * audit log, case review edits, imports and reports (requests validated on
 * the way in; responses for the OpenAPI document), each field described.
 */
import { z } from 'zod';
import { ENTITY_ORDER } from '../model/index.js';
import { ROLES } from '../store/index.js';
import { REPORT_FORMATS } from './report-files.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

const role = z.enum(ROLES).describe('viewer (reads), analyst (also edits, imports, reports) or admin (also users and the audit log)');
const username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 letters, digits or . _ -, starting with a letter or digit')
  .describe('the sign-in name (lower case)');
const password = z.string().min(MIN_PASSWORD_LENGTH).max(1024).describe(`at least ${MIN_PASSWORD_LENGTH} characters`);
const displayName = z.string().trim().min(1).max(100).describe('the name shown in the app');
const version = z.number().int().min(0).describe('the version of the case the edit was made on (from GET /api/cases/:id); a stale one is refused with 409');
const note = z.string().max(2000).describe('why (kept on the component and in the audit log; stored and returned as plain text)');
const linkId = z.string().trim().min(1).max(100).describe('a chain link: its id, Chinese name or English name');
const supplierId = z.string().trim().min(1).max(200).describe('the supplier: an enterprise id of the registry');
const supplierName = z.string().trim().min(1).max(200).describe('the supplier as named, when it is not in the registry');
const page = {
  limit: z.coerce.number().int().min(0).max(1000).default(100).describe('rows to return (0–1000, default 100)'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip (default 0)'),
};

// ── requests ──────────────────────────────────────────────────────────────

export const loginBody = z.object({ username: z.string().max(200).describe('the sign-in name'), password: z.string().max(1024).describe('the password') });

export const usernameParams = z.object({ username: z.string().min(1).max(200).describe('the sign-in name') });

export const newUserBody = z.object({ username, password, role, displayName: displayName.optional() });

export const userChangeBody = z.object({
  role: role.optional(), password: password.optional(), disabled: z.boolean().optional().describe('true: the account can no longer sign in'),
  displayName: displayName.optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give role, password, disabled or displayName', path: ['role'] });

export const auditQuery = z.object({
  user: z.string().max(200).optional().describe('entries by this user'),
  action: z.string().max(100).optional().describe('an action or its prefix: user., import.commit, auth.login, accept, reject, add'),
  targetKind: z.string().max(50).optional().describe('user, import, component, offering …'),
  ...page,
});

/** One supplier at most: by registry id or by name. */
const oneSupplier = (b: { supplierId?: string | undefined; supplierName?: string | undefined }) => !(b.supplierId && b.supplierName);
const oneSupplierIssue = { message: 'give supplierId or supplierName, not both', path: ['supplierName'] };

export const caseComponentParams = z.object({
  id: z.string().min(1).max(200).describe('the case id'),
  componentId: z.string().min(1).max(1000).describe('the component id (from GET /api/cases/:id)'),
});

export const newComponentBody = z.object({ version, linkId, supplierId: supplierId.optional(), supplierName: supplierName.optional(), note: note.optional() })
  .refine(oneSupplier, oneSupplierIssue);

export const componentChangeBody = z.object({
  version, status: z.enum(['confirmed', 'rejected']).optional().describe('accept (confirmed) or reject the component'),
  linkId: linkId.optional().describe('move the component to this link'), supplierId: supplierId.optional(), supplierName: supplierName.optional(), note: note.optional(),
}).refine(oneSupplier, oneSupplierIssue)
  .refine((b) => [b.status, b.linkId, b.supplierId, b.supplierName, b.note].some((v) => v !== undefined), { message: 'give status, linkId, a supplier or a note', path: ['status'] });

export const uploadFields = z.object({
  file: z.string().describe('the file: XLSX, CSV (UTF-8 or GB18030) or JSON, as the CLI imports'),
  entity: z.enum(ENTITY_ORDER).optional().describe('which entity the file holds, when neither its name nor its headers say'),
});

export const uploadParams = z.object({ id: z.string().min(1).max(100).describe('the upload id (from POST /api/imports)') });
export const commitBody = z.object({ partial: z.boolean().optional().describe('commit the valid rows and leave the rejected ones (default false: all or nothing)') });
export const importsQuery = z.object(page);

export const reportParams = z.object({ region: z.string().trim().min(1).max(100).describe('the region of the report: a province or city as code or name') });
export const reportQuery = z.object({
  format: z.enum(REPORT_FORMATS).default('html').describe(`${REPORT_FORMATS.join(', ')} (default html)`),
  lang: z.enum(['zh', 'en']).default('zh').describe('the language of the report (default zh)'),
  outline: z.enum(['default', 'chain-leader']).default('default').describe('default (the published analysis) or chain-leader (four maps, five lists)'),
});

// ── responses (documentation) ─────────────────────────────────────────────

export const userResponse = z.object({
  username: z.string(), displayName: z.string(), role, disabled: z.boolean().optional(), createdAt: z.string().optional(),
}).describe('a user (never the password or its hash)');
export const sessionResponse = z.object({ user: userResponse, csrfToken: z.string().describe('send it as the x-csrf-token header of every request that is not a GET') });
export const usersResponse = z.object({ items: z.array(userResponse) });
export const auditResponse = z.object({
  total: z.number().int(),
  items: z.array(z.looseObject({
    at: z.string(), username: z.string(), action: z.string(), targetKind: z.string(), targetId: z.string(),
    before: z.unknown().optional(), after: z.unknown().optional(), ip: z.string().optional(), note: z.string().optional(),
  })),
}).describe('the audit trail, newest first: user management, sign-ins, imports and every review decision');

export const uploadResponse = z.object({
  id: z.string().describe('the upload id, for commit and rejects'), fileName: z.string(), entities: z.array(z.string()),
  rows: z.number().int().describe('data rows read'), valid: z.number().int().describe('rows that would be imported'), rejected: z.number().int().describe('rows with a problem'),
  problems: z.array(z.looseObject({
    file: z.string(), sheet: z.string().optional(), row: z.number().int().optional(), column: z.string().optional(), path: z.string().optional(),
    value: z.string().optional(), code: z.string(), reason: z.string().describe('in the language of Accept-Language'),
  })),
  committed: z.literal(false),
}).describe('the check of an upload, row by row: nothing is written yet');
export const commitResponse = z.object({
  committed: z.literal(true), importId: z.number().int(), counts: z.record(z.string(), z.number().int()).describe('records written, by entity'),
  rejected: z.number().int().describe('rows left out (partial)'),
});
export const importsResponse = z.object({ total: z.number().int(), items: z.array(z.looseObject({ id: z.number().int(), finishedAt: z.string(), mode: z.string() })) })
  .describe('the import log, oldest first');
