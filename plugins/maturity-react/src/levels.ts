import type { ComponentLevel } from '@internal/backstage-plugin-maturity-common';

/**
 * The chip's text: "L2 Measured"; level 0 (no level's checks all pass yet) is
 * "L0 No level yet"; null (nothing to rate: no facts, or a team owning nothing) is
 * "Not rated".
 */
export function levelLabel(level: number | null, name?: string): string {
  if (level === null) return 'Not rated';
  if (level === 0) return 'L0 No level yet';
  return name ? `L${level} ${name}` : `L${level}`;
}

/** Colour-blind-safe (Okabe-Ito), darker as the level rises; grey for none. */
const levelColors = ['#999999', '#E69F00', '#56B4E9', '#0072B2', '#009E73'];

/** Background and text colour of a level's chip. */
export function levelChipColors(level: number | null): {
  background: string;
  text: string;
} {
  if (level === null) return { background: 'transparent', text: 'inherit' };
  const background = levelColors[Math.min(level, levelColors.length - 1)];
  // The lighter swatches (orange, sky blue) read better with dark text.
  const light = background === '#E69F00' || background === '#56B4E9';
  return { background, text: light ? '#000000' : '#ffffff' };
}

/** Refs as the backend keeps them (lower-cased), so a row finds its level whatever its case. */
export const refKey = (entityRef: string) =>
  entityRef.toLocaleLowerCase('en-US');

/** The answer of `POST /levels` keyed by lower-cased ref. */
export function levelsByRef(
  items: Record<string, ComponentLevel>,
): Map<string, ComponentLevel> {
  return new Map(
    Object.entries(items).map(([ref, level]) => [refKey(ref), level]),
  );
}

/**
 * The loader of a row batcher (the app's catalog columns): one `POST /levels` for the
 * rows asked, answered keyed by lower-cased ref; rows without facts are left out.
 */
export function maturityLevelsLoader(api: {
  getLevels(entityRefs: string[]): Promise<{
    items: Record<string, ComponentLevel>;
  }>;
}) {
  return async (
    entityRefs: string[],
  ): Promise<Record<string, ComponentLevel>> =>
    Object.fromEntries(levelsByRef((await api.getLevels(entityRefs)).items));
}
