/** The HTTP API (Fastify) and the assessment runs it shares with the CLI. */
export {
  assessmentFor, buildAssessment, benchmarkOf, compareMatrix, failWith, levelOf, linkTargets, load, loadAssessConfig, proximityOf, targetsOf, unitLevelOf,
} from './assessment-runs.js';
export type { CompareMatrix, LinkTargets, Loaded } from './assessment-runs.js';
