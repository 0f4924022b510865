/**
 * Turns a chain-taxonomy document (already read and JSON-parsed by the caller)
 * into a validated `Framework`, or into every problem it has:
 *
 *   shell (top-level shape) → items (each segment, link, view on its own) → rules → build
 *
 * Items (and a link's keywords) are parsed one by one so that one malformed entry
 * does not hide the rule violations of the others; ids of malformed items still
 * count as known, so a broken link does not also make every reference to it
 * "unknown". An unknown field is reported, then ignored so the rest is checked.
 * Shape messages (`framework.schema`) carry zod's English reason.
 *
 * Nothing here knows the industrial-internet ids: any taxonomy in this format
 * passes. Pure: no file system; `parseFrameworkText` covers the JSON step.
 * A framework with any issue has no `value` — there are no warnings.
 */
import { z } from 'zod';
import {
  issue,
  isPosition,
  type Framework,
  type FrameworkView,
  type IndustrySection,
  type Issue,
  type Keyword,
  type Link,
  type MessageCode,
  type MessageParams,
  type NegativeKeyword,
  type Segment,
  type Text,
  type Validated,
} from '../model/index.js';
import {
  frameworkFileSchema,
  industriesSchema,
  keywordSchema,
  linkSchema,
  negativeSchema,
  segmentSchema,
  viewSchema,
  type IndustriesInput,
  type KeywordInput,
  type NameInput,
  type NegativeInput,
  type SegmentInput,
  type ViewInput,
} from './framework-schema.js';

/** The top level with its collections left unparsed: they are parsed item by item. */
const shellSchema = frameworkFileSchema.extend({
  segments: z.array(z.unknown()),
  links: z.array(z.unknown()),
  views: z.array(z.unknown()).optional(),
  industries: z.unknown().optional(),
});

/** A link with its keyword lists left unparsed: one bad keyword must not hide the link's other problems. */
const linkShellSchema = linkSchema.extend({
  keywords: z.array(z.unknown()).optional(),
  negatives: z.array(z.unknown()).optional(),
});
type LinkShell = z.infer<typeof linkShellSchema>;

interface LinkInput extends Omit<LinkShell, 'keywords' | 'negatives'> {
  readonly keywords: readonly Parsed<KeywordInput>[];
  readonly negatives: readonly NegativeInput[];
}

interface Parsed<T> {
  /** Position in its array, for paths such as `links[3].position`. */
  readonly index: number;
  readonly value: T;
}

interface ParsedItems<T> {
  readonly items: readonly Parsed<T>[];
  /** Ids of items that failed the shape check but do name an id. */
  readonly brokenIds: ReadonlySet<string>;
}

type Report = <C extends MessageCode>(code: C, params: MessageParams<C>, path: string | undefined, value?: string) => void;

export function parseFramework(input: unknown, file: string): Validated<Framework> {
  const issues: Issue[] = [];
  const report: Report = (code, params, path, value) => {
    issues.push(issue(code, params, { file, ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) }));
  };

  // shell
  const shell = parseReported(shellSchema, input, [], report);
  const root = isRecord(input) ? input : {};

  // items
  const segments = parseItems(root.segments, 'segments', (raw, at) => parseReported(segmentSchema, raw, at, report));
  const links = parseItems(root.links, 'links', (raw, at) => parseLink(raw, at, report));
  const views = parseItems(root.views, 'views', (raw, at) => parseReported(viewSchema, raw, at, report));
  const industries = root.industries === undefined ? undefined : parseReported(industriesSchema, root.industries, ['industries'], report);

  // rules (each also builds its part of the result)
  if (Array.isArray(root.links) && root.links.length === 0) report('framework.no_links', {}, 'links');
  if (shell) checkName(shell.name, shell.id, '', report);
  const builtSegments = checkSegmentsAndLinkIds(segments, links, report);
  const knownSegments = new Set([...segments.items.map((item) => item.value.id), ...segments.brokenIds]);
  const knownLinks = new Set([...links.items.map((item) => item.value.id), ...links.brokenIds]);
  const builtLinks = checkLinks(links.items, knownSegments, knownLinks, report);
  checkParentCycles(links.items, report);
  const builtViews = checkViews(views.items, knownLinks, report);
  const builtIndustries = industries ? checkIndustries(industries, report) : undefined;

  // build
  if (issues.length > 0 || !shell) return { issues };
  const { id, version, name, description, source } = shell;
  const framework: Framework = {
    id,
    version,
    name: toText(name),
    ...(description ? { description: toText(description) } : {}),
    ...(source !== undefined ? { source } : {}),
    segments: builtSegments,
    links: builtLinks,
    views: builtViews,
    ...(industries && builtIndustries ? { industries: { standard: industries.standard, sections: builtIndustries } } : {}),
  };
  return { value: framework, issues };
}

