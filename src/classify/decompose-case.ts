/**
 * One case's text → components on framework links with their suppliers: the
 * step the published analysis did by hand for each integrated solution.
 *
 *   fields (titles, descriptions) → classify each → merge per link
 *   → supplier mentions (not the customer) → attribute a supplier to each link
 *
 * Attribution: a link's supplier is the matched supplier mentioned last before
 * the link's first evidence in the same field (a sentence usually names the
 * firm before what it built), else the first matched supplier of the case. With
 * no matched supplier, the nearest company-like name is kept as a raw name for
 * an analyst — never guessed into an enterprise. The supplier mentioned first
 * leads: its most confident component is the lead integrator's.
 */
import type { Case } from '../model/index.js';
import type { AssignmentStatus, Classifier, LinkScore } from './classifier.js';

/** A company name found in a text, as the supplier matcher reports it. */
export interface FoundMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly match: {
    readonly status: 'matched' | 'potential' | 'unmatched';
    readonly best?: { readonly id: string; readonly score: number; readonly reason: string };
    readonly candidates: readonly { readonly id: string; readonly score: number; readonly reason: string }[];
  };
}

/** Company names in a text; `province` (the customer's region code) breaks ties between branches of one firm. */
export type MentionFinder = (text: string, province?: string) => readonly FoundMention[];

export interface CaseMention extends FoundMention {
  readonly field: CaseField;
}

export interface DecomposedComponent {
  readonly link: string;
  readonly supplierId?: string;
  readonly supplierName?: string;
  readonly role: 'lead_integrator' | 'component_supplier';
  readonly confidence: number;
  readonly status: AssignmentStatus;
  readonly alternatives: readonly string[];
  /** `field:term@start-end` items joined by `; `, offsets into that field of the case. */
  readonly evidence: string;
}

export interface Decomposition {
  readonly caseId: string;
  readonly components: readonly DecomposedComponent[];
  /** Every company name found, the customer's excepted: matched, potential or unmatched. */
  readonly mentions: readonly CaseMention[];
}

export const CASE_FIELDS = ['titleZh', 'descriptionZh', 'titleEn', 'descriptionEn'] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

const STATUS_RANK: Record<AssignmentStatus, number> = { confirmed: 2, uncertain: 1, rejected: 0 };

interface LinkInCase {
  readonly link: string;
  confidence: number;
  status: AssignmentStatus;
  readonly alternatives: Set<string>;
  readonly evidence: string[];
  /** Where its first evidence is, for supplier attribution. */
  first: { field: CaseField; start: number };
}

/** Whether the mention names the case's customer (who buys the solution, not a supplier of it). */
function isCustomer(mention: FoundMention, customer: string | undefined): boolean {
  if (!customer) return false;
  return customer.includes(mention.text) || mention.text.includes(customer.replace(/[（(].*$/, ''));
}

export function decomposeCase(item: Case, classifier: Classifier, findMentions: MentionFinder): Decomposition {
  const links = new Map<string, LinkInCase>();
  const mentions: CaseMention[] = [];
  for (const field of CASE_FIELDS) {
    const text = item[field];
    if (!text) continue;
    for (const score of classifier.classify(text).links) {
      if (score.status === 'rejected') continue;
      mergeLink(links, score, field);
    }
    for (const mention of findMentions(text, item.customerProvince)) if (!isCustomer(mention, item.customer)) mentions.push({ ...mention, field });
  }
  const matched = mentions.filter((m) => m.match.status === 'matched' && m.match.best);
  const components = [...links.values()]
    .sort((a, b) => b.confidence - a.confidence || a.link.localeCompare(b.link))
    .map((link): DecomposedComponent => {
      const supplier = attribute(link, matched, mentions);
      return {
        link: link.link,
        ...supplier,
        role: 'component_supplier',
        confidence: link.confidence,
        status: link.status,
        alternatives: [...link.alternatives].filter((a) => !links.has(a)),
        evidence: link.evidence.join('; '),
      };
    });
  return { caseId: item.id, components: withLead(components, matched), mentions };
}

function mergeLink(links: Map<string, LinkInCase>, score: LinkScore, field: CaseField): void {
  const evidence = score.evidence.map((e) => `${field}:${e.term}@${e.start}-${e.end}`);
  const first = { field, start: Math.min(...score.evidence.map((e) => e.start)) };
  const known = links.get(score.link);
  if (!known) {
    links.set(score.link, { link: score.link, confidence: score.confidence, status: score.status, alternatives: new Set(score.alternatives), evidence, first });
    return;
  }
  known.confidence = Math.max(known.confidence, score.confidence);
  if (STATUS_RANK[score.status] > STATUS_RANK[known.status]) known.status = score.status;
  for (const a of score.alternatives) known.alternatives.add(a);
  known.evidence.push(...evidence);
}

function attribute(link: LinkInCase, matched: readonly CaseMention[], all: readonly CaseMention[]): { supplierId?: string; supplierName?: string } {
  const before = (list: readonly CaseMention[]) =>
    list.filter((m) => m.field === link.first.field && m.end <= link.first.start).sort((a, b) => b.end - a.end)[0];
  const chosen = before(matched) ?? matched[0];
  if (chosen?.match.best) return { supplierId: chosen.match.best.id };
  const raw = before(all) ?? all[0];
  return raw ? { supplierName: raw.text } : {};
}

/** The first-mentioned supplier's most confident component becomes the lead integrator's. */
function withLead(components: readonly DecomposedComponent[], matched: readonly CaseMention[]): DecomposedComponent[] {
  const leadId = matched[0]?.match.best?.id;
  const leadIndex = leadId === undefined ? -1 : components.findIndex((c) => c.supplierId === leadId);
  return components.map((c, i) => (i === leadIndex ? { ...c, role: 'lead_integrator' } : c));
}
