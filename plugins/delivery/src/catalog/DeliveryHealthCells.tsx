import {
  CATALOG_HEALTH_DORA_DAYS,
  type CatalogDeliveryHealth,
} from '@internal/backstage-plugin-delivery-common';
import {
  CellChip,
  CellLink,
  HoverLines,
  RelativeTime,
} from '@internal/backstage-plugin-delivery-react';
import { outcomeColors, outcomeLabels, outcomeOf } from '../chart/model';
import { describeDoraBand } from './health';

/** Shown where there is no figure: never 0 or a verdict. */
const NO_VALUE = '–';
const lastDeploymentStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 6,
  whiteSpace: 'nowrap',
} as const;

export interface DeliveryHealthCellProps {
  /** The row's component. */
  entityRef: string;
  /**
   * The component's entity page. The table resolves the route once for all its rows:
   * resolving it in each cell matched the app's routes 40 times per page.
   */
  entityLink: string;
  /** Its health from `getCatalogHealth`; null when the backend knows no such component. */
  health: CatalogDeliveryHealth | null;
}

function Missing(props: { lines: string[]; testId: string }) {
  return (
    <HoverLines lines={props.lines}>
      <span data-testid={props.testId} data-value="none">
        {NO_VALUE}
      </span>
    </HoverLines>
  );
}

/** The DORA column: the component's overall band, linking to its DORA card. */
export function DoraBandCell(props: DeliveryHealthCellProps) {
  const link = props.entityLink;
  const { band, lines } = describeDoraBand(
    props.health,
    CATALOG_HEALTH_DORA_DAYS,
  );
  if (!band) return <Missing lines={lines} testId="catalog-dora-band" />;
  return (
    <HoverLines lines={lines}>
      <CellLink to={link} data-testid="catalog-dora-band" data-value={band}>
        {band}
      </CellLink>
    </HoverLines>
  );
}

/** The last production deployment: how long ago and its outcome, linking to the tab. */
export function LastProductionDeploymentCell(props: DeliveryHealthCellProps) {
  const link = `${props.entityLink}/deployments`;
  const last = props.health?.lastProduction;
  if (!last) {
    return (
      <Missing
        testId="catalog-last-deployment"
        lines={[
          props.health
            ? 'No production deployment reported by any source'
            : 'Not a component the delivery plugin knows',
        ]}
      />
    );
  }
  const outcome = outcomeOf(last);
  // Plain elements in the table cell's own body2 text: a Material UI Box, Typography
  // and Chip per row mounted component trees and attached style sheets as cells filled.
  return (
    <div
      style={lastDeploymentStyle}
      data-testid="catalog-last-deployment"
      data-value={`${last.source}/${last.id}`}
    >
      <CellLink to={link}>
        <RelativeTime iso={last.finishedAt ?? last.startedAt} />
      </CellLink>
      <CellChip
        label={outcomeLabels[outcome]}
        color={outcomeColors[outcome]}
        data-outcome={outcome}
      />
    </div>
  );
}
