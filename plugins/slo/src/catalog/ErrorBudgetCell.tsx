import type { ComponentSloStatus } from '@internal/backstage-plugin-slo-common';
import {
  CellChip,
  CellLink,
  HoverLines,
} from '@internal/backstage-plugin-delivery-react';
import { FROZEN_HELP, STALE_HELP, stateColors } from '../components/chips';
import { NO_VALUE } from '../model/format';
import { describeBudgetCell } from './budgetCell';

// the marks wrap below the figure, so the column stays narrow beside four others
const budgetStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 4,
} as const;

export interface ErrorBudgetCellProps {
  /** The row's component. */
  entityRef: string;
  /** The component's entity page (the table resolves the route once for all rows). */
  entityLink: string;
  /** Its line from `getCatalogHealth`; null when the backend knows no such component. */
  status: ComponentSloStatus | null;
}

/**
 * The catalog's error budget column: the worst objective's budget left, with the frozen
 * mark, linking to the component's SLOs tab.
 */
export function ErrorBudgetCell(props: ErrorBudgetCellProps) {
  const link = `${props.entityLink}/slos`;
  const cell = describeBudgetCell(props.status);
  if (cell.text === null) {
    return (
      <HoverLines lines={cell.lines}>
        <span data-testid="catalog-error-budget" data-value="none">
          {NO_VALUE}
        </span>
      </HoverLines>
    );
  }
  // Plain elements rather than Material UI Box and Chips, light for every row.
  return (
    <div
      style={budgetStyle}
      data-testid="catalog-error-budget"
      data-value={String(props.status?.worstBudgetRemaining)}
      data-frozen={String(cell.frozen)}
    >
      <HoverLines lines={cell.lines}>
        <CellLink to={link}>{cell.text}</CellLink>
      </HoverLines>
      {cell.frozen && (
        <CellChip
          label="Deploys frozen"
          color={stateColors.exhausted}
          title={FROZEN_HELP}
          data-testid="slo-frozen-chip"
          style={{ marginRight: 4 }}
        />
      )}
      {cell.stale && (
        <CellChip
          label="stale"
          title={STALE_HELP}
          data-testid="slo-stale-chip"
          style={{ marginLeft: 4 }}
        />
      )}
    </div>
  );
}
