/**
 * The API's routes as one table: method, path, the zod schemas of what comes
 * in and goes out, and the handler. The server registers this table and the
 * OpenAPI document is generated from it, so a route cannot exist without
 * being documented. Handlers are thin: validated input → a store query or an
 * assessment run (the same functions the CLI calls) → its value as JSON.
 */
import type { Framework, Region } from '../model/index.js';
import { AppError, NATION_CODE, closestMatches, issue } from '../model/index.js';
import { findLink } from '../framework/index.js';
import { resolveRegion } from '../regions/index.js';
import { getCaseReview, getEnterprise, listCases, listEnterprises, listObservations, listOfferings } from '../store/index.js';
import { compareMatrix, linkTargets } from './assessment-runs.js';
import { cachedAssessment } from './assessment-cache.js';
import { assessmentView, chainMapOf, indicatorsOf, linkPageOf } from './ui-views.js';
import { atField } from './http-errors.js';
import { route, type ApiRoute } from './route-spec.js';
import * as s from './api-schemas.js';

// ── reading fields that need more than a schema ───────────────────────────

/** A region from a field, or the resolver's message placed at the field. */
export function regionAt(path: string, text: string): Region {
  const found = resolveRegion(text);
  if (found.value) return found.value;
  const first = found.issues[0];
  throw atField(path, first ? new AppError(first.code, first.params) : new AppError('region.unknown', { input: text, suggestions: [] }));
}

export function linkAt(path: string, framework: Framework, text: string): string {
  const l = findLink(framework, text);
  if (l) return l.id;
  const suggestions = closestMatches(text, framework.links.map((x) => ({ label: x.id, spellings: [x.id, x.name.zh, x.name.en] })), 3);
  throw new AppError('ingest.unknown_link', { link: text, suggestions }, [issue('ingest.unknown_link', { link: text, suggestions }, { path })]);
}

function segmentAt(path: string, framework: Framework, text: string): string {
  if (framework.segments.some((x) => x.id === text)) return text;
  const suggestions = closestMatches(text, framework.segments.map((x) => ({ label: x.id, spellings: [x.id, x.name.zh, x.name.en] })), 3);
  throw new AppError('assess.unknown_segment', { segment: text, suggestions }, [issue('assess.unknown_segment', { segment: text, suggestions }, { path })]);
}

/** Fields to a lower layer's options, dropping the absent ones (exactOptionalPropertyTypes-friendly). */
export function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

// ── the table ─────────────────────────────────────────────────────────────

