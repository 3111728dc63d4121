import Link from '@material-ui/core/Link';
import { Link as RouterLink } from 'react-router-dom';
import type { ComponentLevel } from '@internal/backstage-plugin-maturity-common';
import { MaturityLevelChip } from './MaturityLevelChip';

export interface MaturityLevelCellProps {
  entityRef: string;
  /**
   * The row's level from `useMaturityLevels` (or the backend's `POST /levels`);
   * null when the backend has no facts for it yet, undefined while loading.
   */
  level: ComponentLevel | null | undefined;
  /**
   * Where the chip links, e.g. the entity's Maturity tab, resolved once by the table;
   * without it the chip is not a link.
   */
  link?: string;
}

/** The catalog's and the scorecards' maturity column: the row's level chip. */
export function MaturityLevelCell(props: MaturityLevelCellProps) {
  const { level, link, entityRef } = props;
  if (level === undefined) {
    return (
      <span data-testid="maturity-level-cell" aria-busy="true">
        …
      </span>
    );
  }
  if (level === null) {
    return (
      <span
        data-testid="maturity-level-cell"
        data-entity-ref={entityRef}
        data-value=""
        title="Not rated: a type the rubric does not rate (a library, say), or no facts yet (collected when the backend starts, then on its schedule)"
      >
        –
      </span>
    );
  }
  const chip = (
    <MaturityLevelChip
      level={level.level}
      name={level.levelName}
      description={
        level.level === 0
          ? 'No level reached yet: not every level 1 check passes'
          : undefined
      }
    />
  );
  return (
    <span
      data-testid="maturity-level-cell"
      data-entity-ref={entityRef}
      data-value={String(level.level)}
    >
      {link ? (
        <Link component={RouterLink} to={link}>
          {chip}
        </Link>
      ) : (
        chip
      )}
    </span>
  );
}
