import Typography from '@material-ui/core/Typography';
import { CellChip } from '@internal/backstage-plugin-delivery-react';
import { VerdictCell, verdictColors, verdictLabels } from './verdict';

/**
 * A deployment's health verdict as a small chip, its reasons and burn on hover (the
 * browser's tooltip: one per row of a long table); a dash saying why when it has none.
 */
export function VerdictChip(props: { cell: VerdictCell }) {
  const { cell } = props;
  if (cell.kind === 'none') {
    return (
      <Typography
        variant="body2"
        component="span"
        color="textSecondary"
        title={cell.title}
        data-testid="delivery-verdict"
        data-verdict="none"
      >
        {cell.text}
      </Typography>
    );
  }
  const { verdict } = cell.health;
  return (
    <CellChip
      label={verdictLabels[verdict].toLocaleLowerCase('en-US')}
      color={verdictColors[verdict]}
      title={cell.lines.join('\n')}
      aria-label={`Verdict: ${cell.lines.join('. ')}`}
      data-testid="delivery-verdict"
      data-verdict={verdict}
    />
  );
}
