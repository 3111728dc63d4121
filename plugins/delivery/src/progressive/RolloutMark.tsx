import Button from '@material-ui/core/Button';
import { useTheme } from '@material-ui/core/styles';
import {
  DeploymentPhase,
  rolloutOutcome,
  rolloutStrategy,
} from '@internal/backstage-plugin-delivery-common';
import { rolloutMarkLabel } from './phrases';

/**
 * The mark of a row that was a progressive rollout ("canary · promoted", "blue-green ·
 * aborted", aborted in the error colour); it opens the row's detail with the ramp.
 */
export function RolloutMark(props: {
  phases: DeploymentPhase[] | undefined;
  expanded: boolean;
  onToggle: () => void;
}) {
  const theme = useTheme();
  const strategy = rolloutStrategy(props.phases);
  const outcome = rolloutOutcome(props.phases);
  if (!strategy || !outcome) return null;
  const label = rolloutMarkLabel(strategy, outcome);
  return (
    <Button
      size="small"
      variant="outlined"
      onClick={props.onToggle}
      aria-expanded={props.expanded}
      aria-label={`${label}: ${props.expanded ? 'hide' : 'show'} the ramp`}
      data-testid="delivery-rollout-mark"
      data-strategy={strategy}
      data-rollout-outcome={outcome}
      style={{
        textTransform: 'none',
        padding: '0 6px',
        minWidth: 0,
        whiteSpace: 'nowrap',
        ...(outcome === 'aborted'
          ? {
              color: theme.palette.error.main,
              borderColor: theme.palette.error.main,
            }
          : {}),
      }}
    >
      {label}
    </Button>
  );
}
