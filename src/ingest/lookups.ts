/**
 * What a row is checked against: the framework's links (by id or by name), the
 * region table and the framework's industry codes. Built once per import;
 * results of repeated inputs are cached because a million rows repeat a few
 * hundred province and city names.
 */
import type { Framework, Region } from '../model/index.js';
import { closestMatches } from '../model/index.js';
import { resolveRegion } from '../regions/index.js';
import { detach, nfkc } from './fast-text.js';
import { fail, type CellResult } from './parse-cell.js';

export interface Lookups {
  readonly frameworkId: string;
  link(text: string): CellResult<string>;
  region(text: string, level: 'province' | 'city' | 'any', within?: string): CellResult<Region>;
  industry(text: string): CellResult<string>;
}

export function createLookups(framework: Framework): Lookups {
  const links = new Map<string, string>();
  for (const link of framework.links) {
    links.set(link.id.toLowerCase(), link.id);
    links.set(link.name.zh, link.id);
    links.set(link.name.en.toLowerCase(), link.id);
  }
  const linkCandidates = framework.links.map((l) => ({ label: l.id, spellings: [l.id, l.name.zh, l.name.en] }));

  const industries = new Map<string, string>();
  for (const section of framework.industries?.sections ?? []) {
    industries.set(section.code.toLowerCase(), section.code);
    industries.set(section.name.zh, section.code);
    industries.set(section.name.en.toLowerCase(), section.code);
    for (const division of section.divisions) {
      industries.set(division.code, division.code);
      industries.set(division.name.zh, division.code);
      industries.set(division.name.en.toLowerCase(), division.code);
    }
  }

  // By level, then the province a city must lie in, then the text: no key string is built per lookup.
  const regionCache = new Map<string, Map<string, Map<string, CellResult<Region>>>>();

  return {
    frameworkId: framework.id,
    link(text) {
      const key = nfkc(text).trim();
      const id = links.get(key) ?? links.get(key.toLowerCase());
      if (id) return { ok: true, value: id };
      return fail('ingest.unknown_link', { link: key, suggestions: closestMatches(key, linkCandidates, 3) });
    },
    region(text, level, within) {
      let byWithin = regionCache.get(level);
      if (!byWithin) regionCache.set(level, (byWithin = new Map()));
      let byText = byWithin.get(within ?? '');
      if (!byText) byWithin.set(within ?? '', (byText = new Map()));
      const cached = byText.get(text);
      if (cached) return cached;
      const found = resolveRegion(text, { level, ...(within ? { within } : {}) });
      const first = found.issues[0];
      const result: CellResult<Region> = found.value
        ? { ok: true, value: found.value }
        : first
          ? { ok: false, code: first.code, params: first.params }
          : fail('region.unknown', { input: text, suggestions: [] });
      byText.set(detach(text), result);
      return result;
    },
    industry(text) {
      const key = nfkc(text).trim();
      // Without a list in the framework, any well-formed section letter or division/group/class code passes.
      if (industries.size === 0) {
        return /^([A-Ta-t]|\d{2,4})$/.test(key) ? { ok: true, value: key.toUpperCase() } : fail('ingest.bad_industry_code', {});
      }
      const code = industries.get(key) ?? industries.get(key.toLowerCase()) ?? (/^\d{3,4}$/.test(key) ? industries.get(key.slice(0, 2)) && key : undefined);
      return code ? { ok: true, value: code } : fail('ingest.bad_industry_code', {});
    },
  };
}
