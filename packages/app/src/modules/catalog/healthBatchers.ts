import type { DeliveryApi } from '@internal/backstage-plugin-delivery-common/client';
import type { GoldenPathsApi } from '@internal/backstage-plugin-golden-paths';
import type { SloApi } from '@internal/backstage-plugin-slo';
import { RowBatcher } from './rowBatcher';

/** The health columns an adopter can pick (`page:catalog` config `healthColumns`). */
export const HEALTH_COLUMNS = [
  'dora',
  'lastDeployment',
  'errorBudget',
  'goldenPath',
] as const;
export type HealthColumnId = (typeof HEALTH_COLUMNS)[number];

/** One batcher per plugin: one request per plugin for the rows on screen. */
export function createHealthBatchers(apis: HealthApis) {
  return {
    delivery: new RowBatcher(
      async refs => (await apis.delivery.getCatalogHealth(refs)).items,
    ),
    slo: new RowBatcher(
      async refs => (await apis.slo.getCatalogHealth(refs)).items,
    ),
    goldenPaths: new RowBatcher(async refs => {
      const report = await apis.goldenPaths.getDrift({ entityRefs: refs });
      return Object.fromEntries(
        report.components.map(row => [row.entityRef.toLowerCase(), row]),
      );
    }),
  };
}

type HealthApis = {
  delivery: DeliveryApi;
  slo: SloApi;
  goldenPaths: GoldenPathsApi;
};
export type Batchers = ReturnType<typeof createHealthBatchers>;

const appBatchers = new WeakMap<DeliveryApi, Batchers>();

/**
 * The app's batchers, made once per set of APIs (app singletons) rather than per page
 * mount, so a return to the catalog shows the rows' health already loaded (refreshed
 * after a minute, see RowBatcher).
 */
export function healthBatchersOf(apis: HealthApis): Batchers {
  let batchers = appBatchers.get(apis.delivery);
  if (!batchers) {
    batchers = createHealthBatchers(apis);
    appBatchers.set(apis.delivery, batchers);
  }
  return batchers;
}

const BATCHER_OF_COLUMN: Record<HealthColumnId, keyof Batchers> = {
  dora: 'delivery',
  lastDeployment: 'delivery',
  errorBudget: 'slo',
  goldenPath: 'goldenPaths',
};

/**
 * Asks the batchers of the columns shown for these rows now, before their cells mount:
 * the cells then find the answers loading or loaded (one request per plugin either way).
 */
export function prefetchHealth(
  batchers: Batchers,
  ids: readonly HealthColumnId[],
  refs: readonly string[],
): void {
  for (const key of new Set(ids.map(id => BATCHER_OF_COLUMN[id]))) {
    const batcher: Pick<RowBatcher<unknown>, 'get'> = batchers[key];
    // a failure is shown by the cells, which ask again
    for (const ref of refs) batcher.get(ref).catch(() => undefined);
  }
}
