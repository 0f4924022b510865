/**
 * Versioned schema migrations: entry N brings a database from version N to N+1.
 * Published entries never change; a new schema is a new entry.
 * No primary-key constraints: uniqueness is enforced by the importer, which keeps
 * bulk loads fast and avoids DuckDB's over-eager checks on delete+insert of a key
 * within one transaction. Columns must agree with `tables.ts` (a test checks it).
 *
 * Version 2 adds the review layer (review.ts): the status of classified
 * offerings and components and who decided it, the supplier-match queue, the
 * merges of enterprise records and the log of every decision. Those columns are
 * not part of the exchange format in `tables.ts`: an import leaves them empty
 * (NULL status means confirmed, as for any record a person supplied).
 *
 * Version 3 adds access and its record (users.ts, sessions.ts, audit.ts): local
 * accounts with a password hash, sessions stored by the hash of their token,
 * the audit log of changes that are not review decisions (which stay in
 * `decisions`; the `audit_trail` view reads both), and a `version` on cases
 * that every change of a case or its components bumps (case-versions.ts).
 */

export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE enterprises (
       id VARCHAR, name_zh VARCHAR, name_en VARCHAR, aliases VARCHAR, credit_code VARCHAR, province VARCHAR,
       city VARCHAR, origin_country VARCHAR, ownership VARCHAR, kind VARCHAR, leader BOOLEAN, listing_code VARCHAR,
       industry_code VARCHAR, description VARCHAR, founded VARCHAR, registered_capital_yuan DOUBLE,
       source_kind VARCHAR, source VARCHAR, extra VARCHAR, import_id INTEGER)`,
    `CREATE TABLE offerings (
       enterprise_id VARCHAR, link VARCHAR, product VARCHAR, position VARCHAR, method VARCHAR, confidence DOUBLE,
       evidence VARCHAR, source_kind VARCHAR, source VARCHAR, extra VARCHAR, import_id INTEGER)`,
    `CREATE TABLE cases (
       id VARCHAR, title_zh VARCHAR, title_en VARCHAR, year INTEGER, customer VARCHAR, customer_province VARCHAR,
       customer_city VARCHAR, industry_code VARCHAR, description_zh VARCHAR, description_en VARCHAR,
       outcomes VARCHAR, source_kind VARCHAR, source VARCHAR, extra VARCHAR, import_id INTEGER)`,
    `CREATE TABLE components (
       case_id VARCHAR, link VARCHAR, supplier_id VARCHAR, supplier_name VARCHAR, role VARCHAR, method VARCHAR,
       confidence DOUBLE, evidence VARCHAR, reviewed BOOLEAN, note VARCHAR, extra VARCHAR, import_id INTEGER)`,
    `CREATE TABLE observations (
       indicator VARCHAR, label_zh VARCHAR, label_en VARCHAR, region VARCHAR, link VARCHAR, enterprise_id VARCHAR, period VARCHAR,
       value DOUBLE, unit VARCHAR, rank_within VARCHAR, note VARCHAR, source_kind VARCHAR, source VARCHAR,
       extra VARCHAR, import_id INTEGER)`,
    `CREATE TABLE imports (
       id INTEGER, started_at TIMESTAMP, finished_at TIMESTAMP, mode VARCHAR,
       files VARCHAR, accepted INTEGER, rejected INTEGER, framework VARCHAR)`,
    `CREATE TABLE import_rejections (
       import_id INTEGER, file VARCHAR, sheet VARCHAR, row INTEGER, column_name VARCHAR,
       code VARCHAR, value VARCHAR, message_zh VARCHAR, message_en VARCHAR)`,
  ],
  [
    `ALTER TABLE offerings ADD COLUMN status VARCHAR`,
    `ALTER TABLE offerings ADD COLUMN alternatives VARCHAR`,
    `ALTER TABLE offerings ADD COLUMN reviewed BOOLEAN`,
    `ALTER TABLE offerings ADD COLUMN decided_by VARCHAR`,
    `ALTER TABLE offerings ADD COLUMN decided_at TIMESTAMP`,
    `ALTER TABLE components ADD COLUMN status VARCHAR`,
    `ALTER TABLE components ADD COLUMN alternatives VARCHAR`,
    `ALTER TABLE components ADD COLUMN decided_by VARCHAR`,
    `ALTER TABLE components ADD COLUMN decided_at TIMESTAMP`,
    `CREATE TABLE supplier_matches (
       case_id VARCHAR, mention VARCHAR, span_start INTEGER, span_end INTEGER, field VARCHAR, candidate_id VARCHAR,
       score DOUBLE, reason VARCHAR, candidates VARCHAR, status VARCHAR, decided_by VARCHAR, decided_at TIMESTAMP)`,
    `CREATE TABLE enterprise_merges (merged_id VARCHAR, into_id VARCHAR, decided_by VARCHAR, decided_at TIMESTAMP)`,
    `CREATE TABLE decisions (
       decided_at TIMESTAMP, decided_by VARCHAR, action VARCHAR, target_kind VARCHAR, target VARCHAR, before_json VARCHAR, after_json VARCHAR, note VARCHAR)`,
  ],
  [
    `CREATE TABLE users (
       username VARCHAR, display_name VARCHAR, role VARCHAR, password_hash VARCHAR, disabled BOOLEAN, created_at TIMESTAMP, updated_at TIMESTAMP)`,
    `CREATE TABLE sessions (
       token_hash VARCHAR, csrf_token VARCHAR, username VARCHAR, created_at TIMESTAMP, last_seen_at TIMESTAMP, expires_at TIMESTAMP, ip VARCHAR)`,
    `CREATE TABLE audit_log (
       logged_at TIMESTAMP, username VARCHAR, action VARCHAR, target_kind VARCHAR, target_id VARCHAR, before_json VARCHAR, after_json VARCHAR, ip VARCHAR)`,
    `ALTER TABLE cases ADD COLUMN version INTEGER DEFAULT 0`,
    `ALTER TABLE decisions ADD COLUMN ip VARCHAR`,
    `CREATE VIEW audit_trail AS
       SELECT logged_at, username, action, target_kind, target_id, before_json, after_json, ip, NULL AS note FROM audit_log
       UNION ALL
       SELECT decided_at, decided_by, action, target_kind, target, before_json, after_json, ip, note FROM decisions`,
  ],
];
