import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ListedChange } from '@internal/backstage-plugin-delivery-common';
import { RelativeTime } from '../components/time';
import {
  sizeCell,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  stageCell,
  STAGES,
} from './stageFigures';

const stateLabels: Record<ListedChange['state'], string> = {
  deployed: 'deployed',
  'awaiting-deploy': 'awaiting deploy',
  open: 'open',
  closed: 'closed',
};

function ChangeName(props: { change: ListedChange }) {
  const { change } = props;
  const name = `${change.number !== undefined ? `#${change.number} ` : ''}${
    change.title ?? change.id
  }`;
  return change.url ? <Link to={change.url}>{name}</Link> : <>{name}</>;
}

function DeploymentName(props: { change: ListedChange }) {
  const deployment = props.change.deployment;
  if (!deployment) return <>–</>;
  const name = deployment.version ?? deployment.id;
  return (
    <>
      {deployment.url ? <Link to={deployment.url}>{name}</Link> : name}{' '}
      <Typography variant="caption" color="textSecondary" component="span">
        <RelativeTime iso={deployment.finishedAt} />
      </Typography>
    </>
  );
}

/**
 * Pull or merge requests with their stages: a link to each, its size, its stage
 * durations and the deployment that shipped it (left out when listing the changes
 * of one deployment).
 */
export function ChangesTable(props: {
  changes: ListedChange[];
  showDeployment?: boolean;
  'data-testid'?: string;
}) {
  const { changes, showDeployment = true } = props;
  return (
    <Table
      size="small"
      aria-label="Changes"
      data-testid={props['data-testid'] ?? 'delivery-changes'}
    >
      <TableHead>
        <TableRow>
          <TableCell>Change</TableCell>
          <TableCell>Author</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Size</TableCell>
          {STAGES.map(stage => (
            <TableCell
              key={stage}
              title={STAGE_DESCRIPTIONS[stage]}
              style={{ whiteSpace: 'nowrap' }}
            >
              {STAGE_LABELS[stage]}
            </TableCell>
          ))}
          {showDeployment && <TableCell>Deployment</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(change => (
          <TableRow
            key={`${change.source}/${change.id}`}
            data-testid="delivery-change-row"
          >
            <TableCell>
              <ChangeName change={change} />
              {change.draft && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {' '}
                  (draft)
                </Typography>
              )}
            </TableCell>
            <TableCell>{change.author ?? '–'}</TableCell>
            <TableCell>
              {stateLabels[change.state]}
              {change.state === 'deployed' && !change.reviewed && (
                <Typography
                  variant="caption"
                  color="error"
                  component="span"
                  data-testid="delivery-change-unreviewed"
                >
                  {' '}
                  no review
                </Typography>
              )}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {sizeCell(change)}
            </TableCell>
            {STAGES.map(stage => (
              <TableCell
                key={stage}
                style={{ whiteSpace: 'nowrap' }}
                data-testid={`delivery-change-${stage}`}
              >
                {stageCell(change, stage)}
              </TableCell>
            ))}
            {showDeployment && (
              <TableCell>
                <DeploymentName change={change} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
