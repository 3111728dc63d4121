import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { doraScorecardsApiRef } from '../api';
import { formatHours } from '@internal/backstage-plugin-delivery-react';
import { MetricDefinition } from './metrics';

/** How many events the dialog lists; the Deployments tab has them all. */
const LIMIT = 100;

const when = (iso?: string | null) =>
  iso ? DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED) : '–';

/** The deployments or incidents behind a figure, over the figure's window. */
export function DrillDownDialog(props: {
  open: boolean;
  onClose: () => void;
  metric: MetricDefinition;
  entityRef: string;
  from: string;
  to: string;
}) {
  const { open, onClose, metric, entityRef, from, to } = props;
  const api = useApi(doraScorecardsApiRef);
  const { value, loading, error } = useAsync(async () => {
    if (!open) return undefined;
    const request = { entityRef, from, to, limit: LIMIT };
    return metric.drillDown === 'deployments'
      ? { deployments: (await api.listDeployments(request)).items }
      : { incidents: (await api.listIncidents(request)).items };
  }, [open, api, metric.drillDown, entityRef, from, to]);

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {metric.label}: {metric.drillDown} from {when(from)} to {when(to)}
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value?.deployments && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            data-testid="scorecard-drilldown-scope"
          >
            Every run started in the period, in every environment. The figures
            count successful production deployments that finished in it; a lead
            time is shown where a run first brought commits to production.
          </Typography>
        )}
        {value?.deployments && (
          <Table size="small" data-testid="scorecard-drilldown">
            <TableHead>
              <TableRow>
                <TableCell>Finished</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>
                  <span title="Median from commit to this deployment over the commits it first brought to production">
                    Lead time
                  </span>
                </TableCell>
                <TableCell>Notes</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.deployments.map(d => (
                <TableRow key={`${d.source}/${d.id}`}>
                  <TableCell>{when(d.finishedAt)}</TableCell>
                  <TableCell>{d.environment}</TableCell>
                  <TableCell>{d.status}</TableCell>
                  <TableCell>
                    {d.url ? (
                      <Link to={d.url}>{d.version ?? d.id}</Link>
                    ) : (
                      d.version ?? d.id
                    )}
                  </TableCell>
                  <TableCell data-testid="scorecard-drilldown-lead-time">
                    {d.leadTimeHours === undefined
                      ? '–'
                      : formatHours(d.leadTimeHours)}
                  </TableCell>
                  <TableCell>
                    {d.rollbackOf && `rollback of ${d.rollbackOf} `}
                    {d.remediates && `remediates ${d.remediates}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {value?.incidents && (
          <Table size="small" data-testid="scorecard-drilldown">
            <TableHead>
              <TableRow>
                <TableCell>Opened</TableCell>
                <TableCell>Resolved</TableCell>
                <TableCell>Title</TableCell>
                <TableCell>Deployment</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.incidents.map(i => (
                <TableRow key={`${i.source}/${i.id}`}>
                  <TableCell>{when(i.openedAt)}</TableCell>
                  <TableCell>{when(i.resolvedAt)}</TableCell>
                  <TableCell>
                    {i.url ? <Link to={i.url}>{i.title}</Link> : i.title}
                  </TableCell>
                  <TableCell>{i.deploymentId ?? '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {value && (value.deployments ?? value.incidents ?? []).length === 0 && (
          <Typography>Nothing reported in this period.</Typography>
        )}
        {value &&
          (value.deployments ?? value.incidents ?? []).length === LIMIT && (
            <Typography variant="caption">
              The latest {LIMIT} are listed.
            </Typography>
          )}
      </DialogContent>
    </Dialog>
  );
}
