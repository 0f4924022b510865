/** The HTTP API (Fastify) and the assessment runs it shares with the CLI. */
export {
  assessmentFor, buildAssessment, benchmarkOf, compareMatrix, failWith, levelOf, linkTargets, load, loadAssessConfig, proximityOf, targetsOf, unitLevelOf,
} from './assessment-runs.js';
export type { CompareMatrix, LinkTargets, Loaded } from './assessment-runs.js';
export { createServer, DEFAULT_BODY_LIMIT } from './create-server.js';
export type { ServerOptions } from './create-server.js';
export { buildOpenApi, openApiPath } from './openapi.js';
export { ROUTES } from './routes.js';
export type { ApiRoute } from './routes.js';
export { errorBody, languageOf, statusOf } from './http-errors.js';
export type { ErrorBody, ErrorDetail } from './http-errors.js';
export { REPORT_FORMATS, isReportFormat, reportDate, reportFileName, reportInputFor, writeReports } from './report-files.js';
export type { ReportFormat, WrittenReport } from './report-files.js';
