/**
 * Classification: resolving the suppliers a source names to enterprise records, and
 * finding company names in free text. Pure: plain data in, plain data out.
 */
export type { CompanyNameAnalysis, CompanyNameAnalyzer } from './company-names.js';
export { normalizeCompanyName, createCompanyNameAnalyzer } from './company-names.js';
export type {
  SupplierCandidate, SupplierIndex, SupplierIndexOptions, SupplierMatch, ScoredCandidate, MatchContext,
} from './match-suppliers.js';
export {
  createSupplierIndex, MatchReason, isMatchReason, MatchStatus, isMatchStatus,
  CREDIT_CODE_SCORE, EXACT_NAME_SCORE, SHORT_FORM_SCORE, CORE_NAME_SCORE, FUZZY_MAX_SCORE,
  AUTO_MATCH, POTENTIAL, MIN_MARGIN, CANDIDATE_FLOOR, MAX_CANDIDATES, FUZZY_POOL,
} from './match-suppliers.js';
export type { SupplierMention } from './find-mentions.js';
export { findSupplierMentions, MAX_NAME_PREFIX } from './find-mentions.js';
