/**
 * What a report is built from: the assessment (all regions of the level, with
 * the assessed region in detail) and the records the assessment does not
 * carry — the cases with their components, every observation, the sources and
 * the names of the places that appear. The report job (src/cli/report-command.ts)
 * loads these from the store; tests build them from plain data. Pure types.
 */
import type { Case, Component, Observation, Text } from '../model/index.js';
import type { Assessment, EnterpriseProfile, RegionAssessment } from '../assess/index.js';

export interface ReportComponent extends Component {
  /** The supplier's name (the matched enterprise, else the raw name). */
  readonly supplier?: Text;
  /** The supplier's headquarters province and city codes, when known. */
  readonly supplierProvince?: string;
  readonly supplierCity?: string;
}

export interface ReportCase {
  readonly case: Case;
  readonly components: readonly ReportComponent[];
}

export interface SourceCount {
  readonly source: string;
  readonly kind?: string;
  /** Records citing the source, by entity (enterprises, offerings, cases, components, observations). */
  readonly records: Readonly<Record<string, number>>;
}

export interface ReportInput {
  readonly assessment: Assessment;
  /** The assessed region (one of `assessment.focus`). */
  readonly region: RegionAssessment;
  /** Enterprise profiles the assessment read (the region's suppliers, outside candidates). */
  readonly enterprises: readonly EnterpriseProfile[];
  readonly observations: readonly Observation[];
  /** Cases concerning the region (its customers', or delivered by its firms), with their components. */
  readonly cases: readonly ReportCase[];
  /** All cases concerning the region, when `cases` holds only the first ones. */
  readonly caseTotal?: number;
  readonly sources: readonly SourceCount[];
  /** Names of the region codes that appear (provinces, cities, the nation). */
  readonly places: Readonly<Record<string, Text>>;
  /** Printed on the title page; given, not read from a clock, so that a report is reproducible. */
  readonly date: string;
  /** The dataset or database the data came from. */
  readonly dataLabel?: string;
}
