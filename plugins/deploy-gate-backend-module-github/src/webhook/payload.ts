import {
  DecisionRequest,
  DeployKind,
} from '@internal/backstage-plugin-deploy-gate-common';
import { z } from 'zod';

/** The events backend's GitHub module publishes these deliveries on this topic. */
export const PROTECTION_RULE_TOPIC = 'github.deployment_protection_rule';

/**
 * The fields of GitHub's `deployment_protection_rule` delivery (action `requested`)
 * the gate reads; GitHub's schema (octokit/webhooks
 * `payload-schemas/api.github.com/deployment_protection_rule/requested.schema.json`)
 * has more. `deployment` is null when the job creates no deployment.
 */
const payloadSchema = z.object({
  action: z.string(),
  environment: z.string().min(1),
  event: z.string().optional(),
  sha: z.string().optional(),
  ref: z.string().optional(),
  deployment_callback_url: z.string().url(),
  deployment: z
    .object({
      id: z.number(),
      sha: z.string().optional(),
      ref: z.string().optional(),
      task: z.string().optional(),
      environment: z.string().optional(),
      payload: z.unknown().optional(),
      creator: z.object({ login: z.string() }).nullish(),
    })
    .nullish(),
  repository: z.object({
    full_name: z.string().min(3),
    html_url: z.string().url(),
  }),
  installation: z.object({ id: z.number() }).optional(),
  sender: z.object({ login: z.string() }).nullish(),
});

export type ProtectionRulePayload = z.infer<typeof payloadSchema>;

/** Where GitHub waits for the review, read from `deployment_callback_url`. */
export interface CallbackTarget {
  owner: string;
  repo: string;
  runId: string;
}

/** A protection rule request as the gate handles it. */
export interface ProtectionRuleRequest {
  /** `owner/repo` */
  repository: string;
  /** The repository's web URL: its host picks the `integrations.github` entry. */
  repositoryUrl: string;
  environment: string;
  callback: CallbackTarget;
  deploymentId?: number;
  /** What the gate is asked, without the component (matched from the repository). */
  ask: Omit<DecisionRequest, 'entityRef'>;
}

const CALLBACK_PATH =
  /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/;

/** `deployment.task` values naming a kind (GitHub's own convention is `deploy:<what>`). */
const TASK_KINDS: Record<string, DeployKind> = {
  'deploy:rollback': 'rollback',
  'deploy:hotfix': 'hotfix',
  'deploy:remediation': 'remediation',
};

/** A deployment's `payload`: an object, or a string holding JSON (the API takes both). */
function deploymentPayload(payload: unknown): Record<string, unknown> {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The kind of deploy: `deployment.payload.kind` when it is set (any value is passed on,
 * so the gate's validation names a wrong one), else `deployment.task`
 * `deploy:rollback`, `deploy:hotfix` or `deploy:remediation`, else `deploy`.
 */
export function deployKindOf(deployment: ProtectionRulePayload['deployment']): {
  kind: DeployKind;
  remediates?: string;
} {
  const payload = deploymentPayload(deployment?.payload);
  const remediates =
    typeof payload.remediates === 'string' ? payload.remediates : undefined;
  const kind =
    payload.kind !== undefined
      ? (payload.kind as DeployKind)
      : TASK_KINDS[deployment?.task ?? ''] ?? 'deploy';
  return { kind, ...(remediates !== undefined ? { remediates } : {}) };
}

export type ParsedDelivery =
  | { request: ProtectionRuleRequest }
  | { skipped: string }
  | { invalid: string };

/**
 * Reads a `deployment_protection_rule` delivery. Only `requested` is acted on. The
 * callback URL must name the delivery's own repository: the review is posted to the
 * GitHub integration's API base with that path, never to a host taken from a payload.
 */
export function parseProtectionRule(payload: unknown): ParsedDelivery {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { invalid: `${issue.path.join('.')}: ${issue.message}` };
  }
  const body = parsed.data;
  if (body.action !== 'requested') {
    return { skipped: `action ${body.action}` };
  }
  const path = new URL(body.deployment_callback_url).pathname;
  const match = CALLBACK_PATH.exec(path);
  if (!match) {
    return {
      invalid: `deployment_callback_url: ${path} is not a workflow run's deployment_protection_rule URL`,
    };
  }
  const [, owner, repo, runId] = match;
  if (
    `${owner}/${repo}`.toLowerCase() !== body.repository.full_name.toLowerCase()
  ) {
    return {
      invalid: `deployment_callback_url: names ${owner}/${repo}, not the delivery's repository ${body.repository.full_name}`,
    };
  }
  const deployment = body.deployment ?? undefined;
  const commitSha = deployment?.sha ?? body.sha;
  const login = deployment?.creator?.login ?? body.sender?.login;
  const ref = deployment?.ref ?? body.ref;
  return {
    request: {
      repository: body.repository.full_name,
      repositoryUrl: body.repository.html_url,
      environment: body.environment,
      callback: { owner, repo, runId },
      ...(deployment ? { deploymentId: deployment.id } : {}),
      ask: {
        environment: body.environment,
        ...deployKindOf(deployment),
        ...(ref ? { version: ref } : {}),
        ...(commitSha ? { commitSha } : {}),
        ...(login ? { requestedBy: `github:${login}` } : {}),
      },
    },
  };
}