export const ROUTES: readonly ApiRoute[] = [
  route({
    method: 'GET', url: '/api/health', summary: 'liveness: the server answers', response: s.healthResponse, access: 'public',
    handle: (_input, ctx) => ({ status: 'ok', version: ctx.version }),
  }),
  route({
    method: 'GET', url: '/api/framework', summary: 'the chain framework in use: segments and links', response: s.frameworkResponse,
    handle: (_input, ctx) => ctx.framework,
  }),
  route({
    method: 'GET', url: '/api/regions/resolve', summary: 'turn what the user typed into a region (江西, Jiangxi, 36, 南昌 …)',
    query: s.resolveQuery, response: s.regionResponse,
    handle: ({ query }) => regionAt('query.q', query.q),
  }),
  route({
    method: 'GET', url: '/api/enterprises', summary: 'enterprises, filtered and paginated', query: s.enterprisesQuery, response: s.enterprisesResponse,
    handle: ({ query: q }, ctx) => listEnterprises(ctx.db, defined({
      region: q.region === undefined ? undefined : regionAt('query.region', q.region).code,
      link: q.link === undefined ? undefined : linkAt('query.link', ctx.framework, q.link),
      segment: q.segment === undefined ? undefined : segmentAt('query.segment', ctx.framework, q.segment),
      kind: q.kind, search: q.search || undefined, leader: q.leader === undefined ? undefined : q.leader === 'true',
      limit: q.limit, offset: q.offset,
    })),
  }),
  route({
    method: 'GET', url: '/api/enterprises/:id', summary: 'one enterprise with its offerings and the case components it supplies',
    params: s.idParams, response: s.enterpriseResponse, errors: [404],
    handle: async ({ params }, ctx) => {
      const found = await getEnterprise(ctx.db, params.id);
      if (!found) throw new AppError('server.not_found', { kind: 'enterprise', id: params.id });
      return found;
    },
  }),
  route({
    method: 'GET', url: '/api/offerings', summary: 'offerings (an enterprise supplies a link), filtered and paginated', query: s.offeringsQuery,
    response: s.offeringsResponse,
    handle: ({ query: q }, ctx) => listOfferings(ctx.db, defined({
      link: q.link === undefined ? undefined : linkAt('query.link', ctx.framework, q.link),
      segment: q.segment === undefined ? undefined : segmentAt('query.segment', ctx.framework, q.segment),
      enterprise: q.enterprise, region: q.region === undefined ? undefined : regionAt('query.region', q.region).code,
      status: q.status, limit: q.limit, offset: q.offset,
    })),
  }),
  route({
    method: 'GET', url: '/api/cases', summary: 'solution cases, filtered and paginated', query: s.casesQuery, response: s.casesResponse,
    handle: ({ query: q }, ctx) => listCases(ctx.db, defined({
      region: q.region === undefined ? undefined : regionAt('query.region', q.region).code,
      link: q.link === undefined ? undefined : linkAt('query.link', ctx.framework, q.link),
      year: q.year, search: q.search || undefined, limit: q.limit, offset: q.offset,
    })),
  }),
  route({
    method: 'GET', url: '/api/cases/:id', summary: 'one case with its version and its components as the review page shows them',
    params: s.idParams, response: s.caseResponse, errors: [404],
    handle: async ({ params }, ctx) => {
      const found = await getCaseReview(ctx.db, params.id);
      if (!found) throw new AppError('server.not_found', { kind: 'case', id: params.id });
      return found;
    },
  }),
  route({
    method: 'GET', url: '/api/observations', summary: 'sourced figures, filtered and paginated', query: s.observationsQuery, response: s.observationsResponse,
    handle: ({ query: q }, ctx) => listObservations(ctx.db, defined({
      indicator: q.indicator, region: q.region === undefined ? undefined : regionAt('query.region', q.region).code,
      link: q.link, limit: q.limit, offset: q.offset,
    })),
  }),
  route({
    method: 'GET', url: '/api/assessments/:region', summary: "a region's supply-capability assessment (as `chainatlas assess --json`)",
    params: s.regionParams, query: s.assessmentViewQuery, response: s.assessmentResponse, cached: true,
    handle: async ({ params, query }, ctx) => {
      const region = regionAt('params.region', params.region);
      const run = await cachedAssessment(ctx.db, ctx.framework, region, { config: ctx.config, ...defined({ benchmark: query.benchmark, proximity: query.proximity }) });
      return assessmentView(run.region, query.suppliers);
    },
  }),
  route({
    method: 'GET', url: '/api/compare', summary: 'regions × links matrix of a metric (as `chainatlas compare --json`)',
    query: s.compareQuery, response: s.compareResponse,
    handle: ({ query: q }, ctx) => {
      const regions = q.regions.split(/[,，、;；]/).map((t) => t.trim()).filter(Boolean).map((t) => regionAt('query.regions', t));
      return compareMatrix(ctx.db, ctx.framework, regions, {
        metric: q.metric, unitLevel: q.level, config: ctx.config, ...defined({ benchmark: q.benchmark, proximity: q.proximity }),
      });
    },
  }),
  route({
    method: 'POST', url: '/api/compare', summary: 'the same matrix, the regions as a JSON list (for long lists)',
    body: s.compareBody, response: s.compareResponse, errors: [413],
    handle: ({ body: b }, ctx) => compareMatrix(ctx.db, ctx.framework, b.regions.map((t, i) => regionAt(`body.regions[${i}]`, t)), {
      metric: b.metric, unitLevel: b.level, config: ctx.config, ...defined({ benchmark: b.benchmark, proximity: b.proximity }),
    }),
  }),
  route({
    method: 'GET', url: '/api/targets/:region/:link', summary: 'outside suppliers to attract for a link, ranked with reasons (as `chainatlas targets --json`)',
    params: s.targetsParams, query: s.targetsQuery, response: s.targetsResponse,
    handle: async ({ params, query }, ctx) => {
      const region = regionAt('params.region', params.region);
      const link = linkAt('params.link', ctx.framework, params.link);
      return (await linkTargets(ctx.db, ctx.framework, region, link, {
        config: ctx.config, ...defined({ limit: query.limit, benchmark: query.benchmark, proximity: query.proximity }),
      })).value;
    },
  }),
  // The web UI's pages: one request per page, from the same cached assessment run.
  route({
    method: 'GET', url: '/api/chain-map/:region', summary: "a region's chain map: segments and links upstream → downstream with tier, score and counts",
    params: s.regionParams, query: s.assessmentQuery, response: s.chainMapResponse, cached: true,
    handle: async ({ params, query }, ctx) => {
      const region = regionAt('params.region', params.region);
      return chainMapOf(ctx.framework, await cachedAssessment(ctx.db, ctx.framework, region, { config: ctx.config, ...defined(query) }));
    },
  }),
  route({
    method: 'GET', url: '/api/links/:link', summary: "a link's page for a region: suppliers, leaders, cases, metrics with inputs, ranks, recommendations, targets",
    params: s.linkPageParams, query: s.linkPageQuery, response: s.linkPageResponse, cached: true,
    handle: async ({ params, query: { region: regionText, ...options } }, ctx) => {
      const region = regionAt('query.region', regionText);
      const link = linkAt('params.link', ctx.framework, params.link);
      const run = await cachedAssessment(ctx.db, ctx.framework, region, { config: ctx.config, ...defined(options) });
      return linkPageOf(ctx.db, ctx.framework, run, link, ctx.config);
    },
  }),
  route({
    method: 'GET', url: '/api/indicators', summary: 'sourced figures: series with growth and CAGR, single figures, the region\'s ranks',
    query: s.indicatorsQuery, response: s.indicatorsResponse, cached: true,
    handle: async ({ query }, ctx) => {
      const region = query.region === undefined ? undefined : regionAt('query.region', query.region);
      const run = region && region.code !== NATION_CODE ? await cachedAssessment(ctx.db, ctx.framework, region, { config: ctx.config }) : undefined;
      return indicatorsOf(ctx.db, region, run);
    },
  }),
  route({
    method: 'GET', url: '/api/openapi.json', summary: 'this API as an OpenAPI 3.1 document', response: s.openApiResponse, access: 'public',
    handle: (_input, ctx) => ctx.openApi(),
  }),
];
