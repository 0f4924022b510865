/**
 * One enterprise → classified offerings: its description (business scope,
 * products, profile) classified into links, with its own industry code as a
 * second opinion. The industry never assigns a link on its own; it lifts a
 * link the text gives some evidence for but not enough (`rejected` by the
 * classifier) to `uncertain`, so that an analyst sees it in the review queue:
 * "自动化" in the scope of a firm filed under 4011 工业自动控制系统装置制造 deserves a look.
 */
import type { Enterprise } from '../model/index.js';
import type { Analysis, AssignmentStatus, Classifier, Evidence } from './classifier.js';

/** GB/T 4754 code (class, group or division) → candidate link ids. */
export type IndustryLinks = ReadonlyMap<string, readonly string[]>;

export interface EnterpriseAssignment {
  readonly enterpriseId: string;
  readonly link: string;
  readonly confidence: number;
  readonly status: Exclude<AssignmentStatus, 'rejected'>;
  readonly alternatives: readonly string[];
  /** `term@start-end` items joined by `;`, offsets into the description. */
  readonly evidence: string;
  /** Whether the industry code lifted the link from rejected to uncertain. */
  readonly byIndustry: boolean;
}

/** The candidate links of the longest listed prefix of the code (class 4011 → group 401 → division 40). */
export function industryCandidates(table: IndustryLinks, code: string | undefined): readonly string[] {
  if (!code) return [];
  for (let length = Math.min(code.length, 4); length >= 2; length--) {
    const links = table.get(code.slice(0, length));
    if (links) return links;
  }
  return [];
}

/** Evidence as `term@start-end` items joined by `;` (the classified-offering format of files and the database). */
export function formatEvidence(evidence: readonly Evidence[]): string {
  // A loop, not map/join: this runs for every link of every row of a million-row file.
  let text = '';
  for (const e of evidence) text += `${text ? ';' : ''}${e.term}@${e.start}-${e.end}`;
  return text;
}

/** `formatEvidence` of an Analysis entry's evidence, read from its buffers; `terms` by term index (Lexicon.terms' `term`). */
export function formatAnalysisEvidence(analysis: Analysis, entry: number, terms: readonly string[]): string {
  let text = '';
  const last = analysis.evidenceFrom[entry + 1] as number;
  for (let k = analysis.evidenceFrom[entry] as number; k < last; k++) {
    text += `${text ? ';' : ''}${terms[analysis.evidenceTerm[k] as number] as string}@${analysis.evidenceStart[k] as number}-${analysis.evidenceEnd[k] as number}`;
  }
  return text;
}

export function classifyEnterprise(enterprise: Enterprise, classifier: Classifier, industries: IndustryLinks = new Map()): EnterpriseAssignment[] {
  if (!enterprise.description) return [];
  const candidates = new Set(industryCandidates(industries, enterprise.industryCode));
  const result: EnterpriseAssignment[] = [];
  for (const link of classifier.classify(enterprise.description).links) {
    const byIndustry = link.status === 'rejected' && candidates.has(link.link);
    if (link.status === 'rejected' && !byIndustry) continue;
    result.push({
      enterpriseId: enterprise.id, link: link.link, confidence: link.confidence,
      status: link.status === 'rejected' ? 'uncertain' : link.status,
      alternatives: link.alternatives, evidence: formatEvidence(link.evidence), byIndustry,
    });
  }
  return result;
}
