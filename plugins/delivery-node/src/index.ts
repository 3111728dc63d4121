/**
 * Extension points for delivery source modules (GitHub, GitLab, Jenkins, ...).
 *
 * @packageDocumentation
 */
export * from './sources';
export { webhookJsonBodyParser } from './webhookJsonBodyParser';
