/**
 * Deploy gate: the decision rules as a pure function, the wire types of
 * `/api/deploy-gate` and the gate's permissions.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './rules';
export * from './permissions';
