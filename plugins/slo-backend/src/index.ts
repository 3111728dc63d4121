/**
 * SLO backend plugin: objectives, error budgets, burn rates, roll-ups, the error
 * budget policy and deployment impact, evaluated against registered metric sources.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export {
  OPENSLO_FILE_ANNOTATION,
  OPENSLO_INLINE_ANNOTATION,
  PYRRA_FILE_ANNOTATION,
  SLOTH_FILE_ANNOTATION,
  SLOTH_SERVICE_ANNOTATION,
  SOURCE_ANNOTATION,
} from './definitions/definitionLoader';
