import { ReactNode } from 'react';

/**
 * A chart mark that opens what it stands for (a run, a deployment) in a new tab when
 * it has a url; a plain SVG group otherwise.
 */
export function ChartLink(props: { url?: string; children: ReactNode }) {
  return props.url ? (
    <a href={props.url} target="_blank" rel="noopener noreferrer">
      {props.children}
    </a>
  ) : (
    <g>{props.children}</g>
  );
}
