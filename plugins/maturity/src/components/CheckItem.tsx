import { Link } from '@backstage/core-components';
import type { EvaluatedCheck } from '@internal/backstage-plugin-maturity-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  figureAgainstThreshold,
  pillarLabels,
  statusLabels,
} from '../model/format';
import { StatusIcon } from './StatusIcon';

/**
 * One check of a component: its status, the evidence sentence (for an unknown check,
 * what data is missing), the figure against its threshold, the link to the evidence
 * and, when it holds the component back, the remedy.
 */
export function CheckItem(props: { check: EvaluatedCheck }) {
  const { check } = props;
  const figures = figureAgainstThreshold(check);
  const holdsBack = check.status === 'fail' || check.status === 'unknown';
  return (
    <Box
      display="flex"
      alignItems="flex-start"
      py={1}
      style={{ gap: 12 }}
      data-testid="maturity-check"
      data-check-id={check.id}
      data-status={check.status}
    >
      <StatusIcon status={check.status} />
      <Box flex={1}>
        <Typography variant="body1">
          {check.title}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {pillarLabels[check.pillar]} · {statusLabels[check.status]}
          </Typography>
        </Typography>
        <Typography
          variant="body2"
          color={check.status === 'unknown' ? 'textSecondary' : 'textPrimary'}
          data-testid="maturity-check-evidence"
        >
          {check.status === 'unknown' ? 'Missing data: ' : ''}
          {check.evidence}
          {figures ? ` (${figures})` : ''}
          {check.link && (
            <>
              {' · '}
              <Link to={check.link} data-testid="maturity-check-link">
                see the evidence
              </Link>
            </>
          )}
        </Typography>
        {holdsBack && check.remedy && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="maturity-check-remedy"
          >
            To pass: {check.remedy}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
