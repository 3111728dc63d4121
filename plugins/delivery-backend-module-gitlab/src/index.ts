/**
 * The GitLab source of the delivery plugin: GitLab deployments (and pipelines mapped
 * by config rules) from token-checked webhooks and a scheduled pull of the GitLab API.
 *
 * @packageDocumentation
 */

export { deliveryModuleGitlab as default } from './module';
export { deliveryModuleGitlab } from './module';
