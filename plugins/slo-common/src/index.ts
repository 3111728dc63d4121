/**
 * SLO model, OpenSLO v1 import and export, and error budget math.
 *
 * @packageDocumentation
 */
export * from './duration';
export * from './target';
export * from './model';
export * from './windows';
export * from './budget';
export * from './dataQuality';
export * from './burnRateTiers';
export * from './openslo';
export * from './api';
export * from './componentFacts';
export * from './evaluate';
export * from './permissions';
export * from './imports';
export * from './whyFrozen';
export * from './intervalBurn';
