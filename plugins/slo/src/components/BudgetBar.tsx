import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { budgetBar, formatBudgetRemaining } from '../model/format';
import { stateColors } from './chips';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 10,
    borderRadius: 5,
    backgroundColor: theme.palette.action.selected,
    overflow: 'hidden',
    minWidth: 80,
  },
  fill: { position: 'absolute', top: 0, bottom: 0, left: 0 },
  overspent: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    right: 0,
    backgroundImage: `repeating-linear-gradient(45deg, ${stateColors.exhausted} 0 4px, transparent 4px 8px)`,
  },
}));

/**
 * Error budget left as a bar: filled for what is left; when overspent, the bar is empty
 * and a hatched part from the right shows how far past zero (up to one whole budget).
 */
export function BudgetBar(props: { remaining: number | null }) {
  const classes = useStyles();
  const bar = budgetBar(props.remaining);
  const text = formatBudgetRemaining(props.remaining);
  let color = stateColors.ok;
  if (props.remaining === null) color = stateColors.unknown;
  else if (props.remaining < 0.25) color = stateColors.warning;
  return (
    <Box
      data-testid="slo-budget-bar"
      data-remaining={props.remaining === null ? '' : String(props.remaining)}
      role="meter"
      aria-label={`Error budget remaining: ${text}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={bar.known ? bar.leftPercent : undefined}
    >
      <Box className={classes.track}>
        <Box
          className={classes.fill}
          style={{ width: `${bar.leftPercent}%`, backgroundColor: color }}
        />
        {bar.overspentPercent > 0 && (
          <Box
            className={classes.overspent}
            style={{ width: `${bar.overspentPercent}%` }}
            data-testid="slo-budget-overspent"
          />
        )}
      </Box>
      <Typography variant="caption" color="textSecondary">
        {bar.known ? `${text} of the error budget left` : 'budget unknown'}
      </Typography>
    </Box>
  );
}
