import { useTheme } from '@material-ui/core/styles';
import { ChartLink } from '@internal/backstage-plugin-delivery-react';
import { ChartFlagMark, flagMarkTitle } from './flagMarks';

const HALF = 4.5;

/**
 * One flag mark on the timeline: a diamond (hollow when the flag then served no one),
 * the count of changes it holds when several, every change on hover, and a single
 * change's link when it has one.
 */
export function FlagMark(props: {
  mark: ChartFlagMark;
  /** Vertical centre of the diamond. */
  y: number;
  environment: string;
}) {
  const { mark, y, environment } = props;
  const theme = useTheme();
  const { x, flags } = mark;
  const single = flags.length === 1 ? flags[0] : undefined;
  return (
    <ChartLink url={single?.url}>
      <g
        data-testid="delivery-flag-mark"
        data-flags={flags.length}
        data-off={mark.off}
        aria-label={`${flags.length} flag change${
          flags.length === 1 ? '' : 's'
        } in ${environment}: ${flags
          .map(f => `${f.flagKey} ${f.action}`)
          .join(', ')}`}
      >
        <title>{flagMarkTitle(mark)}</title>
        <path
          d={`M${x},${y - HALF} L${x + HALF},${y} L${x},${y + HALF} L${
            x - HALF
          },${y} Z`}
          fill={
            mark.off
              ? theme.palette.background.paper
              : theme.palette.text.secondary
          }
          stroke={theme.palette.text.secondary}
          strokeWidth={1.5}
        />
        {flags.length > 1 && (
          <text
            x={x + HALF + 2}
            y={y + 3.5}
            fontSize={9}
            fill={theme.palette.text.secondary}
          >
            {flags.length}
          </text>
        )}
      </g>
    </ChartLink>
  );
}
