import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloClient';
import { sortRollup } from '../model/rollup';
import { OPENSLO_FILE_ANNOTATION } from '../model/status';
import { BudgetBar } from './BudgetBar';
import { FrozenChip, StaleChip, StateChip } from './chips';
import { NoSlos } from './notices';
import { useSloTabLink } from './useEntityTab';
import { usePolicyRefresh } from './usePolicyRefresh';

/** Systems and groups: each component's state, budget left and whether it is frozen. */
export function SloRollup(props: { entityRef: string }) {
  const api = useApi(sloApiRef);
  const tabLink = useSloTabLink();
  // Any component's freeze starting or ending reads the roll-up again.
  const refreshes = usePolicyRefresh();
  const { value, loading, error } = useAsync(
    () => api.getStatus({ entityRef: props.entityRef }),
    [api, props.entityRef, refreshes],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const rows = sortRollup(value.components);
  if (rows.length === 0) {
    return (
      <NoSlos
        testId="slo-empty"
        title="No component here has SLOs yet"
        description={`None of the components of ${props.entityRef} declares an objective. Add the ${OPENSLO_FILE_ANNOTATION} annotation to a component's catalog-info.yaml; its SLOs tab shows how.`}
      />
    );
  }
  const frozen = rows.filter(r => r.frozen).length;
  const stale = rows.filter(r => r.stale).length;
  return (
    <Box data-testid="slo-rollup">
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
        <Typography variant="body1">Overall:</Typography>
        <StateChip state={value.state} />
        {value.frozen && <FrozenChip />}
        <Typography variant="body2" color="textSecondary">
          {rows.length} component{rows.length === 1 ? '' : 's'} with SLOs
          {frozen > 0 && `, ${frozen} frozen`}
          {stale > 0 &&
            `, ${stale} showing their last good figures (metric source failing)`}
        </Typography>
      </Box>
      <Table size="small" aria-label="SLO roll-up">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell>State</TableCell>
            <TableCell align="right">Objectives</TableCell>
            <TableCell style={{ width: 240 }}>Lowest budget left</TableCell>
            <TableCell>Deploys</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow
              key={row.entityRef}
              data-testid="slo-rollup-row"
              data-entity-ref={row.entityRef}
              data-budget={
                row.worstBudgetRemaining === null
                  ? ''
                  : String(row.worstBudgetRemaining)
              }
            >
              <TableCell>
                <EntityRefLink entityRef={row.entityRef} />
              </TableCell>
              <TableCell>
                <StateChip state={row.state} />
                {row.stale && <StaleChip />}
              </TableCell>
              <TableCell align="right">{row.objectives}</TableCell>
              <TableCell>
                <BudgetBar remaining={row.worstBudgetRemaining} />
              </TableCell>
              <TableCell>{row.frozen ? <FrozenChip /> : 'allowed'}</TableCell>
              <TableCell>
                <Link to={tabLink(row.entityRef)}>SLOs</Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
