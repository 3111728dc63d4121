import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ComponentSloStatus } from '@internal/backstage-plugin-slo-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { FrozenChip, StaleChip } from '../components/chips';
import { NO_VALUE } from '../model/format';
import { describeBudgetCell } from './budgetCell';

export interface ErrorBudgetCellProps {
  /** The row's component. */
  entityRef: string;
  /** Its line from `getCatalogHealth`; null when the backend knows no such component. */
  status: ComponentSloStatus | null;
}

/**
 * The catalog's error budget column: the worst objective's budget left, with the frozen
 * mark, linking to the component's SLOs tab.
 */
export function ErrorBudgetCell(props: ErrorBudgetCellProps) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { kind, namespace, name } = parseEntityRef(props.entityRef);
  const link = `${entityRoute({ kind, namespace, name })}/slos`;
  const cell = describeBudgetCell(props.status);
  const title = cell.lines.map(line => <div key={line}>{line}</div>);
  if (cell.text === null) {
    return (
      <Tooltip title={title}>
        <span data-testid="catalog-error-budget" data-value="none">
          {NO_VALUE}
        </span>
      </Tooltip>
    );
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 4 }}
      data-testid="catalog-error-budget"
      data-value={String(props.status?.worstBudgetRemaining)}
      data-frozen={String(cell.frozen)}
    >
      <Tooltip title={title}>
        <Link to={link}>{cell.text}</Link>
      </Tooltip>
      {cell.frozen && <FrozenChip />}
      {cell.stale && <StaleChip />}
    </Box>
  );
}
