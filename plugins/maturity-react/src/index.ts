/**
 * What frontend plugins share of delivery maturity: the API ref of the maturity
 * backend's client, the level chip, and the catalog/scorecard column's cell with the
 * hook that loads every row's level in one request. Frontend plugins depend on this
 * library, never on the maturity plugin.
 *
 * @packageDocumentation
 */
export { maturityApiRef } from './apis';
export { levelLabel, maturityLevelsLoader } from './levels';
export { MaturityLevelChip } from './components/MaturityLevelChip';
export type { MaturityLevelChipProps } from './components/MaturityLevelChip';
export { MaturityLevelCell } from './components/MaturityLevelCell';
export type { MaturityLevelCellProps } from './components/MaturityLevelCell';
export { useMaturityLevels } from './hooks/useMaturityLevels';
export type { MaturityLevels } from './hooks/useMaturityLevels';
