/**
 * Case review over HTTP: add a component, or accept, reject, re-link,
 * re-attribute or annotate one. Each edit carries the case version it was
 * made on; store/case-review.ts checks it in the edit's own transaction and
 * applies the decision through review.ts (who and when in `decisions`, read
 * back by the audit trail). The reply is the case as it is now, new version included.
 */
import { AppError, issue } from '../model/index.js';
import { editCase, getEnterprise, type SupplierRef } from '../store/index.js';
import { route, type RouteContext } from './route-spec.js';
import { linkAt } from './routes.js';
import { caseResponse, idParams } from './api-schemas.js';
import * as w from './write-schemas.js';

/** The supplier of an edit; a registry id must name an enterprise (a merged-away id finds the one it went into). */
async function supplierOf(ctx: RouteContext, body: { supplierId?: string | undefined; supplierName?: string | undefined }): Promise<SupplierRef | undefined> {
  if (body.supplierId !== undefined) {
    const found = await getEnterprise(ctx.db, body.supplierId);
    if (!found) {
      throw new AppError('ingest.unknown_enterprise', { ref: body.supplierId }, [issue('ingest.unknown_enterprise', { ref: body.supplierId }, { path: 'body.supplierId' })]);
    }
    return { supplierId: found.enterprise.id };
  }
  return body.supplierName !== undefined ? { supplierName: body.supplierName } : undefined;
}

const actor = (ctx: RouteContext) => ({ name: ctx.user?.username ?? '', ip: ctx.ip });

export const REVIEW_ROUTES = [
  route({
    method: 'POST', url: '/api/cases/:id/components', summary: 'add a component (link and supplier) to a case, on the version given',
    access: 'analyst', status: 201, params: idParams, body: w.newComponentBody, response: caseResponse,
    errors: [404, 409],
    handle: async ({ params, body }, ctx) => editCase(ctx.db, params.id, body.version, {
      kind: 'add', link: linkAt('body.linkId', ctx.framework, body.linkId), supplier: (await supplierOf(ctx, body)) ?? {},
      ...(body.note !== undefined ? { note: body.note } : {}),
    }, actor(ctx)),
  }),
  route({
    method: 'PATCH', url: '/api/cases/:id/components/:componentId', summary: 'accept, reject, re-link, re-attribute or annotate a component, on the version given',
    access: 'analyst', params: w.caseComponentParams, body: w.componentChangeBody, response: caseResponse, errors: [404, 409],
    handle: async ({ params, body }, ctx) => {
      const supplier = await supplierOf(ctx, body);
      return editCase(ctx.db, params.id, body.version, {
        kind: 'change', componentId: params.componentId,
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.linkId !== undefined ? { link: linkAt('body.linkId', ctx.framework, body.linkId) } : {}),
        ...(supplier ? { supplier } : {}), ...(body.note !== undefined ? { note: body.note } : {}),
      }, actor(ctx));
    },
  }),
];
