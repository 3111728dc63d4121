import { TableColumn } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import {
  DoraBandCell,
  LastProductionDeploymentCell,
} from '@internal/backstage-plugin-delivery';
import type { DeliveryApi } from '@internal/backstage-plugin-delivery-common/client';
import {
  GoldenPathCell,
  type GoldenPathsApi,
} from '@internal/backstage-plugin-golden-paths';
import { ErrorBudgetCell, type SloApi } from '@internal/backstage-plugin-slo';
import { HealthCell } from './HealthCell';
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
type Batchers = ReturnType<typeof createHealthBatchers>;

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

/** The health columns, in the order asked for; cells fetch through the batchers. */
export function healthColumns(
  batchers: Batchers,
  ids: readonly HealthColumnId[],
): TableColumn<CatalogTableRow>[] {
  const column = <T,>(
    title: string,
    batcher: RowBatcher<T>,
    render: (entityRef: string, value: T | null) => JSX.Element,
    // short cells stay on one line; longer ones (age and outcome, drift) may break
    // between their parts so the table fits a laptop screen
    whiteSpace: 'nowrap' | 'normal' = 'nowrap',
  ): TableColumn<CatalogTableRow> => ({
    title,
    sorting: false,
    // narrower padding than the catalog's own columns: four more columns must fit
    cellStyle: { whiteSpace, paddingLeft: 8, paddingRight: 8 },
    headerStyle: { paddingLeft: 8, paddingRight: 8 },
    render: row => (
      <HealthCell
        batcher={batcher}
        entityRef={row.resolved.entityRef}
        title={title}
        render={value => render(row.resolved.entityRef, value)}
      />
    ),
  });
  const all: Record<HealthColumnId, TableColumn<CatalogTableRow>> = {
    dora: column('DORA', batchers.delivery, (entityRef, health) => (
      <DoraBandCell entityRef={entityRef} health={health} />
    )),
    lastDeployment: column(
      'Last prod deploy',
      batchers.delivery,
      (entityRef, health) => (
        <LastProductionDeploymentCell entityRef={entityRef} health={health} />
      ),
      'normal',
    ),
    errorBudget: column('Error budget', batchers.slo, (entityRef, status) => (
      <ErrorBudgetCell entityRef={entityRef} status={status} />
    )),
    goldenPath: column(
      'Golden path',
      batchers.goldenPaths,
      (_ref, drift) => <GoldenPathCell drift={drift} />,
      'normal',
    ),
  };
  return ids.map(id => all[id]);
}
