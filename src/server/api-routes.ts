/**
 * The whole route table: the read routes (routes.ts) and the signed-in side —
 * sign-in and users, case review, imports and reports. The server registers
 * this table and the OpenAPI document is generated from it.
 */
import type { ApiRoute } from './route-spec.js';
import { ROUTES } from './routes.js';
import { AUTH_ROUTES } from './auth-routes.js';
import { REVIEW_ROUTES } from './review-routes.js';
import { IMPORT_ROUTES } from './import-routes.js';
import { REPORT_ROUTES } from './report-routes.js';

export const API_ROUTES: readonly ApiRoute[] = [...ROUTES, ...AUTH_ROUTES, ...REVIEW_ROUTES, ...IMPORT_ROUTES, ...REPORT_ROUTES];
