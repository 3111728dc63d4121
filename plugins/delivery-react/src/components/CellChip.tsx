import { CSSProperties, HTMLAttributes } from 'react';

/** Material UI's small Chip (v4), filled or outlined, in plain CSS. */
const shape: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  boxSizing: 'border-box',
  height: 24,
  borderRadius: 16,
  padding: '0 8px',
  fontSize: '0.8125rem',
  whiteSpace: 'nowrap',
  verticalAlign: 'middle',
};
const outlined: CSSProperties = {
  ...shape,
  padding: '0 7px',
  border: '1px solid rgba(128, 128, 128, 0.5)',
};

/** A CellChip's label and colour; other span attributes (title, data-*) pass through. */
export interface CellChipProps extends HTMLAttributes<HTMLSpanElement> {
  /** The text shown. */
  label: string;
  /** Filled with this colour and white text; without it, outlined in the text colour. */
  color?: string;
}

/**
 * A short label shaped like Material UI's small Chip, as one span with inline styles:
 * light enough for every row of a long table (the catalog's outcome, frozen and stale
 * marks), where a Chip each mounts a component tree and attaches its style sheet on the
 * first paint. Its explanation, if any, is the browser's own tooltip (`title`).
 */
export function CellChip(props: CellChipProps) {
  const { label, color, style, ...rest } = props;
  return (
    <span
      {...rest}
      style={{
        ...(color
          ? { ...shape, backgroundColor: color, color: '#fff' }
          : outlined),
        ...style,
      }}
    >
      {label}
    </span>
  );
}
