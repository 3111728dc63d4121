import { z } from 'zod';
import { checkWindow, windowFields } from './requests';

const optionalRef = (field: string, kind: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${kind}:`, 'i'),
      `${field} must be a ${kind} ref, e.g. ${kind}:default/name`,
    )
    .optional();

/** GET /scorecards?from&to[&parent][&system][&team] */
export const scorecardsQuerySchema = z
  .object({
    from: windowFields.from,
    to: windowFields.to,
    parent: optionalRef('parent', 'group'),
    system: optionalRef('system', 'system'),
    team: optionalRef('team', 'group'),
  })
  .superRefine(checkWindow);

/** GET /scorecards/entity?entityRef&from&to */
export const entityScorecardQuerySchema = z
  .object({ ...windowFields })
  .superRefine(checkWindow);