/** `parseFramework` for raw file text: invalid JSON is an issue, not an exception. A UTF-8 BOM is ignored. */
export function parseFrameworkText(text: string, file: string): Validated<Framework> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { issues: [issue('framework.not_json', { reason }, { file })] };
  }
  return parseFramework(data, file);
}

// ── items ────────────────────────────────────────────────────

function parseItems<T>(raw: unknown, key: string, parseItem: (element: unknown, at: PropertyKey[]) => T | undefined): ParsedItems<T> {
  // A missing or non-array collection is already reported by the shell.
  if (!Array.isArray(raw)) return { items: [], brokenIds: new Set() };
  const items: Parsed<T>[] = [];
  const brokenIds = new Set<string>();
  raw.forEach((element: unknown, index) => {
    const value = parseItem(element, [key, index]);
    if (value !== undefined) items.push({ index, value });
    else if (isRecord(element) && typeof element.id === 'string') brokenIds.add(element.id);
  });
  return { items, brokenIds };
}

function parseLink(raw: unknown, at: PropertyKey[], report: Report): LinkInput | undefined {
  const shell = parseReported(linkShellSchema, raw, at, report);
  if (!shell) return undefined;
  const keywords: Parsed<KeywordInput>[] = [];
  (shell.keywords ?? []).forEach((element, index) => {
    const keyword = parseReported(keywordSchema, element, [...at, 'keywords', index], report);
    if (keyword !== undefined) keywords.push({ index, value: keyword });
  });
  const negatives: NegativeInput[] = [];
  (shell.negatives ?? []).forEach((element, index) => {
    const negative = parseReported(negativeSchema, element, [...at, 'negatives', index], report);
    if (negative !== undefined) negatives.push(negative);
  });
  return { ...shell, keywords, negatives };
}

/**
 * Parses and reports every shape problem. Unknown fields are reported but do not
 * stop the rules: when they are the only problem, they are dropped and the rest is read.
 */
function parseReported<T>(schema: z.ZodType<T>, raw: unknown, at: readonly PropertyKey[], report: Report): T | undefined {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  for (const item of result.error.issues) {
    if (item.code === 'unrecognized_keys') {
      // One issue per unknown field, with the path pointing at the field itself.
      for (const key of item.keys) report('framework.schema', { reason: `unknown field "${key}"` }, formatPath([...at, ...item.path, key]));
    } else {
      report('framework.schema', { reason: item.message }, formatPath([...at, ...item.path]), displayValue(item.input));
    }
  }
  const unknownKeys = result.error.issues.filter((item) => item.code === 'unrecognized_keys');
  if (unknownKeys.length < result.error.issues.length) return undefined;
  const retry = schema.safeParse(withoutKeys(raw, unknownKeys));
  return retry.success ? retry.data : undefined;
}

/** A copy of `raw` without the fields zod called unrecognised. */
function withoutKeys(raw: unknown, unknownKeys: readonly { path: PropertyKey[]; keys: string[] }[]): unknown {
  const copy: unknown = structuredClone(raw);
  for (const { path, keys } of unknownKeys) {
    let target: unknown = copy;
    for (const part of path) target = isRecord(target) || Array.isArray(target) ? (target as Record<PropertyKey, unknown>)[part] : undefined;
    if (isRecord(target)) for (const key of keys) delete target[key];
  }
  return copy;
}

