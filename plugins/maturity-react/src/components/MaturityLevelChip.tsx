import Chip from '@material-ui/core/Chip';
import { levelChipColors, levelLabel } from '../levels';

export interface MaturityLevelChipProps {
  /** The level reached; 0 when no level's checks all pass; null when not rated. */
  level: number | null;
  /** The level's name in the rubric, e.g. "Measured". */
  name?: string;
  /** Shown on hover: why this level, or what it means. */
  description?: string;
  size?: 'small' | 'medium';
}

/** A maturity level as a coloured chip: "L2 Measured". */
export function MaturityLevelChip(props: MaturityLevelChipProps) {
  const { level, name, description, size = 'small' } = props;
  const colors = levelChipColors(level);
  const label = levelLabel(level, name);
  return (
    <Chip
      size={size}
      label={label}
      title={description ?? label}
      variant={level === null ? 'outlined' : 'default'}
      style={{
        backgroundColor: colors.background,
        color: colors.text,
        fontWeight: 500,
      }}
      data-testid="maturity-level-chip"
      data-level={level === null ? '' : String(level)}
    />
  );
}
