import { matchesPattern } from '@internal/backstage-plugin-delivery-node';
import { WorkflowRef } from './types';

/** A config rule: runs of the workflows it names are deployments to `environment`. */
export interface WorkflowRule {
  /** Pattern for the workflow's name. */
  name?: string;
  /** Pattern for the workflow file's path, e.g. `.github/workflows/deploy-*.yml`. */
  path?: string;
  environment: string;
}

export { matchesPattern };

/**
 * Whether a pattern from an annotation names the workflow: by name, by file path, or
 * by file name (`deploy-web.yml`), so owners can use whichever they know.
 */
export function namesWorkflow(pattern: string, workflow: WorkflowRef): boolean {
  const candidates = [workflow.name];
  if (workflow.path) {
    candidates.push(workflow.path, workflow.path.split('/').pop()!);
  }
  return candidates.some(value => matchesPattern(pattern, value));
}

/**
 * The environment the first matching rule maps the workflow to. A rule with both
 * `name` and `path` needs both to match.
 */
export function environmentForWorkflow(
  rules: WorkflowRule[],
  workflow: WorkflowRef,
): string | undefined {
  const rule = rules.find(
    r =>
      (r.name === undefined || matchesPattern(r.name, workflow.name)) &&
      (r.path === undefined ||
        (workflow.path !== undefined && matchesPattern(r.path, workflow.path))),
  );
  return rule?.environment;
}