// ── rules ────────────────────────────────────────────────────

/** Segment and link ids share one namespace: a link id may not repeat a segment id. */
function checkSegmentsAndLinkIds(segments: ParsedItems<SegmentInput>, links: ParsedItems<LinkInput>, report: Report): Segment[] {
  const firstSeen = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const first = firstSeen.get(id);
    if (first === undefined) firstSeen.set(id, where);
    else report('framework.duplicate_id', { id, first }, `${where}.id`, id);
  };
  const built: Segment[] = [];
  for (const { index, value } of segments.items) {
    const where = `segments[${index}]`;
    claim(value.id, where);
    checkName(value.name, value.id, where, report);
    built.push({ id: value.id, name: toText(value.name), ...(value.description ? { description: toText(value.description) } : {}) });
  }
  for (const { index, value } of links.items) claim(value.id, `links[${index}]`);
  return built;
}

function checkLinks(links: readonly Parsed<LinkInput>[], knownSegments: ReadonlySet<string>, knownLinks: ReadonlySet<string>, report: Report): Link[] {
  const built: Link[] = [];
  for (const { index, value } of links) {
    const where = `links[${index}]`;
    checkName(value.name, value.id, where, report);
    if (!knownSegments.has(value.segment)) {
      report('framework.unknown_segment', { link: value.id, segment: value.segment }, `${where}.segment`, value.segment);
    }
    if (value.parent !== undefined && !knownLinks.has(value.parent)) {
      report('framework.unknown_parent', { link: value.id, parent: value.parent }, `${where}.parent`, value.parent);
    }
    const keywords = checkKeywords(value, where, report);
    const position = value.position;
    if (!isPosition(position)) {
      report('framework.bad_position', { id: value.id, position }, `${where}.position`, position);
      continue;
    }
    built.push({
      id: value.id,
      segment: value.segment,
      ...(value.parent !== undefined ? { parent: value.parent } : {}),
      name: toText(value.name),
      position,
      scope: toText(value.scope ?? {}),
      keywords,
      negatives: value.negatives.map(toNegative),
      ...(value.threshold !== undefined ? { threshold: value.threshold } : {}),
    });
  }
  return built;
}

function checkKeywords(link: LinkInput, where: string, report: Report): Keyword[] {
  // Full-width and half-width, upper and lower case are the same keyword to a matcher.
  const firstSeen = new Map<string, string>();
  return link.keywords.map(({ index, value }) => {
    const keyword = toKeyword(value);
    const at = `${where}.keywords[${index}]`;
    if (!(keyword.weight > 0)) report('framework.bad_weight', { id: link.id, term: keyword.term }, `${at}.weight`, String(keyword.weight));
    const key = keyword.term.normalize('NFKC').toLowerCase();
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, at);
    else report('framework.duplicate_keyword', { id: link.id, term: keyword.term, first }, at, keyword.term);
    return keyword;
  });
}

/** Each cycle is reported once, at the member that comes first in the file. */
function checkParentCycles(links: readonly Parsed<LinkInput>[], report: Report): void {
  const byId = new Map<string, Parsed<LinkInput>>();
  for (const link of links) if (!byId.has(link.value.id)) byId.set(link.value.id, link);
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of byId.values()) {
    const trail: Parsed<LinkInput>[] = [];
    let current: Parsed<LinkInput> | undefined = start;
    while (current && !state.has(current.value.id)) {
      state.set(current.value.id, 'walking');
      trail.push(current);
      current = current.value.parent === undefined ? undefined : byId.get(current.value.parent);
    }
    if (current && state.get(current.value.id) === 'walking') {
      const cycleStart = trail.findIndex((link) => link.value.id === current?.value.id);
      const members = trail.slice(cycleStart);
      const first = members.reduce((a, b) => (b.index < a.index ? b : a));
      report('framework.parent_cycle', { link: first.value.id }, `links[${first.index}].parent`, first.value.parent);
    }
    for (const link of trail) state.set(link.value.id, 'done');
  }
}

