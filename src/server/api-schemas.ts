/**
 * The HTTP API's edge: zod schemas of every route's path parameters, query
 * string and body (validated on the way in), and of its responses (for the
 * OpenAPI document only — responses are the store's and the assessment's own
 * values, not re-validated). Every field has a `.describe()`: it is the text
 * of the OpenAPI document. Response schemas name the main fields and let the
 * rest through (`looseObject`), so the document stays true as entities grow.
 */
import { z } from 'zod';
import { EnterpriseKind } from '../model/index.js';
import { METRICS, ProximityKind } from '../assess/index.js';

const enumOf = <T extends string>(keys: readonly T[]) => z.enum(keys as [T, ...T[]]);

// ── shared pieces ─────────────────────────────────────────────────────────

const region = (what: string) => z.string().trim().min(1).max(100).describe(`${what}: a province or city as code or name (江西, Jiangxi, 36, 360000, 南昌, 360100)`);
const link = z.string().trim().min(1).max(100).describe('a chain link: its id, Chinese name or English name');
const search = z.string().max(200).describe('text in names, aliases, ids or credit codes (case-insensitive substring)');

const page = (defaultLimit: number) => ({
  limit: z.coerce.number().int().min(0).max(1000).default(defaultLimit).describe(`rows to return (0–1000, default ${defaultLimit})`),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip (default 0)'),
});

const assessOptions = {
  benchmark: z.string().max(200).optional().describe('specialisation against: nation (default), an NBS group (central, 中部 …) or regions (湖北,湖南)'),
  proximity: enumOf(Object.keys(ProximityKind) as (keyof typeof ProximityKind)[]).optional().describe('relatedness from colocation (default), cases or offerings'),
};

const metric = enumOf(METRICS).default('score').describe(`the metric compared: ${METRICS.join(', ')} (default score)`);
const unitLevel = z.enum(['link', 'segment']).default('link').describe('rows are links (default) or segments');

// ── requests ──────────────────────────────────────────────────────────────

export const idParams = z.object({ id: z.string().min(1).max(200).describe('the record id') });

export const resolveQuery = z.object({ q: z.string().trim().min(1).max(100).describe('what the user typed: 江西, Jiangxi, 36, 南昌, 360100 …') });

export const enterprisesQuery = z.object({
  region: region('headquarters region').optional(),
  link: link.optional().describe('enterprises with a confirmed offering on this link'),
  segment: z.string().min(1).max(100).optional().describe('enterprises with a confirmed offering in this segment (segment id)'),
  kind: enumOf(Object.keys(EnterpriseKind) as EnterpriseKind[]).optional().describe(`enterprise kind: ${Object.keys(EnterpriseKind).join(', ')}`),
  leader: z.enum(['true', 'false']).optional().describe('true: leader enterprises only; false: the others'),
  search: search.optional(),
  ...page(50),
});

export const offeringsQuery = z.object({
  link: link.optional().describe('offerings on this link'),
  segment: z.string().min(1).max(100).optional().describe('offerings on any link of this segment (segment id)'),
  enterprise: z.string().min(1).max(200).optional().describe('offerings of this enterprise (id)'),
  region: region('headquarters region of the supplier').optional(),
  status: z.enum(['confirmed', 'uncertain', 'rejected', 'all']).default('confirmed').describe('review status (default confirmed: what the figures count)'),
  ...page(50),
});

export const casesQuery = z.object({
  region: region('customer region').optional(),
  link: link.optional().describe('cases with a component on this link'),
  year: z.coerce.number().int().min(1900).max(2100).optional().describe('year of the case'),
  search: z.string().max(200).optional().describe('text in titles, customers or ids (case-insensitive substring)'),
  ...page(50),
});

export const observationsQuery = z.object({
  indicator: z.string().min(1).max(200).optional().describe('indicator key or prefix (ident.secondary_nodes, ident.)'),
  region: region('region of the figure').optional(),
  link: z.string().min(1).max(100).optional().describe('link id of the figure'),
  ...page(200),
});

export const regionParams = z.object({ region: region('the region assessed') });
export const assessmentQuery = z.object(assessOptions);
export const assessmentViewQuery = z.object({
  ...assessOptions,
  suppliers: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(0)
    .describe('suppliers (and cases) listed per link and recommendation: a number (default 0: only the totals), or all'),
});

