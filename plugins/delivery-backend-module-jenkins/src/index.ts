/**
 * The Jenkins backend module for the delivery plugin: deployments from the builds
 * of annotated Jenkins jobs.
 *
 * @packageDocumentation
 */

export { deliveryModuleJenkins } from './module';
export { deliveryModuleJenkins as default } from './module';
