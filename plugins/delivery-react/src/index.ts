/**
 * What the delivery frontend plugins share: the API refs of the delivery client and of
 * the seams between plugins (deployment flags, SLO per service, golden path per
 * service), the home widgets' `scope` prop, and UI pieces (freshness notice, time
 * formatting, measured width, linked chart marks), the figures' formatting, and the
 * lead-time stage pieces (the changes table and the stage figures it and the bars show).
 * Frontend plugins depend on this library, never on each other.
 *
 * @packageDocumentation
 */
export * from './apis';
export * from './changes';
export { formatHours, formatPerDay, formatRatio } from './format';
export type * from './home';
export { CellChip } from './components/CellChip';
export type { CellChipProps } from './components/CellChip';
export { CellLink } from './components/CellLink';
export type { CellLinkProps } from './components/CellLink';
export { ChartLink } from './components/ChartLink';
export { FreshnessNotice } from './components/FreshnessNotice';
export { HoverLines } from './components/HoverLines';
export type { FreshnessNoticeProps } from './components/FreshnessNotice';
export { formatExact, formatRelative, RelativeTime } from './components/time';
export { useMeasuredWidth } from './hooks/useMeasuredWidth';