export const compareQuery = z.object({
  regions: z.string().trim().min(1).max(2000).describe('regions separated by commas: 江西,湖北,湖南'),
  metric, level: unitLevel, ...assessOptions,
});

export const compareBody = z.object({
  regions: z.array(region('a region compared')).min(1).max(50).describe('the regions compared, one level (provinces or cities)'),
  metric, level: unitLevel, ...assessOptions,
});

export const targetsParams = z.object({ region: region('the region that attracts'), link });
export const targetsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional().describe('how many targets (default from the weights file)'),
  ...assessOptions,
});

// ── responses (documentation) ─────────────────────────────────────────────

const text = z.object({ zh: z.string(), en: z.string() }).describe('a text in Chinese and English');
const listOf = (item: z.ZodType, what: string) =>
  z.object({
    total: z.number().int().describe(`how many ${what} match the filters, over all pages`),
    items: z.array(item).describe(`the ${what} of this page`),
  });

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe('a stable message code (server.invalid_request, region.unknown, server.not_found …)'),
    message: z.string().describe('the message, in the language of Accept-Language (zh by default)'),
    details: z.array(z.object({
      path: z.string().describe('where: query.limit, params.id, body.regions[0], headers.content-type'),
      message: z.string().describe('what is wrong there'),
    })).describe('one entry per problem; empty when the error has no place'),
  }),
}).describe('every error');

export const healthResponse = z.object({ status: z.literal('ok'), version: z.string().describe('the ChainAtlas version') });

export const frameworkResponse = z.looseObject({
  id: z.string(), version: z.string(), name: text,
  segments: z.array(z.looseObject({ id: z.string(), name: text })),
  links: z.array(z.looseObject({ id: z.string(), segment: z.string(), name: text, position: z.string() })),
}).describe('the chain framework in use: segments and links');

export const regionResponse = z.looseObject({
  code: z.string().describe('GB/T 2260 code'), level: z.string().describe('country, province or city'),
  name: text, short: text, parent: z.string().optional(), group: z.string().optional().describe('NBS group'),
});

const enterprise = z.looseObject({
  id: z.string(), nameZh: z.string().optional(), nameEn: z.string().optional(), province: z.string().optional(), city: z.string().optional(),
  kind: z.string().optional(), leader: z.boolean().optional(),
});
const caseItem = z.looseObject({
  id: z.string(), titleZh: z.string().optional(), titleEn: z.string().optional(), customer: z.string().optional(),
  customerProvince: z.string().optional(), customerCity: z.string().optional(), year: z.number().int().optional(),
});
const component = z.looseObject({ caseId: z.string(), link: z.string(), supplierId: z.string().optional(), supplierName: z.string().optional(), role: z.string() });
const observation = z.looseObject({ indicator: z.string(), region: z.string(), period: z.string(), value: z.number(), unit: z.string() });

export const enterprisesResponse = listOf(enterprise, 'enterprises');
export const offeringsResponse = listOf(z.looseObject({ enterpriseId: z.string(), link: z.string(), product: z.string().optional() }), 'offerings');
export const enterpriseResponse = z.object({
  enterprise, offerings: z.array(z.looseObject({ enterpriseId: z.string(), link: z.string() })), components: z.array(component),
});
export const casesResponse = listOf(caseItem, 'cases');
const evidenceSpan = z.object({
  field: z.string().describe('which text of the case: title_zh, description_zh, title_en, description_en'),
  start: z.number().int(), end: z.number().int().describe('offsets (UTF-16 code units) into that text'), text: z.string(),
});
const reviewedComponent = component.extend({
  id: z.string().describe('the component id (for PATCH)'), linkId: z.string(),
  status: z.enum(['confirmed', 'uncertain', 'rejected']), method: z.string().describe('manual, lexicon, model, classified …'),
  confidence: z.number().optional(), evidence: z.array(evidenceSpan), alternatives: z.array(z.string()).describe('other links the classifier considered'),
  note: z.string().optional(), decidedBy: z.string().optional(), decidedAt: z.string().optional(),
});
export const caseResponse = z.object({
  case: caseItem, version: z.number().int().describe('bumps on every change of the case or its components; send it back with an edit'),
  components: z.array(reviewedComponent),
});
export const observationsResponse = listOf(observation, 'observations');

