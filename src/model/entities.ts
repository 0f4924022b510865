/**
 * The stored entities (DESIGN.md, "Entities"). These are domain types after
 * validation: region fields hold resolved codes, links are framework ids, money is yuan.
 */
import type { ComponentRole, EntityKind, Method, Ownership, Position, SourceKind, EnterpriseKind } from './vocab.js';

/** Columns a file brought that the model does not know, kept verbatim. */
export type Extra = Readonly<Record<string, string>>;

export interface Sourced {
  readonly sourceKind?: SourceKind;
  /** Citation: a document and section, a URL, a survey name. */
  readonly source?: string;
}

export interface Enterprise extends Sourced {
  readonly id: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly aliases: readonly string[];
  /** Unified social credit code (GB 32100), check digit verified. */
  readonly creditCode?: string;
  /** Headquarters region codes. */
  readonly province?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2 country of origin. */
  readonly originCountry?: string;
  readonly ownership?: Ownership;
  readonly kind?: EnterpriseKind;
  readonly leader: boolean;
  readonly listingCode?: string;
  /** GB/T 4754 code of the enterprise's own industry. */
  readonly industryCode?: string;
  readonly description?: string;
  readonly founded?: string;
  readonly registeredCapitalYuan?: number;
  readonly extra: Extra;
}

export interface Offering extends Sourced {
  readonly enterpriseId: string;
  readonly link: string;
  readonly product?: string;
  readonly position?: Position;
  readonly method: Method;
  readonly confidence?: number;
  readonly evidence?: string;
  readonly extra: Extra;
}

export interface Outcome {
  readonly kpiZh?: string;
  readonly kpiEn?: string;
  /** Signed change, e.g. 30 for "+30%". */
  readonly change: number;
  readonly unit: string;
}

export interface Case extends Sourced {
  readonly id: string;
  readonly titleZh?: string;
  readonly titleEn?: string;
  readonly year?: number;
  readonly customer?: string;
  readonly customerProvince?: string;
  readonly customerCity?: string;
  /** GB/T 4754 section letter or division code of the customer's industry. */
  readonly industryCode?: string;
  readonly descriptionZh?: string;
  readonly descriptionEn?: string;
  readonly outcomes: readonly Outcome[];
  readonly extra: Extra;
}

export interface Component {
  readonly caseId: string;
  readonly link: string;
  /** The enterprise, when the supplier is known to the registry. */
  readonly supplierId?: string;
  /** The supplier as the source names it, kept when it could not be matched. */
  readonly supplierName?: string;
  readonly role: ComponentRole;
  readonly method: Method;
  readonly confidence?: number;
  readonly evidence?: string;
  readonly reviewed: boolean;
  readonly note?: string;
  readonly extra: Extra;
}

export interface Observation extends Sourced {
  /** Indicator key, e.g. `ident.secondary_nodes`. */
  readonly indicator: string;
  readonly labelZh?: string;
  readonly labelEn?: string;
  readonly region: string;
  readonly link?: string;
  /** The enterprise the figure is about (a firm's revenue, an operator's platform level), when it is about one. */
  readonly enterpriseId?: string;
  /** `2022`, `2022-11` or `2022-11-20`. */
  readonly period: string;
  readonly value: number;
  readonly unit: string;
  /** For rank observations: the group the rank is within (`nation`, `central`, ...). */
  readonly rankWithin?: string;
  readonly note?: string;
  readonly extra: Extra;
}

export interface EntityRecords {
  readonly enterprises: readonly Enterprise[];
  readonly offerings: readonly Offering[];
  readonly cases: readonly Case[];
  readonly components: readonly Component[];
  readonly observations: readonly Observation[];
}

export type EntityRecord<K extends EntityKind> = EntityRecords[K][number];
