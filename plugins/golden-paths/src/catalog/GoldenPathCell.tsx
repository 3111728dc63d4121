import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { HoverLines } from '@internal/backstage-plugin-delivery-react';
import type { ComponentDrift } from '../api/types';
import { pageRouteRef } from '../routes';
import { describeGoldenPathCell } from './goldenPathCell';

export interface GoldenPathCellProps {
  /** The row's drift line from `getDrift`; null when it was not made from a golden path. */
  drift: ComponentDrift | null;
}

/** The catalog's golden-path column: drift status, linking to the drift report. */
export function GoldenPathCell(props: GoldenPathCellProps) {
  const page = useRouteRef(pageRouteRef);
  const cell = describeGoldenPathCell(props.drift);
  return (
    <HoverLines lines={cell.lines}>
      {cell.text === null || !page ? (
        <span data-testid="catalog-golden-path" data-value={cell.status}>
          {cell.text ?? '–'}
        </span>
      ) : (
        <Link
          to={page()}
          data-testid="catalog-golden-path"
          data-value={cell.status}
        >
          {cell.text}
        </Link>
      )}
    </HoverLines>
  );
}
