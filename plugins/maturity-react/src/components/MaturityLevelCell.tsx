import type { ComponentLevel } from '@internal/backstage-plugin-maturity-common';
import { CellChip, CellLink } from '@internal/backstage-plugin-delivery-react';
import { levelChipColors, levelLabel } from '../levels';

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
  // The chip as one inline-styled span, like the catalog's other health cells: a
  // Material UI Chip per row mounts a component tree each and attaches its style
  // sheet during the table's first paint.
  const colors = levelChipColors(level.level);
  const label = levelLabel(level.level, level.levelName);
  const chip = (
    <CellChip
      label={label}
      color={colors.background}
      style={{ color: colors.text, fontWeight: 500 }}
      title={
        level.level === 0
          ? 'No level reached yet: not every level 1 check passes'
          : label
      }
      data-testid="maturity-level-chip"
      data-level={String(level.level)}
    />
  );
  return (
    <span
      data-testid="maturity-level-cell"
      data-entity-ref={entityRef}
      data-value={String(level.level)}
    >
      {link ? <CellLink to={link}>{chip}</CellLink> : chip}
    </span>
  );
}
