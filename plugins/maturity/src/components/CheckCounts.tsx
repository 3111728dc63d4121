import type {
  MaturityLevelInfo,
  MaturityRollup,
} from '@internal/backstage-plugin-maturity-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Fragment } from 'react';
import { pillarLabels } from '../model/format';
import { groupByLevel } from '../model/levels';
import { StatusIcon } from './StatusIcon';

const STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;

const columnLabels: Record<(typeof STATUSES)[number], string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'N/A',
};

/** Per check of the rubric, by level: how many components pass, fail, are unknown or exempt. */
export function CheckCounts(props: {
  checks: MaturityRollup['checks'];
  levels: MaturityLevelInfo[];
}) {
  return (
    <Table size="small" data-testid="maturity-check-counts">
      <TableHead>
        <TableRow>
          <TableCell>Check</TableCell>
          <TableCell>Pillar</TableCell>
          {STATUSES.map(status => (
            <TableCell key={status} align="right">
              <StatusIcon status={status} /> {columnLabels[status]}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {groupByLevel(props.checks, props.levels).map(group => (
          <Fragment key={group.level}>
            <TableRow>
              <TableCell colSpan={2 + STATUSES.length}>
                <strong>
                  Level {group.level}: {group.name}
                </strong>
              </TableCell>
            </TableRow>
            {group.items.map(check => (
              <TableRow
                key={check.id}
                data-testid="maturity-check-count"
                data-check-id={check.id}
              >
                <TableCell>{check.title}</TableCell>
                <TableCell>{pillarLabels[check.pillar]}</TableCell>
                {STATUSES.map(status => (
                  <TableCell
                    key={status}
                    align="right"
                    data-status={status}
                    data-value={check.counts[status]}
                  >
                    {check.counts[status]}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
