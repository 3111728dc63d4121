import type {
  MaturityHistoryResponse,
  MaturityLevelInfo,
} from '@internal/backstage-plugin-maturity-common';
import { levelLabel } from '@internal/backstage-plugin-maturity-react';
import Typography from '@material-ui/core/Typography';
import { levelName } from '../model/format';
import { WeeklyChart } from './WeeklyChart';

/** The level as it stood at the end of each week; weeks before the first facts are gaps. */
export function LevelHistory(props: {
  history: MaturityHistoryResponse;
  levels: MaturityLevelInfo[];
}) {
  const { history, levels } = props;
  const values = history.points.map(p => p.level);
  if (values.every(v => v === null)) {
    return (
      <Typography color="textSecondary" data-testid="maturity-history-empty">
        No history yet: the level is recorded weekly from the first collection.
      </Typography>
    );
  }
  const top = Math.max(0, ...levels.map(l => l.level));
  const describe = (level: number) =>
    levelLabel(level, levelName(levels, level));
  return (
    <WeeklyChart
      weeks={history.points.map(p => p.week)}
      values={values}
      max={top}
      ticks={Array.from({ length: top + 1 }, (_, level) => ({
        value: level,
        label: `L${level}`,
      }))}
      describe={describe}
      label={`Level by week: ${history.points
        .map(p => (p.level === null ? 'no data' : describe(p.level)))
        .join(', ')}`}
      testId="maturity-history"
    />
  );
}
