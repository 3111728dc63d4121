/**
 * Golden-path drift: which components are on older versions of their template.
 *
 * @packageDocumentation
 */
export { goldenPathsPlugin as default } from './plugin';
export * from './drift/drift';
