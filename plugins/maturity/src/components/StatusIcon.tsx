import type { CheckStatus } from '@internal/backstage-plugin-maturity-common';
import CheckCircle from '@material-ui/icons/CheckCircle';
import Cancel from '@material-ui/icons/Cancel';
import HelpOutline from '@material-ui/icons/HelpOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import { statusLabels } from '../model/format';

/**
 * Colour-blind-safe (Okabe-Ito) and told apart by shape as well: a filled tick or
 * cross for a decided check, an outlined question mark for unknown (no data, not a
 * failure), an outlined dash for not applicable.
 */
const icons: Record<CheckStatus, { Icon: typeof CheckCircle; color: string }> =
  {
    pass: { Icon: CheckCircle, color: '#009E73' },
    fail: { Icon: Cancel, color: '#D55E00' },
    unknown: { Icon: HelpOutline, color: '#E69F00' },
    'not-applicable': { Icon: RemoveCircleOutline, color: '#999999' },
  };

export function StatusIcon(props: { status: CheckStatus }) {
  const { Icon, color } = icons[props.status];
  return (
    <Icon
      style={{ color, verticalAlign: 'middle' }}
      fontSize="small"
      titleAccess={statusLabels[props.status]}
      data-testid="maturity-check-status"
      data-status={props.status}
    />
  );
}