export const assessmentResponse = z.looseObject({
  region: regionResponse, links: z.array(z.looseObject({ link: z.string(), tier: z.string(), score: z.number() })),
  segments: z.array(z.looseObject({})), recommendations: z.array(z.looseObject({ kind: z.string(), link: z.string().optional() })),
}).describe('the region\'s assessment, as `chainatlas assess --json` prints it');

export const compareResponse = z.object({
  metric: z.string(), level: z.string(), benchmark: text,
  regions: z.array(z.object({ code: z.string(), name: text })),
  rows: z.array(z.object({
    unit: z.string(), name: text,
    cells: z.array(z.object({ region: z.string(), value: z.number().nullable(), tier: z.string() })),
  })),
}).describe('regions × links (or segments) matrix, as `chainatlas compare --json` prints it');

export const targetsResponse = z.looseObject({
  region: z.string(), link: z.string(), tier: z.string(), score: z.number(),
  targets: z.array(z.looseObject({ rank: z.number().int(), id: z.string().describe('enterprise id'), name: text, score: z.number() })),
}).describe('outside suppliers to attract for the link, as `chainatlas targets --json` prints it');

export const openApiResponse = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }).describe('this document');

// ── the web UI's pages ────────────────────────────────────────────────────

export const linkPageParams = z.object({ link });
export const linkPageQuery = z.object({ region: region('the region the page is about'), ...assessOptions });
export const indicatorsQuery = z.object({ region: region('the region: its figures, its cities\' and the nation\'s (default: every region)').optional() });

const tier = z.string().describe('missing, weak, adequate or strong');
const chainLink = z.looseObject({
  id: z.string(), name: text, position: z.string().describe('upstream, midstream or downstream'), tier, score: z.number(),
  localSuppliers: z.number().int().describe('suppliers headquartered in the region'),
  nationalSuppliers: z.number().int().describe('suppliers headquartered anywhere in the country'),
  leaders: z.number().int().describe('leader enterprises of the region on the link'),
  cases: z.number().int().describe('cases of the region that need the link'),
  nationalCases: z.number().int().describe('cases nationwide that need the link'),
});

export const chainMapResponse = z.looseObject({
  region: regionResponse, summary: text,
  segments: z.array(z.looseObject({
    id: z.string(), name: text, tier, score: z.number(), completeness: z.number().describe('share of the segment\'s links present in the region'),
    links: z.array(chainLink).describe('the segment\'s links from upstream to downstream'),
  })).describe('the framework\'s segments in order'),
}).describe('the chain map of a region: every segment and link with its tier and counts (from the assessment `chainatlas assess` runs)');

export const linkPageResponse = z.looseObject({
  region: regionResponse, link: z.looseObject({ id: z.string(), name: text, position: z.string(), scope: text }),
  tier, score: z.number(), scoreRankText: text,
  metrics: z.looseObject({}).describe('the measured figures: suppliers, share, rca, leaders, demand, local supply …'),
  breakdown: z.array(z.looseObject({ input: z.string(), weight: z.number(), contribution: z.number() })).describe('the score\'s inputs'),
  ranks: z.looseObject({}).describe('every metric ranked nationally and within the region\'s group'),
  localSuppliers: z.array(z.looseObject({ id: z.string(), name: text, role: z.string() })),
  nationalLeaders: listOf(z.looseObject({ id: z.string(), name: text, local: z.boolean() }), 'leader enterprises on the link'),
  cases: listOf(z.looseObject({ id: z.string(), title: text, local: z.boolean() }), 'cases that need the link'),
  recommendations: z.array(z.looseObject({ kind: z.string() })).describe('the recommendations on this link'),
  targets: z.array(z.looseObject({ rank: z.number().int(), id: z.string(), name: text, score: z.number() })).describe('outside suppliers to attract, ranked'),
}).describe('a link\'s page for a region');

export const indicatorsResponse = z.looseObject({
  series: z.array(z.looseObject({
    indicator: z.string(), label: text, region: z.string(), unit: z.string(),
    cagr: z.number().optional().describe('compound annual growth rate over the series, as a fraction'),
    points: z.array(z.looseObject({ period: z.string(), value: z.number() })),
  })).describe('observations of one indicator and region at two or more years'),
  figures: z.array(observation).describe('the other sourced figures'),
  facts: z.array(z.looseObject({ indicator: z.string(), text })).describe('the region\'s figures with their ranks, as the assessment states them'),
}).describe('the sourced figures as series and panels');
