import { TableColumn } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import {
  DoraBandCell,
  LastProductionDeploymentCell,
} from '@internal/backstage-plugin-delivery';
import { GoldenPathCell } from '@internal/backstage-plugin-golden-paths';
import { MaturityLevelCell } from '@internal/backstage-plugin-maturity-react';
import { ErrorBudgetCell } from '@internal/backstage-plugin-slo';
import { HealthCell } from './HealthCell';
import { Batchers, HealthColumnId } from './healthBatchers';
import { RowBatcher } from './rowBatcher';

/**
 * Narrower than the catalog's own cell padding, for every column of a table with health
 * columns: five more columns must fit.
 */
export const NARROW_PADDING = { paddingLeft: 8, paddingRight: 8 };

/** Where the cells link, resolved once per table rather than in every cell. */
export interface HealthLinks {
  /** A component's entity page. */
  entity(entityRef: string): string;
  /** The golden-paths drift report, when the page is installed. */
  goldenPaths?: string;
}

/**
 * The health columns, in the order asked for; cells fetch through the batchers. Made once
 * per table: each column's renderer stays the same function, so its memoised cells skip
 * the table's re-renders.
 */
export function healthColumns(
  batchers: Batchers,
  ids: readonly HealthColumnId[],
  links: HealthLinks,
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
    cellStyle: { whiteSpace, ...NARROW_PADDING },
    headerStyle: NARROW_PADDING,
    render: row => (
      <HealthCell
        batcher={batcher}
        entityRef={row.resolved.entityRef}
        title={title}
        render={render}
      />
    ),
  });
  const all: Record<HealthColumnId, TableColumn<CatalogTableRow>> = {
    dora: column('DORA', batchers.delivery, (entityRef, health) => (
      <DoraBandCell
        entityRef={entityRef}
        entityLink={links.entity(entityRef)}
        health={health}
      />
    )),
    lastDeployment: column(
      'Last prod deploy',
      batchers.delivery,
      (entityRef, health) => (
        <LastProductionDeploymentCell
          entityRef={entityRef}
          entityLink={links.entity(entityRef)}
          health={health}
        />
      ),
      'normal',
    ),
    errorBudget: column('Error budget', batchers.slo, (entityRef, status) => (
      <ErrorBudgetCell
        entityRef={entityRef}
        entityLink={links.entity(entityRef)}
        status={status}
      />
    )),
    goldenPath: column(
      'Golden path',
      batchers.goldenPaths,
      (_ref, drift) => (
        <GoldenPathCell drift={drift} reportLink={links.goldenPaths} />
      ),
      'normal',
    ),
    maturity: column('Maturity', batchers.maturity, (entityRef, level) => (
      <MaturityLevelCell
        entityRef={entityRef}
        level={level}
        link={`${links.entity(entityRef)}/maturity`}
      />
    )),
  };
  return ids.map(id => all[id]);
}
