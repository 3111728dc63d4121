import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { MaturityLevelChip } from '@internal/backstage-plugin-maturity-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { distributionSummary } from '../model/levels';
import { useMaturityTabLink } from './links';

export interface EntityLevelRow {
  entityRef: string;
  title?: string;
  level: number | null;
  levelName?: string;
  /** For teams: their components by level. */
  distribution?: number[];
  /** For teams: how many components they own (child teams included). */
  components?: number;
}

/** Teams or components with their level, each linked to its own Maturity tab. */
export function EntityLevelTable(props: {
  rows: EntityLevelRow[];
  nameHeader: string;
  testId: string;
}) {
  const tabLink = useMaturityTabLink();
  const withDistribution = props.rows.some(r => r.distribution);
  const withComponents = props.rows.some(r => r.components !== undefined);
  return (
    <Table size="small" data-testid={props.testId}>
      <TableHead>
        <TableRow>
          <TableCell>{props.nameHeader}</TableCell>
          <TableCell>Level</TableCell>
          {withComponents && <TableCell align="right">Components</TableCell>}
          {withDistribution && <TableCell>By level</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow
            key={row.entityRef}
            data-testid="maturity-row"
            data-entity-ref={row.entityRef}
            data-level={row.level === null ? '' : String(row.level)}
          >
            <TableCell>
              <Link to={tabLink(row.entityRef)}>
                {row.title ?? parseEntityRef(row.entityRef).name}
              </Link>
            </TableCell>
            <TableCell>
              <MaturityLevelChip level={row.level} name={row.levelName} />
            </TableCell>
            {withComponents && (
              <TableCell align="right">{row.components ?? ''}</TableCell>
            )}
            {withDistribution && (
              <TableCell>
                {row.distribution ? distributionSummary(row.distribution) : ''}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
