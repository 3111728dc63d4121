import { UnmatchedEvent } from '../sources';

/** What matching an event to a component gives: its entity, or why there is none. */
export type MatchResult = { entityRef: string } | { unmatched: UnmatchedEvent };

/** The comma-separated values of an annotation, trimmed; none when it is absent. */
export const annotationList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
