import { ReactNode } from 'react';

/**
 * A table cell's explanation on hover (why there is no figure, what a band is made of),
 * as the browser's own tooltip: light enough for every cell of a long table, where a
 * Material UI Tooltip per cell costs a component tree each on the catalog's first paint.
 */
export function HoverLines(props: { lines: string[]; children: ReactNode }) {
  return <span title={props.lines.join('\n')}>{props.children}</span>;
}
