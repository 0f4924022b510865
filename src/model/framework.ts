/** A chain taxonomy: segments holding links (a link may have a parent link). Any chain, not only the default one. */
import type { Text } from './text.js';
import type { Position } from './vocab.js';

export interface Keyword {
  readonly term: string;
  /** How much one hit counts toward the link; 1 when not given. */
  readonly weight: number;
}

export interface NegativeKeyword {
  /** A phrase that contains or resembles a keyword but does not mean the link. */
  readonly term: string;
  readonly note?: string;
}

export interface Segment {
  readonly id: string;
  readonly name: Text;
  readonly description?: Text;
}

export interface Link {
  readonly id: string;
  readonly segment: string;
  readonly parent?: string;
  readonly name: Text;
  readonly position: Position;
  readonly scope: Text;
  readonly keywords: readonly Keyword[];
  readonly negatives: readonly NegativeKeyword[];
  /** Score a text needs before the link is assigned; the classifier's default when absent. */
  readonly threshold?: number;
}

/** An alternative way to read the chain (e.g. the traditional six-layer view), as groups of links. */
export interface FrameworkView {
  readonly id: string;
  readonly name: Text;
  readonly layers: readonly { readonly id: string; readonly name: Text; readonly links: readonly string[] }[];
}

export interface IndustryDivision {
  readonly code: string;
  readonly name: Text;
}

export interface IndustrySection {
  readonly code: string;
  readonly name: Text;
  readonly divisions: readonly IndustryDivision[];
}

export interface Framework {
  readonly id: string;
  readonly version: string;
  readonly name: Text;
  readonly description?: Text;
  readonly source?: string;
  readonly segments: readonly Segment[];
  readonly links: readonly Link[];
  readonly views: readonly FrameworkView[];
  /** The customer sectors cases are filed under (penetration industries). */
  readonly industries?: { readonly standard: string; readonly sections: readonly IndustrySection[] };
}
