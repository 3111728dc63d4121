/***/
/**
 * The github backend module for the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModuleGithub as default } from './module';
