/**
 * Delivery maturity from evidence: the rubric (levels and checks as data), the kinds
 * of checks as pure functions over a component's facts, and level assignment.
 *
 * @packageDocumentation
 */

export * from './checks';
export * from './facts';
export * from './levels';
export * from './rubric';
export * from './initiatives';
export type * from './api';
