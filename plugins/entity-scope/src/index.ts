/**
 * The components whose data make up an entity's figures, shared by the delivery (DORA)
 * and SLO backends so a team's scorecard and its SLO roll-up cover the same services.
 *
 * @packageDocumentation
 */
export { componentsCoveredBy } from './coverage';
export type { GroupTree } from './groupTree';
export { componentsOwnedWithin, descendantGroups } from './groupTree';
export { parseEntityRefBatch } from './refBatch';
export { authorizeOrThrow, parseRequestPart } from './requestGuards';
