/** The data model: entity types, vocabularies, bilingual text, issues and the message catalog. */
export type { Text } from './text.js';
export { Lang, isLang, pick } from './text.js';
export {
  Position, isPosition, RegionLevel, isRegionLevel, NbsGroup, isNbsGroup, Ownership, isOwnership, EnterpriseKind, isEnterpriseKind,
  SourceKind, isSourceKind, Method, isMethod, ComponentRole, isComponentRole, EntityKind, isEntityKind, ENTITY_ORDER, vocabularyGuard,
} from './vocab.js';
export type { Framework, Segment, Link, Keyword, NegativeKeyword, FrameworkView, IndustrySection, IndustryDivision } from './framework.js';
export type { Region } from './region.js';
export { NATION_CODE } from './region.js';
export type { Enterprise, Offering, Case, Component, Observation, Outcome, Extra, Sourced, EntityRecords, EntityRecord } from './entities.js';
export type { Issue, IssueLocation, Validated } from './issue.js';
export { issue, issueText, formatIssue, formatLocation, AppError } from './issue.js';
export { messages } from './messages.js';
export { closestMatches, editDistance } from './closest.js';
export type { MessageCode, MessageParams } from './messages.js';
