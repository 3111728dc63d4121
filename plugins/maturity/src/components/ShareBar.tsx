import { useTheme } from '@material-ui/core/styles';

/**
 * A share as a horizontal bar (components at a level, a pillar passing, an
 * initiative's progress). Not a `progressbar`: nothing is loading, and pages wait for
 * progress bars to disappear before they count as settled.
 */
export function ShareBar(props: { share: number | null; label: string }) {
  const theme = useTheme();
  const width = `${Math.max(0, Math.min(1, props.share ?? 0)) * 100}%`;
  return (
    <div
      role="img"
      aria-label={props.label}
      style={{
        height: 6,
        borderRadius: 3,
        background: theme.palette.action.hover,
        overflow: 'hidden',
      }}
    >
      <div
        style={{
          width,
          height: '100%',
          background: theme.palette.primary.main,
        }}
      />
    </div>
  );
}
