import { z } from 'zod';

/*
 * The parts of GitLab's webhook payloads this module reads, as documented in
 * https://docs.gitlab.com/user/project/integrations/webhook_events/ ("Deployment
 * events", "Pipeline events"). Everything else in a payload is ignored, so payloads
 * of older and newer GitLab versions pass as long as these fields are there.
 */

const hookProjectSchema = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1),
  web_url: z.url(),
});

/** `X-Gitlab-Event: Deployment Hook`, published by the events backend on `gitlab.deployment`. */
export const deploymentHookSchema = z.object({
  object_kind: z.literal('deployment'),
  status: z.string().min(1),
  /** Ruby's format, e.g. `2021-04-28 21:50:00 +0200`. */
  status_changed_at: z.string().min(1),
  /** The deployment's global id, as the Deployments API's `id`. */
  deployment_id: z.number().int(),
  /** The job that ran the deployment; null for deployments made through the API. */
  deployable_url: z.string().nullish(),
  environment: z.string().min(1),
  short_sha: z.string().min(1),
  project: hookProjectSchema,
  /** Who ran the deployment job. */
  user: z.object({ username: z.string().min(1) }).nullish(),
});

export type DeploymentHook = z.infer<typeof deploymentHookSchema>;

/** `X-Gitlab-Event: Pipeline Hook`, published by the events backend on `gitlab.pipeline`. */
export const pipelineHookSchema = z.object({
  object_kind: z.literal('pipeline'),
  object_attributes: z.object({
    /** The pipeline's global id, as the Pipelines API's `id`. */
    id: z.number().int(),
    /** `workflow:name`; sent since GitLab 16.1. */
    name: z.string().nullish(),
    ref: z.string().min(1),
    tag: z.boolean().nullish(),
    sha: z.string().min(1),
    source: z.string().nullish(),
    status: z.string().min(1),
    /** Ruby's format, e.g. `2016-08-12 15:23:28 UTC`. */
    created_at: z.string().min(1),
    finished_at: z.string().nullish(),
    url: z.string().nullish(),
  }),
  project: hookProjectSchema,
  /** Who started the pipeline (`object_attributes.source` says how). */
  user: z.object({ username: z.string().min(1) }).nullish(),
  /** The pipeline's commit; `timestamp` is its committed date. */
  commit: z
    .object({
      id: z.string().min(1),
      message: z.string().nullish(),
      title: z.string().nullish(),
      timestamp: z.string().nullish(),
      author: z.object({ name: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

export type PipelineHook = z.infer<typeof pipelineHookSchema>;

/**
 * `X-Gitlab-Event: Merge Request Hook`, published on `gitlab.merge_request`: opened,
 * updated (a push, draft toggled), approved or unapproved (`approval`,
 * `approved`, ...), merged, closed, reopened. Only says which merge request
 * changed; the module reads it from the API.
 */
export const mergeRequestHookSchema = z.object({
  object_kind: z.literal('merge_request'),
  object_attributes: z.object({
    /** Global id, as the Merge requests API's `id`. */
    id: z.number().int(),
    /** Per project: the API addresses merge requests by it. */
    iid: z.number().int(),
    action: z.string().nullish(),
  }),
  /** The target project, which the merge request belongs to. */
  project: hookProjectSchema,
});

export type MergeRequestHook = z.infer<typeof mergeRequestHookSchema>;

/**
 * `X-Gitlab-Event: Note Hook`, published on `gitlab.note`: a comment on a commit,
 * merge request, issue or snippet. Only comments on merge requests are read (a
 * review when written by someone other than the author).
 */
export const noteHookSchema = z.object({
  object_kind: z.literal('note'),
  object_attributes: z.object({ noteable_type: z.string().min(1) }),
  merge_request: z
    .object({ id: z.number().int(), iid: z.number().int() })
    .nullish(),
  project: hookProjectSchema,
});

export type NoteHook = z.infer<typeof noteHookSchema>;
