/**
 * Golden paths: the template drift report page, and template/version per service for
 * the scorecards. This entry point is for the legacy frontend system; the new frontend
 * system uses `@internal/backstage-plugin-golden-paths/alpha`.
 *
 * @packageDocumentation
 */
export { goldenPathsPlugin, GoldenPathsPage } from './plugin';
export { rootRouteRef } from './routes';
export { GoldenPathsClient, goldenPathsApiRef } from './api/GoldenPathsClient';
export type * from './api/types';
export { GoldenPathCell } from './catalog/GoldenPathCell';
export type { GoldenPathCellProps } from './catalog/GoldenPathCell';
