/** The HTTP API (Fastify) and the assessment runs it shares with the CLI. */
export {
  assessmentFor, buildAssessment, benchmarkOf, compareMatrix, failWith, levelOf, linkTargets, load, loadAssessConfig, proximityOf, targetsOf, unitLevelOf,
} from './assessment-runs.js';
export type { CompareMatrix, LinkTargets, Loaded } from './assessment-runs.js';
export { createServer, DEFAULT_BODY_LIMIT, DEFAULT_UPLOAD_LIMIT } from './create-server.js';
export type { ServerOptions } from './create-server.js';
export { buildOpenApi, openApiPath } from './openapi.js';
export { ROUTES } from './routes.js';
export { API_ROUTES } from './api-routes.js';
export type { ApiRoute, Access } from './route-spec.js';
export { Authenticator, LOCAL_USER, SESSION_COOKIE, CSRF_HEADER, assertNoAuthHost, isLoopback } from './auth.js';
export type { AuthOptions, SessionUser } from './auth.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH, SCRYPT_COST } from './passwords.js';
export { contentDisposition } from './downloads.js';
export { safeFileName } from './uploads.js';
export { errorBody, languageOf, statusOf } from './http-errors.js';
export type { ErrorBody, ErrorDetail } from './http-errors.js';
export { cachedAssessment, dataChanged, dataVersion } from './assessment-cache.js';
export type { AssessmentRun } from './assessment-cache.js';
export { DEFAULT_WEB_ROOT, hasWebApp } from './web-app.js';
export { REPORT_FORMATS, isReportFormat, reportDate, reportFileName, reportInputFor, writeReports } from './report-files.js';
export type { ReportFormat, WrittenReport } from './report-files.js';
