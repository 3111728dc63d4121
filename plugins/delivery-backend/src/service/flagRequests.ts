import { EVENT_LIMITS } from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod';
import { parse, windowFields } from './requests';

/** GET /flags?entityRef[&from&to&environment&flagKey&limit&cursor]. */
const flagListQuerySchema = z.object({
  entityRef: windowFields.entityRef,
  from: windowFields.from.optional(),
  to: windowFields.to.optional(),
  environment: z.string().min(1).max(EVENT_LIMITS.environment).optional(),
  flagKey: z.string().min(1).max(EVENT_LIMITS.flagKey).optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int()
    .min(1)
    .max(500)
    .default(50),
  cursor: z.string().max(500).optional(),
});

export type FlagListRequest = z.infer<typeof flagListQuerySchema>;

export const parseFlagListQuery = (query: unknown): FlagListRequest =>
  parse(flagListQuerySchema, query);
