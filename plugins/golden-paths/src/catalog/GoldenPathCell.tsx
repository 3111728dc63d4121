import {
  CellLink,
  HoverLines,
} from '@internal/backstage-plugin-delivery-react';
import type { ComponentDrift } from '../api/types';
import { describeGoldenPathCell } from './goldenPathCell';

export interface GoldenPathCellProps {
  /** The row's drift line from `getDrift`; null when it was not made from a golden path. */
  drift: ComponentDrift | null;
  /**
   * The drift report page (the plugin's `root` route), resolved once by the table;
   * without it the status is plain text.
   */
  reportLink?: string;
}

/** The catalog's golden-path column: drift status, linking to the drift report. */
export function GoldenPathCell(props: GoldenPathCellProps) {
  const cell = describeGoldenPathCell(props.drift);
  return (
    <HoverLines lines={cell.lines}>
      {cell.text === null || !props.reportLink ? (
        <span data-testid="catalog-golden-path" data-value={cell.status}>
          {cell.text ?? '–'}
        </span>
      ) : (
        <CellLink
          to={props.reportLink}
          data-testid="catalog-golden-path"
          data-value={cell.status}
        >
          {cell.text}
        </CellLink>
      )}
    </HoverLines>
  );
}
