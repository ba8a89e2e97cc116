import { type ApiRoute, refusal, route, uuidParam } from '../../platform/http/router';
import { attachedMaterialsSchema, materialInputSchema } from '../../shared/api/materials';
import type { MaterialStore } from './material-store';

/** Whether this person is an accepted facilitator of the workshop (the workshops feature knows). */
export type IsFacilitator = (workshopId: string, aadObjectId: string) => Promise<boolean>;

/**
 * The tab API for the material: the coordinator keeps the library; a facilitator reads it and sets what a workshop
 * they facilitate uses.
 */
export function materialRoutes(materials: MaterialStore, isFacilitator: IsFacilitator): ReadonlyArray<ApiRoute<any, any, any>> {
  return [
    route({
      method: 'get',
      path: '/api/materials',
      roles: ['coordinator', 'facilitator'],
      handle: async () => ({ body: { materials: await materials.list() } }),
    }),

    route({
      method: 'post',
      path: '/api/materials',
      roles: ['coordinator'],
      body: materialInputSchema,
      handle: async ({ body }) => ({ status: 201, body: await materials.add(body) }),
    }),

    route({
      method: 'put',
      path: '/api/materials/:id',
      roles: ['coordinator'],
      params: uuidParam('id'),
      body: materialInputSchema,
      handle: async ({ params, body, t }) => ((await materials.update(params.id as string, body)) ? { body: { id: params.id, ...body } } : refusal(404, t)),
    }),

    route({
      method: 'del',
      path: '/api/materials/:id',
      roles: ['coordinator'],
      params: uuidParam('id'),
      handle: async ({ params, t }) => ((await materials.remove(params.id as string)) ? { status: 204, body: null } : refusal(404, t)),
    }),

    route({
      method: 'get',
      path: '/api/planning/workshops/:workshopId/materials',
      roles: ['facilitator'],
      params: uuidParam('workshopId'),
      handle: async ({ principal, params, t }) => {
        if (!(await isFacilitator(params.workshopId as string, principal.aadObjectId))) return refusal(404, t);
        return { body: { materials: await materials.ofWorkshop(params.workshopId as string) } };
      },
    }),

    route({
      method: 'put',
      path: '/api/planning/workshops/:workshopId/materials',
      roles: ['facilitator'],
      params: uuidParam('workshopId'),
      body: attachedMaterialsSchema,
      handle: async ({ principal, params, body, t }) => {
        // Only a facilitator who accepted this workshop; anyone else learns nothing of it.
        if (!(await isFacilitator(params.workshopId as string, principal.aadObjectId))) return refusal(404, t);
        if (!(await materials.attach(params.workshopId as string, body.materialIds))) return refusal(400, t);
        return { body: { materials: await materials.ofWorkshop(params.workshopId as string) } };
      },
    }),
  ];
}
