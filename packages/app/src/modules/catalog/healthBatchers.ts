import type { DeliveryApi } from '@internal/backstage-plugin-delivery-common/client';
import type { GoldenPathsApi } from '@internal/backstage-plugin-golden-paths';
import type { MaturityApi } from '@internal/backstage-plugin-maturity-common/client';
import { maturityLevelsLoader } from '@internal/backstage-plugin-maturity-react';
import type { SloApi } from '@internal/backstage-plugin-slo';
import { RowBatcher } from './rowBatcher';

/** The health columns an adopter can pick (`page:catalog` config `healthColumns`). */
export const HEALTH_COLUMNS = [
  'dora',
  'lastDeployment',
  'errorBudget',
  'goldenPath',
  'maturity',
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
    maturity: new RowBatcher(maturityLevelsLoader(apis.maturity)),
  };
}

/** The batchers the columns shown read from, each once. */
export function batchersOfColumns(
  batchers: Batchers,
  ids: readonly HealthColumnId[],
): Pick<RowBatcher<unknown>, 'prefetch'>[] {
  const ofColumn: Record<
    HealthColumnId,
    Pick<RowBatcher<unknown>, 'prefetch'>
  > = {
    dora: batchers.delivery,
    lastDeployment: batchers.delivery,
    errorBudget: batchers.slo,
    goldenPath: batchers.goldenPaths,
    maturity: batchers.maturity,
  };
  return [...new Set(ids.map(id => ofColumn[id]))];
}

type HealthApis = {
  delivery: DeliveryApi;
  slo: SloApi;
  goldenPaths: GoldenPathsApi;
  maturity: MaturityApi;
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
