import { parseEntityRef } from '@backstage/catalog-model';
import { ApiProvider } from '@backstage/core-app-api';
import {
  ApiHolder,
  ApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  CatalogIndexPage,
  type CatalogIndexPageProps,
  type CatalogTableColumnsFunc,
} from '@backstage/plugin-catalog/alpha';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { goldenPathsApiRef } from '@internal/backstage-plugin-golden-paths';
import goldenPathsPlugin from '@internal/backstage-plugin-golden-paths/alpha';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import { sloApiRef } from '@internal/backstage-plugin-slo';
import { useMemo } from 'react';
import {
  HealthColumnId,
  batchersOfColumns,
  healthBatchersOf,
} from './healthBatchers';
import { HealthLinks, NARROW_PADDING, healthColumns } from './healthColumns';
import { reportingRowsAnswered } from './rowsAnswered';

/** The kind of the rows the table shows, as the catalog's own columns decide it. */
const kindShown: (
  ...args: Parameters<CatalogTableColumnsFunc>
) => string | undefined = ({ entities, filters }) =>
  entities[0]?.kind?.toLocaleLowerCase('en-US') ?? filters.kind?.value;

/**
 * How long a page of rows may wait for its health before the table shows it anyway, the
 * cells then filling in as their answers come. The health endpoints answer a page in
 * tens of milliseconds when the backend is idle; a catalog page's own queries can make
 * them wait longer.
 */
const ROWS_WAIT_MS = 300;

/** Left out beside the health columns, so the table fits the page: the entity page has them. */
const MAKE_ROOM_FOR_HEALTH = new Set([
  'entity.metadata.description',
  'entity.spec.lifecycle',
  'entity.metadata.tags',
  'entity.spec.type',
]);

/**
 * The catalog index page with the health columns after the catalog's own, on tables of
 * components. The batchers live as long as the app: one request per plugin for each set
 * of rows shown, none for rows answered within the last minute.
 */
export function CatalogHealthIndexPage(
  props: Pick<
    CatalogIndexPageProps,
    'filters' | 'pagination' | 'exportSettings'
  > & { healthColumns: readonly HealthColumnId[] },
) {
  const delivery = useApi(deliveryApiRef);
  const slo = useApi(sloApiRef);
  const goldenPaths = useApi(goldenPathsApiRef);
  const maturity = useApi(maturityApiRef);
  const batchers = useMemo(
    () => healthBatchersOf({ delivery, slo, goldenPaths, maturity }),
    [delivery, slo, goldenPaths, maturity],
  );
  const ids = props.healthColumns;
  // The routes are matched here once, not in each of the page's cells.
  const entityRoute = useRouteRef(entityRouteRef);
  const goldenPathsPage = useRouteRef(goldenPathsPlugin.routes.root);
  const links = useMemo<HealthLinks>(
    () => ({
      entity: entityRef => {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        return entityRoute ? entityRoute({ kind, namespace, name }) : '';
      },
      goldenPaths: goldenPathsPage?.(),
    }),
    [entityRoute, goldenPathsPage],
  );
  const health = useMemo(
    () => healthColumns(batchers, ids, links),
    [batchers, ids, links],
  );
  const columns = useMemo<CatalogTableColumnsFunc>(
    () => context => {
      const defaults = CatalogTable.defaultColumnsFunc(context);
      const withHealth = kindShown(context) === 'component' && ids.length > 0;
      return withHealth
        ? [
            // beside the health columns: names, systems and owners broken between words
            // only, never inside one, and the health columns' narrower padding, so the
            // table fits a 1440 px window
            ...defaults
              .filter(c => !MAKE_ROOM_FOR_HEALTH.has(String(c.field ?? '')))
              .map(c => ({
                ...c,
                cellStyle: {
                  ...c.cellStyle,
                  ...NARROW_PADDING,
                  wordBreak: 'normal' as const,
                },
                headerStyle: { ...c.headerStyle, ...NARROW_PADDING },
              })),
            ...health,
          ]
        : defaults;
    },
    [health, ids],
  );
  // The page's catalog client starts loading the health of the rows the catalog
  // answers and holds the rows until it is loaded, for at most ROWS_WAIT_MS: the table
  // then mostly paints complete at once; the cells share those requests.
  const catalogApi = useApi(catalogApiRef);
  const pageApis = useMemo<ApiHolder | undefined>(() => {
    if (ids.length === 0) return undefined;
    const shown = batchersOfColumns(batchers, ids);
    const reporting = reportingRowsAnswered(
      catalogApi,
      refs => Promise.all(shown.map(batcher => batcher.prefetch(refs))),
      { waitMs: ROWS_WAIT_MS },
    );
    return {
      get: <T,>(ref: ApiRef<T>) =>
        ref.id === catalogApiRef.id ? (reporting as T) : undefined,
    };
  }, [batchers, ids, catalogApi]);
  const page = (
    <CatalogIndexPage
      filters={props.filters}
      pagination={props.pagination}
      exportSettings={props.exportSettings}
      columns={columns}
    />
  );
  return pageApis ? <ApiProvider apis={pageApis}>{page}</ApiProvider> : page;
}
