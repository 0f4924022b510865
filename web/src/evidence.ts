/**
 * Where a component's evidence sits in its case's texts, as [start, end) ranges
 * per field. Evidence comes as spans with offsets (`{field, start, end, text}`),
 * as the classifier's `term@start-end;…` string, or as a quoted phrase; offsets
 * are trusted only when the text at them is the evidence text, else each text
 * is searched for it (its first occurrence). Pure, so the highlighting is testable.
 */
import type { EvidenceSpan } from './types';

export interface Range {
  readonly start: number;
  readonly end: number;
  readonly link: string;
}

export type CaseTexts = Readonly<Record<string, string | undefined>>;

function spansOf(evidence: string | readonly EvidenceSpan[] | undefined): EvidenceSpan[] {
  if (!evidence) return [];
  if (typeof evidence !== 'string') return [...evidence];
  const terms = evidence.split(';').map((part) => /^(.+)@(\d+)-(\d+)$/.exec(part.trim()));
  if (terms.every((m) => m)) return terms.map((m) => ({ text: (m as RegExpExecArray)[1] as string, start: Number(m?.[2]), end: Number(m?.[3]) }));
  return [{ text: evidence.trim() }];
}

/** The ranges of every component's evidence in each field of the case, by field. */
export function evidenceRanges(texts: CaseTexts, components: readonly { link: string; evidence?: string | readonly EvidenceSpan[] }[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  const add = (field: string, range: Range) => out.set(field, [...(out.get(field) ?? []), range]);
  for (const c of components) {
    for (const span of spansOf(c.evidence)) {
      if (!span.text) continue;
      const fields = span.field ? [span.field] : Object.keys(texts);
      for (const field of fields) {
        const text = texts[field];
        if (!text) continue;
        // Offsets are trusted where the text at them is the evidence; a phrase is marked in every text that has it.
        if (span.start !== undefined && span.end !== undefined && text.slice(span.start, span.end) === span.text) {
          add(field, { start: span.start, end: span.end, link: c.link });
          continue;
        }
        const at = text.indexOf(span.text);
        if (at >= 0) add(field, { start: at, end: at + span.text.length, link: c.link });
      }
    }
  }
  return out;
}

/** A text cut into plain and highlighted pieces (overlaps merged), for rendering as text nodes. */
export function pieces(text: string, ranges: readonly Range[]): { text: string; links: string[] }[] {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: { text: string; links: string[] }[] = [];
  let at = 0;
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as Range;
    let end = first.end;
    const links = new Set([first.link]);
    let j = i + 1;
    while (j < sorted.length && (sorted[j] as Range).start < end) {
      end = Math.max(end, (sorted[j] as Range).end);
      links.add((sorted[j] as Range).link);
      j++;
    }
    const start = Math.max(first.start, at);
    if (start > at) out.push({ text: text.slice(at, start), links: [] });
    if (end > start) out.push({ text: text.slice(start, end), links: [...links] });
    at = Math.max(at, end);
    i = j;
  }
  if (at < text.length) out.push({ text: text.slice(at), links: [] });
  return out;
}
