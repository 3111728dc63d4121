import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { ReactNode, memo, useEffect, useMemo, useState } from 'react';
import type {
  BandPreset,
  DoraFigures,
} from '@internal/backstage-plugin-delivery-common';
import { BandChip } from './BandChip';
import { ALL_METRICS, MetricDefinition } from './metrics';
import { Sort, SortKey, sortRows } from './sorting';

export interface ScorecardTableRow {
  entityRef: string;
  title: string;
  figures: DoraFigures;
}

export interface ExtraColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

const FigureCell = memo(function FigureCellContent(props: {
  figures: DoraFigures;
  metric: MetricDefinition;
  bands: BandPreset;
}) {
  const { figures, metric, bands } = props;
  const value = metric.value(figures);
  return (
    <TableCell
      data-testid={`scorecard-cell-${metric.key}`}
      data-value={value === null ? '' : String(value)}
    >
      {value === null ? (
        <Typography variant="caption" color="textSecondary">
          not enough data
        </Typography>
      ) : (
        <span>{metric.format(value)}</span>
      )}{' '}
      {metric.band && (
        <BandChip band={metric.band(figures)} metric={metric} preset={bands} />
      )}
    </TableCell>
  );
});

/**
 * Rows are rendered a slice at a time, each slice in its own task: 100 teams with
 * their band chips rendered at once block the main thread for ~200 ms.
 */
export const ROWS_PER_SLICE = 20;

function useRenderedCount(total: number): number {
  const [count, setCount] = useState(() => Math.min(total, ROWS_PER_SLICE));
  useEffect(() => {
    if (count >= total) return undefined;
    const next = setTimeout(
      () => setCount(c => Math.min(total, c + ROWS_PER_SLICE)),
      0,
    );
    return () => clearTimeout(next);
  }, [count, total]);
  return count;
}

/**
 * Teams or services with every figure and band, sortable by any column; the rows
 * without data sort last.
 */
export function ScorecardTable<T extends ScorecardTableRow>(props: {
  rows: T[];
  bands: BandPreset;
  nameHeader: string;
  extraColumns?: ExtraColumn<T>[];
  initialSort?: Sort;
  testId?: string;
}) {
  const { rows, bands, nameHeader, extraColumns = [] } = props;
  const [sort, setSort] = useState<Sort>(
    props.initialSort ?? { key: 'title', direction: 'asc' },
  );
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const rendered = useRenderedCount(sorted.length);
  const sortBy = (key: SortKey) =>
    setSort(current =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'title' ? 'asc' : 'desc' },
    );
  const header = (key: SortKey, label: string, title?: string) => (
    <TableCell
      key={key}
      sortDirection={sort.key === key ? sort.direction : false}
      title={title}
    >
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key ? sort.direction : 'asc'}
        onClick={() => sortBy(key)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Table size="small" data-testid={props.testId ?? 'scorecard-table'}>
      <TableHead>
        <TableRow>
          {header('title', nameHeader)}
          {ALL_METRICS.map(m => header(m.key, m.short, m.label))}
          {extraColumns.map(c => (
            <TableCell key={c.header}>{c.header}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.slice(0, rendered).map(row => (
          <TableRow
            key={row.entityRef}
            data-testid="scorecard-row"
            data-entity-ref={row.entityRef}
          >
            <TableCell>
              <EntityRefLink entityRef={row.entityRef} title={row.title} />
            </TableCell>
            {ALL_METRICS.map(metric => (
              <FigureCell
                key={metric.key}
                figures={row.figures}
                metric={metric}
                bands={bands}
              />
            ))}
            {extraColumns.map(c => (
              <TableCell key={c.header}>{c.cell(row)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
