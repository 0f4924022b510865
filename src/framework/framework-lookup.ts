/**
 * Small lookups over a validated framework that every consumer needs (the
 * classifier, the assessment, reports). Pure and uncached: build the map once
 * and keep it when calling in a loop.
 */
import type { Framework, Link } from '../model/index.js';

/** Every link by id. */
export function linkById(framework: Framework): ReadonlyMap<string, Link> {
  return new Map(framework.links.map((link) => [link.id, link]));
}

/** The links of one segment, in the order the framework lists them; empty for an unknown segment. */
export function linksOfSegment(framework: Framework, segmentId: string): readonly Link[] {
  return framework.links.filter((link) => link.segment === segmentId);
}

/** The link a person named: its id, its Chinese name, or its English name in any case; undefined when none. */
export function findLink(framework: Framework, text: string): Link | undefined {
  const lower = text.toLowerCase();
  return framework.links.find((link) => link.id === text || link.name.zh === text || link.name.en.toLowerCase() === lower);
}
