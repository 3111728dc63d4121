import { z } from 'zod';

const servicesSchema = z.array(
  z.object({
    id: z.string(),
    integrations: z
      .array(z.object({ integration_key: z.string().nullish() }))
      .nullish(),
  }),
);

/**
 * The service one of whose integrations has `integrationKey`, among services
 * listed with `include[]=integrations`. The key is compared exactly: a search
 * matches names too, so the first service found is not necessarily it.
 */
export function serviceWithIntegrationKey(
  services: unknown[],
  integrationKey: string,
): string | undefined {
  const parsed = servicesSchema.safeParse(services);
  if (!parsed.success) return undefined;
  return parsed.data.find(service =>
    (service.integrations ?? []).some(
      integration => integration.integration_key === integrationKey,
    ),
  )?.id;
}
