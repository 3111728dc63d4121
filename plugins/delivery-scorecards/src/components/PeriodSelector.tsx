import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { Period, PERIODS } from './window';

export function PeriodSelector(props: {
  value: Period;
  onChange: (period: Period) => void;
}) {
  return (
    <ButtonGroup size="small" aria-label="Period">
      {PERIODS.map(days => (
        <Button
          key={days}
          variant={props.value === days ? 'contained' : 'outlined'}
          color={props.value === days ? 'primary' : 'default'}
          onClick={() => props.onChange(days)}
          aria-pressed={props.value === days}
        >
          {days} d
        </Button>
      ))}
    </ButtonGroup>
  );
}