function checkViews(views: readonly Parsed<ViewInput>[], knownLinks: ReadonlySet<string>, report: Report): FrameworkView[] {
  const firstView = new Map<string, string>();
  const built: FrameworkView[] = [];
  for (const { index, value: view } of views) {
    const where = `views[${index}]`;
    const first = firstView.get(view.id);
    if (first === undefined) firstView.set(view.id, where);
    else report('framework.duplicate_id', { id: view.id, first }, `${where}.id`, view.id);
    checkName(view.name, view.id, where, report);
    const firstLayer = new Map<string, string>();
    view.layers.forEach((layer, layerIndex) => {
      const at = `${where}.layers[${layerIndex}]`;
      const firstAt = firstLayer.get(layer.id);
      if (firstAt === undefined) firstLayer.set(layer.id, at);
      else report('framework.duplicate_id', { id: layer.id, first: firstAt }, `${at}.id`, layer.id);
      checkName(layer.name, `${view.id}/${layer.id}`, at, report);
      layer.links.forEach((link, linkIndex) => {
        if (!knownLinks.has(link)) report('framework.unknown_view_link', { view: view.id, layer: layer.id, link }, `${at}.links[${linkIndex}]`, link);
      });
    });
    built.push({
      id: view.id,
      name: toText(view.name),
      layers: view.layers.map((layer) => ({ id: layer.id, name: toText(layer.name), links: [...layer.links] })),
    });
  }
  return built;
}

/** Section and division codes share one namespace, as in GB/T 4754 (letters and digits never clash there). */
function checkIndustries(industries: IndustriesInput, report: Report): IndustrySection[] {
  const firstSeen = new Map<string, string>();
  const claim = (code: string, name: NameInput, where: string) => {
    const first = firstSeen.get(code);
    if (first === undefined) firstSeen.set(code, where);
    else report('framework.duplicate_id', { id: code, first }, `${where}.code`, code);
    checkName(name, code, where, report);
  };
  return industries.sections.map((section, index) => {
    const where = `industries.sections[${index}]`;
    claim(section.code, section.name, where);
    const divisions = section.divisions ?? [];
    divisions.forEach((division, divisionIndex) => claim(division.code, division.name, `${where}.divisions[${divisionIndex}]`));
    return {
      code: section.code,
      name: toText(section.name),
      divisions: divisions.map((division) => ({ code: division.code, name: toText(division.name) })),
    };
  });
}

/** Both languages are required for names: every label the product shows exists in zh and en. */
function checkName(name: NameInput, id: string, where: string, report: Report): void {
  const prefix = where ? `${where}.name` : 'name';
  for (const lang of ['zh', 'en'] as const) {
    if (!name[lang]?.trim()) report('framework.missing_name', { id, lang }, `${prefix}.${lang}`);
  }
}

// ── normalisation ────────────────────────────────────────────

function toText(text: { zh?: string | undefined; en?: string | undefined }): Text {
  return { zh: (text.zh ?? '').trim(), en: (text.en ?? '').trim() };
}

function toKeyword(keyword: KeywordInput): Keyword {
  return typeof keyword === 'string' ? { term: keyword, weight: 1 } : { term: keyword.term, weight: keyword.weight ?? 1 };
}

function toNegative(negative: NegativeInput): NegativeKeyword {
  if (typeof negative === 'string') return { term: negative };
  const note = negative.note?.trim();
  return note ? { term: negative.term, note } : { term: negative.term };
}

// ── helpers ──────────────────────────────────────────────────

/** `['links', 3, 'position']` → `links[3].position`. */
function formatPath(parts: readonly PropertyKey[]): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else path += path ? `.${String(part)}` : String(part);
  }
  return path;
}

function displayValue(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
