import { z } from 'zod';
import { checkWindow, windowFields } from './requests';

/** GET /lead-time-breakdown and /change-flow: entityRef, from, to. */
export const breakdownQuerySchema = z
  .object({ ...windowFields })
  .superRefine(checkWindow);

const changeStates = ['deployed', 'awaiting-deploy', 'open', 'closed'] as const;

/**
 * GET /changes: with from and to, the changes a breakdown counts and those awaiting
 * deploy; with deploymentSource and deploymentId, the changes a deployment shipped;
 * with neither, every change of the entity.
 */
export const changesQuerySchema = z
  .object({
    entityRef: windowFields.entityRef,
    from: windowFields.from.optional(),
    to: windowFields.to.optional(),
    state: z
      .enum(changeStates, {
        error: `state must be one of ${changeStates.join(', ')}`,
      })
      .optional(),
    deploymentSource: z.string().trim().min(1).max(100).optional(),
    deploymentId: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int()
      .min(1)
      .max(500)
      .default(50),
    cursor: z.string().max(500).optional(),
  })
  .superRefine((q, ctx) => {
    const missing = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [field] });
    if ((q.from === undefined) !== (q.to === undefined)) {
      missing(
        q.from === undefined ? 'from' : 'to',
        'from and to go together (the window of a breakdown)',
      );
    } else if (q.from !== undefined && q.to !== undefined) {
      checkWindow({ from: q.from, to: q.to }, ctx);
    }
    if ((q.deploymentSource === undefined) !== (q.deploymentId === undefined)) {
      missing(
        q.deploymentSource === undefined ? 'deploymentSource' : 'deploymentId',
        'deploymentSource and deploymentId go together (the deployment)',
      );
    }
    if (q.deploymentId !== undefined && q.from !== undefined) {
      missing(
        'deploymentId',
        'a deployment cannot be combined with from and to',
      );
    }
  });
