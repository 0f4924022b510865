/** The database: the only place that holds SQL. */
export { Database, DEFAULT_DATABASE_FILE, DATABASE_ENV } from './database.js';
export type { Row, Params } from './database.js';
export { ImportSession } from './import-session.js';
export type { UnresolvedReference, ImportLog } from './import-session.js';
export { prepareStage } from './stage-rows.js';
export type { StagedRecord, RowOrigin, PreparedStage } from './stage-rows.js';
export { TABLES } from './tables.js';
export {
  listEnterprises, listOfferings, getEnterprise, listCases, getCase, listObservations, readSupplierLinks, readCaseLinks, tableCounts, listImports,
} from './queries.js';
export type { EnterpriseFilter, OfferingFilter, CaseFilter, ObservationFilter, Page, SupplierLink, CaseLink, ImportEntry } from './queries.js';
export {
  saveClassifiedOfferings, saveClassifiedComponents, reviewQueue, decide, listSupplierMatches, decideSupplierMatch, mergeEnterprises,
} from './review.js';
export type {
  ReviewStatus, ClassifiedOffering, ClassifiedComponent, SupplierMatchRow, StoredSupplierMatch, WriteCounts, ReviewItem, DecisionTarget,
  DecisionAction, DecisionResult, Actor,
} from './review.js';
export { caseVersion } from './case-versions.js';
export { getCaseReview, editCase, componentId, parseComponentId, evidenceSpans } from './case-review.js';
export type { CaseReview, ReviewedComponent, EvidenceSpan, CaseEdit, SupplierRef } from './case-review.js';
export { ROLES, isRole, findUser, listUsers, countUsers, insertUser, updateUser, publicUser } from './users.js';
export type { Role, User, StoredUser, UserChange } from './users.js';
export { insertSession, findSession, touchSession, deleteSession, deleteUserSessions, deleteStaleSessions } from './sessions.js';
export type { StoredSession } from './sessions.js';
export { recordAudit, listAudit } from './audit.js';
export type { AuditEntry, AuditRecord, AuditFilter } from './audit.js';
export { loadAssessmentData, findEnterpriseIds } from './assess-queries.js';
export type { AssessQueryOptions, AssessmentData, StoredEnterpriseProfile } from './assess-queries.js';
export { writeClassifiedOfferingsParquet, readParquetRows, CLASSIFIED_OFFERING_COLUMNS } from './parquet-export.js';
export { loadReportRecords } from './report-queries.js';
export type { ReportRecords, ReportCaseRecord, ReportQueryOptions } from './report-queries.js';
